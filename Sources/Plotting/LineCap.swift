/// How the open ends of a stroked path are drawn.
public enum LineCap: Sendable, Equatable {
    /// Ends exactly at the end point; used for tick marks so they don't overshoot.
    case butt
    /// A half-disc beyond the end point; used for data lines.
    case round
    /// A half-square beyond the end point; used for frames so corners meet cleanly.
    case square
}

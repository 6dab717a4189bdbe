/// How data values are spaced along an axis.
public enum AxisScale: Sendable, Equatable {
    case linear
    /// Base-10 logarithmic; values ≤ 0 cannot be shown and are skipped like missing data.
    case log
}

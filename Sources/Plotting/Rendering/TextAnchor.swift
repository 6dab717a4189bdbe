/// Which point of a text's box is placed at the drawing position.
///
/// Vertical anchors refer to the font's line box (ascent above the baseline, descent below)
/// rather than to each string's ink, so labels such as "0.1" and "0.7" line up exactly.
public struct TextAnchor: Sendable, Equatable, Hashable {
    /// Which side of the text (or its centre) is at the anchor point.
    public enum Horizontal: Sendable, Equatable, Hashable { case left, center, right }
    /// Which line of the text box is at the anchor point.
    public enum Vertical: Sendable, Equatable, Hashable { case top, middle, baseline, bottom }

    public var horizontal: Horizontal
    public var vertical: Vertical

    public init(_ horizontal: Horizontal, _ vertical: Vertical) {
        self.horizontal = horizontal
        self.vertical = vertical
    }

    public static let topCenter = TextAnchor(.center, .top)
    public static let bottomCenter = TextAnchor(.center, .bottom)
    public static let middleRight = TextAnchor(.right, .middle)
    public static let middleLeft = TextAnchor(.left, .middle)
    public static let baselineLeft = TextAnchor(.left, .baseline)

    /// Where the left end of the baseline of a text measuring `metrics` lies from the anchor point.
    func offset(_ metrics: TextMetrics) -> (dx: Double, dy: Double) {
        let dx: Double = switch horizontal {
        case .left: 0
        case .center: -metrics.width / 2
        case .right: -metrics.width
        }
        let dy: Double = switch vertical {
        case .top: metrics.ascent
        // Centring on the ascent alone (ignoring descenders) puts digits and capitals visually
        // on the anchor, which is what tick labels need.
        case .middle: metrics.ascent / 2
        case .baseline: 0
        case .bottom: -metrics.descent
        }
        return (dx, dy)
    }
}

/// Sizes and colours of chart furniture, in canvas units (pixels at scale 1).
///
/// Values follow matplotlib's defaults converted at its 100 dpi (1 pt = 100/72 canvas units):
/// 10 pt text, 12 pt titles, 0.8 pt spines and ticks, 3.5 pt ticks with 3.5 pt label padding.
public struct ChartStyle: Sendable, Equatable {
    public static let unitsPerPoint = 100.0 / 72.0

    public let tickLabelSize = 10 * unitsPerPoint
    public let axisLabelSize = 10 * unitsPerPoint
    public let titleSize = 12 * unitsPerPoint
    public let figureTitleSize = 12 * unitsPerPoint
    public let legendTextSize = 10 * unitsPerPoint
    public let spineWidth = 0.8 * unitsPerPoint
    public let tickWidth = 0.8 * unitsPerPoint
    public let tickLength = 3.5 * unitsPerPoint
    public let minorTickWidth = 0.6 * unitsPerPoint
    public let minorTickLength = 2 * unitsPerPoint
    public let tickPadding = 3.5 * unitsPerPoint
    public let axisLabelPadding = 4 * unitsPerPoint
    public let titlePadding = 6 * unitsPerPoint
    /// Space kept free around everything, like `tight_layout`'s padding.
    public let outerPadding = 0.6 * 10 * unitsPerPoint
    public let textColor = Color.black
    public let spineColor = Color.black
    public let legendEdgeColor = Color(hex: 0xCCCCCC)
    public let legendBackground = Color.white.withAlpha(0.8)

    public static let matplotlib = ChartStyle()
}

/// Sizes and colours of chart furniture, in canvas units (pixels at scale 1).
///
/// Values follow matplotlib's defaults converted at its 100 dpi (1 pt = 100/72 canvas units):
/// 10 pt text, 12 pt titles, 0.8 pt spines and ticks, 3.5 pt ticks with 3.5 pt label padding.
public struct ChartStyle: Sendable, Equatable {
    /// Canvas units per typographic point at matplotlib's default 100 dpi.
    public static let unitsPerPoint = 100.0 / 72.0

    public var tickLabelSize = 10 * unitsPerPoint
    public var axisLabelSize = 10 * unitsPerPoint
    public var titleSize = 12 * unitsPerPoint
    public var figureTitleSize = 12 * unitsPerPoint
    public var legendTextSize = 10 * unitsPerPoint
    public var spineWidth = 0.8 * unitsPerPoint
    public var tickWidth = 0.8 * unitsPerPoint
    public var tickLength = 3.5 * unitsPerPoint
    public var minorTickWidth = 0.6 * unitsPerPoint
    public var minorTickLength = 2 * unitsPerPoint
    public var tickPadding = 3.5 * unitsPerPoint
    public var axisLabelPadding = 4 * unitsPerPoint
    public var titlePadding = 6 * unitsPerPoint
    /// Space kept free around everything, like `tight_layout`'s padding.
    public var outerPadding = 0.6 * 10 * unitsPerPoint
    public var textColor = Color.black
    public var spineColor = Color.black
    public var legendEdgeColor = Color(hex: 0xCCCCCC)
    public var legendBackground = Color.white.withAlpha(0.8)

    public init() {}

    public static let matplotlib = ChartStyle()
}

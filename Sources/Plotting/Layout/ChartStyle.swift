/// Sizes and colours of chart furniture, in canvas units (pixels at scale 1).
///
/// Values follow matplotlib's defaults converted at its 100 dpi (1 pt = 100/72 canvas units):
/// 10 pt text, 12 pt titles, 0.8 pt spines and ticks, 3.5 pt ticks with 3.5 pt label padding.
struct ChartStyle: Sendable, Equatable {
    static let unitsPerPoint = 100.0 / 72.0

    let tickLabelSize = 10 * unitsPerPoint
    let axisLabelSize = 10 * unitsPerPoint
    let titleSize = 12 * unitsPerPoint
    let figureTitleSize = 12 * unitsPerPoint
    let legendTextSize = 10 * unitsPerPoint
    let spineWidth = 0.8 * unitsPerPoint
    let tickWidth = 0.8 * unitsPerPoint
    let tickLength = 3.5 * unitsPerPoint
    let minorTickWidth = 0.6 * unitsPerPoint
    let minorTickLength = 2 * unitsPerPoint
    let tickPadding = 3.5 * unitsPerPoint
    let axisLabelPadding = 4 * unitsPerPoint
    let titlePadding = 6 * unitsPerPoint
    /// Space kept free around everything, like `tight_layout`'s padding.
    let outerPadding = 0.6 * 10 * unitsPerPoint
    let textColor = Color.black
    let spineColor = Color.black
    let legendEdgeColor = Color(hex: 0xCCCCCC)
    let legendBackground = Color.white.withAlpha(0.8)

    static let matplotlib = ChartStyle()
}

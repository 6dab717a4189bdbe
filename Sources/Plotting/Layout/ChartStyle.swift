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
    /// The colours of the furniture: background, text, spines and ticks, legend frame.
    public var theme: Theme = .light
    public var textColor: Color { theme.text }
    public var spineColor: Color { theme.spine }
    public var legendEdgeColor: Color { theme.legendEdge }
    public var legendBackground: Color { theme.legendBackground }

    public init(theme: Theme = .light) { self.theme = theme }

    public static let matplotlib = ChartStyle()
}

/// The colours a figure draws around its data: the canvas, text, spines and ticks, and the
/// legend's frame. The data's own colours are the chart's (the caller picks a palette to match).
public struct Theme: Sendable, Equatable, Hashable {
    public var name: String
    public var background: Color
    public var text: Color
    /// Spines, tick marks and the colour bar's frame.
    public var spine: Color
    public var grid: Color
    public var legendEdge: Color
    public var legendBackground: Color

    public init(name: String, background: Color, text: Color, spine: Color, grid: Color, legendEdge: Color,
                legendBackground: Color) {
        self.name = name
        self.background = background
        self.text = text
        self.spine = spine
        self.grid = grid
        self.legendEdge = legendEdge
        self.legendBackground = legendBackground
    }

    /// matplotlib's defaults: black on white, a light grey legend frame on 80 % white.
    public static let light = Theme(name: "light", background: .white, text: .black, spine: .black,
                                    grid: Color(hex: 0xB0B0B0), legendEdge: Color(hex: 0xCCCCCC),
                                    legendBackground: Color.white.withAlpha(0.8))

    /// GitHub's dark canvas (#0d1117) with its light foreground (#e6edf3) for text, spines and ticks.
    public static let dark = Theme(name: "dark", background: Color(hex: 0x0D1117), text: Color(hex: 0xE6EDF3),
                                   spine: Color(hex: 0xC9D1D9), grid: Color(hex: 0x30363D),
                                   legendEdge: Color(hex: 0x6E7681),
                                   legendBackground: Color(hex: 0x0D1117).withAlpha(0.8))

    public var isDark: Bool { self == .dark }
}

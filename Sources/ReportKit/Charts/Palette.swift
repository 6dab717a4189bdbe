import Plotting

/// The data colours of every chart, chosen for a ``Theme``: the light one is the notebook's (matplotlib's red and
/// blue), the dark one GitHub's dark-mode accents, which reach WCAG contrast 3:1 as marks and 4.5:1 as text on
/// #0d1117 and stay ≥ 40 apart in CIE L*a*b* under the three colour-vision simulations (scripts/fixtures/colors.py).
///
/// Charts are built under ``current`` (``RunCharts`` reads it); elements that draw themselves read the palette of
/// their frame's theme, so that the frames of an animation, drawn concurrently, need no task-local.
struct Palette: Sendable {
    var theme: Theme
    var classColors: [Color]
    /// Class 0's end through the midpoint to class 1's end.
    var probabilityColormap: Colormap
    /// Contour lines and the network's zero lines.
    var lineColor: Color
    /// Edges around markers drawn over a field.
    var markerEdge: Color
    var lossLine: Color
    /// Sweep's converged and stuck seeds.
    var converged: Color
    var stuck: Color
    /// The boundary scatter's fill: half transparent on white, less on the dark canvas, where half would fall below 3:1.
    var scatterAlpha: Double
    var sweepAlpha: Double
    /// The network's weights: positive and negative.
    var positive: Color
    var negative: Color
    var reluColormap: Colormap
    var mapFrame: Color
    var labelBackground: Color
    /// The computation graph's box fills by role, its operation fill and its strokes and text.
    var graphFill: [ComputationGraph.Role: Color]
    var graphIntermediate: Color
    var graphOperation: Color
    var graphLine: Color
    var graphEdge: Color
    var graphRowLabel: Color
    var graphGrad: Color

    var text: Color { theme.text }

    static let light = Palette(
        theme: .light, classColors: [Color(hex: 0xFF0000), Color(hex: 0x0000FF)],
        probabilityColormap: .diverging(low: Color(hex: 0xD62728), mid: .white, high: Color(hex: 0x1F4FB4)),
        lineColor: .black, markerEdge: .white, lossLine: .tabBlue, converged: .tabBlue, stuck: .tabRed,
        scatterAlpha: 0.5, sweepAlpha: 0.7, positive: Color(hex: 0x1F4FB4), negative: Color(hex: 0xD62728),
        reluColormap: Colormap(colors: [.white, Color(hex: 0x1F4FB4)]), mapFrame: Color(hex: 0x555555),
        labelBackground: Color.white.withAlpha(0.85),
        graphFill: [.input: Color(hex: 0xE3F1DC), .parameter: Color(hex: 0xDCEAF7), .loss: Color(hex: 0xFBE3D6)],
        graphIntermediate: .white, graphOperation: Color(hex: 0xF0F0F0), graphLine: Color(hex: 0x333333),
        graphEdge: Color(hex: 0x555555), graphRowLabel: Color(hex: 0x777777), graphGrad: Color(hex: 0xA3241B))

    /// GitHub's dark canvas and its accents: red #ff7b72 and blue #58a6ff (contrast 7.5 on #0d1117).
    static let dark = Palette(
        theme: .dark, classColors: [Color(hex: 0xFF7B72), Color(hex: 0x58A6FF)],
        // Every stop a mark 3:1 against the canvas: red 3.4, grey 4.1, blue 4.1. The middle is a grey, not the
        // canvas, so that a share or a ŷ of one half does not vanish into the background.
        probabilityColormap: .diverging(low: Color(hex: 0xC62828), mid: Color(hex: 0x6E7681), high: Color(hex: 0x1F6FEB)),
        lineColor: Color(hex: 0xE6EDF3), markerEdge: Color(hex: 0x0D1117), lossLine: Color(hex: 0x58A6FF),
        converged: Color(hex: 0x58A6FF), stuck: Color(hex: 0xFF7B72), scatterAlpha: 0.85, sweepAlpha: 0.85,
        positive: Color(hex: 0x58A6FF), negative: Color(hex: 0xFF7B72),
        reluColormap: Colormap(colors: [Color(hex: 0x0D1117), Color(hex: 0x1F6FEB)]), mapFrame: Color(hex: 0x8B949E),
        labelBackground: Color(hex: 0x0D1117).withAlpha(0.85),
        graphFill: [.input: Color(hex: 0x12261E), .parameter: Color(hex: 0x121D2F), .loss: Color(hex: 0x2D1A12)],
        graphIntermediate: Color(hex: 0x0D1117), graphOperation: Color(hex: 0x21262D), graphLine: Color(hex: 0xC9D1D9),
        graphEdge: Color(hex: 0x8B949E), graphRowLabel: Color(hex: 0x8B949E), graphGrad: Color(hex: 0xFF7B72))

    static func of(_ theme: Theme) -> Palette { theme.isDark ? .dark : .light }

    /// The palette charts are built with; ``RunExperiment`` and the others set it around each image.
    @TaskLocal static var current: Palette = .light
}

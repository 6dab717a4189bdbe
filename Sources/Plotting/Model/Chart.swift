/// One set of axes with its data: lines, scatter points, an optional scalar field and colour bar.
public struct Chart: Sendable {
    public var title: String?
    public var xAxis: Axis
    public var yAxis: Axis
    /// Drawn in order, above the field and below the scatter points.
    public var lines: [LineSeries]
    public var scatters: [ScatterSeries]
    /// Drawn first, filling its own x/y range inside the axes.
    public var field: ScalarField?
    /// Drawn first, like the field: a heatmap of categories.
    public var cells: CellGrid?
    /// Whether to draw a legend for the series that have labels.
    public var showLegend: Bool
    public var legendPosition: LegendPosition
    public var colorBar: ColorBar?

    public init(
        title: String? = nil, xAxis: Axis = Axis(), yAxis: Axis = Axis(), lines: [LineSeries] = [],
        scatters: [ScatterSeries] = [], field: ScalarField? = nil, cells: CellGrid? = nil, colorBar: ColorBar? = nil,
        showLegend: Bool = true, legendPosition: LegendPosition = .best
    ) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.lines = lines
        self.scatters = scatters
        self.field = field
        self.cells = cells
        self.colorBar = colorBar
        self.showLegend = showLegend
        self.legendPosition = legendPosition
    }

    /// The series that appear in the legend, in drawing order.
    var legendEntries: [(label: String, symbol: LegendSymbol)] {
        lines.compactMap { line in line.label.map { ($0, .line(line.color, line.width)) } }
            + scatters.compactMap { s in s.label.map { ($0, .marker(s.marker, s.fillColor, s.radius)) } }
    }
}

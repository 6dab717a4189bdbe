/// One set of axes with what is drawn in them (its elements), a title, a legend and an optional
/// colour bar.
public struct Chart: Sendable {
    public var title: String?
    public var xAxis: Axis
    public var yAxis: Axis
    /// Drawn in order, each over the ones before, clipped to the axes.
    public var elements: [any ChartElement]
    /// Whether to draw a legend for the elements' legend entries.
    public var showLegend: Bool
    public var legendPosition: LegendPosition
    public var colorBar: ColorBar?
    /// Whether the frame, ticks and axis labels are drawn (matplotlib's `ax.set_axis_off()` when
    /// false): a diagram drawn as an element then has the whole cell but its title and padding.
    public var showsAxes: Bool

    public init(
        title: String? = nil, xAxis: Axis = Axis(), yAxis: Axis = Axis(), elements: [any ChartElement],
        colorBar: ColorBar? = nil, showLegend: Bool = true, legendPosition: LegendPosition = .best,
        showsAxes: Bool = true
    ) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.elements = elements
        self.colorBar = colorBar
        self.showLegend = showLegend
        self.legendPosition = legendPosition
        self.showsAxes = showsAxes
    }

    /// A chart of the usual kinds of element, stacked in matplotlib's order: the cell grid and
    /// the field (with its contours) first, then the lines, then the scatter points on top.
    public init(
        title: String? = nil, xAxis: Axis = Axis(), yAxis: Axis = Axis(), lines: [LineSeries] = [],
        scatters: [ScatterSeries] = [], field: ScalarField? = nil, cells: CellGrid? = nil, colorBar: ColorBar? = nil,
        showLegend: Bool = true, legendPosition: LegendPosition = .best
    ) {
        let backgrounds: [any ChartElement] = [cells as (any ChartElement)?, field].compactMap { $0 }
        self.init(title: title, xAxis: xAxis, yAxis: yAxis, elements: backgrounds + lines + scatters,
                  colorBar: colorBar, showLegend: showLegend, legendPosition: legendPosition)
    }
}

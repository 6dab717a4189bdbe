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
    /// Whether to draw the frame, ticks, tick labels and axis labels. Without them the plot
    /// fills its cell less the outer padding (and the title): for a picture that is not a plot
    /// of data, such as a diagram drawn by one element.
    public var showAxes: Bool

    public init(
        title: String? = nil, xAxis: Axis = Axis(), yAxis: Axis = Axis(), elements: [any ChartElement],
        colorBar: ColorBar? = nil, showLegend: Bool = true, legendPosition: LegendPosition = .best,
        showAxes: Bool = true
    ) {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.elements = elements
        self.colorBar = colorBar
        self.showLegend = showLegend
        self.legendPosition = legendPosition
        self.showAxes = showAxes
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

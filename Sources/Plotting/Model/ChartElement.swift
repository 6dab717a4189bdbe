/// Something drawn inside a chart's axes, like one of matplotlib's artists: a line, a scatter,
/// a field, a cell grid, or a kind the charts have not met yet.
///
/// The layout asks each element where its data lies and what it puts in the legend; the
/// renderer then has it draw itself, in the chart's order, through the plot's data-to-canvas
/// mapping. A new kind of mark is one new conforming type: ``Chart``, the layout and the
/// renderer need no edit.
public protocol ChartElement: Sendable {
    /// What the axes must show for this element, on axes of the given scales.
    func extent(xScale: AxisScale, yScale: AxisScale) -> ElementExtent
    /// The rows this element adds to the legend, in order.
    var legendEntries: [LegendEntry] { get }
    /// Draws the element, clipped to the plot, and returns what the legend should avoid covering.
    func draw(in plot: PlotFrame, on backend: any DrawingBackend) -> LegendObstacles
}

extension ChartElement {
    public var legendEntries: [LegendEntry] { [] }
}

/// The region of data an element occupies, in two kinds that axes treat differently.
public struct ElementExtent: Sendable, Equatable {
    /// Data points, which an axis without a range shows with a 5% margin (matplotlib's autoscale).
    public var points: DataBounds?
    /// A rectangle the element fills exactly, like an image or `contourf`: shown without margin.
    public var filled: (x: ClosedRange<Double>, y: ClosedRange<Double>)?

    public init(points: DataBounds? = nil, filled: (x: ClosedRange<Double>, y: ClosedRange<Double>)? = nil) {
        self.points = points
        self.filled = filled
    }

    public static func == (a: ElementExtent, b: ElementExtent) -> Bool {
        a.points == b.points && a.filled?.x == b.filled?.x && a.filled?.y == b.filled?.y
    }
}

/// One legend row: a label and the symbol drawn beside it.
public struct LegendEntry: Sendable {
    public var label: String
    public var symbol: LegendSymbol

    public init(label: String, symbol: LegendSymbol) {
        self.label = label
        self.symbol = symbol
    }
}

/// The symbol drawn beside a legend row's label.
public enum LegendSymbol: Sendable {
    /// A short line of this colour and width.
    case line(Color, Double)
    /// A marker of this fill colour and radius.
    case marker(Marker, Color, Double)
}

/// What a legend box should not cover, in canvas coordinates: the legend goes where the fewest
/// segments cross it and the fewest points fall in it.
public struct LegendObstacles: Sendable {
    public var polylines: [[Point]]
    public var points: [Point]

    public init(polylines: [[Point]] = [], points: [Point] = []) {
        self.polylines = polylines
        self.points = points
    }
}

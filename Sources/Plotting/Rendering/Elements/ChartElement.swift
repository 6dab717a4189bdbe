/// Something drawn inside a chart's axes, like one of matplotlib's artists: a line, a scatter,
/// a field, a cell grid, or a kind the charts have not met yet.
///
/// The layout asks each element where its data lies and what it puts in the legend; the
/// renderer then has it draw itself, in the chart's order, through the plot's data-to-canvas
/// mapping. A new kind of mark is one new conforming type: ``Chart``, the layout and the
/// renderer need no edit. It may live in another module: everything the built-in elements draw
/// with is public, text included (``DrawingBackend/drawLabel(_:at:size:color:anchor:rotation:)``
/// in ``PlotFrame/style``'s sizes), and its legend rows may bring their own ``LegendSymbol``.
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
    public var symbol: any LegendSymbol

    /// Generic so that `.line(color, width)` and `.marker(marker, color, radius)` read as before.
    public init(label: String, symbol: some LegendSymbol) {
        self.label = label
        self.symbol = symbol
    }
}

/// The symbol drawn beside a legend row's label: a line, a marker, or any drawing an element
/// brings, such as a small heatmap for a network's unit.
public protocol LegendSymbol: Sendable {
    /// Draws the symbol in `handle`, the space the legend keeps for it left of the label.
    func draw(in handle: LegendHandle, on backend: any DrawingBackend)
}

/// Where a legend row's symbol goes: a span on the label's midline, sized in the legend's font.
public struct LegendHandle: Sendable, Equatable {
    /// The left end of the span, on the midline between the label's baseline and its capitals.
    public var start: Point
    /// The span's width: matplotlib's handle length, two em.
    public var length: Double
    /// The legend's font size, for symbols that scale with the text.
    public var fontSize: Double

    public init(start: Point, length: Double, fontSize: Double) {
        self.start = start
        self.length = length
        self.fontSize = fontSize
    }

    /// The middle of the span, where a marker sits.
    public var center: Point { Point(x: start.x + length / 2, y: start.y) }
    /// The right end of the span.
    public var end: Point { Point(x: start.x + length, y: start.y) }
}

/// A short line across the handle, the symbol of a ``LineSeries``.
public struct LineSymbol: LegendSymbol, Equatable {
    public var color: Color
    public var width: Double

    public init(color: Color, width: Double) {
        self.color = color
        self.width = width
    }

    public func draw(in handle: LegendHandle, on backend: any DrawingBackend) {
        backend.strokeLine(from: handle.start, to: handle.end, color: color, width: width)
    }
}

/// A marker in the middle of the handle, the symbol of a ``ScatterSeries``.
public struct MarkerSymbol: LegendSymbol, Equatable {
    public var marker: Marker
    public var color: Color
    public var radius: Double

    public init(marker: Marker, color: Color, radius: Double) {
        self.marker = marker
        self.color = color
        self.radius = radius
    }

    public func draw(in handle: LegendHandle, on backend: any DrawingBackend) {
        marker.draw(at: handle.center, radius: radius, fill: color, on: backend)
    }
}

extension LegendSymbol where Self == LineSymbol {
    /// A short line of this colour and width.
    public static func line(_ color: Color, _ width: Double) -> LineSymbol { LineSymbol(color: color, width: width) }
}

extension LegendSymbol where Self == MarkerSymbol {
    /// A marker of this fill colour and radius.
    public static func marker(_ marker: Marker, _ color: Color, _ radius: Double) -> MarkerSymbol {
        MarkerSymbol(marker: marker, color: color, radius: radius)
    }
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

/// The plot rectangle of a laid-out chart and the mapping from data to canvas inside it: what a
/// ``ChartElement`` draws with.
public struct PlotFrame: Sendable {
    /// The area inside the axes, in canvas units.
    public let rect: Rect
    public let xScale: any Scale
    public let yScale: any Scale
    /// Device pixels per canvas unit: to snap lines to pixels and size decimation and images.
    public let pixelsPerUnit: Double
    /// The chart's text sizes and colours, so that an element's labels match its axes'.
    public let style: ChartStyle

    /// A frame of one's own, to draw an element outside a chart (a test, a thumbnail).
    public init(rect: Rect, xScale: any Scale, yScale: any Scale, pixelsPerUnit: Double = 1,
                style: ChartStyle = .matplotlib) {
        self.rect = rect
        self.xScale = xScale
        self.yScale = yScale
        self.pixelsPerUnit = pixelsPerUnit
        self.style = style
    }

    /// The canvas position of a data point; coordinates are NaN where the data cannot be shown.
    public func position(_ dataX: Double, _ dataY: Double) -> Point {
        Point(x: xScale.map(dataX), y: yScale.map(dataY))
    }

    /// The rectangle geometry is clipped to before drawing: the plot area plus a border wide
    /// enough for any stroke or marker, so lines still end cleanly at the visible edge.
    public var geometryBounds: Rect {
        rect.inset(top: -100, left: -100, bottom: -100, right: -100)
    }

    /// `v` rounded to a whole device pixel, so that filled neighbours meet without a blended seam.
    public func pixelEdge(_ v: Double) -> Double { (v * pixelsPerUnit).rounded() / pixelsPerUnit }
}

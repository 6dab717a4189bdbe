/// A scatter-plot marker: a disc, with an optional outline.
public struct Marker: Sendable, Equatable {
    /// Outline colour; nil draws no outline.
    public var edgeColor: Color?
    public var edgeWidth: Double

    public init(edgeColor: Color? = nil, edgeWidth: Double = 1) {
        precondition(edgeWidth >= 0, "Marker edgeWidth must be non-negative")
        self.edgeColor = edgeColor
        self.edgeWidth = edgeWidth
    }

    public static let circle = Marker()

    /// A marker with an opaque outline, which keeps e.g. training points readable on top of a
    /// coloured field or a cloud of translucent points.
    public static func edged(color: Color = .black, width: Double = 1) -> Marker {
        Marker(edgeColor: color, edgeWidth: width)
    }

    /// Fills the marker at `center` with `fill`, then strokes its outline if it has one.
    func draw(at center: Point, radius: Double, fill: Color, on backend: any DrawingBackend) {
        backend.addCircle(center: center, radius: radius)
        backend.fill(color: fill)
        if let edgeColor, edgeWidth > 0 {
            backend.addCircle(center: center, radius: radius)
            backend.stroke(color: edgeColor, width: edgeWidth)
        }
    }
}

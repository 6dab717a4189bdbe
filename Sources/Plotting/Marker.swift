/// The shape, and optional outline, of scatter-plot markers.
public struct Marker: Sendable, Equatable {
    /// The outline drawn at each point.
    public enum Shape: Sendable, Equatable {
        case circle, square, diamond, triangle
    }

    public var shape: Shape
    /// Outline colour; nil draws no outline.
    public var edgeColor: Color?
    public var edgeWidth: Double

    public init(shape: Shape, edgeColor: Color? = nil, edgeWidth: Double = 1) {
        precondition(edgeWidth >= 0, "Marker edgeWidth must be non-negative")
        self.shape = shape
        self.edgeColor = edgeColor
        self.edgeWidth = edgeWidth
    }

    public static let circle = Marker(shape: .circle)
    public static let square = Marker(shape: .square)
    public static let diamond = Marker(shape: .diamond)
    public static let triangle = Marker(shape: .triangle)

    /// A marker with an opaque outline, which keeps e.g. training points readable on top of a
    /// coloured field or a cloud of translucent points.
    public static func edged(_ shape: Shape = .circle, color: Color = .black, width: Double = 1) -> Marker {
        Marker(shape: shape, edgeColor: color, edgeWidth: width)
    }

    /// Adds the marker's outline, centred on `center`, to the backend's current path.
    ///
    /// `radius` is the circle's radius; other shapes get the same area so that mixed markers
    /// look equally heavy.
    func addPath(to backend: any DrawingBackend, center c: Point, radius r: Double) {
        switch shape {
        case .circle:
            backend.addCircle(center: c, radius: r)
        case .square:
            let h = r * 0.886  // half side of a square with the circle's area: √π / 2
            backend.move(to: Point(x: c.x - h, y: c.y - h))
            backend.line(to: Point(x: c.x + h, y: c.y - h))
            backend.line(to: Point(x: c.x + h, y: c.y + h))
            backend.line(to: Point(x: c.x - h, y: c.y + h))
            backend.closePath()
        case .diamond:
            let h = r * 1.253  // half diagonal of a square with the circle's area: √(π/2)
            backend.move(to: Point(x: c.x, y: c.y - h))
            backend.line(to: Point(x: c.x + h, y: c.y))
            backend.line(to: Point(x: c.x, y: c.y + h))
            backend.line(to: Point(x: c.x - h, y: c.y))
            backend.closePath()
        case .triangle:
            let h = r * 1.555  // circumradius of an equilateral triangle with the circle's area
            backend.move(to: Point(x: c.x, y: c.y - h))
            backend.line(to: Point(x: c.x + h * 0.866, y: c.y + h * 0.5))
            backend.line(to: Point(x: c.x - h * 0.866, y: c.y + h * 0.5))
            backend.closePath()
        }
    }
}

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


}

/// A set of unconnected points drawn as markers, like matplotlib's `scatter`.
public struct ScatterSeries: Sendable {
    public var x: [Double]
    public var y: [Double]
    public var color: Color
    /// Opacity of the marker fill, multiplied with the colour's own alpha; overlapping
    /// markers accumulate, as in matplotlib.
    public var alpha: Double
    /// Marker radius in canvas units. The default 4.5 is slightly above matplotlib's
    /// (s = 36 pt² gives 4.2 px at 100 dpi), which reads better with the 1.5-unit lines.
    public var radius: Double
    /// Shown in the legend when set.
    public var label: String?
    public var marker: Marker

    public init(
        x: [Double], y: [Double], color: Color = .tabBlue, alpha: Double = 1, radius: Double = 4.5,
        label: String? = nil, marker: Marker = .circle
    ) {
        precondition(x.count == y.count, "ScatterSeries needs as many x values as y values")
        precondition(radius >= 0, "ScatterSeries radius must be non-negative")
        precondition(alpha >= 0 && alpha <= 1, "ScatterSeries alpha must be in 0...1")
        self.x = x
        self.y = y
        self.color = color
        self.alpha = alpha
        self.radius = radius
        self.label = label
        self.marker = marker
    }

    public init(
        points: [(x: Double, y: Double)], color: Color = .tabBlue, alpha: Double = 1, radius: Double = 4.5,
        label: String? = nil, marker: Marker = .circle
    ) {
        self.init(x: points.map(\.x), y: points.map(\.y), color: color, alpha: alpha, radius: radius,
                  label: label, marker: marker)
    }

    /// The colour actually painted, with `alpha` folded in.
    var fillColor: Color { color.withAlpha(color.alpha * alpha) }
}

/// A series drawn as a connected line, like matplotlib's `plot`.
///
/// Non-finite values (and values ≤ 0 on a log axis) break the line, as in matplotlib. Long
/// series are decimated before drawing (see ``PolylineDecimator``).
public struct LineSeries: Sendable {
    /// Where the series' points come from.
    public enum Data: Sendable {
        /// y values at x = 0, 1, 2, …
        case indexed([Double])
        case xy(x: [Double], y: [Double])
        case envelope(MinMaxEnvelope)
    }

    public var data: Data
    public var color: Color
    public var width: Double
    /// Shown in the legend when set.
    public var label: String?
    /// Whether to reduce the series to per-pixel-column extremes; turn off only to compare.
    public var decimate: Bool = true

    /// A line through `y[i]` at x = i.
    public init(y: [Double], color: Color = .tabBlue, width: Double = 1.5, label: String? = nil) {
        self.init(.indexed(y), color: color, width: width, label: label)
    }

    public init(x: [Double], y: [Double], color: Color = .tabBlue, width: Double = 1.5, label: String? = nil) {
        precondition(x.count == y.count, "LineSeries needs as many x values as y values")
        self.init(.xy(x: x, y: y), color: color, width: width, label: label)
    }

    /// A line through the envelope of a streamed series (x = index).
    public init(envelope: MinMaxEnvelope, color: Color = .tabBlue, width: Double = 1.5, label: String? = nil) {
        self.init(.envelope(envelope), color: color, width: width, label: label)
    }

    private init(_ data: Data, color: Color, width: Double, label: String?) {
        precondition(width >= 0, "LineSeries width must be non-negative")
        self.data = data
        self.color = color
        self.width = width
        self.label = label
    }

    /// Calls `body` with each point in order; NaN marks a point that is not drawn.
    func forEachPoint(_ body: (Double, Double) -> Void) {
        switch data {
        case let .indexed(y):
            for i in y.indices { body(Double(i), y[i]) }
        case let .xy(x, y):
            for i in x.indices { body(x[i], y[i]) }
        case let .envelope(e):
            for v in e.vertices { body(v.x, v.y) }
        }
    }


}

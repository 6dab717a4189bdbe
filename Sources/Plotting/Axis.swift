/// The description of one chart axis: its label, scale and (optionally) fixed range.
public struct Axis: Sendable, Equatable {
    public var label: String
    public var scale: AxisScale
    /// The data interval shown; nil derives it from the data plus ``margin``, like matplotlib.
    public var range: ClosedRange<Double>?
    /// The fraction of the data span added on each side when ``range`` is nil (matplotlib: 5%).
    /// On a log axis the fraction applies to the span in decades.
    public var margin: Double
    /// When true (and ``range`` is nil) the padded range is widened to the enclosing major ticks.
    public var niceBounds: Bool
    /// Ticks and labels to show instead of computed ones, such as the categories of a ``CellGrid``.
    public var ticks: AxisTicks?

    public init(
        label: String = "", scale: AxisScale = .linear, range: ClosedRange<Double>? = nil,
        margin: Double = 0.05, niceBounds: Bool = false, ticks: AxisTicks? = nil
    ) {
        precondition(margin >= 0 && margin.isFinite, "Axis margin must be a non-negative fraction")
        if let range {
            precondition(range.lowerBound.isFinite && range.upperBound.isFinite, "Axis range must be finite")
            precondition(scale != .log || range.lowerBound > 0, "A log axis range must be positive")
        }
        self.label = label
        self.scale = scale
        self.range = range
        self.margin = margin
        self.niceBounds = niceBounds
        self.ticks = ticks
    }
}

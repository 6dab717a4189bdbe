/// The description of one chart axis: its label, scale and (optionally) fixed range.
public struct Axis: Sendable, Equatable {
    public var label: String
    public var scale: AxisScale
    /// The data interval shown; nil derives it from the data plus a 5% margin on each side,
    /// like matplotlib (on a log axis, 5% of the span in decades).
    public var range: ClosedRange<Double>?
    /// Ticks and labels to show instead of computed ones, such as the categories of a ``CellGrid``.
    public var ticks: AxisTicks?

    public init(label: String = "", scale: AxisScale = .linear, range: ClosedRange<Double>? = nil, ticks: AxisTicks? = nil) {
        if let range {
            precondition(range.lowerBound.isFinite && range.upperBound.isFinite, "Axis range must be finite")
            precondition(scale != .log || range.lowerBound > 0, "A log axis range must be positive")
        }
        self.label = label
        self.scale = scale
        self.range = range
        self.ticks = ticks
    }
}

/// How data values are spaced along an axis.
public enum AxisScale: Sendable, Equatable {
    case linear
    /// Base-10 logarithmic; values ≤ 0 cannot be shown and are skipped like missing data.
    case log
}

/// The ticks of one axis: labelled major positions and unlabelled minor ones.
public struct AxisTicks: Sendable, Equatable {
    public var major: [Double]
    public var labels: [String]
    public var minor: [Double]
    /// A multiplier such as "×10⁶", shown once at the end of the axis, when labels are in units of a power of ten.
    public var multiplier: String?

    public init(major: [Double], labels: [String], minor: [Double] = [], multiplier: String? = nil) {
        precondition(major.count == labels.count, "AxisTicks needs one label per major tick")
        self.major = major
        self.labels = labels
        self.minor = minor
        self.multiplier = multiplier
    }
}

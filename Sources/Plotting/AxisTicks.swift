/// The ticks of one axis: labelled major positions, unlabelled minor positions, and an
/// optional multiplier such as "×10⁶" that applies to every label.
public struct AxisTicks: Sendable, Equatable {
    public var major: [Double]
    public var labels: [String]
    public var minor: [Double]
    /// Shown once at the end of the axis when labels are written in units of a power of ten.
    public var multiplier: String?

    public init(major: [Double], labels: [String], minor: [Double] = [], multiplier: String? = nil) {
        precondition(major.count == labels.count, "AxisTicks needs one label per major tick")
        self.major = major
        self.labels = labels
        self.minor = minor
        self.multiplier = multiplier
    }
}

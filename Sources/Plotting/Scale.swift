/// A mapping from data values on one axis to canvas positions, with its inverse and ticks.
public protocol Scale: Sendable {
    /// The data interval shown on the axis.
    var domain: ClosedRange<Double> { get }
    /// The canvas position of `domain.lowerBound`.
    var pixelStart: Double { get }
    /// The canvas position of `domain.upperBound` (smaller than `pixelStart` on a y axis).
    var pixelEnd: Double { get }
    /// The canvas position of `value`, or NaN when the value cannot be shown (e.g. ≤ 0 on a log scale).
    func map(_ value: Double) -> Double
    /// The data value at canvas position `pixel`.
    func invert(_ pixel: Double) -> Double
    /// Ticks for an axis that has room for about `maxIntervals` labelled intervals.
    func ticks(maxIntervals: Int) -> AxisTicks
}

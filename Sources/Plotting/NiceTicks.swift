#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Evenly spaced 1-2-5 ticks covering a range, with labels formatted to the step.
///
/// Like d3-array's `ticks`, every value is computed from its integer index, so ticks are the
/// doubles nearest to the decimal numbers they print as. A reversed range gives descending
/// ticks; an empty range (start == end) gives that single value.
public struct NiceTicks: Sendable, Equatable {
    /// The tick positions, in the direction from `start` to `end`.
    public let values: [Double]
    /// The spacing; nil only when there are no ticks or the range is a single value.
    public let step: TickStep?
    /// The label of each value, with as many decimals as the step needs.
    public let labels: [String]
    /// When set, labels are in units of 10^multiplierExponent (used beyond 10⁶ or below 10⁻⁴,
    /// where plain decimals get unreadably long).
    public let multiplierExponent: Int?

    /// Picks the smallest nice step giving at most `maxIntervals` intervals over the range.
    public init(from start: Double, to end: Double, maxIntervals: Int = 9) {
        precondition(maxIntervals >= 1, "NiceTicks needs at least one interval")
        guard start.isFinite, end.isFinite else {
            self.init(values: [], step: nil, labels: [], multiplierExponent: nil)
            return
        }
        if start == end {
            self.init(values: [start], step: nil, labels: [NumberFormat.withMinusSign(NumberFormat.short(start))], multiplierExponent: nil)
            return
        }
        let low = min(start, end)
        let high = max(start, end)
        let span = high - low
        guard span.isFinite else {
            // Only a span overflowing to infinity (e.g. -1e308...1e308) gets here; label the ends.
            self.init(values: [start, end], step: nil, labels: [start, end].map { NumberFormat.withMinusSign(NumberFormat.short($0)) },
                      multiplierExponent: nil)
            return
        }
        let step = TickStep.covering(span: span, maxIntervals: maxIntervals)
        let stepValue = step.value
        // Beyond 2^52 the index itself is no longer exact; such ranges are a single ulp wide.
        guard abs(low / stepValue) < 4.0e15, abs(high / stepValue) < 4.0e15 else {
            self.init(values: [start], step: nil, labels: [NumberFormat.withMinusSign(NumberFormat.short(start))], multiplierExponent: nil)
            return
        }
        let tolerance = stepValue * 1e-9
        var first = Int((low / stepValue).rounded())
        if step.multiple(first) < low - tolerance { first += 1 }
        var last = Int((high / stepValue).rounded())
        if step.multiple(last) > high + tolerance { last -= 1 }
        var indices = first <= last ? Array(first...last) : []
        if start > end { indices.reverse() }
        let values = indices.map { step.multiple($0) }

        let largest = values.map(abs).max() ?? 0
        let magnitude = largest > 0 ? Int(floor(log10(largest))) : 0
        if largest > 0, magnitude >= 6 || magnitude <= -5 {
            // Labels become i × mantissa × 10^(exponent - magnitude), still from integer indices.
            let scaled = step.exponent - magnitude
            let digits = max(0, -scaled)
            let labels = indices.map { index -> String in
                let n = Double(index) * Double(step.mantissa)
                let v = scaled >= 0 ? n * TickStep.powerOfTen(scaled) : n / TickStep.powerOfTen(-scaled)
                return NumberFormat.withMinusSign(NumberFormat.fixed(v, digits: digits))
            }
            self.init(values: values, step: step, labels: labels, multiplierExponent: magnitude)
        } else {
            let labels = values.map { NumberFormat.withMinusSign(NumberFormat.fixed($0, digits: step.fractionDigits)) }
            self.init(values: values, step: step, labels: labels, multiplierExponent: nil)
        }
    }

    private init(values: [Double], step: TickStep?, labels: [String], multiplierExponent: Int?) {
        self.values = values
        self.step = step
        self.labels = labels
        self.multiplierExponent = multiplierExponent
    }

    /// The ticks as an ``AxisTicks``, with the multiplier written as "×10ⁿ".
    public var axisTicks: AxisTicks {
        AxisTicks(
            major: values, labels: labels,
            multiplier: multiplierExponent.map { "×" + Superscript.powerOfTen($0) })
    }

    /// The range widened outward to the nearest multiples of the step (d3's `nice`).
    public static func niceBounds(_ start: Double, _ end: Double, maxIntervals: Int = 9) -> ClosedRange<Double> {
        let low = min(start, end)
        let high = max(start, end)
        guard low.isFinite, high.isFinite, high > low else { return low...high }
        let step = TickStep.covering(span: high - low, maxIntervals: maxIntervals)
        let stepValue = step.value
        guard abs(low / stepValue) < 4.0e15, abs(high / stepValue) < 4.0e15 else { return low...high }
        let tolerance = 1e-9
        let first = Int(floor(low / stepValue + tolerance))
        let last = Int(ceil(high / stepValue - tolerance))
        return step.multiple(first)...step.multiple(last)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A "nice" tick spacing of the form mantissa × 10^exponent with a mantissa of 1, 2 or 5.
///
/// Ticks are produced from integer indices (`i × mantissa`, scaled by an exact power of ten)
/// rather than by repeated addition, so the third tick of a 0.1 step is exactly the double
/// nearest to 0.3 and never 0.30000000000000004.
public struct TickStep: Sendable, Equatable, Hashable {
    public let mantissa: Int
    public let exponent: Int

    public init(mantissa: Int, exponent: Int) {
        precondition([1, 2, 5].contains(mantissa), "TickStep mantissa must be 1, 2 or 5")
        self.mantissa = mantissa
        self.exponent = exponent
    }

    /// The smallest 1-2-5 step that divides `span` into at most `maxIntervals` intervals,
    /// which is how matplotlib's default locator picks its steps.
    public static func covering(span: Double, maxIntervals: Int) -> TickStep {
        precondition(maxIntervals >= 1, "TickStep needs at least one interval")
        precondition(span.isFinite && span > 0, "TickStep needs a positive finite span")
        let raw = span / Double(maxIntervals)
        var exponent = Int(floor(log10(raw)))
        // log10 may land one decade off near exact powers of ten; repair it so that
        // 10^exponent <= raw < 10^(exponent+1) holds on the exact scaled values.
        if TickStep(mantissa: 1, exponent: exponent).value > raw * (1 + 1e-12) { exponent -= 1 }
        if TickStep(mantissa: 1, exponent: exponent + 1).value <= raw * (1 - 1e-12) { exponent += 1 }
        for mantissa in [1, 2, 5] {
            let candidate = TickStep(mantissa: mantissa, exponent: exponent)
            // A hair of tolerance so a span of exactly 1.0 over 5 intervals picks 0.2, not 0.5.
            if candidate.value >= raw * (1 - 1e-9) { return candidate }
        }
        return TickStep(mantissa: 1, exponent: exponent + 1)
    }

    /// The step as a number (exact whenever the mantissa times the power of ten is representable).
    public var value: Double { multiple(1) }

    /// The `index`-th multiple of the step, computed without accumulating rounding error.
    public func multiple(_ index: Int) -> Double {
        let integer = Double(index) * Double(mantissa)
        if exponent >= 0 {
            return integer * Self.powerOfTen(exponent)
        }
        // Dividing by the exact power of ten rounds once, to the nearest double of the decimal.
        return integer / Self.powerOfTen(-exponent)
    }

    /// Decimal digits needed after the point to print every multiple of the step.
    public var fractionDigits: Int { max(0, -exponent) }

    /// 10^n, exact up to 10^22 because those powers are representable doubles.
    static func powerOfTen(_ n: Int) -> Double {
        precondition(n >= 0, "powerOfTen takes a non-negative exponent")
        if n <= 22 {
            var result = 1.0
            for _ in 0..<n { result *= 10 }
            return result
        }
        return pow(10, Double(n))
    }
}

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
        if decade(exponent) > raw * (1 + 1e-12) { exponent -= 1 }
        if decade(exponent + 1) <= raw * (1 - 1e-12) { exponent += 1 }
        // A hair of tolerance so a span of exactly 1.0 over 5 intervals picks 0.2, not 0.5.
        return [1, 2, 5].lazy.map { TickStep(mantissa: $0, exponent: exponent) }.first { $0.value >= raw * (1 - 1e-9) }
            ?? TickStep(mantissa: 1, exponent: exponent + 1)
    }

    /// The step as a number (exact whenever the mantissa times the power of ten is representable).
    public var value: Double { multiple(1) }

    /// The `index`-th multiple of the step, computed without accumulating rounding error:
    /// dividing by the exact power of ten rounds once, to the nearest double of the decimal.
    public func multiple(_ index: Int) -> Double {
        let integer = Double(index) * Double(mantissa)
        return exponent >= 0 ? integer * Self.powerOfTen(exponent) : integer / Self.powerOfTen(-exponent)
    }

    /// Decimal digits needed after the point to print every multiple of the step.
    public var fractionDigits: Int { max(0, -exponent) }

    /// 10^n, exact up to 10^22 because those powers are representable doubles.
    static func powerOfTen(_ n: Int) -> Double {
        precondition(n >= 0, "powerOfTen takes a non-negative exponent")
        return n <= 22 ? (0..<n).reduce(1.0) { product, _ in product * 10 } : pow(10, Double(n))
    }

    /// 10^k as the double nearest the decimal, which `pow(10, -3)` does not always give.
    static func decade(_ k: Int) -> Double { TickStep(mantissa: 1, exponent: k).value }
}

/// Evenly spaced 1-2-5 ticks covering a range, with labels formatted to the step.
///
/// Like d3-array's `ticks`, values come from integer indices (see ``TickStep``). A reversed
/// range gives descending ticks; an empty range (start == end) gives that single value.
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
        let low = min(start, end), high = max(start, end)
        // Only a span overflowing to infinity (e.g. -1e308...1e308) has finite ends and an
        // infinite span; label the ends.
        guard start.isFinite, end.isFinite, start != end, (high - low).isFinite else {
            self = NiceTicks(unstepped: !start.isFinite || !end.isFinite ? [] : start == end ? [start] : [start, end])
            return
        }
        let step = TickStep.covering(span: high - low, maxIntervals: maxIntervals)
        // Beyond 2^52 the index itself is no longer exact; such ranges are a single ulp wide.
        guard abs(low / step.value) < 4.0e15, abs(high / step.value) < 4.0e15 else {
            self = NiceTicks(unstepped: [start])
            return
        }
        let tolerance = step.value * 1e-9
        var first = Int((low / step.value).rounded())
        if step.multiple(first) < low - tolerance { first += 1 }
        var last = Int((high / step.value).rounded())
        if step.multiple(last) > high + tolerance { last -= 1 }
        var indices = first <= last ? Array(first...last) : []
        if start > end { indices.reverse() }
        values = indices.map(step.multiple)
        self.step = step

        let largest = values.map(abs).max() ?? 0
        let magnitude = largest > 0 ? Int(floor(log10(largest))) : 0
        func label(_ v: Double, _ step: TickStep) -> String {
            TickLabelFormat.withMinusSign(TickLabelFormat.fixed(v, digits: step.fractionDigits))
        }
        if largest > 0, magnitude >= 6 || magnitude <= -5 {
            // Labels become i × mantissa × 10^(exponent - magnitude), still from integer indices.
            let scaled = TickStep(mantissa: step.mantissa, exponent: step.exponent - magnitude)
            labels = indices.map { label(scaled.multiple($0), scaled) }
            multiplierExponent = magnitude
        } else {
            labels = values.map { label($0, step) }
            multiplierExponent = nil
        }
    }

    /// Values without a step, each labelled with as few decimals as it needs.
    private init(unstepped values: [Double]) {
        self.values = values
        step = nil
        labels = values.map { TickLabelFormat.withMinusSign(TickLabelFormat.short($0)) }
        multiplierExponent = nil
    }

    /// The ticks as an ``AxisTicks``, with the multiplier written as "×10ⁿ".
    public var axisTicks: AxisTicks {
        AxisTicks(major: values, labels: labels,
                  multiplier: multiplierExponent.map { "×" + TickLabelFormat.powerOfTen($0) })
    }
}

/// Ticks for a logarithmic axis: labelled decades ("10⁻³") with unlabelled 2…9 sub-ticks.
///
/// Ranges spanning less than two decades would show at most one label, so they are labelled
/// at 1-2-5 multiples (0.2, 0.5, 1, 2) instead, and failing that with linear nice ticks.
public struct LogTicks: Sendable, Equatable {
    public let major: [Double]
    public let labels: [String]
    public let minor: [Double]

    /// - Parameter maxLabels: decades are thinned to every 2nd, 5th, … when more would fit.
    public init(from start: Double, to end: Double, maxLabels: Int = 9) {
        precondition(maxLabels >= 1, "LogTicks needs at least one label")
        let low = min(start, end), high = max(start, end)
        guard low.isFinite, high.isFinite, low > 0 else {
            (major, labels, minor) = ([], [], [])
            return
        }
        let tolerance = 1e-9
        func inRange(_ v: Double) -> Bool { v >= low * (1 - tolerance) && v <= high * (1 + tolerance) }
        // The decades the range reaches into, and the powers of ten it contains.
        let decades = Int(floor(log10(low)))...Int(floor(log10(high)))
        let firstPower = Int(ceil(log10(low) - tolerance)), lastPower = Int(floor(log10(high) + tolerance))
        if lastPower > firstPower {
            var stride = 1
            while (lastPower - firstPower + stride) / stride > maxLabels {
                stride = stride == 1 ? 2 : stride == 2 ? 5 : stride * 2
            }
            let labelled = (firstPower...lastPower).filter { $0 % stride == 0 }
            major = labelled.map(TickStep.decade)
            labels = labelled.map(TickLabelFormat.powerOfTen)
            // Thinned decades still get a tick, just no label.
            minor = (stride == 1 ? decades.flatMap { k in (2...9).map { Double($0) * TickStep.decade(k) } }
                : decades.filter { $0 % stride != 0 }.map(TickStep.decade)).filter(inRange)
        } else {
            let steps = decades.flatMap { k in [1, 2, 5].map { TickStep(mantissa: $0, exponent: k).value } }
                .filter(inRange)
            let major = steps.count >= 3 ? steps
                : NiceTicks(from: low, to: high, maxIntervals: min(maxLabels, 6)).values
            self.major = major
            labels = major.map(TickLabelFormat.short)
            minor = decades.flatMap { k in (1...9).map { Double($0) * TickStep.decade(k) } }.filter { v in
                inRange(v) && !major.contains { abs($0 - v) <= v * tolerance }
            }
        }
    }

    public var axisTicks: AxisTicks { AxisTicks(major: major, labels: labels, minor: minor) }
}

/// How tick and colour-bar labels write numbers: fixed decimals, the shortest exact decimals,
/// powers of ten, and a true minus sign.
enum TickLabelFormat {
    /// `value` formatted by the C library's `printf` with `format`, a single-double conversion;
    /// for the labels' own notations only (callers format with Backprop's `NumpyFormat.printf`).
    private static func printf(_ format: String, _ value: Double) -> String {
        withVaList([value]) { arguments in
            // %f of the largest double has 309 integer digits.
            var buffer = [UInt8](repeating: 0, count: 512)
            let length = buffer.withUnsafeMutableBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { Int(vsnprintf($0.baseAddress, $0.count, format, arguments)) }
            }
            return String(decoding: buffer.prefix(min(max(length, 0), buffer.count - 1)), as: UTF8.self)
        }
    }

    /// `value` with exactly `digits` decimals, never printing "-0".
    static func fixed(_ value: Double, digits: Int) -> String {
        let text = printf("%.\(max(0, min(digits, 20)))f", value)
        // A tiny negative value rounds to "-0.00"; a label should read "0.00".
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// `value` with as few decimals as its magnitude needs (0.05 → "0.05", 20 → "20").
    static func short(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        if value == 0 { return "0" }
        for digits in 0...15 {
            let text = fixed(value, digits: digits)
            if let parsed = Double(text), abs(parsed - value) <= abs(value) * 1e-9 { return text }
        }
        return printf("%g", value)
    }

    /// `text` with a leading hyphen replaced by a real minus sign (U+2212), as matplotlib
    /// does: the hyphen is too short and sits too low next to digits.
    static func withMinusSign(_ text: String) -> String {
        text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }

    /// "10ⁿ" with the exponent in Unicode superscripts, the way decades are labelled on logarithmic
    /// axes: DejaVu Sans has all of them, so this needs no rich-text layout.
    static func powerOfTen(_ n: Int) -> String {
        "10" + String(String(n).map { superscripts[$0]! })
    }

    private static let superscripts = Dictionary(uniqueKeysWithValues: zip("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints doubles and 1-D double arrays character for character as numpy 2 does by default.
///
/// numpy's defaults are precision 8, floatmode `maxprec`, no suppression, line width 75 and
/// summarisation above 1000 elements with 3 edge items. Digits come from two sources that
/// together reproduce numpy's Dragon4: Swift's `description`, which yields the same shortest
/// round-trip digits, and glibc's `printf`, which rounds the exact binary value half to even
/// whenever numpy has to cut those digits short (or extend them, for subnormals).
///
/// Only `report` prints with it, yet it lives here: it is part of the port, checked against
/// numpy's own output like the random stream and the training are.
public enum NumpyFormat {
    fileprivate static let precision = 8
    private static let lineWidth = 75
    private static let summaryThreshold = 1000
    private static let edgeItems = 3

    /// `value` formatted by the C library's `printf` with `format`, a single-double conversion
    /// like `%.3f` or `%g`: the notation of the reports' tables and captions, which numpy's
    /// own printing does not cover.
    public static func printf(_ format: String, _ value: Double) -> String {
        cFormat(format, value)
    }

    /// What `str(np.float64(value))` prints, e.g. `0.1`, `1.0`, `1e-05`, `1.5e+16`, `-0.0`, `nan`.
    public static func scalar(_ value: Double) -> String {
        if let special = nonFinite(value) { return special }
        let digits = DecimalDigits(shortest: value)
        let magnitude = value.magnitude
        if magnitude == 0 || (1e-4 <= magnitude && magnitude < 1e16) {
            let (integer, fraction) = digits.positionalParts
            return integer + "." + (fraction.isEmpty ? "0" : fraction)
        }
        let (lead, fraction) = digits.mantissaParts(fractionDigits: digits.significand.count - 1)
        return lead + (fraction.isEmpty ? "" : "." + fraction) + exponentSuffix(digits.exponent, minDigits: 2)
    }

    /// What `str(np.array(values))` prints for a 1-D float64 array, wrapped and summarised like numpy.
    public static func array(_ values: [Double]) -> String {
        if values.isEmpty { return "[]" }
        let summarised = values.count > summaryThreshold
        // numpy sizes the columns from the elements it shows, not from the hidden middle.
        let shown = summarised ? Array(values.prefix(edgeItems) + values.suffix(edgeItems)) : values
        let layout = ColumnLayout(shown)
        var words = shown.map(layout.format)
        if summarised { words.insert("...", at: edgeItems) }
        return wrapped(words)
    }

    /// Joins elements with single spaces, breaking lines as numpy's `_formatArray` does.
    private static func wrapped(_ words: [String]) -> String {
        let indent = " "
        // Room for the closing bracket (or the separator) that follows each element.
        let elementLimit = lineWidth - 1
        var text = "", line = indent
        for (index, word) in words.enumerated() {
            if line.count + word.count > elementLimit && line.count > indent.count {
                text += line.trimmingTrailingSpaces() + "\n"
                line = indent
            }
            line += word
            if index < words.count - 1 { line += " " }
        }
        text += line
        return "[" + text.dropFirst(indent.count) + "]"
    }

    fileprivate static func nonFinite(_ value: Double) -> String? {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return nil
    }

    fileprivate static func exponentSuffix(_ exponent: Int, minDigits: Int) -> String {
        "e" + (exponent < 0 ? "-" : "+") + String(exponent.magnitude).leftPadded(to: minDigits, with: "0")
    }
}

/// The column geometry numpy's `FloatingFormat` derives from a whole array before printing any element.
private struct ColumnLayout {
    var scientific = false
    var padLeft = 0
    var padRight = 0
    /// Fraction digits every scientific mantissa gets, so the columns line up.
    var mantissaFractionDigits = 0
    var exponentDigits = 0

    init(_ values: [Double]) {
        let finite = values.filter(\.isFinite)
        let nonZero = finite.filter { $0 != 0 }.map(\.magnitude)
        if let largest = nonZero.max(), let smallest = nonZero.min() {
            scientific = largest >= 1e8 || smallest < 1e-4 || largest / smallest > 1e3
        }
        if scientific {
            let trial = finite.map { DecimalDigits(scientific: $0) }
            mantissaFractionDigits = trial.map { max(0, $0.significand.count - 1) }.max() ?? 0
            exponentDigits = trial.map { max(2, String($0.exponent.magnitude).count) }.max() ?? 0
            padLeft = trial.map { $0.isNegative ? 2 : 1 }.max() ?? 0
            padRight = exponentDigits + 2 + mantissaFractionDigits
        } else {
            let parts = finite.map { DecimalDigits(positional: $0).positionalParts }
            padLeft = parts.map(\.integer.count).max() ?? 0
            padRight = parts.map(\.fraction.count).max() ?? 0
        }
        if finite.count < values.count {
            // nan and inf are right-aligned in the full column, which may need widening.
            let hasNegativeInfinity = values.contains { $0 == -.infinity }
            let width = padRight + 1
            padLeft = max(padLeft, 3 - width, 3 + (hasNegativeInfinity ? 1 : 0) - width)
        }
    }

    func format(_ value: Double) -> String {
        if let special = NumpyFormat.nonFinite(value) { return special.leftPadded(to: padLeft + padRight + 1) }
        if scientific {
            let digits = DecimalDigits(exactly: value, scientificFraction: mantissaFractionDigits)
            let (lead, fraction) = digits.mantissaParts(fractionDigits: mantissaFractionDigits)
            return lead.leftPadded(to: padLeft) + "." + fraction
                + NumpyFormat.exponentSuffix(digits.exponent, minDigits: exponentDigits)
        }
        let (integer, fraction) = DecimalDigits(positional: value).positionalParts
        return integer.leftPadded(to: padLeft) + "." + fraction.rightPadded(to: padRight)
    }
}

/// A finite double as a sign, significant digits without leading or trailing zeros, and the
/// power of ten of the first digit (`1.25` is `"125"`, exponent 0; zero has no digits).
private struct DecimalDigits {
    var isNegative: Bool
    var significand: [Character]
    var exponent: Int

    /// The shortest digits that round-trip, as numpy's "unique" Dragon4 mode produces.
    init(shortest value: Double) {
        self.init(parsing: value.description, isNegative: value.sign == .minus)
    }

    /// The shortest digits, or the value rounded exactly at numpy's precision of fraction digits if shorter.
    init(positional value: Double) {
        self.init(shortest: value)
        if significand.count - 1 - exponent > NumpyFormat.precision {
            self.init(parsing: cFormat("%.*f", Int32(NumpyFormat.precision), value), isNegative: value.sign == .minus)
        }
    }

    /// The shortest digits, or the value rounded exactly at numpy's precision of mantissa fraction digits if shorter.
    init(scientific value: Double) {
        self.init(shortest: value)
        if significand.count - 1 > NumpyFormat.precision {
            self.init(exactly: value, scientificFraction: NumpyFormat.precision)
        }
    }

    /// The exact value rounded half to even at `fractionDigits` mantissa fraction digits.
    ///
    /// For normal doubles that is the shortest digits padded with zeros; subnormals carry fewer
    /// bits, so numpy prints their true digits instead (`5e-324` becomes `4.9e-324`).
    init(exactly value: Double, scientificFraction fractionDigits: Int) {
        self.init(parsing: cFormat("%.*e", Int32(fractionDigits), value), isNegative: value.sign == .minus)
    }

    /// Reads `[-]digits[.digits][e±exponent]`, as both `description` and `printf` write it.
    private init(parsing text: String, isNegative: Bool) {
        self.isNegative = isNegative
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0].filter { $0 != "-" }
        let integerCount = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        var digits = Array(mantissa.filter(\.isNumber))
        var exponent = integerCount - 1 + (parts.count > 1 ? Int(parts[1])! : 0)
        while digits.first == "0" {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        self.significand = digits
        self.exponent = digits.isEmpty ? 0 : exponent
    }

    /// Signed integer part and the fraction digits, for plain decimal notation.
    var positionalParts: (integer: String, fraction: String) {
        let sign = isNegative ? "-" : ""
        if exponent < 0 || significand.isEmpty {
            let zeros = String(repeating: "0", count: significand.isEmpty ? 0 : -exponent - 1)
            return (sign + "0", zeros + String(significand))
        }
        let integer = significand.prefix(exponent + 1)
        let trailingZeros = String(repeating: "0", count: exponent + 1 - integer.count)
        return (sign + String(integer) + trailingZeros, String(significand.dropFirst(exponent + 1)))
    }

    /// Signed leading digit and exactly `fractionDigits` digits after it, zero-padded.
    func mantissaParts(fractionDigits: Int) -> (lead: String, fraction: String) {
        let lead = (isNegative ? "-" : "") + String(significand.first ?? "0")
        return (lead, String(significand.dropFirst()).rightPadded(to: fractionDigits, with: "0"))
    }
}

/// Formats through glibc's `vsnprintf`, whose rounding of the exact binary value matches numpy's.
private func cFormat(_ format: String, _ arguments: CVarArg...) -> String {
    withVaList(arguments) { arguments in
        // The longest case, "%f" of the largest double, has 309 integer digits.
        var buffer = [UInt8](repeating: 0, count: 512)
        let length = buffer.withUnsafeMutableBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { Int(vsnprintf($0.baseAddress, $0.count, format, arguments)) }
        }
        return String(decoding: buffer.prefix(min(max(length, 0), buffer.count - 1)), as: UTF8.self)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int, with pad: Character = " ") -> String {
        String(repeating: pad, count: max(0, width - count)) + self
    }

    fileprivate func rightPadded(to width: Int, with pad: Character = " ") -> String {
        self + String(repeating: pad, count: max(0, width - count))
    }

    fileprivate func trimmingTrailingSpaces() -> String {
        String(self[..<(lastIndex { $0 != " " }.map(index(after:)) ?? startIndex)])
    }
}

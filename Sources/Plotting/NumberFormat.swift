#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal formatting helpers shared by tick and colour-bar labels.
public enum NumberFormat {
    /// `value` formatted by the C library's `printf` with `format`, a single-double conversion like `%.3f`.
    public static func printf(_ format: String, _ value: Double) -> String {
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

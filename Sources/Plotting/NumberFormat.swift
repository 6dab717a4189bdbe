import Foundation

/// Decimal formatting helpers shared by tick and colour-bar labels.
enum NumberFormat {
    /// `value` with exactly `digits` decimals, never printing "-0".
    static func fixed(_ value: Double, digits: Int) -> String {
        let text = String(format: "%.\(max(0, min(digits, 20)))f", value)
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
        return String(format: "%g", value)
    }

    /// `text` with a leading hyphen replaced by a real minus sign (U+2212), as matplotlib
    /// does: the hyphen is too short and sits too low next to digits.
    static func withMinusSign(_ text: String) -> String {
        text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }
}

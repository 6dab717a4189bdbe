/// Formatting of integers as Unicode superscripts, for exponents such as "10⁻³" in tick labels.
///
/// DejaVu Sans has all the superscript digits, so this needs no rich-text layout.
enum Superscript {
    private static let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

    static func string(_ n: Int) -> String {
        let body = String(n.magnitude).map { digits[Int(String($0))!] }
        return (n < 0 ? "⁻" : "") + String(body)
    }

    /// "10ⁿ", the way decades are labelled on logarithmic axes.
    static func powerOfTen(_ n: Int) -> String { "10" + string(n) }
}

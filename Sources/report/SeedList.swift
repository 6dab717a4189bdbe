/// The seeds of a sweep: a half-open range `A..<B`, a closed range `A...B`, or a list `A,B,C`.
enum SeedList {
    static let maximumCount = 1_000_000
    static let allowed = "a range like 0..<1000 or 0...999, or a list like 4,6,42, of seeds in 0...4294967295 (at most 1000000)"

    /// Parses `text`, throwing a usage error (``usageError(flag:value:allowed:)``) that says what is wrong with it.
    static func parse(_ text: String) throws -> [UInt32] {
        func number(_ part: Substring) throws -> UInt32 {
            guard let value = UInt32(part.trimmingSpaces) else { throw usageError(flag: "--seeds", value: text, allowed: allowed) }
            return value
        }
        for (separator, closed) in [("..<", false), ("...", true)] {
            guard let range = text.firstRange(of: separator) else { continue }
            let (low, high) = (try number(text[..<range.lowerBound]), try number(text[range.upperBound...]))
            let count = Int(high) - Int(low) + (closed ? 1 : 0)
            guard count > 0 else {
                let order = closed ? "<=" : "<"
                throw usageError(flag: "--seeds", value: text, allowed: "a non-empty range, low\(separator)high with low \(order) high")
            }
            guard count <= maximumCount else { throw usageError(flag: "--seeds", value: text, allowed: allowed) }
            return Array(low...(low + UInt32(count - 1)))
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= maximumCount else { throw usageError(flag: "--seeds", value: text, allowed: allowed) }
        return try parts.map(number)
    }
}

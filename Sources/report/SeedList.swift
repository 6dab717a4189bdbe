/// The seeds of a sweep: a half-open range `A..<B`, a closed range `A...B`, or a list `A,B,C`.
enum SeedList {
    static let maximumCount = 1_000_000
    static let allowed = "a range like 0..<1000 or 0...999, or a list like 4,6,42, of seeds in 0...4294967295 (at most 1000000)"

    /// Parses `text`, throwing a usage error (``usageError(flag:value:allowed:)``) that says what is wrong with it.
    static func parse(_ text: String) throws -> [UInt32] {
        let bound = Int(UInt32.max)
        func number(_ part: Substring) throws -> Int {
            guard let value = Int(part.trimmingSpaces), (0...bound).contains(value) else {
                throw usageError(flag: "--seeds", value: text, allowed: allowed)
            }
            return value
        }
        let seeds: [Int]
        if let range = text.firstRange(of: "..<") {
            let (low, high) = (try number(text[..<range.lowerBound]), try number(text[range.upperBound...]))
            guard low < high else { throw usageError(flag: "--seeds", value: text, allowed: "a non-empty range, low..<high with low < high") }
            guard high - low <= maximumCount else { throw usageError(flag: "--seeds", value: text, allowed: allowed) }
            seeds = Array(low..<high)
        } else if let range = text.firstRange(of: "...") {
            let (low, high) = (try number(text[..<range.lowerBound]), try number(text[range.upperBound...]))
            guard low <= high else { throw usageError(flag: "--seeds", value: text, allowed: "a non-empty range, low...high with low <= high") }
            guard high - low < maximumCount else { throw usageError(flag: "--seeds", value: text, allowed: allowed) }
            seeds = Array(low...high)
        } else {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count <= maximumCount else { throw usageError(flag: "--seeds", value: text, allowed: allowed) }
            seeds = try parts.map(number)
        }
        return seeds.map { UInt32($0) }
    }
}

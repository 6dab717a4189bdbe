import Foundation

/// Loads the numpy fixtures that `scripts/make-fixtures.py` writes.
enum Fixture {
    static func load<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else { throw CocoaError(.fileNoSuchFile) }
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    /// Decodes IEEE-754 bit patterns written as 16 hex digits.
    static func doubles(_ hex: [String]) -> [Double] {
        hex.map { Double(bitPattern: UInt64($0, radix: 16)!) }
    }
}

/// Whether two doubles agree to `tolerance`, relative to the larger magnitude.
func closeEnough(_ a: Double, _ b: Double, relative tolerance: Double) -> Bool {
    if a == b { return true }
    return abs(a - b) <= tolerance * max(abs(a), abs(b))
}

import ArgumentParser
import Backprop
import Plotting

/// A flag whose value is outside its allowed range: one line, naming the flag, the value and the range;
/// a `ValidationError`, so that the parser reports it with EX_USAGE.
func usageError(flag: String, value: String, allowed: String) -> ValidationError {
    ValidationError("\(flag) must be \(allowed) (got \(value.isEmpty ? "''" : value))")
}

/// A flag's text read as its value in `validate()`, rather than by the parser, so that every bad value
/// gets the same one-line usage error, naming the flag and what it allows, in our words; the typed
/// properties beside the flags (`iterations` for `iterationsText`) then cannot fail.
enum FlagValue {
    static func integer(_ text: String, flag: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw usageError(flag: flag, value: text, allowed: "an integer in \(range)")
        }
        return value
    }

    static func number(_ text: String, flag: String, allowed: String, where valid: (Double) -> Bool) throws -> Double {
        guard let value = Double(text), value.isFinite, valid(value) else {
            throw usageError(flag: flag, value: Double(text).map { "\($0)" } ?? text, allowed: allowed)
        }
        return value
    }

    /// A folder flag, which must not be empty.
    static func folder(_ text: String, flag: String) throws {
        guard !text.isEmpty else { throw usageError(flag: flag, value: text, allowed: "a folder path") }
    }

    static func number(_ text: String, flag: String, in range: ClosedRange<Double>) throws -> Double {
        try number(text, flag: flag, allowed: "a number in \(shown(range))") { range.contains($0) }
    }

    /// `range` as messages and help texts show it, like `0.25...8`.
    static func shown(_ range: ClosedRange<Double>) -> String {
        NumpyFormat.printf("%g", range.lowerBound) + "..." + NumpyFormat.printf("%g", range.upperBound)
    }

    static func choice<Choice: CaseIterable & RawRepresentable>(_ text: String, flag: String) throws -> Choice
    where Choice.RawValue == String {
        guard let value = Choice(rawValue: text) else {
            throw usageError(flag: flag, value: text, allowed: "one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}

extension StringProtocol {
    /// The text without the leading and trailing characters that `isBlank` accepts.
    func trimming(_ isBlank: (Character) -> Bool) -> SubSequence {
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }

    /// The text without leading and trailing spaces and tabs, as people type around list items.
    var trimmingSpaces: String {
        String(trimming { character in
            character.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
        })
    }
}

import ArgumentParser
import Backprop

/// A flag value that was refused. The parser puts it after the flag and the text the user gave
/// ("The value 'x' is invalid for '--seeds <seeds>': must be ..."), so it says only what the flag allows.
public struct FlagValueError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(allowed: String) { description = "must be \(allowed)" }
}

/// A flag's value, parsed once from its text into a type that cannot hold a value outside its range.
///
/// Each type states its range and default once; the command line, the help text and the library's
/// callers all read them from here.
public protocol FlagValue: ExpressibleByArgument, CustomStringConvertible, Sendable {
    /// What the flag allows, as help texts and refusals say it, like "an integer in 1...256".
    static var allowed: String { get }
    init(parsing text: String) throws(FlagValueError)
}

extension FlagValue {
    public init?(argument: String) { try? self.init(parsing: argument) }
    public var defaultValueDescription: String { description }

    /// The parser's `transform`: the refusal keeps its reason, which `init?(argument:)` cannot.
    @Sendable public static func parse(_ text: String) throws -> Self { try Self(parsing: text) }
}

/// The range of an integer flag; the flag's value is a ``BoundedInteger`` of it.
public protocol IntegerBounds: Sendable {
    static var range: ClosedRange<Int> { get }
}

/// An integer within its flag's range: no initialiser makes one outside it.
public struct BoundedInteger<Bounds: IntegerBounds>: FlagValue, ExpressibleByIntegerLiteral, Hashable, Comparable {
    public static var range: ClosedRange<Int> { Bounds.range }
    public static var allowed: String { "an integer in \(range)" }
    public let value: Int

    private init(unchecked value: Int) { self.value = value }

    /// `value` if it is in range; nil otherwise.
    public init?(_ value: Int) {
        guard Self.range.contains(value) else { return nil }
        self.init(unchecked: value)
    }

    public init(parsing text: String) throws(FlagValueError) {
        guard let value = Int(FlagText.trimmed(text)), Self.range.contains(value) else {
            throw FlagValueError(allowed: Self.allowed)
        }
        self.init(unchecked: value)
    }

    /// For literals in code: a value outside the range is a programming error.
    public init(integerLiteral value: Int) {
        precondition(Self.range.contains(value), "\(value) is outside \(Self.range)")
        self.init(unchecked: value)
    }

    public var description: String { "\(value)" }
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
}

/// The values a real-number flag allows; the flag's value is a ``BoundedNumber`` of it.
public protocol NumberBounds: Sendable {
    static var allowed: String { get }
    static func isAllowed(_ value: Double) -> Bool
    /// The value as help texts and messages show it.
    static func shown(_ value: Double) -> String
}

extension NumberBounds {
    public static func shown(_ value: Double) -> String { NumpyFormat.printf("%g", value) }
}

/// A closed range of a real-number flag.
public protocol ClosedNumberBounds: NumberBounds {
    static var range: ClosedRange<Double> { get }
}

extension ClosedNumberBounds {
    public static var allowed: String { "a number in \(FlagText.shown(range))" }
    public static func isAllowed(_ value: Double) -> Bool { range.contains(value) }
}

/// A finite number that its flag allows: no initialiser makes one it does not.
public struct BoundedNumber<Bounds: NumberBounds>: FlagValue, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, Hashable {
    public static var allowed: String { Bounds.allowed }
    public let value: Double

    private init(unchecked value: Double) { self.value = value }

    public init?(_ value: Double) {
        guard value.isFinite, Bounds.isAllowed(value) else { return nil }
        self.init(unchecked: value)
    }

    public init(parsing text: String) throws(FlagValueError) {
        guard let value = Double(FlagText.trimmed(text)), value.isFinite, Bounds.isAllowed(value) else {
            throw FlagValueError(allowed: Self.allowed)
        }
        self.init(unchecked: value)
    }

    /// For literals in code: a value the flag does not allow is a programming error.
    public init(floatLiteral value: Double) {
        precondition(value.isFinite && Bounds.isAllowed(value), "\(value) is outside \(Self.allowed)")
        self.init(unchecked: value)
    }

    public init(integerLiteral value: Int) { self.init(floatLiteral: Double(value)) }

    public var description: String { Bounds.shown(value) }
}

/// How every flag reads its text: spaces and tabs around a value (or a list item) are allowed, as
/// people type them after commas; nothing else is.
public enum FlagText {
    public static func trimmed(_ text: some StringProtocol) -> String {
        String(text.trimming { character in
            character.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
        })
    }

    /// `range` as messages and help texts show it, like `0.25...8`.
    public static func shown(_ range: ClosedRange<Double>) -> String { shown(range.lowerBound) + "..." + shown(range.upperBound) }

    /// A limit as people write it: `0.25`, `8`, `1e6` (not `1e+06`).
    public static func shown(_ value: Double) -> String {
        NumpyFormat.printf("%g", value).replacing("e+0", with: "e").replacing("e+", with: "e").replacing("e-0", with: "e-")
    }

    /// Comma-separated items; a text without a comma is one item.
    static func items(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map(trimmed)
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
}

/// A comma-separated list of 1 to ``limit`` distinct values of one flag type (`--learning-rates 0.01,0.1,1`).
public struct FlagList<Element: FlagValue & Hashable>: FlagValue, Hashable {
    /// The most values a list takes: an atlas's grid stays legible.
    public static var limit: Int { 12 }
    public let values: [Element]

    public static var allowed: String {
        "1 to \(limit) distinct values separated by commas, each \(Element.allowed)"
    }

    public init(parsing text: String) throws(FlagValueError) {
        let items = FlagText.items(text)
        var values: [Element] = []
        for item in items {
            guard let value = try? Element(parsing: item), !values.contains(value) else {
                throw FlagValueError(allowed: Self.allowed)
            }
            values.append(value)
        }
        guard values.count <= Self.limit else { throw FlagValueError(allowed: Self.allowed) }
        self.values = values
    }

    /// `values`, which must be 1 to ``limit`` distinct ones (a programming error otherwise).
    public init(_ values: [Element]) {
        precondition((1...Self.limit).contains(values.count) && Set(values).count == values.count,
                     "a flag list holds 1 to \(Self.limit) distinct values")
        self.values = values
    }

    public var description: String { values.map(\.description).joined(separator: ",") }
}

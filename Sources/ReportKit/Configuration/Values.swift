import ArgumentParser
import Backprop
import Plotting

// Every flag's type, range and default, each written once.

/// `np.random.seed(N)`.
public typealias Seed = BoundedInteger<SeedBounds>
public enum SeedBounds: IntegerBounds { public static let range = 0...Int(UInt32.max) }

extension Seed {
    public static var notebook: Seed { 4 }
    public var numpy: UInt32 { UInt32(value) }
}

/// How many `np.random.rand` values to discard after seeding (the notebook's own output needs 27).
public typealias SkipDraws = BoundedInteger<SkipDrawsBounds>
public enum SkipDrawsBounds: IntegerBounds { public static let range = 0...100_000_000 }

extension SkipDraws {
    public static var none: SkipDraws { 0 }
}

/// Gradient-descent iterations (the notebook's `iterations`).
public typealias Iterations = BoundedInteger<IterationsBounds>
public enum IterationsBounds: IntegerBounds { public static let range = 1...1_000_000_000 }

extension Iterations {
    public static var notebook: Iterations { 10_000 }
}

/// Units in the hidden layer (the notebook's `n_h`).
public typealias HiddenUnits = BoundedInteger<HiddenUnitsBounds>
public enum HiddenUnitsBounds: IntegerBounds { public static let range = 1...256 }

extension HiddenUnits {
    public static var notebook: HiddenUnits { 2 }
}

/// The step size (the notebook's `lr`).
public typealias LearningRate = BoundedNumber<LearningRateBounds>
public enum LearningRateBounds: NumberBounds {
    public static let largest = 1e6
    public static var allowed: String { "a number in (0, \(FlagText.shown(largest))]" }
    public static func isAllowed(_ value: Double) -> Bool { value > 0 && value <= largest }
    /// As Swift prints it, without a trailing `.0` on whole numbers (`1`, `0.03`), as people type it.
    public static func shown(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
    }
}

extension LearningRate {
    public static var notebook: LearningRate { 0.1 }
}

/// The pixel multiplier with the same layout (2 for HiDPI).
public typealias CanvasScale = BoundedNumber<CanvasScaleBounds>
public enum CanvasScaleBounds: ClosedNumberBounds { public static let range = 0.25...8.0 }

extension CanvasScale {
    public static var one: CanvasScale { 1 }
}

/// The spacing of the scatter grid, as a fraction of the plotted square.
public typealias GridStep = BoundedNumber<GridStepBounds>
public enum GridStepBounds: ClosedNumberBounds { public static let range = 0.01...0.5 }

extension GridStep {
    public static var notebook: GridStep { 0.05 }
}

/// The RMS difference over R, G and B on the 0–255 scale that a PNG may have and still be current.
public typealias Tolerance = BoundedNumber<ToleranceBounds>
public enum ToleranceBounds: ClosedNumberBounds {
    public static let range = 0.0...255.0
    public static var allowed: String { "a number in \(FlagText.shown(range)) (an RMS over RGB)" }
}

extension Tolerance {
    public static var exact: Tolerance { 0 }
}

/// Frames of an animation.
public typealias FrameCount = BoundedInteger<FrameCountBounds>
public enum FrameCountBounds: IntegerBounds { public static let range = 2...300 }

extension FrameCount {
    /// The default when the run has that many epochs; a shorter run gets one frame per epoch.
    public static var preferred: FrameCount { 30 }
}

/// Milliseconds each frame of an animation shows.
public typealias FrameDelay = BoundedInteger<FrameDelayBounds>
public enum FrameDelayBounds: IntegerBounds { public static let range = 10...10_000 }

extension FrameDelay {
    public static var standard: FrameDelay { 100 }
    /// How long the last frame stays, at the least, before the animation loops.
    public static var holdMilliseconds: Int { 2_000 }
}

/// An epoch, for `--snapshots`; whether it lies within the run is the run's rule.
public typealias Epoch = BoundedInteger<EpochBounds>
public enum EpochBounds: IntegerBounds { public static let range = 0...IterationsBounds.range.upperBound }

/// The canvas size at scale 1, `WIDTHxHEIGHT`.
public struct CanvasSize: FlagValue, Hashable {
    public static let sideRange = 100...10_000
    public static let standard = CanvasSize(width: 640, height: 480)
    public static var allowed: String { "WIDTHxHEIGHT with each in \(sideRange), like 640x480" }
    public let width, height: Int

    public init(width: Int, height: Int) {
        precondition(Self.sideRange.contains(width) && Self.sideRange.contains(height), "a canvas side outside \(Self.sideRange)")
        (self.width, self.height) = (width, height)
    }

    public init(parsing text: String) throws(FlagValueError) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false).map(FlagText.trimmed)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]),
              Self.sideRange.contains(width), Self.sideRange.contains(height)
        else { throw FlagValueError(allowed: Self.allowed) }
        (self.width, self.height) = (width, height)
    }

    public var description: String { "\(width)x\(height)" }
}

/// The seeds of a sweep or an atlas: a half-open range `A..<B`, a closed range `A...B`, or a list `A,B,C`,
/// each seed once.
public struct Seeds: FlagValue, Hashable {
    public static let maximumCount = 1_000_000
    public static let sweepDefault = Seeds(0..<1000)
    public static let atlasDefault = Seeds(0..<100)
    public static var allowed: String {
        "a range like '0..<1000' or '0...999', or a list of distinct seeds like 4,6,42, each in \(Seed.range)"
            + " (at most \(maximumCount) seeds)"
    }

    public let values: [UInt32]
    /// How the user wrote them, for help texts and messages.
    public let description: String

    public init(_ range: Range<UInt32>) {
        precondition(!range.isEmpty && range.count <= Self.maximumCount, "a sweep's seeds are 1 to \(Self.maximumCount)")
        values = Array(range)
        description = "\(range.lowerBound)..<\(range.upperBound)"
    }

    public init(_ list: [UInt32]) {
        precondition((1...Self.maximumCount).contains(list.count) && Set(list).count == list.count, "seeds are distinct")
        values = list
        description = list.map(String.init).joined(separator: ",")
    }

    public init(parsing text: String) throws(FlagValueError) {
        func number(_ part: some StringProtocol) throws(FlagValueError) -> UInt32 {
            guard let value = UInt32(FlagText.trimmed(part)) else { throw FlagValueError(allowed: Self.allowed) }
            return value
        }
        description = text
        for (separator, closed) in [("..<", false), ("...", true)] {
            guard let range = text.firstRange(of: separator) else { continue }
            let (low, high) = (try number(text[..<range.lowerBound]), try number(text[range.upperBound...]))
            let count = Int(high) - Int(low) + (closed ? 1 : 0)
            guard count > 0 else {
                throw FlagValueError(allowed: "a non-empty range, low\(separator)high with low \(closed ? "<=" : "<") high")
            }
            guard count <= Self.maximumCount else { throw FlagValueError(allowed: Self.allowed) }
            values = Array(low...(low + UInt32(count - 1)))
            return
        }
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        guard items.count <= Self.maximumCount else { throw FlagValueError(allowed: Self.allowed) }
        var seen = Set<UInt32>()
        var values: [UInt32] = []
        for item in items {
            let seed = try number(item)
            // A seed twice would train twice and count twice in the totals.
            guard seen.insert(seed).inserted else { throw FlagValueError(allowed: Self.allowed) }
            values.append(seed)
        }
        self.values = values
    }

    public static func == (a: Seeds, b: Seeds) -> Bool { a.values == b.values }
    public func hash(into hasher: inout Hasher) { hasher.combine(values) }

    /// One text for one set of seeds however it was written (`0...2` and `0,1,2` are `0..<3`), for the part
    /// files, whose parts must name the same seeds: a range when the seeds are one, else the list.
    public var canonicalDescription: String {
        let (first, last) = (values.first!, values.last!)
        guard Int(last) - Int(first) + 1 == values.count, values == Array(first...last) else {
            return values.map(String.init).joined(separator: ",")
        }
        return last == .max ? "\(first)...\(last)" : "\(first)..<\(last + 1)"
    }
}

/// `--shard K/N`: the K-th of N parts of a sweep's or an atlas's networks, for one of N machines (or jobs).
public struct Shard: FlagValue, Hashable {
    /// More parts than a cluster's job array or a CI matrix takes would only make files.
    public static let countRange = 1...100_000
    public static var allowed: String { "K/N with 1 <= K <= N <= \(countRange.upperBound), like 3/8" }
    /// K, from 1.
    public let index: Int
    /// N.
    public let count: Int

    public init(_ index: Int, of count: Int) {
        precondition(Self.countRange.contains(count) && (1...count).contains(index), "a shard K/N with 1 <= K <= N")
        (self.index, self.count) = (index, count)
    }

    public init(parsing text: String) throws(FlagValueError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(FlagText.trimmed)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
              Self.countRange.contains(count), (1...count).contains(index)
        else { throw FlagValueError(allowed: Self.allowed) }
        self.init(index, of: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// This part's jobs of `total`: every N-th from job K − 1, so that the parts differ by one job at most
    /// and each holds its share of every cell of an atlas (whose wide cells train slower).
    public func jobs(of total: Int) -> JobSelection {
        JobSelection(first: index - 1, step: count, count: total >= index ? (total - index) / count + 1 : 0)
    }
}

/// A chart title: `\n` (a backslash and an n, as shells pass it) breaks it into lines.
public struct Title: FlagValue, Hashable {
    /// More lines would crowd out the chart on the smallest canvas.
    public static let maximumLines = 4
    public static var allowed: String { "a title of at most \(maximumLines) lines" }
    public let text: String

    public init(parsing text: String) throws(FlagValueError) {
        let broken = text.replacing("\\n", with: "\n")
        // Counted as the chart draws them: any line break (\r, U+2028, ...) starts a line.
        let lines = broken.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
        guard lines <= Self.maximumLines else { throw FlagValueError(allowed: Self.allowed + " (got \(lines))") }
        self.text = broken
    }

    public var description: String { text.replacing("\n", with: "\\n") }
}

/// A folder flag's path, which must not be empty.
public struct FolderPath: FlagValue, Hashable {
    public static var allowed: String { "a folder path" }
    public static var defaultOutput: FolderPath { FolderPath(unchecked: "output") }
    public let path: String
    private init(unchecked path: String) { self.path = path }

    public init(parsing text: String) throws(FlagValueError) {
        guard !text.isEmpty else { throw FlagValueError(allowed: Self.allowed) }
        path = text
    }

    public var description: String { path }
}

/// A flag that names one of a few choices, refused with the list of them on one line.
public protocol ChoiceFlag: FlagValue, CaseIterable, RawRepresentable where RawValue == String {}

extension ChoiceFlag {
    public static var allowed: String { "one of " + allCases.map(\.rawValue).joined(separator: ", ") }
    public init?(argument: String) { self.init(rawValue: argument) }
    public var defaultValueDescription: String { rawValue }
    public var description: String { rawValue }

    public init(parsing text: String) throws(FlagValueError) {
        guard let value = Self(rawValue: FlagText.trimmed(text)) else { throw FlagValueError(allowed: Self.allowed) }
        self = value
    }

    /// What shells complete the flag's value with.
    public static var completion: CompletionKind { .list(allCases.map(\.rawValue)) }
}

/// How the boundary chart shows the network: the notebook's grid of `predict` dots, or ŷ as a colour field.
public enum BoundaryView: String, ChoiceFlag {
    case scatter, probability
    public static var notebook: BoundaryView { .scatter }
}

public enum LossScale: String, ChoiceFlag {
    case linear, log
    public static var notebook: LossScale { .linear }
    var axisScale: AxisScale { self == .log ? .log : .linear }
}

extension Activation: ChoiceFlag {
    public static var notebook: Activation { .sigmoid }
}

extension Initialization: ChoiceFlag {
    public static var notebook: Initialization { .uniform }
}

extension Gate: ChoiceFlag {
    public static var notebook: Gate { .xor }
}

/// `--theme`: which colour themes each chart is drawn in; `both` writes NAME and NAME-dark.
public enum ThemeChoice: String, ChoiceFlag {
    case light, dark, both
    public static var standard: ThemeChoice { .light }

    /// What to draw: each file's name variant and its theme. `dark` alone keeps the plain names.
    var renderings: [(variant: OutputVariant, theme: Theme)] {
        switch self {
        case .light: [(.light, .light)]
        case .dark: [(.light, .dark)]
        case .both: [(.light, .light), (.dark, .dark)]
        }
    }
}

extension ImageFormat: ChoiceFlag {
    public static var standard: ImageFormat { .png }
}

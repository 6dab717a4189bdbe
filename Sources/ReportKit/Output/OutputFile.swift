import Plotting

/// What a file holds, which decides how `--check` compares it and how report.md shows it.
public enum OutputKind: Sendable, Equatable {
    case image(ImageFormat)
    case json
    case markdown
    case html

    var fileExtension: String {
        switch self {
        case let .image(format): return format.rawValue
        case .json: return "json"
        case .markdown: return "md"
        case .html: return "html"
        }
    }
}

/// Every file name the commands write, without its extension: a name is written here once.
public enum FileStem: String, Sendable, CaseIterable {
    case losses, boundary, evolution
    case network
    case networkEvolution = "network-evolution"
    case backprop
    case training
    case trace
    case summary, report
    /// report.html; its raw value differs from report.md's only because raw values must.
    case page = "report-page"
    case sweep, atlas

    /// The file's name without its extension.
    var name: String { self == .page ? "report" : rawValue }

    /// The kind of the files whose kind does not follow `--format`.
    var fixedKind: OutputKind? {
        switch self {
        // The one format here that animates.
        case .training: return .image(.png)
        case .summary, .trace: return .json
        case .report: return .markdown
        case .page: return .html
        case .losses, .boundary, .evolution, .network, .networkEvolution, .backprop, .sweep, .atlas: return nil
        }
    }

    /// The file's name, for a stem whose kind is fixed.
    var fileName: String { OutputFile.name(name, fixedKind!) }

    /// The stem of a part file of `--shard K/N`, like `sweep.part-3-of-8`: the parts of one run share a folder.
    func partStem(_ shard: Shard) -> String { "\(rawValue).part-\(shard.index)-of-\(shard.count)" }

    /// Which part of which command the file `name` is, by its name alone: what `report merge` takes from a folder.
    static func part(named name: String) -> (stem: FileStem, shard: Shard)? {
        for stem in [FileStem.sweep, .atlas] {
            let prefix = "\(stem.rawValue).part-", suffix = ".\(OutputKind.json.fileExtension)"
            guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { continue }
            let numbers = name.dropFirst(prefix.count).dropLast(suffix.count).split(separator: "-of-", omittingEmptySubsequences: false)
            // Only the names --shard writes: a folder's other files (`sweep.part-03-of-8.json`, a copy) are not parts.
            guard numbers.count == 2, let index = Int(numbers[0]), let count = Int(numbers[1]),
                  let shard = try? Shard(parsing: "\(index)/\(count)"), stem.partStem(shard) + suffix == name
            else { return nil }
            return (stem, shard)
        }
        return nil
    }

    /// Every name a file of this stem can have, its dark variants among them.
    var possibleNames: [String] {
        if let fixedKind {
            let file = OutputFile.name(name, fixedKind)
            return self == .training ? OutputVariant.allCases.map { OutputFile.name($0.stem(name), fixedKind) } : [file]
        }
        let images = OutputVariant.allCases.flatMap { variant in
            ImageFormat.allCases.map { OutputFile.name(variant.stem(name), .image($0)) }
        }
        return self == .sweep || self == .atlas ? images + [OutputFile.name(name, .json), OutputFile.name(name, .html)] : images
    }
}

/// An image's name: the plain one, or NAME-dark for the dark image of `--theme both`.
public enum OutputVariant: String, Sendable, CaseIterable {
    case light, dark

    /// The stem of this variant's file.
    func stem(_ stem: String) -> String { self == .light ? stem : "\(stem)-dark" }

}

/// One file a command writes, rendered in memory before any is written.
public struct OutputFile: Sendable {
    let stem: String
    public let kind: OutputKind
    /// The theme it is drawn in; a dark image's name is NAME-dark.
    public let variant: OutputVariant
    public let bytes: [UInt8]
    /// An image's description in words, as the file itself carries it: report.md's alt text and
    /// summary.json's `descriptions` repeat it.
    public let description: String?

    public init(_ stem: FileStem, kind: OutputKind, bytes: [UInt8], description: String? = nil,
                variant: OutputVariant = .light) {
        precondition(stem.fixedKind == nil || stem.fixedKind == kind, "\(stem) is always \(String(describing: stem.fixedKind))")
        self.init(stem: stem.name, kind: kind, bytes: bytes, description: description, variant: variant)
    }

    /// The part file of `--shard` `shard` of the command whose files are `stem`'s.
    public init(part stem: FileStem, of shard: Shard, bytes: [UInt8]) {
        self.init(stem: stem.partStem(shard), kind: .json, bytes: bytes)
    }

    /// A file of a stem whose kind is fixed (summary.json, report.md, training.png).
    public init(_ stem: FileStem, bytes: [UInt8], description: String? = nil, variant: OutputVariant = .light) {
        self.init(stem, kind: stem.fixedKind!, bytes: bytes, description: description, variant: variant)
    }

    private init(stem: String, kind: OutputKind, bytes: [UInt8], description: String? = nil, variant: OutputVariant = .light) {
        (self.stem, self.kind, self.bytes, self.description, self.variant) = (stem, kind, bytes, description, variant)
    }

    public var name: String { Self.name(variant.stem(stem), kind) }

    static func name(_ stem: String, _ kind: OutputKind) -> String { "\(stem).\(kind.fileExtension)" }

    /// A PNG that `--diff` writes beside this one's name, like `losses-diff.png` for `role` "diff".
    func companion(_ role: String, bytes: [UInt8]) -> OutputFile {
        OutputFile(stem: "\(variant.stem(stem))-\(role)", kind: .image(.png), bytes: bytes)
    }
}

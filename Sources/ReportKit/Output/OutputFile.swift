import Plotting

/// What a file holds, which decides how `--check` compares it and how report.md shows it.
public enum OutputKind: Sendable, Equatable {
    case image(ImageFormat)
    case json
    case markdown

    var fileExtension: String {
        switch self {
        case let .image(format): return format.rawValue
        case .json: return "json"
        case .markdown: return "md"
        }
    }
}

/// One file a command writes, rendered in memory before any is written.
public struct OutputFile: Sendable {
    public let stem: String
    public let kind: OutputKind
    public let bytes: [UInt8]

    public init(_ stem: FileStem, kind: OutputKind, bytes: [UInt8]) {
        self.stem = stem.rawValue
        self.kind = kind
        self.bytes = bytes
    }

    public var name: String { "\(stem).\(kind.fileExtension)" }

    /// The name of the file `stem` of `kind`, before it is drawn.
    static func name(_ stem: FileStem, _ kind: OutputKind) -> String { "\(stem.rawValue).\(kind.fileExtension)" }
}

/// Every file name the commands write, without its extension: a name is written here once.
public enum FileStem: String, Sendable, CaseIterable {
    case losses, boundary, evolution
    /// The animation: always a PNG, the one format here that animates.
    case training
    case summary, report
    case sweep, atlas
}

import Glibc

/// How `report` ends, as sysexits.h numbers it: scripts and CI tell failures apart by it.
public struct ExitStatus: Equatable, Sendable, CustomStringConvertible {
    public let code: Int32
    public init(_ code: Int32) { self.code = code }

    public static let success = ExitStatus(0)
    /// Training diverged, or `--check` found stale files: the run worked, its verdict is no.
    public static let failure = ExitStatus(1)
    public static let usage = ExitStatus(EX_USAGE)
    public static let dataError = ExitStatus(EX_DATAERR)
    public static let noInput = ExitStatus(EX_NOINPUT)
    public static let unavailable = ExitStatus(EX_UNAVAILABLE)
    public static let systemError = ExitStatus(EX_OSERR)
    public static let cannotCreate = ExitStatus(EX_CANTCREAT)
    public static let ioError = ExitStatus(EX_IOERR)
    /// A bug, or a library that failed where it should not (Cairo out of memory).
    public static let software = ExitStatus(EX_SOFTWARE)

    public var description: String { "\(code)" }

    /// Every status `report` ends with and when: `report --help` lists them, the README's table follows.
    public static let documented: [(status: ExitStatus, meaning: String)] = [
        (.success, "success (and --check with every file current)"),
        (.failure, "training diverged, or --check found stale or missing files"),
        (.usage, "a flag out of range, unknown, malformed or unable to act"),
        (.dataError, "a --data file that holds bad data; a --font file that is not a font; a damaged part file, or parts of different runs"),
        (.noInput, "the --data or --font file is missing or cannot be read; a part to merge is missing"),
        (.unavailable, "the default font is not installed"),
        (.software, "an internal error (Cairo failed)"),
        (.systemError, "FreeType failed on the font"),
        (.cannotCreate, "the output folder cannot be created or written"),
        (.ioError, "an I/O error while writing (a full disk), standard output included"),
    ]
}

/// Every failure the pipeline reports: its one-line message (after `report: `) and the status to exit
/// with. The command line maps any error to its exit status in one place, by this protocol.
public protocol ReportError: Error, CustomStringConvertible {
    var status: ExitStatus { get }
}

/// Flags that were each valid but cannot go together, or cannot act: exit 64.
public struct UsageError: ReportError {
    public let description: String
    public var status: ExitStatus { .usage }

    public init(_ message: String) { description = message }

    /// `flag` given where it has no effect: refused rather than silently ignored.
    public static func cannotAct(_ flag: String, without other: String) -> UsageError {
        UsageError("\(flag) applies only with \(other)")
    }
}

/// `text` quoted for a one-line message, its first `limit` characters at most (then "…"), with line
/// breaks and other control characters escaped (``escapingControlCharacters(_:)``) so that the message
/// stays on its line and keeps its reason.
public func quoted(_ text: some StringProtocol, limit: Int = .max) -> String {
    let scalars = text.unicodeScalars
    let shown = String(String.UnicodeScalarView(scalars.prefix(limit)))
    return "'" + escapingControlCharacters(shown) + (scalars.count > limit ? "…" : "") + "'"
}

/// `text` with each control character and line or paragraph separator written as `\u{HEX}`: the one
/// rule for showing a user's text (a path, a field, a title) where a line break would split a line.
public func escapingControlCharacters(_ text: some StringProtocol) -> String {
    text.unicodeScalars.map { scalar in
        let value = scalar.value
        return value < 0x20 || value == 0x7F || (0x80..<0xA0).contains(value) || value == 0x2028 || value == 0x2029
            ? "\\u{\(String(value, radix: 16))}" : String(scalar)
    }.joined()
}

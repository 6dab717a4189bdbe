import Glibc
import Synchronization

private let standardErrorFailures = Atomic<Bool>(false)

/// The system's message for an `errno` value, like "No such file or directory".
func systemMessage(_ error: Int32) -> String { String(cString: strerror(error)) }

/// Writes `bytes` to `descriptor` in as few `write` calls as the system allows (so that a line is not
/// split), going on after EINTR; returns the `errno` of a failure, nil when all was written.
func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0, errno == EINTR { continue }
        if written < 0 { return errno }
        offset += written
    }
    return nil
}

/// Reads `descriptor` to its end in chunks of up to 1 MiB, so that its size costs only what `consume`
/// keeps, going on after EINTR; returns the `errno` of a failure, nil at the end.
func readAll(_ descriptor: Int32, _ consume: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows -> Int32? {
    let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
    defer { chunk.deallocate() }
    while true {
        let count = read(descriptor, chunk.baseAddress, chunk.count)
        if count < 0, errno == EINTR { continue }
        if count < 0 { return errno }
        if count == 0 { return nil }
        try consume(UnsafeBufferPointer(rebasing: chunk[..<count]))
    }
}

/// Standard output could not take what `report` printed (a full disk): exit 74, as coreutils' `close_stdout`.
public struct StandardOutputError: ReportError {
    let error: Int32
    public var status: ExitStatus { .ioError }
    public var description: String { "cannot write to standard output: \(systemMessage(error))" }
}

/// Where a command speaks: stdout for its answer (the transcript, `--check`'s verdicts), stderr for
/// what it did (unless `--quiet`), its warnings and its progress bar.
public struct Terminal: Sendable {
    public let quiet: Bool
    private let output: @Sendable (String) throws -> Void
    private let error: @Sendable (String) -> Void
    /// Whether a progress bar may be drawn: stderr is a terminal and the command is not quiet.
    let showsProgress: Bool

    /// The process's own stdout and stderr, written without buffering; a failed write to stdout throws.
    public static func process(quiet: Bool) -> Terminal {
        Terminal(quiet: quiet, showsProgress: !quiet && isatty(STDERR_FILENO) == 1,
                 output: { text throws(StandardOutputError) in
                     if let error = writeAll(Array(text.utf8), to: STDOUT_FILENO) { throw StandardOutputError(error: error) }
                 },
                 error: { text in
                     if writeAll(Array(text.utf8), to: STDERR_FILENO) != nil { standardErrorFailures.store(true, ordering: .relaxed) }
                 })
    }

    /// Whether a write to the process's stderr failed: nothing can say so there, but the exit status can.
    public static var standardErrorFailed: Bool { standardErrorFailures.load(ordering: .relaxed) }

    /// A terminal whose lines go to `output` and `error`, for callers that keep them (tests).
    public init(quiet: Bool = false, showsProgress: Bool = false, output: @escaping @Sendable (String) throws -> Void,
                error: @escaping @Sendable (String) -> Void) {
        self.quiet = quiet
        self.showsProgress = showsProgress
        self.output = output
        self.error = error
    }

    /// A line of the command's answer on stdout.
    public func print(_ line: String) throws { try output(line + "\n") }

    /// What the command did, on stderr, unless quiet.
    public func inform(_ line: String) { if !quiet, !line.isEmpty { error(line + "\n") } }

    /// Something the user should know even when quiet: the run worked, but not as they may think.
    public func warn(_ message: String) { error("report: warning: \(message)\n") }

    /// Raw text on stderr: the progress bar's redraws.
    func draw(_ text: String) { error(text) }

    /// The command's final error line, after which it exits.
    public func fail(_ message: String) { error("report: \(message)\n") }
}

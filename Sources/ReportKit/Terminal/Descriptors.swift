import Glibc

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

/// The process's standard output, written without buffering: the transcript and `--check`'s verdicts.
enum StandardOutput {
    /// Standard output could not take what `report` printed (a full disk): exit 74, as coreutils' `close_stdout`.
    struct WriteError: Error, CustomStringConvertible {
        let error: Int32
        var description: String { "cannot write to standard output: \(systemMessage(error))" }
    }

    static func write(_ text: String) throws(WriteError) {
        if let error = writeAll(Array(text.utf8), to: STDOUT_FILENO) { throw WriteError(error: error) }
    }
}

/// The process's standard error, written without buffering.
enum StandardError {
    /// Writes `text`; a failure is ignored, as there is nowhere left to report it.
    static func write(_ text: String) { _ = writeAll(Array(text.utf8), to: STDERR_FILENO) }
}

import Glibc

/// The process's standard error, written without buffering.
enum StandardError {
    /// Writes `text` in as few `write` calls as the system allows, so that a line is not split.
    ///
    /// A failure is ignored: there is nowhere left to report it.
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

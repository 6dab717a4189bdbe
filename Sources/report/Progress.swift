import Foundation

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
///
/// Safe to call from many threads: updates are counted under a lock and redrawn at most
/// every 100 ms, so the bar costs nothing measurable.
final class Progress: @unchecked Sendable {
    private let total: Int
    private let label: String
    private let enabled: Bool
    private let lock = NSLock()
    private var done = 0
    private var lastDraw = DispatchTime.now()

    init(total: Int, label: String) {
        self.total = total
        self.label = label
        enabled = isatty(STDERR_FILENO) == 1 && total > 0
    }

    /// Counts `count` more units done.
    func advance(by count: Int = 1) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done += count
        let now = DispatchTime.now()
        if done == total || now.uptimeNanoseconds - lastDraw.uptimeNanoseconds > 100_000_000 {
            lastDraw = now
            draw()
        }
    }

    /// Clears the bar so that the next message starts on a clean line.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw() {
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total)".utf8))
    }
}

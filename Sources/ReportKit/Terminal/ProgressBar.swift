import Dispatch
import Glibc
import Synchronization

/// A one-line progress bar on stderr, drawn only when stderr is a terminal and the command is not quiet; safe to call from many
/// threads, as updates are counted under a lock, and redrawn at most every 100 ms, so it costs nothing measurable.
final class ProgressBar: Sendable {
    private let total: Int, label: String, enabled: Bool
    private let terminal: Terminal
    /// Units done, and when the bar was last drawn.
    private let state = Mutex((done: 0, lastDraw: DispatchTime.now()))

    init(total: Int, label: String, terminal: Terminal) {
        self.total = total
        self.label = label
        self.terminal = terminal
        enabled = terminal.showsProgress && total > 0
    }

    func advance(by count: Int = 1) {
        guard enabled else { return }
        state.withLock { state in
            state.done += count
            let now = DispatchTime.now()
            if state.done == total || now.uptimeNanoseconds - state.lastDraw.uptimeNanoseconds > 100_000_000 {
                state.lastDraw = now
                let filled = 30 * state.done / total
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: 30 - filled)
                terminal.draw("\r\(label) \(bar) \(state.done)/\(total)")
            }
        }
    }

    /// Clears the bar so that the next message starts on a clean line.
    func finish() {
        if enabled { state.withLock { _ in terminal.draw("\r\u{1B}[K") } }
    }
}

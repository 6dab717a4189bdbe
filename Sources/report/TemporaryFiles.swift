import CSignals
import Glibc

/// The temporary files a write has staged, removed even when a signal ends the process.
///
/// `report` stages every output under a hidden temporary name before renaming it into place
/// (see ``OutputFolder``). If SIGINT, SIGTERM, SIGHUP, SIGQUIT or SIGPIPE arrives while files are
/// staged, a handler unlinks them and re-raises the signal with its default action, so the
/// process still ends "killed by SIGINT" as a shell expects, and leaves no temporary file.
///
/// The handler is C (`Sources/CSignals`): Swift code in a handler may take the runtime's locks
/// or allocate. It reads only atomics and `sig_atomic_t` flags and calls only async-signal-safe
/// functions; the paths it unlinks are copied before each file is created.
///
/// While a write commits (renames every staged file into place) a signal is held back and
/// acted on once the commit is over, so a run's files are replaced all together or not at all.
///
/// SIGXFSZ is ignored, so that a file-size limit (`ulimit -f`) makes `write` fail with EFBIG,
/// which ``OutputFolder`` reports as an I/O error, instead of killing the process mid-file.
enum TemporaryFiles {
    /// The signals after which staged files are removed.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE]

    /// Installs the handlers once. Signals the process ignores (as `nohup` or a background job
    /// arranges) stay ignored.
    static func installHandlers() {
        _ = signals.withUnsafeBufferPointer { staged_files_install($0.baseAddress, Int32($0.count)) }
    }

    /// Records `path` as staged, before the file is created; returns its slot for ``remove(_:)``.
    static func register(_ path: String) -> Int? {
        let slot = staged_files_register(path)
        return slot >= 0 ? Int(slot) : nil
    }

    /// Forgets a staged path once its file is renamed into place or removed.
    static func remove(_ slot: Int?) {
        guard let slot else { return }
        staged_files_unregister(Int32(slot))
    }

    /// Runs `body` (the renames of a commit) with signals held back until it returns.
    static func committing<T>(_ body: () throws -> T) rethrows -> T {
        staged_files_begin_commit()
        defer { staged_files_end_commit() }
        return try body()
    }
}

import Glibc
import Synchronization

/// The temporary files a write has staged, removed even when a signal ends the process.
///
/// `report` stages every output under a hidden temporary name before renaming it into place
/// (see ``OutputFolder``). If SIGINT, SIGTERM, SIGHUP, SIGQUIT or SIGPIPE arrives while files are
/// staged, a C-level handler unlinks them and re-raises the signal with its default action, so
/// the process still ends "killed by SIGINT" as a shell expects, and leaves no temporary file.
///
/// The handler only calls async-signal-safe functions (`unlink`, `sigaction`, `raise`) on
/// memory allocated before it is installed: a fixed table of C strings that the writing thread
/// fills in *before* it creates each file and clears after renaming it. Strings are never freed,
/// so a handler running on another thread never reads freed memory; a run stages a handful.
///
/// While a write commits (renames every staged file into place) a signal is held back and
/// re-raised once the commit is over, so a run's files are replaced all together or not at all.
///
/// SIGXFSZ is ignored, so that a file-size limit (`ulimit -f`) makes `write` fail with EFBIG,
/// which ``OutputFolder`` reports as an I/O error, instead of killing the process mid-file.
enum TemporaryFiles {
    /// The signals after which staged files are removed.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE]

    /// At most this many files are staged at once; a run writes at most six.
    static let capacity = 64

    /// The staged paths as C strings; `nil` slots are free.
    nonisolated(unsafe) fileprivate static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()

    /// 1 while a commit is renaming files; the handler then only records the signal.
    nonisolated(unsafe) fileprivate static let commitFlag: UnsafeMutablePointer<sig_atomic_t> = {
        let flag = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 2)
        flag.initialize(repeating: 0, count: 2)
        return flag
    }()

    /// The signal that arrived during a commit, or 0.
    fileprivate static var deferredSignal: UnsafeMutablePointer<sig_atomic_t> { commitFlag + 1 }

    private static let lock = Mutex(())
    nonisolated(unsafe) private static var installed = false

    /// Installs the handlers once. Signals the process ignores (as `nohup` or a background job
    /// arranges) stay ignored.
    static func installHandlers() {
        lock.withLock { _ in installOnce() }
    }

    private static func installOnce() {
        guard !installed else { return }
        installed = true
        // Touch the tables so that the handler never runs their lazy initialisation.
        _ = slots
        _ = commitFlag
        for signal in signals {
            var current = sigaction()
            guard sigaction(signal, nil, &current) == 0 else { continue }
            if unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = removeStagedFilesAndReraise
            sigemptyset(&action.sa_mask)
            for other in signals { sigaddset(&action.sa_mask, other) }
            action.sa_flags = SA_RESTART
            sigaction(signal, &action, nil)
        }
        Glibc.signal(SIGXFSZ, SIG_IGN)
    }

    /// Records `path` as staged, before the file is created; returns its slot for ``remove(_:)``.
    static func register(_ path: String) -> Int? {
        lock.withLock { _ in
            guard let slot = (0..<capacity).first(where: { slots[$0] == nil }) else { return nil }
            slots[slot] = strdup(path)  // never freed: see the type's notes
            return slot
        }
    }

    /// Forgets a staged path once its file is renamed into place or removed.
    static func remove(_ slot: Int?) {
        guard let slot else { return }
        lock.withLock { _ in slots[slot] = nil }
    }

    /// Runs `body` (the renames of a commit) with signals held back until it returns.
    static func committing<T>(_ body: () throws -> T) rethrows -> T {
        commitFlag.pointee = 1
        defer {
            commitFlag.pointee = 0
            let signal = deferredSignal.pointee
            if signal != 0 {
                removeStagedFilesAndReraise(signal)
            }
        }
        return try body()
    }
}

/// The signal handler: unlinks every staged file, then dies of `signal` with its default action.
private func removeStagedFilesAndReraise(_ signal: Int32) {
    if TemporaryFiles.commitFlag.pointee != 0 {
        TemporaryFiles.deferredSignal.pointee = signal
        return
    }
    for slot in 0..<TemporaryFiles.capacity {
        if let path = TemporaryFiles.slots[slot] { unlink(path) }
    }
    var action = sigaction()
    action.__sigaction_handler.sa_handler = SIG_DFL
    sigemptyset(&action.sa_mask)
    sigaction(signal, &action, nil)
    // The signal is blocked while its handler runs; unblock it so that raise takes effect now.
    var mask = sigset_t()
    sigemptyset(&mask)
    sigaddset(&mask, signal)
    pthread_sigmask(SIG_UNBLOCK, &mask, nil)
    raise(signal)
}

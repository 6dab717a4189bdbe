import CSignals
import FoundationEssentials
import Glibc

/// A folder that receives a run's files all at once, or not at all: each is written in full (and
/// `fsync`ed) under a hidden temporary name, then all are renamed over their final names under an
/// exclusive `flock` on the folder, so that of two runs into it one's complete set is left. A file name
/// that is a symbolic link is replaced, not written through, so a run never writes outside the folder.
struct OutputFolder {
    /// The folder as the user wrote it, and the flag that named it, for messages.
    let path: String
    var flag = "--output"

    var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    /// A file in the folder as messages show it, like `output/losses.png`, a line break in it escaped.
    func displayPath(of name: String) -> String { escapingControlCharacters(url.appendingPathComponent(name).relativePath) }

    /// The absolute path with links and `..` resolved, to tell whether two folders are the same: `realpath`
    /// of the nearest existing ancestor, then the missing rest, whose `..` is taken by name (nothing there is a link).
    var resolvedPath: String {
        var existing = url.path  // absolute: a relative path is taken from the working folder
        var missing: [Substring] = []
        while true {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                var components = String(cString: resolved).split(separator: "/")
                for component in missing.reversed() where component != "." && !component.isEmpty {
                    if component == ".." { _ = components.popLast() } else { components.append(component) }
                }
                return "/" + components.joined(separator: "/")
            }
            guard let slash = existing.lastIndex(of: "/"), existing != "/" else { return url.path }
            missing.append(existing[existing.index(after: slash)...])
            existing = slash == existing.startIndex ? "/" : String(existing[..<slash])
        }
    }

    /// Whether `other` is this folder or lies inside it, by their resolved paths.
    func contains(_ other: OutputFolder) -> Bool {
        let mine = resolvedPath, theirs = other.resolvedPath
        return theirs == mine || theirs.hasPrefix(mine.hasSuffix("/") ? mine : mine + "/")
    }

    /// A file in the folder that exists but cannot be read.
    struct ReadError: Error { let reason: String }

    /// The bytes of the file `name` in the folder, or nil if there is no such file.
    func contents(of name: String) throws(ReadError) -> [UInt8]? {
        try Self.contents(ofFile: url.appendingPathComponent(name).path)
    }

    /// The bytes of the regular file at `path`, or nil if there is no such file.
    static func contents(ofFile path: String) throws(ReadError) -> [UInt8]? {
        // O_NONBLOCK: opening a named pipe would otherwise wait for a writer, forever; the check below
        // refuses it. A regular file's reads ignore the flag.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 || errno != ENOENT else { return nil }
        guard descriptor >= 0 else { throw ReadError(reason: systemMessage(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw ReadError(reason: systemMessage(errno)) }
        guard info.fileType == S_IFREG else {
            let kinds = [S_IFIFO: " (a named pipe)", S_IFSOCK: " (a socket)", S_IFCHR: " (a device)", S_IFBLK: " (a device)"]
            throw ReadError(reason: "not a regular file" + (kinds[info.fileType] ?? ""))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        if let error = readAll(descriptor, { bytes += $0 }) { throw ReadError(reason: systemMessage(error)) }
        return bytes
    }

    /// Whether the folder holds a file (or a link) named `name` that an earlier run left: only those go; a
    /// folder under one of the tool's names is the user's. Asked by a write, which removes it, and by
    /// `--check`, which reports it, so that both see the same leftovers without reading them.
    func holdsLeftover(_ name: String) -> Bool {
        var info = stat()
        return lstat(url.appendingPathComponent(name).path, &info) == 0 && (info.fileType == S_IFREG || info.fileType == S_IFLNK)
    }

    /// Removes the files `names` from the folder where they exist; a folder that does not exist holds none.
    func remove(_ names: [String]) throws {
        for name in names where unlink(url.appendingPathComponent(name).path) != 0 {
            let error = errno
            guard error != ENOENT, error != ENOTDIR else { continue }
            throw failure(": cannot remove \(name): \(systemMessage(error))", cannotCreate: !Self.isIOError(error))
        }
    }

    /// A failure to create the folder or one of its files, with the sysexits status to leave with.
    struct WriteError: ReportError {
        let description: String
        /// Exit 73 (EX_CANTCREAT: cannot be made, not a folder, not writable) when true, 74 (EX_IOERR: a
        /// full disk, a quota or file-size limit, a failing device) when false.
        let cannotCreate: Bool
        var status: ExitStatus { cannotCreate ? .cannotCreate : .ioError }
    }

    /// How old a dead run's temporary file must be before another run removes it.
    static let staleAge: TimeInterval = 600

    /// Checks, creating nothing, that the folder is a folder (or a link to one) this process can write in,
    /// or is missing below a writable one; returns the folders ``write(_:)`` must create, outermost first.
    @discardableResult
    func prepare() throws -> [String] {
        var info = stat()
        if lstat(url.path, &info) == 0 {
            if info.fileType == S_IFLNK, stat(url.path, &info) != 0 {
                let error = errno
                throw failure(error == ENOENT
                    ? " is a symbolic link to \(quoted(Self.linkDestination(url.path))), which does not exist"
                    : " is a symbolic link that cannot be followed: \(systemMessage(error))")
            }
            guard info.fileType == S_IFDIR else { throw failure(" exists and is not a folder") }
            guard access(url.path, W_OK | X_OK) == 0 else { throw failure(" is not writable: \(systemMessage(errno))") }
            return []
        }
        let error = errno
        guard error == ENOENT || error == ENOTDIR else { throw failure(" cannot be used: \(systemMessage(error))") }
        // Missing: the nearest existing ancestor must be a folder this process can create in.
        var missing = [url.path]
        var ancestor = url.deletingLastPathComponent()
        while stat(ancestor.path, &info) != 0 {
            let error = errno
            guard error == ENOENT || error == ENOTDIR else {
                throw failure(" cannot be created: \(quoted(ancestor.path)): \(systemMessage(error))")
            }
            missing.insert(ancestor.path, at: 0)
            let parent = ancestor.deletingLastPathComponent()
            if parent.path == ancestor.path { return missing }
            ancestor = parent
        }
        guard info.fileType == S_IFDIR else { throw failure(" cannot be created: \(quoted(ancestor.path)) is not a folder") }
        guard access(ancestor.path, W_OK | X_OK) == 0 else {
            throw failure(" cannot be created in \(quoted(ancestor.path)): \(systemMessage(errno))")
        }
        return missing
    }

    /// One file written under its temporary name, waiting to be renamed.
    private struct Staged {
        let name, temporary: String
        /// Where the signal handler keeps the temporary path (-1: nowhere, all slots taken).
        let slot: Int32
    }

    /// Writes every file, each under its final name only once all are complete. On failure no file under a
    /// final name has changed (unless a rename fails, as the message says) and nothing this call made is left;
    /// on SIGINT, SIGTERM, SIGHUP, SIGQUIT or SIGPIPE too: a C handler (Swift code in a handler may take locks
    /// or allocate) unlinks the staged files and re-raises the signal, so the process still ends "killed by" it.
    /// The files named in `leftovers` (an earlier run's that this one does not draw) are removed with the
    /// renames, so that the folder never shows both runs; returns those that were there.
    @discardableResult
    func write(_ files: [OutputFile], removing leftovers: [String] = []) throws -> [String] {
        _ = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE].withUnsafeBufferPointer {
            staged_files_install($0.baseAddress, Int32($0.count))
        }
        let created = try create(prepare())  // checked again: the folder may have changed while the run trained
        var staged: [Staged] = []
        var committed = false
        defer {
            for entry in staged {
                if !committed { unlink(entry.temporary) }
                staged_files_unregister(entry.slot)
            }
            if !committed { for folder in created.reversed() { rmdir(folder) } }
        }
        removeStaleTemporaries()
        for file in files {
            let temporary = url.appendingPathComponent(Self.temporaryName(for: file.name)).path
            // Registered before the file exists, so that a signal at any moment finds it.
            staged.append(Staged(name: file.name, temporary: temporary, slot: staged_files_register(temporary)))
            func failure(_ verb: String, _ error: Int32) -> WriteError {
                // Only creating can fail for want of permission; a failed write, sync or close is an I/O error.
                let reason = "\(verb) \(file.name): \(systemMessage(error)) (no file in the folder was replaced)"
                return self.failure(": cannot " + reason, cannotCreate: verb == "create" && !Self.isIOError(error))
            }
            // O_EXCL and O_NOFOLLOW: never write through a file or link planted under the temporary name.
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw failure("create", errno) }
            if let error = writeAll(file.bytes, to: descriptor) ?? (fsync(descriptor) == 0 ? nil : errno) {
                close(descriptor)
                throw failure("write", error)
            }
            guard close(descriptor) == 0 else { throw failure("write", errno) }
            TestHooks.pause(at: .afterStaging)
        }
        let removed = try commit(staged, removing: leftovers)
        committed = true
        return removed
    }

    /// Renames every staged file over its final name, under the folder's lock and with signals held back.
    private func commit(_ staged: [Staged], removing leftovers: [String]) throws -> [String] {
        // The lock keeps another run's renames from interleaving with these; taken before signals are held
        // back, so that a run waiting for it can still be interrupted cleanly.
        let folder = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        while folder >= 0, flock(folder, LOCK_EX) != 0, errno == EINTR {}
        defer { if folder >= 0 { close(folder) } }  // closing the only descriptor releases the lock
        do {
            // A signal is held back until the renames are over, so a run's files are replaced together.
            staged_files_begin_commit()
            defer { staged_files_end_commit() }
            for (index, entry) in staged.enumerated() {
                if index > 0 { TestHooks.pause(at: .betweenRenames) }
                guard rename(entry.temporary, url.appendingPathComponent(entry.name).path) != 0 else { continue }
                let error = errno
                let replaced = staged[..<index].map(\.name)
                let note = replaced.isEmpty
                    ? "no file in the folder was replaced"
                    : "only \(replaced.joined(separator: ", ")) \(replaced.count == 1 ? "was" : "were") replaced"
                throw failure(": cannot replace \(entry.name): \(systemMessage(error)) (\(note))",
                              cannotCreate: !Self.isIOError(error))
            }
        }
        var removed: [String] = []
        for name in leftovers where holdsLeftover(name) {
            guard unlink(url.appendingPathComponent(name).path) == 0 || errno == ENOENT else {
                let error = errno
                throw failure(": cannot remove \(name), left by an earlier run: \(systemMessage(error)) (the new files are in place)",
                              cannotCreate: !Self.isIOError(error))
            }
            removed.append(name)
        }
        // Make the renames durable; a folder that cannot be synced (some file systems) is no error.
        if folder >= 0 { fsync(folder) }
        return removed
    }

    /// Creates the `missing` folders, outermost first; returns those this call made.
    private func create(_ missing: [String]) throws -> [String] {
        var created: [String] = []
        for folder in missing {
            if mkdir(folder, 0o777) == 0 {
                created.append(folder)
                continue
            }
            let error = errno
            var info = stat()
            if error == EEXIST, stat(folder, &info) == 0, info.fileType == S_IFDIR { continue }  // another run made it
            for made in created.reversed() { rmdir(made) }
            throw failure(" cannot be created: \(systemMessage(error))", cannotCreate: !Self.isIOError(error))
        }
        return created
    }

    /// The mark in a staged file's name that says it is this tool's: the stale sweep removes files, so it
    /// must never take a user's own `.notes.txt.123.cafebabe.tmp` (the unmarked shape staged names once had).
    static let stagingMark = "report-staged"

    /// `.NAME.report-staged.PID.RANDOM.tmp`: hidden, unique to this process and call, marked as a run's.
    static func temporaryName(for name: String) -> String {
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return ".\(name).\(stagingMark).\(getpid()).\(String(repeating: "0", count: 8 - random.count) + random).tmp"
    }

    /// The process that staged a temporary file named by ``temporaryName(for:)``, or nil for any other name.
    static func stagingProcess(ofTemporary name: String) -> pid_t? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard name.hasPrefix("."), parts.last == "tmp", parts.count >= 6, parts[parts.count - 2].count == 8,
              UInt32(parts[parts.count - 2], radix: 16) != nil, let pid = pid_t(parts[parts.count - 3]), pid > 0,
              parts[parts.count - 4] == stagingMark, !parts[1..<parts.count - 4].joined(separator: ".").isEmpty
        else { return nil }
        return pid
    }

    /// Removes temporary files left by runs that died without cleaning up (SIGKILL, a crash).
    private func removeStaleTemporaries() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
        let now = Date().timeIntervalSince1970
        for name in names {
            guard let pid = Self.stagingProcess(ofTemporary: name), pid != getpid() else { continue }
            // The process must be gone; a live one (even another user's: EPERM) keeps its files.
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            let file = url.appendingPathComponent(name).path
            var info = stat()
            guard lstat(file, &info) == 0, info.fileType == S_IFREG,
                  now - Double(info.st_mtim.tv_sec) > Self.staleAge
            else { continue }
            unlink(file)
        }
    }

    /// An error naming the folder; `reason` follows its quoted path (` is …` or `: cannot …`).
    private func failure(_ reason: String, cannotCreate: Bool = true) -> WriteError {
        WriteError(description: "\(flag) \(quoted(path))\(reason)", cannotCreate: cannotCreate)
    }

    /// Errors of the device rather than of permissions or names: exit 74 rather than 73.
    static func isIOError(_ error: Int32) -> Bool {
        [ENOSPC, EDQUOT, EIO, EFBIG, ENXIO, ENODEV, ESTALE].contains(error)
    }

    /// Where the symbolic link at `path` points, as written in the link.
    static func linkDestination(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return "?" }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension stat {
    var fileType: mode_t { st_mode & S_IFMT }
}

/// Points where a debug build stops itself (`raise(SIGSTOP)`) when `REPORT_TEST_PAUSE_AT` names
/// them, so that a test can signal it at a known moment, with no sleep; release builds have no hook.
enum TestHooks {
    /// Before the first training step of `report run` (nothing is staged yet), after each file is staged,
    /// and between two renames of a commit (under the folder's lock, with signals held back).
    enum Point: String {
        case training, afterStaging = "after-staging", betweenRenames = "between-renames"
    }

    #if DEBUG
    static let pauseAt = ProcessInfo.processInfo.environment["REPORT_TEST_PAUSE_AT"].flatMap(Point.init(rawValue:))
    #endif

    @inline(__always)
    static func pause(at point: Point) {
        #if DEBUG
        if pauseAt == point { raise(SIGSTOP) }
        #endif
    }
}

import FoundationEssentials
import Glibc

/// A folder that receives a run's files all at once, or not at all.
///
/// Every file is first written in full (and `fsync`ed) under a hidden temporary name in the
/// same folder, then all are renamed over their final names. A reader never sees a
/// half-written file, and a failure before the renames leaves the folder as it was:
///
/// - ``prepare()`` only checks, before any work is done; it creates nothing, so a run that
///   fails later (bad `--data`, divergence, a bad flag) leaves no folder behind.
/// - ``write(_:)`` creates the folder (and missing parents) when the files are ready, and removes
///   the folders it created again if the write fails.
/// - Temporary files are removed on any error, and on SIGINT, SIGTERM, SIGHUP, SIGQUIT and
///   SIGPIPE (see ``TemporaryFiles``); a signal that arrives while the files are being renamed
///   waits until all of them are, so a run's files are replaced together.
/// - Two runs into one folder each rename their files under an exclusive `flock` on the folder,
///   so the folder afterwards holds one run's complete set, never a mix.
/// - Temporary files of runs that were killed outright (SIGKILL, a power cut) are removed by the
///   next run into the folder, once their process is gone and they are ten minutes old.
///
/// Symbolic links: a `--output` that is a symbolic link to a folder is followed, and the files go
/// into that folder. A link that points nowhere (dangling), or to something that is not a folder,
/// is refused up front with exit status 73. Inside the folder, a file name that is a symbolic link
/// is replaced by the new file rather than written through, so a run never writes outside its folder.
///
/// Errors are ``WriteError``s: "cannot create" (exit 73: the folder is missing and cannot be made,
/// is not a folder, is read-only or not writable) or I/O errors (exit 74: the disk is full, a quota
/// or file-size limit is hit, the device fails).
struct OutputFolder {
    /// The folder, made absolute.
    let url: URL
    /// The folder as the user wrote it, for messages.
    let path: String
    /// The flag that named the folder, for messages.
    let flag: String

    init(path: String, flag: String = "--output") {
        self.path = path
        self.flag = flag
        url = URL(fileURLWithPath: path, isDirectory: true)
    }

    /// A file in the folder as messages show it, like `output/losses.png`.
    func displayPath(of name: String) -> String { url.appendingPathComponent(name).relativePath }

    /// The folder's absolute path with symbolic links and `..` resolved, for telling whether
    /// two folders are the same: `realpath` of its nearest existing ancestor (so that `..` after
    /// a link goes where the file system goes), then the missing rest, whose `..` can only be
    /// taken by name, as nothing there exists to be a link.
    var resolvedPath: String {
        var existing = url.path  // absolute: a relative path is taken from the working folder
        var missing: [Substring] = []
        while true {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                var components = String(cString: resolved).split(separator: "/")
                for component in missing.reversed() {
                    switch component {
                    case ".", "": continue
                    case "..": _ = components.popLast()
                    default: components.append(component)
                    }
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
    struct ReadError: Error {
        let reason: String
    }

    /// The bytes of the file `name` in the folder, or nil if there is no such file.
    func contents(of name: String) throws(ReadError) -> [UInt8]? {
        let descriptor = open(url.appendingPathComponent(name).path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw ReadError(reason: Self.describe(errno))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw ReadError(reason: Self.describe(errno)) }
        guard Self.isRegularFile(info) else { throw ReadError(reason: "not a regular file") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while true {
            if offset == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 1 << 16)) }  // it grew
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(reason: Self.describe(errno))
            }
            if count == 0 { break }
            offset += count
        }
        return Array(bytes.prefix(offset))
    }

    /// Removes the files `names` from the folder where they exist; a folder that does not exist holds none.
    func remove(_ names: [String]) throws {
        for name in names where unlink(url.appendingPathComponent(name).path) != 0 {
            let error = errno
            guard error != ENOENT, error != ENOTDIR else { continue }
            throw WriteError(description: "\(flag) '\(path)': cannot remove \(name): \(Self.describe(error))",
                             cannotCreate: !Self.isIOError(error))
        }
    }

    /// A failure to create the folder or one of its files, with the sysexits status to leave with.
    struct WriteError: Error, CustomStringConvertible {
        let description: String
        /// Exit 73 (EX_CANTCREAT) when true, 74 (EX_IOERR) when false.
        let cannotCreate: Bool
    }

    /// How old a dead run's temporary file must be before another run removes it.
    static let staleAge: TimeInterval = 600

    // MARK: - Checking

    /// Checks that the folder can be used, before any work is done; creates nothing.
    ///
    /// The folder must be a folder (or a symbolic link to one) that this process can write in, or
    /// be missing with its nearest existing ancestor a writable folder.
    func prepare() throws {
        let target = url.path
        var info = stat()
        if lstat(target, &info) == 0 {
            if Self.isSymbolicLink(info) {
                var followed = stat()
                guard stat(target, &followed) == 0 else {
                    let error = errno
                    let destination = Self.linkDestination(target)
                    if error == ENOENT {
                        throw refusal("is a symbolic link to '\(destination)', which does not exist")
                    }
                    throw refusal("is a symbolic link that cannot be followed: \(Self.describe(error))")
                }
                info = followed
            }
            guard Self.isDirectory(info) else { throw refusal("exists and is not a folder") }
            guard access(target, W_OK | X_OK) == 0 else {
                throw refusal("is not writable: \(Self.describe(errno))")
            }
            return
        }
        let error = errno
        guard error == ENOENT || error == ENOTDIR else { throw refusal("cannot be used: \(Self.describe(error))") }
        // Missing: the nearest existing ancestor must be a folder this process can create in.
        var ancestor = url.deletingLastPathComponent()
        while true {
            var ancestorInfo = stat()
            if stat(ancestor.path, &ancestorInfo) == 0 {
                guard Self.isDirectory(ancestorInfo) else {
                    throw refusal("cannot be created: '\(ancestor.path)' is not a folder")
                }
                guard access(ancestor.path, W_OK | X_OK) == 0 else {
                    throw refusal("cannot be created in '\(ancestor.path)': \(Self.describe(errno))")
                }
                return
            }
            let ancestorError = errno
            guard ancestorError == ENOENT || ancestorError == ENOTDIR else {
                throw refusal("cannot be created: '\(ancestor.path)': \(Self.describe(ancestorError))")
            }
            let parent = ancestor.deletingLastPathComponent()
            if parent.path == ancestor.path { return }
            ancestor = parent
        }
    }

    // MARK: - Writing

    /// One file written under its temporary name, waiting to be renamed.
    private struct Staged {
        let name: String
        let temporary: String
        let final: String
        let slot: Int?
    }

    /// Writes every file, each under its final name only once all are complete.
    ///
    /// On failure no file under a final name has changed (unless a rename itself fails, which
    /// the message then says), no temporary file is left, and a folder this call created is removed.
    func write(_ files: [(name: String, bytes: [UInt8])]) throws {
        TemporaryFiles.installHandlers()
        try prepare()  // again: the folder may have changed while the run trained
        let created = try createFolder()
        var staged: [Staged] = []
        var committed = false
        defer {
            for entry in staged {
                if !committed { unlink(entry.temporary) }
                TemporaryFiles.remove(entry.slot)
            }
            if !committed {
                for folder in created.reversed() { rmdir(folder) }
            }
        }
        removeStaleTemporaries()
        for file in files {
            let final = url.appendingPathComponent(file.name).path
            let temporary = url.appendingPathComponent(Self.temporaryName(for: file.name)).path
            // Registered before the file exists, so that a signal at any moment finds it.
            let entry = Staged(name: file.name, temporary: temporary, final: final, slot: TemporaryFiles.register(temporary))
            staged.append(entry)
            try writeFully(file.bytes, to: entry)
            TestHooks.pause(at: .afterStaging)
        }
        try commit(staged)
        committed = true
    }

    /// Renames every staged file over its final name, under the folder's lock and with signals held back.
    private func commit(_ staged: [Staged]) throws {
        // The lock keeps another run's renames from interleaving with these. It is taken before
        // signals are held back, so that a run waiting for it can still be interrupted cleanly.
        let folder = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            while flock(folder, LOCK_EX) != 0 && errno == EINTR {}
        }
        defer {
            if folder >= 0 {
                flock(folder, LOCK_UN)
                close(folder)
            }
        }
        try TemporaryFiles.committing {
            for (index, entry) in staged.enumerated() {
                if index > 0 { TestHooks.pause(at: .betweenRenames) }
                guard rename(entry.temporary, entry.final) != 0 else { continue }
                let error = errno
                let replaced = staged[..<index].map(\.name)
                let note = replaced.isEmpty
                    ? "no file in the folder was replaced"
                    : "only \(replaced.joined(separator: ", ")) \(replaced.count == 1 ? "was" : "were") replaced"
                throw WriteError(
                    description: "\(flag) '\(path)': cannot replace \(entry.name): \(Self.describe(error)) (\(note))",
                    cannotCreate: !Self.isIOError(error))
            }
        }
        // Make the renames durable; a folder that cannot be synced (some file systems) is no error.
        if folder >= 0 { fsync(folder) }
    }

    /// Creates the folder and its missing parents; returns the folders created, outermost first.
    private func createFolder() throws -> [String] {
        var missing: [String] = []
        var current = url
        while true {
            var info = stat()
            if stat(current.path, &info) == 0 { break }
            let error = errno
            guard error == ENOENT else {
                throw WriteError(description: "\(flag) '\(path)' cannot be created: \(Self.describe(error))",
                                 cannotCreate: !Self.isIOError(error))
            }
            missing.append(current.path)
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            current = parent
        }
        var created: [String] = []
        for folder in missing.reversed() {
            if mkdir(folder, 0o777) == 0 {
                created.append(folder)
                continue
            }
            let error = errno
            var info = stat()
            if error == EEXIST, stat(folder, &info) == 0, Self.isDirectory(info) { continue }  // another run made it
            for made in created.reversed() { rmdir(made) }
            throw WriteError(description: "\(flag) '\(path)' cannot be created: \(Self.describe(error))",
                             cannotCreate: !Self.isIOError(error))
        }
        return created
    }

    /// Writes `bytes` to a new file at the entry's temporary path and syncs it to disk.
    private func writeFully(_ bytes: [UInt8], to entry: Staged) throws {
        func failure(_ verb: String, _ error: Int32) -> WriteError {
            // Only creating can fail for want of permission; a failed write, sync or close is an I/O error.
            WriteError(
                description: "\(flag) '\(path)': cannot \(verb) \(entry.name): \(Self.describe(error)) (no file in the folder was replaced)",
                cannotCreate: verb == "create" && !Self.isIOError(error))
        }
        // O_EXCL and O_NOFOLLOW: never write through a file or link planted under the temporary name.
        let descriptor = open(entry.temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("create", errno) }
        var open = true
        defer { if open { close(descriptor) } }
        if let error = writeAll(bytes, to: descriptor) { throw failure("write", error) }
        guard fsync(descriptor) == 0 else { throw failure("write", errno) }
        open = false
        guard close(descriptor) == 0 else { throw failure("write", errno) }
    }

    // MARK: - Temporary names

    /// `.NAME.PID.RANDOM.tmp`: hidden, unique to this process and call, recognisable as a run's.
    static func temporaryName(for name: String) -> String {
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return ".\(name).\(getpid()).\(String(repeating: "0", count: 8 - random.count) + random).tmp"
    }

    /// The process that staged a temporary file named by ``temporaryName(for:)``, or nil for any other name.
    static func stagingProcess(ofTemporary name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 5, parts[parts.count - 2].count == 8,
              UInt32(parts[parts.count - 2], radix: 16) != nil,
              let pid = pid_t(parts[parts.count - 3]), pid > 0
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
            guard lstat(file, &info) == 0, Self.isRegularFile(info),
                  now - Double(info.st_mtim.tv_sec) > Self.staleAge
            else { continue }
            unlink(file)
        }
    }

    // MARK: - Helpers

    private func refusal(_ reason: String) -> WriteError {
        WriteError(description: "\(flag) '\(path)' \(reason)", cannotCreate: true)
    }

    /// Errors of the device rather than of permissions or names: exit 74 rather than 73.
    static func isIOError(_ error: Int32) -> Bool {
        [ENOSPC, EDQUOT, EIO, EFBIG, ENXIO, ENODEV, ESTALE].contains(error)
    }

    static func describe(_ error: Int32) -> String { String(cString: strerror(error)) }

    static func isDirectory(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }
    static func isRegularFile(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }
    static func isSymbolicLink(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFLNK }

    /// Where the symbolic link at `path` points, as written in the link.
    static func linkDestination(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return "?" }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Points where a debug build stops itself, so that a test can signal it at a known moment.
///
/// In debug builds only, `REPORT_TEST_PAUSE_AT=<point>` makes the process `raise(SIGSTOP)` each time
/// it reaches that point. The test waits for the stop (`waitpid` with `WUNTRACED`), sends its
/// signal, which stays pending while the process is stopped, and then `SIGCONT`. No sleep or
/// timing is involved. Release builds compile the hook out, so no user's environment can stop them.
enum TestHooks {
    enum Point: String {
        /// Before the first training step of `report run`: nothing is staged yet.
        case training
        /// After each file is staged (written in full under its temporary name).
        case afterStaging = "after-staging"
        /// Between two renames of a commit, under the folder's lock and with signals held back.
        case betweenRenames = "between-renames"
    }

    #if DEBUG
    static let pauseAt = ProcessInfo.processInfo.environment["REPORT_TEST_PAUSE_AT"].flatMap(Point.init(rawValue:))
    #endif

    /// Stops the process at `point` when the test asked for it; does nothing otherwise.
    @inline(__always)
    static func pause(at point: Point) {
        #if DEBUG
        if pauseAt == point { raise(SIGSTOP) }
        #endif
    }
}

import Foundation
@testable import ReportKit
import Testing

/// Small tmpfs mounts for the disk-full and read-only cases (root only).
enum Mount {
    /// Whether this process may mount a tmpfs: tried once, on a throwaway folder.
    static let isAvailable: Bool = {
        guard let folder = try? ReportProcess.temporaryFolder() else { return false }
        defer { try? FileManager.default.removeItem(at: folder) }
        guard command(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder.path]) else { return false }
        return command(["umount", folder.path])
    }()

    /// A new folder with a tmpfs of `size` (like "64k") mounted on it.
    static func tmpfs(size: String) throws -> URL {
        let folder = try ReportProcess.temporaryFolder()
        guard command(["mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", folder.path]) else {
            try? FileManager.default.removeItem(at: folder)
            throw POSIXError(.EPERM)
        }
        return folder
    }

    static func remountReadOnly(_ folder: URL) -> Bool {
        command(["mount", "-o", "remount,ro", folder.path])
    }

    /// Unmounts and removes the folder.
    static func remove(_ folder: URL) {
        _ = command(["umount", folder.path])
        try? FileManager.default.removeItem(at: folder)
    }

    private static func command(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

/// Faults of the file system, signals, and concurrent runs: a clear error, the earlier files
/// untouched, and never a partial or temporary file.
///
/// The file-system faults run in-process (the same `OutputFolder` code on the same tmpfs), with
/// one process run for each exit status; signals and concurrent runs need real processes, which
/// stop themselves at a pause point (`REPORT_TEST_PAUSE_AT`, debug builds only) so that every
/// signal lands at a known moment instead of after a guessed sleep.
@Suite("report survives faults")
struct FaultTests {
    /// Arguments for a quick run (the charts as usual, little training).
    static func quick(seed: Int = 4, _ output: URL, _ extra: [String] = []) -> [String] {
        ["--seed", "\(seed)", "--iterations", "40", "--output", output.path] + extra
    }

    /// A quick run with small charts, for the signal and concurrency tests' children: what they
    /// test does not depend on the charts' size, and a debug build renders small ones faster.
    static func small(seed: Int = 4, _ output: URL) -> [String] {
        quick(seed: seed, output, ["--size", "160x120"])
    }

    /// ``quick(seed:_:_:)`` for the in-process pipeline.
    static func quickSpec(seed: Seed = 4, _ output: URL, size: CanvasSize = .standard) -> RunSpec {
        RunSpec(seed: seed, iterations: 40, size: size, output: output.path)
    }

    /// A quick sweep into `output`, in-process.
    static func quickSweep(_ output: URL) -> Outcome {
        InProcess.sweepOutcome(Seeds(0..<2), RunSpec(iterations: 10, output: output.path))
    }

    /// The files of ``small(seed:_:)`` from seeds 4 and 5, rendered once for all the tests: they
    /// do not depend on the folder they go to.
    static let quickFiles: [Int: [OutputFile]] = {
        let folder = URL(fileURLWithPath: "/nonexistent")
        return Dictionary(uniqueKeysWithValues: [4, 5].map { seed in
            let spec = quickSpec(seed: Seed(seed)!, folder, size: CanvasSize(width: 160, height: 120))
            return (seed, try! InProcess.train(spec).files())
        })
    }()

    /// ``quickFiles`` by name, as ``ReportProcess/snapshot(_:)`` reads them.
    static func quickContents(seed: Int) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: quickFiles[seed]!.map { ($0.name, Data($0.bytes)) })
    }

    /// Writes the small quick run of `seed` into `folder`, as `report` would; returns the files by name.
    @discardableResult
    static func writeQuickRun(seed: Int = 4, into folder: URL) throws -> [String: Data] {
        try OutputFolder(path: folder.path).write(quickFiles[seed]!)
        return quickContents(seed: seed)
    }

    /// The pause-point environment for a child.
    static func pause(at point: String) -> [String: String] { ["REPORT_TEST_PAUSE_AT": point] }

    // MARK: - File system

    @Test(.enabled(if: Mount.isAvailable, "mount -t tmpfs is unavailable (not root?): the disk-full case is skipped"))
    func diskFullIsAnIOErrorAndKeepsTheEarlierFiles() throws {
        let disk = try Mount.tmpfs(size: "64k")
        defer { Mount.remove(disk) }
        let output = disk.appendingPathComponent("out")
        // Small charts fit in 64 KiB; default-sized ones do not fit beside them.
        try InProcess.write(Self.quickSpec(output, size: CanvasSize(width: 200, height: 150)))
        let before = ReportProcess.snapshot(output)
        #expect(before.count == 4)

        // The 74 class end to end: the status and one line on stderr from the executable.
        let full = try ReportProcess.run(Self.quick(seed: 5, output))
        #expect(full.status == 74, "\(full.stderr)")
        #expect(full.stdout.isEmpty, "\(full.stdout)")
        #expect(full.stderr.contains("No space left on device"), "\(full.stderr)")
        #expect(full.stderr.contains("no file in the folder was replaced"), "\(full.stderr)")
        #expect(full.stderr.split(separator: "\n").count == 1, "\(full.stderr)")
        #expect(ReportProcess.snapshot(output) == before, "the earlier files are untouched")
        #expect(FolderCheck.temporaries(in: output).isEmpty)

        // A folder the failed run had to create is removed again.
        let fresh = disk.appendingPathComponent("fresh")
        let outcome = InProcess.outcome(Self.quickSpec(seed: 5, fresh))
        #expect(outcome.status == 74, "\(outcome)")
        #expect(outcome.message?.contains("No space left on device") == true, "\(outcome)")
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path) == ["out"])
    }

    @Test(.enabled(if: Mount.isAvailable, "mount -t tmpfs is unavailable (not root?): the read-only case is skipped"))
    func readOnlyFileSystemCannotCreate() throws {
        let disk = try Mount.tmpfs(size: "4m")
        defer { Mount.remove(disk) }
        let output = disk.appendingPathComponent("out")
        let before = try Self.writeQuickRun(into: output)
        #expect(Mount.remountReadOnly(disk))

        for (target, reason) in [(output, "is not writable: Read-only file system"),
                                 (disk.appendingPathComponent("new/out"), "cannot be created in")] {
            for (arguments, outcome) in [("run", InProcess.outcome(Self.quickSpec(seed: 5, target))), ("sweep", Self.quickSweep(target))] {
                #expect(outcome.status == 73, "\(arguments): \(outcome)")
                #expect(outcome.message?.contains(reason) == true, "\(outcome)")
                #expect(outcome.message?.contains("\n") == false, "\(outcome)")
            }
        }
        // The sweep's 73 end to end: refused up front, so nothing was trained or printed.
        let sweep = try ReportProcess.run(["sweep", "--seeds", "0..<2", "--iterations", "10", "--output", output.path])
        #expect(sweep.status == 73, "\(sweep.stderr)")
        #expect(sweep.stderr.contains("is not writable: Read-only file system"), "\(sweep.stderr)")
        #expect(sweep.stderr.split(separator: "\n").count == 1, "\(sweep.stderr)")
        #expect(sweep.stdout.isEmpty, "\(sweep.stdout)")
        #expect(ReportProcess.snapshot(output) == before)
    }

    /// `ulimit -f`: a process's limit, so a process run; SIGXFSZ must not kill it.
    @Test func fileSizeLimitIsAnIOError() throws {
        let output = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let before = try Self.writeQuickRun(into: output)
        // `ulimit -f 8` (4 KiB in dash's 512-byte blocks): every chart is larger. The shell is
        // spawned with SIGXFSZ at its default action, whatever this test process has done with it.
        let command = (["ulimit -f 8; exec", ReportProcess.executable.path] + Self.quick(seed: 5, output)).joined(separator: " ")
        let ending = try ChildProcess(["-c", command], executable: "/bin/sh").wait()
        #expect(ending.signal == nil, "SIGXFSZ must not kill the run: \(ending)")
        #expect(ending.status == 74, "\(ending)")
        #expect(ending.stderr.contains("File too large"), "\(ending)")
        #expect(ReportProcess.snapshot(output) == before)
        #expect(FolderCheck.temporaries(in: output).isEmpty)
    }

    @Test func outputBelowAFileIsRefused() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let file = parent.appendingPathComponent("file")
        try Data("keep".utf8).write(to: file)
        let outcome = InProcess.outcome(Self.quickSpec(file.appendingPathComponent("a/b")))
        #expect(outcome.status == 73, "\(outcome)")
        #expect(outcome.message?.contains("'\(file.path)' is not a folder") == true, "\(outcome)")
        #expect(ReportProcess.snapshot(parent) == ["file": Data("keep".utf8)])
    }

    // MARK: - Symbolic links

    @Test func symbolicLinkToAFolderIsFollowed() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = parent.appendingPathComponent("target")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        let link = parent.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "target")
        try Self.writeQuickRun(into: link)
        #expect(Set(ReportProcess.snapshot(target).keys) == ["losses.png", "boundary.png", "summary.json", "report.md"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "target", "the link stays a link")
    }

    @Test func danglingOrLoopingSymbolicLinkIsRefused() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let dangling = parent.appendingPathComponent("dangling")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "nowhere")
        let looping = parent.appendingPathComponent("looping")
        try FileManager.default.createSymbolicLink(atPath: looping.path, withDestinationPath: "looping")
        let toFile = parent.appendingPathComponent("to-file")
        try Data("keep".utf8).write(to: parent.appendingPathComponent("file"))
        try FileManager.default.createSymbolicLink(atPath: toFile.path, withDestinationPath: "file")
        let before = try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted()

        for (link, reason) in [(dangling, "is a symbolic link to 'nowhere', which does not exist"),
                               (looping, "is a symbolic link that cannot be followed"),
                               (toFile, "exists and is not a folder")] {
            for (arguments, outcome) in [("run", InProcess.outcome(Self.quickSpec(link))), ("sweep", Self.quickSweep(link))] {
                #expect(outcome.status == 73, "\(arguments): \(outcome)")
                #expect(outcome.message?.contains(reason) == true, "\(outcome)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == before, "nothing was created")
        #expect(FileManager.default.contents(atPath: parent.appendingPathComponent("file").path) == Data("keep".utf8))
    }

    @Test func fileNamesThatAreLinksAreReplacedNotWrittenThrough() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: false)
        let outside = parent.appendingPathComponent("outside.png")
        try Data("not yours".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("losses.png").path,
                                                   withDestinationPath: outside.path)
        try Self.writeQuickRun(into: output)
        #expect(FileManager.default.contents(atPath: outside.path) == Data("not yours".utf8))
        let attributes = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("losses.png").path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
    }

    @Test func deadRunsTemporaryFilesAreCleanedUp() throws {
        let output = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        // PID 2147483646 exceeds any pid_max, so its process is surely gone.
        let old = output.appendingPathComponent(".losses.png.report-staged.2147483646.0badf00d.tmp")
        let recent = output.appendingPathComponent(".boundary.png.report-staged.2147483646.00c0ffee.tmp")
        let foreign = output.appendingPathComponent(".notes.tmp")
        // A user's file shaped like the names staged files had before they said `report-staged`.
        let usersOwn = output.appendingPathComponent(".notes.txt.2147483646.cafebabe.tmp")
        for file in [old, recent, foreign, usersOwn] { try Data("partial".utf8).write(to: file) }
        for file in [old, foreign, usersOwn] {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: file.path)
        }
        try Self.writeQuickRun(into: output)
        #expect(!FileManager.default.fileExists(atPath: old.path), "an old temporary file of a dead run is removed")
        #expect(FileManager.default.fileExists(atPath: recent.path), "a recent one may still be in use")
        #expect(FileManager.default.fileExists(atPath: foreign.path), "files not named like a run's are kept")
        #expect(FileManager.default.fileExists(atPath: usersOwn.path), "a user's file without the tool's mark is kept")
    }

    // MARK: - Signals

    static let terminatingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGPIPE]

    /// A signal during training: the process dies of it, and no folder or file appears.
    @Test(arguments: terminatingSignals)
    func signalDuringTrainingLeavesNothing(_ signal: Int32) throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let earlier = parent.appendingPathComponent("earlier")
        let before = try Self.writeQuickRun(into: earlier)
        for output in [parent.appendingPathComponent("new"), earlier] {
            // Long enough that a run which never pauses fails this test rather than passing by luck.
            let child = try ChildProcess(["--iterations", "1000000", "--output", output.path], environment: Self.pause(at: "training"))
            #expect(child.waitUntilStopped(), "the run stops at its training pause point")
            child.send(signal)
            child.resume()
            let ending = child.wait()
            #expect(ending.signal == signal, "\(ending)")
        }
        #expect(!FileManager.default.fileExists(atPath: parent.appendingPathComponent("new").path))
        #expect(ReportProcess.snapshot(earlier) == before)
    }

    /// A signal while files are staged under temporary names: they are removed, and the earlier
    /// files stay as they were.
    @Test(arguments: terminatingSignals)
    func signalWhileWritingRemovesTemporaryFiles(_ signal: Int32) throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("out")
        let before = try Self.writeQuickRun(into: output)

        // Into the earlier run's folder, and into a new folder: that one stays (a signal cannot
        // tidy folders) but holds nothing.
        for folder in [output, parent.appendingPathComponent("fresh")] {
            let child = try ChildProcess(Self.small(seed: 5, folder), environment: Self.pause(at: "after-staging"))
            #expect(child.waitUntilStopped(), "the run stops after staging its first file")
            #expect(FolderCheck.temporaries(in: folder).count == 1, "the run staged a file")
            child.send(signal)
            child.resume()
            let ending = child.wait()
            #expect(ending.signal == signal, "\(ending)")
            #expect(FolderCheck.temporaries(in: folder).isEmpty, "temporary files are removed")
        }
        #expect(ReportProcess.snapshot(output) == before, "the earlier files are untouched")
        #expect(ReportProcess.snapshot(parent.appendingPathComponent("fresh")).isEmpty)
    }

    /// A signal while the files are being renamed waits for the last rename: the folder then holds
    /// the new run's complete set, never a mix of two runs.
    @Test func signalDuringTheRenamesWaitsForTheWholeSet() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("out")
        let before = try Self.writeQuickRun(into: output), expected = Self.quickContents(seed: 5)
        #expect(before != expected)

        let child = try ChildProcess(Self.small(seed: 5, output), environment: Self.pause(at: "between-renames"))
        #expect(child.waitUntilStopped(), "the run stops after its first rename")
        // The first rename replaced losses.png; the other three are still to come.
        let losses = FileManager.default.contents(atPath: output.appendingPathComponent("losses.png").path)
        #expect(losses == expected["losses.png"])
        #expect(FileManager.default.contents(atPath: output.appendingPathComponent("boundary.png").path) == before["boundary.png"])
        child.send(SIGTERM)
        child.resume()
        let ending = child.wait()  // continues it at each later pause too
        #expect(ending.signal == SIGTERM, "\(ending)")
        #expect(ReportProcess.snapshot(output) == expected)
    }

    /// SIGINT at every moment of a write, each file staged and each rename: the folder holds
    /// either the earlier files or the new ones, each complete, and no temporary file.
    ///
    /// This replaces signals sent after guessed delays into a large write: every moment is hit exactly.
    @Test(arguments: [("after-staging", 1), ("after-staging", 2), ("after-staging", 3), ("after-staging", 4),
                      ("between-renames", 1), ("between-renames", 2), ("between-renames", 3)])
    func signalAtAnyMomentOfAWriteLeavesCompleteFiles(point: String, occurrence: Int) throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("out")
        let before = try Self.writeQuickRun(into: output), new = Self.quickContents(seed: 5)

        let child = try ChildProcess(Self.small(seed: 5, output), environment: Self.pause(at: point))
        for stop in 1...occurrence {
            #expect(child.waitUntilStopped(), "stop \(stop) at \(point)")
            if stop < occurrence { child.resume() }
        }
        child.send(SIGINT)
        child.resume()
        let ending = child.wait()
        #expect(ending.signal == SIGINT, "\(ending)")
        #expect(FolderCheck.temporaries(in: output).isEmpty)
        #expect(FolderCheck.everyFileIsComplete(in: output))
        // Before the commit the earlier files stay; once it has begun, the whole new set lands.
        #expect(ReportProcess.snapshot(output) == (point == "after-staging" ? before : new))
    }

    // MARK: - Concurrent runs

    /// Whether `pid` waits for an `flock` in /proc/locks (a waiter's line reads `N: -> FLOCK ... PID ...`).
    static func isWaitingForFlock(_ pid: pid_t) -> Bool {
        let locks = (try? String(contentsOfFile: "/proc/locks", encoding: .utf8)) ?? ""
        return locks.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ")
            return fields.count > 5 && fields[1] == "->" && fields[2] == "FLOCK" && fields[5] == "\(pid)"
        }
    }

    /// Two runs into one folder, the second arriving while the first is between its renames: it
    /// waits on the folder's lock until the first has renamed all its files, then replaces them
    /// all, so the folder holds one run's complete set.
    @Test func concurrentRunsLeaveOneRunsCompleteSet() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let shared = parent.appendingPathComponent("shared")
        let first = Self.quickContents(seed: 4), second = Self.quickContents(seed: 5)
        #expect(first != second)

        let holder = try ChildProcess(Self.small(seed: 4, shared), environment: Self.pause(at: "between-renames"))
        #expect(holder.waitUntilStopped(), "the first run stops after its first rename, holding the lock")
        let waiter = try ChildProcess(Self.small(seed: 5, shared))
        let waits = ChildProcess.waitUntil(seconds: 60) { Self.isWaitingForFlock(waiter.pid) }
        #expect(waits, "the second run waits for the folder's lock")
        // It staged all its files but renamed none: only the first run's first file is in place.
        #expect(ReportProcess.snapshot(shared).filter { !$0.key.hasPrefix(".") } == ["losses.png": first["losses.png"]!])
        #expect(FolderCheck.temporaries(in: shared).filter { $0.contains(".\(waiter.pid).") }.count == 4)

        #expect(holder.wait().status == 0)
        #expect(waiter.wait().status == 0)
        #expect(ReportProcess.snapshot(shared) == second, "the later run's complete set, not a mix")
        #expect(FolderCheck.everyFileIsComplete(in: shared))
    }

    /// Two runs at full speed into one folder: every file equals one of the two runs' and is
    /// complete. One round: the lock itself is proved deterministically above.
    @Test func concurrentRunsAtFullSpeedLeaveCompleteFiles() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let shared = parent.appendingPathComponent("shared")
        let references = [4, 5].map(Self.quickContents(seed:))
        let children = try [4, 5].map { try ChildProcess(Self.small(seed: $0, shared)) }
        for ending in children.map({ $0.wait() }) { #expect(ending.status == 0, "\(ending)") }
        let result = ReportProcess.snapshot(shared)
        #expect(Set(result.keys) == Set(references[0].keys))
        for (name, bytes) in result {
            #expect(bytes == references[0][name] || bytes == references[1][name], "\(name) is one run's")
        }
        #expect(result == references[0] || result == references[1], "one run's files, not a mix")
        #expect(FolderCheck.everyFileIsComplete(in: shared))
    }
}

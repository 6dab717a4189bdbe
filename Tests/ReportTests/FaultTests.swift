import Foundation
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
@Suite("report survives faults")
struct FaultTests {
    /// Arguments for a quick run (the charts as usual, little training).
    static func quick(seed: Int = 4, _ output: URL, _ extra: [String] = []) -> [String] {
        ["--seed", "\(seed)", "--iterations", "40", "--output", output.path] + extra
    }

    // MARK: - File system

    @Test(.enabled(if: Mount.isAvailable, "mount -t tmpfs is unavailable (not root?): the disk-full case is skipped"))
    func diskFullIsAnIOErrorAndKeepsTheEarlierFiles() throws {
        let disk = try Mount.tmpfs(size: "64k")
        defer { Mount.remove(disk) }
        let output = disk.appendingPathComponent("out")
        // Small charts fit in 64 KiB; default-sized ones do not fit beside them.
        let first = try ReportProcess.run(Self.quick(output, ["--size", "200x150"]))
        #expect(first.status == 0, "\(first.stderr)")
        let before = ReportProcess.snapshot(output)
        #expect(before.count == 4)

        let full = try ReportProcess.run(Self.quick(seed: 5, output))
        #expect(full.status == 74, "\(full.stderr)")
        #expect(full.stderr.contains("No space left on device"), "\(full.stderr)")
        #expect(full.stderr.contains("no file in the folder was replaced"), "\(full.stderr)")
        #expect(full.stderr.split(separator: "\n").count == 1, "\(full.stderr)")
        #expect(ReportProcess.snapshot(output) == before, "the earlier files are untouched")
        #expect(FolderCheck.temporaries(in: output).isEmpty)

        // A folder the failed run had to create is removed again.
        let fresh = disk.appendingPathComponent("fresh")
        let result = try ReportProcess.run(Self.quick(seed: 5, fresh))
        #expect(result.status == 74, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path) == ["out"])
    }

    @Test(.enabled(if: Mount.isAvailable, "mount -t tmpfs is unavailable (not root?): the read-only case is skipped"))
    func readOnlyFileSystemCannotCreate() throws {
        let disk = try Mount.tmpfs(size: "4m")
        defer { Mount.remove(disk) }
        let output = disk.appendingPathComponent("out")
        #expect(try ReportProcess.run(Self.quick(output)).status == 0)
        let before = ReportProcess.snapshot(output)
        #expect(Mount.remountReadOnly(disk))

        for (target, reason) in [(output, "is not writable: Read-only file system"),
                                 (disk.appendingPathComponent("new/out"), "cannot be created in")] {
            for arguments in [Self.quick(seed: 5, target), ["sweep", "--seeds", "0..<2", "--iterations", "10", "--output", target.path]] {
                let result = try ReportProcess.run(arguments)
                #expect(result.status == 73, "\(arguments): \(result.stderr)")
                #expect(result.stderr.contains(reason), "\(result.stderr)")
                #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
                // Refused up front: nothing was trained or printed.
                #expect(result.stdout.isEmpty, "\(result.stdout)")
            }
        }
        #expect(ReportProcess.snapshot(output) == before)
    }

    @Test func fileSizeLimitIsAnIOError() throws {
        let output = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(try ReportProcess.run(Self.quick(output)).status == 0)
        let before = ReportProcess.snapshot(output)
        // `ulimit -f 8` (4 KiB in dash's 512-byte blocks): every chart is larger.
        let command = (["ulimit -f 8; exec", ReportProcess.executable.path] + Self.quick(seed: 5, output)).joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "SIGXFSZ must not kill the run")
        #expect(process.terminationStatus == 74, "\(stderr)")
        #expect(stderr.contains("File too large"), "\(stderr)")
        #expect(ReportProcess.snapshot(output) == before)
        #expect(FolderCheck.temporaries(in: output).isEmpty)
    }

    @Test func outputBelowAFileIsRefused() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let file = parent.appendingPathComponent("file")
        try Data("keep".utf8).write(to: file)
        let result = try ReportProcess.run(Self.quick(file.appendingPathComponent("a/b")))
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("'\(file.path)' is not a folder"), "\(result.stderr)")
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
        let result = try ReportProcess.run(Self.quick(link))
        #expect(result.status == 0, "\(result.stderr)")
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
            for arguments in [Self.quick(link), ["sweep", "--seeds", "0..<2", "--iterations", "10", "--output", link.path]] {
                let result = try ReportProcess.run(arguments)
                #expect(result.status == 73, "\(arguments): \(result.stderr)")
                #expect(result.stderr.contains(reason), "\(result.stderr)")
                #expect(result.stdout.isEmpty)
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
        #expect(try ReportProcess.run(Self.quick(output)).status == 0)
        #expect(FileManager.default.contents(atPath: outside.path) == Data("not yours".utf8))
        let attributes = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("losses.png").path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
    }

    @Test func deadRunsTemporaryFilesAreCleanedUp() throws {
        let output = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        // PID 2147483646 exceeds any pid_max, so its process is surely gone.
        let old = output.appendingPathComponent(".losses.png.2147483646.0badf00d.tmp")
        let recent = output.appendingPathComponent(".boundary.png.2147483646.00c0ffee.tmp")
        let foreign = output.appendingPathComponent(".notes.tmp")
        for file in [old, recent, foreign] { try Data("partial".utf8).write(to: file) }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: old.path)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: foreign.path)
        #expect(try ReportProcess.run(Self.quick(output)).status == 0)
        #expect(!FileManager.default.fileExists(atPath: old.path), "an old temporary file of a dead run is removed")
        #expect(FileManager.default.fileExists(atPath: recent.path), "a recent one may still be in use")
        #expect(FileManager.default.fileExists(atPath: foreign.path), "files not named like a run's are kept")
    }

    // MARK: - Signals

    static let terminatingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGPIPE]

    /// A signal during training: the process dies of it, and no folder or file appears.
    @Test(arguments: terminatingSignals)
    func signalDuringTrainingLeavesNothing(_ signal: Int32) throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let earlier = parent.appendingPathComponent("earlier")
        #expect(try ReportProcess.run(Self.quick(earlier)).status == 0)
        let before = ReportProcess.snapshot(earlier)
        for output in [parent.appendingPathComponent("new"), earlier] {
            let child = try ChildProcess(["--iterations", "50000000", "--output", output.path])
            usleep(300_000)
            child.send(signal)
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
        #expect(try ReportProcess.run(Self.quick(output)).status == 0)
        let before = ReportProcess.snapshot(output)

        let child = try ChildProcess(Self.quick(seed: 5, output), environment: ["REPORT_TEST_PAUSE_AFTER_STAGING_MS": "20000"])
        let staged = ChildProcess.waitUntil(seconds: 20) { !FolderCheck.temporaries(in: output).isEmpty }
        #expect(staged, "the run staged a file")
        child.send(signal)
        let ending = child.wait()
        #expect(ending.signal == signal, "\(ending)")
        #expect(FolderCheck.temporaries(in: output).isEmpty, "temporary files are removed")
        #expect(ReportProcess.snapshot(output) == before, "the earlier files are untouched")

        // Into a new folder: the folder stays (a signal cannot tidy folders) but holds nothing.
        let fresh = parent.appendingPathComponent("fresh")
        let second = try ChildProcess(Self.quick(seed: 5, fresh), environment: ["REPORT_TEST_PAUSE_AFTER_STAGING_MS": "20000"])
        #expect(ChildProcess.waitUntil(seconds: 20) { !FolderCheck.temporaries(in: fresh).isEmpty })
        second.send(signal)
        #expect(second.wait().signal == signal)
        #expect(ReportProcess.snapshot(fresh).isEmpty)
    }

    /// A signal while the files are being renamed waits for the last rename: the folder then holds
    /// the new run's complete set, never a mix of two runs.
    @Test func signalDuringTheRenamesWaitsForTheWholeSet() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("out"), reference = parent.appendingPathComponent("reference")
        #expect(try ReportProcess.run(Self.quick(output)).status == 0)
        #expect(try ReportProcess.run(Self.quick(seed: 5, reference)).status == 0)
        let before = ReportProcess.snapshot(output), expected = ReportProcess.snapshot(reference)
        #expect(before != expected)

        let child = try ChildProcess(Self.quick(seed: 5, output), environment: ["REPORT_TEST_PAUSE_BETWEEN_RENAMES_MS": "400"])
        // The first rename replaces losses.png; the other three follow at 400 ms intervals.
        let committing = ChildProcess.waitUntil(seconds: 20) {
            FileManager.default.contents(atPath: output.appendingPathComponent("losses.png").path) == expected["losses.png"]
        }
        #expect(committing)
        child.send(SIGTERM)
        let ending = child.wait()
        #expect(ending.signal == SIGTERM, "\(ending)")
        #expect(ReportProcess.snapshot(output) == expected)
    }

    /// Large images (8000×6000) signalled at several moments of rendering and writing: whatever
    /// the moment, the folder holds either the earlier files or the new ones, each complete.
    @Test func signalAtAnyMomentOfALargeWriteLeavesCompleteFiles() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("out")
        #expect(try ReportProcess.run(Self.quick(output)).status == 0)
        let before = ReportProcess.snapshot(output)
        for delay in [150_000, 700_000, 1_300_000] as [useconds_t] {
            let child = try ChildProcess(Self.quick(seed: 5, output, ["--size", "8000x6000"]))
            usleep(delay)
            child.send(SIGINT)
            let ending = child.wait()
            #expect(ending.signal == SIGINT || ending.status == 0, "\(ending)")
            #expect(FolderCheck.temporaries(in: output).isEmpty)
            let after = ReportProcess.snapshot(output)
            if after != before {
                #expect(FolderCheck.everyFileIsComplete(in: output))
                for name in ["losses.png", "boundary.png"] {
                    let size = FolderCheck.pngSize(after[name] ?? Data())
                    #expect(size?.width == 8000 && size?.height == 6000, "\(name) is the new run's")
                }
                return
            }
        }
    }

    // MARK: - Concurrent runs

    /// The files of a quick run from each seed, each rendered alone.
    static func references(seeds: [Int], in parent: URL) throws -> [[String: Data]] {
        var references: [[String: Data]] = []
        for seed in seeds {
            let folder = parent.appendingPathComponent("reference-\(seed)")
            let result = try ReportProcess.run(Self.quick(seed: seed, folder))
            #expect(result.status == 0, "\(result.stderr)")
            references.append(ReportProcess.snapshot(folder))
        }
        return references
    }

    /// Two runs into one folder at once, renaming slowly enough to interleave: the folder afterwards
    /// holds one run's complete set.
    @Test func concurrentRunsLeaveOneRunsCompleteSet() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let references = try Self.references(seeds: [4, 5], in: parent)
        #expect(references[0] != references[1])

        let shared = parent.appendingPathComponent("shared")
        let children = try [4, 5].map {
            try ChildProcess(Self.quick(seed: $0, shared), environment: ["REPORT_TEST_PAUSE_BETWEEN_RENAMES_MS": "150"])
        }
        for ending in children.map({ $0.wait() }) { #expect(ending.status == 0, "\(ending)") }
        let result = ReportProcess.snapshot(shared)
        #expect(result == references[0] || result == references[1], "one run's files, not a mix")
        #expect(FolderCheck.everyFileIsComplete(in: shared))
    }

    /// The same at full speed, a few times: every file equals one of the two runs' and is complete.
    @Test func concurrentRunsAtFullSpeedLeaveCompleteFiles() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let references = try Self.references(seeds: [4, 5], in: parent)
        for round in 0..<3 {
            let shared = parent.appendingPathComponent("shared-\(round)")
            let children = try [4, 5].map { try ChildProcess(Self.quick(seed: $0, shared)) }
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
}

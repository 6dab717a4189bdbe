import Foundation
import Testing

/// A `report` process the test controls directly: started with `posix_spawn`, signalled at a
/// chosen moment, and reaped with `wait4` for its exit status, terminating signal and peak memory.
///
/// Its stdout and stderr go to files, so that a chatty child never blocks on a full pipe.
final class ChildProcess {
    let pid: pid_t
    private let logs: URL

    /// How a child ended.
    struct Ending: CustomStringConvertible {
        /// The exit status, when it exited.
        let status: Int32?
        /// The signal that killed it, when one did.
        let signal: Int32?
        /// The peak resident set size in KiB: the child's `VmHWM`, read while it runs (see ``wait(samplingMemory:)``).
        ///
        /// Not `wait4`'s `ru_maxrss`: posix_spawn execs from a vfork that shares this process's
        /// memory, and Linux carries that memory's peak over the exec, so `ru_maxrss` reports
        /// the test runner's own size whenever it is the larger.
        let maxResidentKiB: Int
        let stdout: String
        let stderr: String

        var description: String {
            (status.map { "exit \($0)" } ?? signal.map { "killed by signal \($0)" } ?? "?") + "; stderr: \(stderr)"
        }
    }

    /// Starts `report` with `arguments`, adding `environment` to this process's; `terminal` is
    /// the path of a pseudo-terminal to give it as stderr instead of a file; `stdin` and `stdout`
    /// are files to give it instead of /dev/null and a log file.
    init(_ arguments: [String], environment: [String: String] = [:], terminal: String? = nil,
         stdin: String = "/dev/null", stdout: String? = nil, executable: String = ReportProcess.executable.path) throws {
        logs = try ReportProcess.temporaryFolder()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? logs.appendingPathComponent("stdout").path,
                                         O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let terminal {
            posix_spawn_file_actions_addopen(&actions, 2, terminal, O_RDWR | O_NOCTTY, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, logs.appendingPathComponent("stderr").path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        // Default dispositions and an empty mask, whatever the test runner set up.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXFSZ] { sigaddset(&defaults, signal) }
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL)
        }
        self.pid = pid
    }

    /// A child the test left behind (a failed expectation, a thrown error) is killed and reaped,
    /// so that no stopped process outlives the test run.
    deinit {
        if !reaped {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        try? FileManager.default.removeItem(at: logs)
    }

    /// Whether the child's end has been collected with `waitpid`.
    private var reaped = false

    /// Sends `signal` to the child.
    func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits until the child stops itself at its pause point (`REPORT_TEST_PAUSE_AT`); false if it ended instead.
    ///
    /// A signal sent while it is stopped stays pending until ``resume()``, so the signal lands at that point exactly.
    func waitUntilStopped() -> Bool {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WUNTRACED)
            if result == pid { break }
            if result < 0 && errno != EINTR { return false }
        }
        guard status & 0xFF == 0x7F else {
            ended = status
            reaped = true
            return false
        }
        stopped = true
        return true
    }

    /// Continues a stopped child.
    func resume() {
        stopped = false
        kill(pid, SIGCONT)
    }

    /// Whether ``waitUntilStopped()`` saw the child stop since the last ``resume()``: `waitpid`
    /// reports each stop only once, so ``wait()`` must know to continue it.
    private var stopped = false

    /// The raw status of a child that ended while ``waitUntilStopped()`` waited for a stop.
    private var ended: Int32?

    /// Waits for the child to end; a child that stops at a pause point again is continued.
    ///
    /// With `samplingMemory`, its peak memory is read every millisecond until it ends (otherwise
    /// ``Ending/maxResidentKiB`` is 0): reading /proc that often costs the test process a good
    /// part of a core, which the other tests' children want.
    func wait(samplingMemory: Bool = false) -> Ending {
        var status: Int32 = ended ?? 0
        var peakKiB = 0
        if stopped { resume() }
        while ended == nil {
            if samplingMemory, let highWater = highWaterMarkKiB() { peakKiB = max(peakKiB, highWater) }
            let result = waitpid(pid, &status, (samplingMemory ? WNOHANG : 0) | WUNTRACED)
            if result == pid && status & 0xFF == 0x7F {
                resume()
                continue
            }
            if result == pid || (result < 0 && errno != EINTR) { break }
            if samplingMemory { usleep(1_000) }
        }
        reaped = true
        let termination = status & 0x7F
        let read = { (name: String) in
            (try? String(contentsOf: self.logs.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }
        return Ending(
            status: termination == 0 ? (status >> 8) & 0xFF : nil,
            signal: termination != 0 && termination != 0x7F ? termination : nil,
            maxResidentKiB: peakKiB,
            stdout: read("stdout"),
            stderr: read("stderr"))
    }

    /// The `VmHWM` line of the child's /proc status: its own memory's high-water mark, in KiB.
    private func highWaterMarkKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }

    /// Runs `report` to the end.
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String = "/dev/null",
                    stdout: String? = nil, executable: String = ReportProcess.executable.path,
                    samplingMemory: Bool = false) throws -> Ending {
        try ChildProcess(arguments, environment: environment, stdin: stdin, stdout: stdout, executable: executable)
            .wait(samplingMemory: samplingMemory)
    }

    /// Polls `condition` every few milliseconds until it holds or `seconds` pass; returns whether it held.
    static func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(2_000)
        }
        return condition()
    }
}

/// Checks on the files a run leaves in a folder.
enum FolderCheck {
    /// The hidden temporary files of a write (`.NAME.report-staged.PID.RANDOM.tmp`) in `folder`.
    static func temporaries(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            $0.hasPrefix(".") && $0.hasSuffix(".tmp")
        }
    }

    /// Whether `bytes` are a whole PNG: its signature, then chunks up to and including IEND.
    static func isCompletePNG(_ bytes: Data) -> Bool {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let bytes = [UInt8](bytes)
        guard bytes.count > 8, Array(bytes[0..<8]) == signature else { return false }
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            offset += 12 + length
            if type == "IEND" { return offset == bytes.count }
        }
        return false
    }

    /// Whether every file of a run in `folder` is whole: PNGs complete, JSON parseable, report.md non-empty.
    static func everyFileIsComplete(in folder: URL) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.allSatisfy { name in
            guard let bytes = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return false }
            if name.hasSuffix(".png") { return isCompletePNG(bytes) }
            if name.hasSuffix(".json") { return (try? JSONSerialization.jsonObject(with: bytes)) != nil }
            if name.hasSuffix(".md") { return bytes.last == UInt8(ascii: "\n") }
            return true
        }
    }

    /// PNG width and height from the IHDR chunk.
    static func pngSize(_ bytes: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](bytes)
        guard bytes.count >= 24 else { return nil }
        return (bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, bytes[20..<24].reduce(0) { $0 << 8 | Int($1) })
    }
}

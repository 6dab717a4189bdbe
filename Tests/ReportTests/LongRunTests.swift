import Foundation
import Testing

/// Long runs stay in bounded memory and show progress only on a terminal.
///
/// The slow measurements (100,000,000 iterations, a 1,000-seed sweep, a 1,000,000-row file) are
/// kept out of the suite; see `scripts/` and the report for their figures.
@Suite("long runs are bounded")
struct LongRunTests {
    /// 2,000,000 iterations: the loss curve is reduced as it streams, so memory stays flat.
    @Test func twoMillionIterationsStayUnder100MB() throws {
        let output = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let ending = try ChildProcess.run(["--iterations", "2000000", "--output", output.path])
        #expect(ending.status == 0, "\(ending)")
        #expect(ending.maxResidentKiB > 0)
        #expect(ending.maxResidentKiB < 100 * 1024, "peak RSS \(ending.maxResidentKiB) KiB")
        #expect(!ending.stderr.contains("training"), "no progress bar when stderr is a file: \(ending.stderr)")
        #expect(FolderCheck.everyFileIsComplete(in: output))
    }

    /// On a terminal, a long run draws a progress bar on stderr, and clears it at the end.
    /// A long run and a sweep, with the label and total their progress bars show.
    static let progressRuns: [(arguments: [String], label: String, total: String)] = [
        (["--iterations", "1000000"], "training ", "/1000000"),
        (["sweep", "--seeds", "0..<40", "--iterations", "3000"], "sweep ", "/40"),
    ]

    @Test(arguments: progressRuns)
    func progressIsShownOnATerminal(_ run: (arguments: [String], label: String, total: String)) throws {
        let output = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let (master, terminal) = try #require(PseudoTerminal.open(), "no pseudo-terminal")
        defer { close(master) }

        let child = try ChildProcess(run.arguments + ["--output", output.path], terminal: terminal)
        // Read the terminal as the child writes, so that it never blocks on a full buffer.
        let collected = Collected()
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }  // EIO once the child has closed its end
                collected.append(buffer[..<count])
            }
        }
        reader.start()
        let ending = child.wait()
        #expect(ending.status == 0, "\(ending)")
        _ = ChildProcess.waitUntil(seconds: 5) { collected.text.contains("wrote ") }
        let text = collected.text
        #expect(text.contains(run.label), "a progress bar: \(text)")
        #expect(text.contains(run.total), "counts to the total: \(text)")
        #expect(text.contains("\r\u{1B}[K"), "the bar is cleared: \(text)")
    }
}

/// Bytes gathered by a reader thread.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []

    func append(_ more: ArraySlice<UInt8>) {
        lock.lock()
        bytes += more
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A pseudo-terminal pair, through libc's `posix_openpt` family, which the Glibc module does not export.
enum PseudoTerminal {
    private typealias OpenPT = @convention(c) (Int32) -> Int32
    private typealias Control = @convention(c) (Int32) -> Int32
    private typealias Name = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32

    /// The master's descriptor and the terminal's path.
    static func open() -> (master: Int32, terminal: String)? {
        let libc = dlopen(nil, RTLD_NOW)
        guard let openSymbol = dlsym(libc, "posix_openpt"), let grantSymbol = dlsym(libc, "grantpt"),
              let unlockSymbol = dlsym(libc, "unlockpt"), let nameSymbol = dlsym(libc, "ptsname_r")
        else { return nil }
        let master = unsafeBitCast(openSymbol, to: OpenPT.self)(O_RDWR | O_NOCTTY)
        guard master >= 0 else { return nil }
        var name = [CChar](repeating: 0, count: 128)
        guard unsafeBitCast(grantSymbol, to: Control.self)(master) == 0,
              unsafeBitCast(unlockSymbol, to: Control.self)(master) == 0,
              unsafeBitCast(nameSymbol, to: Name.self)(master, &name, name.count) == 0
        else {
            close(master)
            return nil
        }
        return (master, String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}

import Foundation
import Testing

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

extension PseudoTerminal {
    /// Runs `report` with its stderr on a new pseudo-terminal; returns how it ended and what it drew there.
    static func run(_ arguments: [String], executable: String = ReportProcess.executable.path) throws -> (ending: ChildProcess.Ending, text: String) {
        let (master, terminal) = try #require(open(), "no pseudo-terminal")
        defer { close(master) }
        let child = try ChildProcess(arguments, terminal: terminal, executable: executable)
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
        _ = ChildProcess.waitUntil(seconds: 5) { collected.text.contains("wrote ") }
        return (ending, collected.text)
    }
}

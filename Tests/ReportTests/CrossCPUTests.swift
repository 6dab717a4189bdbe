import Foundation
import Testing

/// The same bytes on every x86-64 CPU (issue 19): the release `report` run under qemu as a CPU without AVX or
/// FMA (Westmere, where glibc's exp and log take their other variant), with AVX but no FMA (SandyBridge) and with
/// both (Haswell), against the same runs on this machine: a default run, a tanh and a relu sweep, a width-5 run.
///
/// Needs `qemu-x86_64` (Debian's qemu-user, which `scripts/bootstrap --tests` installs); skipped with a message
/// where it is missing, except in CI (`CI` set), where a missing qemu fails the test.
@Suite("Cross-CPU: the same bytes under qemu's Westmere, SandyBridge and Haswell")
struct CrossCPUTests {
    static let qemu = ["/usr/bin/qemu-x86_64", "/usr/local/bin/qemu-x86_64"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let cpus = ["Westmere", "SandyBridge", "Haswell"]
    /// Small sizes: emulation is about 50 times slower, and what is checked is the numbers that reach the files.
    static let runs: [(name: String, arguments: [String])] = [
        ("default", ["--size", "320x240"]),
        ("tanh sweep", ["sweep", "--seeds", "0..<12", "--activation", "tanh", "--iterations", "2000", "--size", "320x240"]),
        ("relu sweep", ["sweep", "--seeds", "0..<12", "--activation", "relu", "--iterations", "2000", "--size", "320x240"]),
        ("width 5", ["--hidden", "5", "--iterations", "3000", "--size", "320x240"]),
        // Widths 1 and 3 through the seed batches' general-width loop, a short last vector of seeds.
        ("atlas", ["atlas", "--seeds", "0..<6", "--learning-rates", "0.5,2", "--hidden", "1,3", "--iterations", "1500",
                   "--size", "320x240"]),
    ]
    /// The compiled copy of the seed batches' loop each model runs: Haswell's AVX2 one where it has AVX2.
    static let kernels = ["Westmere": "portable", "SandyBridge": "portable", "Haswell": "haswell"]

    static var available: Bool { qemu != nil && ReleaseBinary.path != nil }

    @Test("each CPU model runs the training kernel it has the instructions for, so both copies are compared",
          .enabled(if: available || ProcessInfo.processInfo.environment["CI"] != nil,
                   "qemu-x86_64 or REPORT_RELEASE_BINARY is missing: run scripts/bootstrap --tests, then scripts/test"))
    func kernelPerCPU() throws {
        let qemu = try #require(Self.qemu, "qemu-x86_64 is not installed (scripts/bootstrap --tests installs it)")
        let binary = try ReleaseBinary.executable()
        for cpu in Self.cpus {
            let result = try ReportProcess.run(["-cpu", cpu, binary, "--version"], executable: URL(fileURLWithPath: qemu))
            #expect(result.status == 0 && result.stdout.hasSuffix("(training kernel: \(Self.kernels[cpu]!))\n"), "\(cpu): \(result.stdout)")
        }
    }

    @Test("every CPU model writes this machine's bytes", .enabled(if: available || ProcessInfo.processInfo.environment["CI"] != nil,
                                                              "qemu-x86_64 or REPORT_RELEASE_BINARY is missing: run scripts/bootstrap --tests, then scripts/test"),
          arguments: runs.indices)
    func sameBytes(_ run: Int) throws {
        let qemu = try #require(Self.qemu, "qemu-x86_64 is not installed (scripts/bootstrap --tests installs it)")
        let binary = try ReleaseBinary.executable()
        let (name, arguments) = Self.runs[run]
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        func files(_ label: String, _ command: [String]) throws -> [String: Data] {
            let folder = root.appendingPathComponent(label)
            let result = try ReportProcess.run(Array(command.dropFirst()) + arguments + ["--output", folder.path, "--quiet"],
                                               executable: URL(fileURLWithPath: command[0]))
            #expect(result.status == 0, "\(name) on \(label): \(result.stderr)")
            return ReportProcess.snapshot(folder)
        }
        let native = try files("native", [binary])
        #expect(native.count >= 2, "\(name) wrote \(native.keys.sorted())")
        for cpu in Self.cpus {
            let emulated = try files(cpu, [qemu, "-cpu", cpu, binary])
            #expect(emulated.keys.sorted() == native.keys.sorted(), "\(name) on \(cpu)")
            let differing = native.keys.sorted().filter { emulated[$0] != native[$0] }
            #expect(differing.isEmpty, "\(name) on \(cpu): \(differing) differ from this machine's")
        }
    }
}

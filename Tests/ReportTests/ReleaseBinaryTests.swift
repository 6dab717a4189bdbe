import Foundation
import Testing

/// numpy's verdict per seed for one activation and initialisation (scripts/fixtures/sweeps.py).
struct NumpySweep: Decodable, CustomStringConvertible {
    let activation: String
    let `init`: String
    /// One character per seed 0..<1000, "1" where the seed converges.
    let converged: String
    let count: Int
    var description: String { "\(activation) \(`init`)" }

    /// The six cells of the README's table, read from the source tree.
    static let fixtures: [NumpySweep] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("BackpropTests/Fixtures/sweeps.json")
        return try! JSONDecoder().decode([NumpySweep].self, from: Data(contentsOf: url))
    }()
}

/// The long runs, with the release binary: bounded memory, the training progress bar, and the
/// 1,000-seed sweeps against numpy. Each takes well under a second there.
@Suite("the release binary's long runs", .enabled(if: ReleaseBinary.path != nil, "needs the release binary: run scripts/test, which builds it"))
struct ReleaseBinaryTests {
    static func run(_ arguments: [String], samplingMemory: Bool = false) throws -> ChildProcess.Ending {
        try ChildProcess.run(arguments, executable: try ReleaseBinary.executable(), samplingMemory: samplingMemory)
    }

    /// A sweep into a new folder: how the process ended, sweep.json parsed, and the folder.
    static func sweep(_ arguments: [String]) throws -> (ending: ChildProcess.Ending, json: [String: Any], text: String, folder: URL) {
        let folder = try ReportProcess.temporaryFolder()
        let ending = try run(["sweep"] + arguments + ["--output", folder.path])
        let data = FileManager.default.contents(atPath: folder.appendingPathComponent("sweep.json").path) ?? Data("{}".utf8)
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return (ending, json, String(decoding: data, as: UTF8.self), folder)
    }

    /// 2,000,000 iterations: the loss curve is reduced as it streams, so memory stays flat.
    @Test func twoMillionIterationsStayUnder100MB() throws {
        let output = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let ending = try Self.run(["--iterations", "2000000", "--output", output.path], samplingMemory: true)
        #expect(ending.status == 0, "\(ending)")
        #expect(ending.maxResidentKiB > 0)
        #expect(ending.maxResidentKiB < 100 * 1024, "peak RSS \(ending.maxResidentKiB) KiB")
        #expect(!ending.stderr.contains("training"), "no progress bar when stderr is a file: \(ending.stderr)")
        #expect(FolderCheck.everyFileIsComplete(in: output))
    }

    /// On a terminal, a long run draws a progress bar on stderr, and clears it at the end.
    @Test func trainingProgressIsShownOnATerminal() throws {
        let output = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let (ending, text) = try PseudoTerminal.run(["--iterations", "1000000", "--output", output.path], executable: try ReleaseBinary.executable())
        #expect(ending.status == 0, "\(ending)")
        #expect(text.contains("training "), "a progress bar: \(text)")
        #expect(text.contains("/1000000"), "counts to the total: \(text)")
        #expect(text.contains("\r\u{1B}[K"), "the bar is cleared: \(text)")
    }

    @Test func aThousandSeedsConvergeAsNumpySays() throws {
        // 756 of seeds 0..<1000 converge at the defaults; numpy's batched sweep agrees (scripts/bench).
        let (ending, json, text, folder) = try Self.sweep(["--seeds", "0..<1000"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(ending.status == 0, "\(ending)")
        #expect(!ending.stderr.contains("\r"), "no progress bar when stderr is not a terminal")
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["converged"] as? Int == 756)
        #expect(totals["seeds"] as? Int == 1000)
        #expect(ending.stdout.contains("756 of 1000 seeds converge"))
        let seeds = json["seeds"] as? [[String: Any]] ?? []
        let converged = seeds.map { $0["converged"] as? Bool == true }
        let losses = SweepTests.finalLosses(inJSON: text)
        #expect(losses.count == 1000)
        let stuckLosses = zip(converged, losses).filter { !$0.0 }.map(\.1)
        let convergedLosses = zip(converged, losses).filter { $0.0 }.map(\.1)
        #expect(stuckLosses.count == 244)
        // Converged runs end below 0.01; stuck ones plateau at 0.348 (two points wrong), 0.48 or 0.69.
        #expect(convergedLosses.allSatisfy { $0 < 0.01 })
        #expect(stuckLosses.allSatisfy { $0 > 0.34 })
        #expect(stuckLosses.filter { abs($0 - 0.348) < 0.01 }.count > 200)
    }

    /// The README's table comes from these fixtures; each of the 1,000 seeds' verdicts must be numpy's.
    @Test(arguments: NumpySweep.fixtures)
    func convergedSeedsAreNumpysSeedBySeed(_ numpy: NumpySweep) throws {
        let (ending, json, _, folder) = try Self.sweep(["--seeds", "0..<1000", "--activation", numpy.activation, "--init", numpy.`init`])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(ending.status == 0, "\(ending)")
        let seeds = try #require(json["seeds"] as? [[String: Any]])
        #expect(seeds.map { $0["seed"] as? Int } == Array(0..<1000))
        let ours = seeds.map { ($0["converged"] as? Bool) == true ? "1" : "0" }.joined()
        #expect(ours == numpy.converged, "\(numpy)")
        #expect(numpy.converged.count == 1000 && numpy.converged.filter { $0 == "1" }.count == numpy.count)
    }
}

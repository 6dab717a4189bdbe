import Foundation
@testable import ReportKit
import Testing

/// `report sweep` in-process: the same training, files and checks as the executable, on a few
/// seeds; the 1,000-seed sweeps against numpy are in ``ReleaseBinaryTests``.
@Suite("report sweep")
struct SweepTests {
    /// Every `"finalLoss" : number` in a sweep.json, parsed with Swift's correctly rounded `Double(_:)`;
    /// Foundation's JSON parser can be off by an ulp, which would hide or fake a mismatch.
    static func finalLosses(inJSON text: String) -> [Double] {
        text.split(separator: "\n").filter { $0.contains("\"finalLoss\"") }.compactMap { line in
            Double(line.split(separator: ":").last!.trimmingCharacters(in: CharacterSet(charactersIn: " ,")))
        }
    }

    @Test func eachSeedEqualsItsSingleRunBitForBit() throws {
        let output = "/nonexistent/sweep"
        let swept = try InProcess.sweep(Seeds([4, 6, 42]), RunSpec(iterations: 3000, output: output))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(swept.json.utf8)) as? [String: Any])
        let seeds = try #require(json["seeds"] as? [[String: Any]])
        #expect(seeds.map { $0["seed"] as? Int } == [4, 6, 42])
        let losses = Self.finalLosses(inJSON: swept.json)
        #expect(losses.count == 3)
        for (entry, sweepLoss) in zip(seeds, losses) {
            let seed = try #require(entry["seed"] as? Int)
            // The single run's loss as its transcript prints it: 17 digits, which round-trip.
            let single = try InProcess.train(RunSpec(seed: Seed(seed)!, iterations: 3000, output: output))
            let lossLine = try #require(single.transcript.first { $0.hasPrefix("loss: ") })
            let singleLoss = try #require(Double(lossLine.dropFirst(6)))
            #expect(sweepLoss.bitPattern == singleLoss.bitPattern, "seed \(seed): \(sweepLoss) vs \(singleLoss)")
            let predictions = single.transcript.filter { $0.contains("=>") }.map { Int($0.suffix(1))! }
            #expect(entry["predictions"] as? [Int] == predictions, "seed \(seed)")
            #expect(entry["converged"] as? Bool == (predictions == [0, 1, 1, 0]), "seed \(seed)")
        }
        let chart = try #require(swept.files.first { $0.name == "sweep.png" })
        #expect(FolderCheck.isCompletePNG(Data(chart.bytes)))
    }

    @Test func checkComparesWithoutWriting() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["sweep", "--seeds", "3,4", "--iterations", "500", "--output", folder.path]
        let written = try InProcess.sweep(Seeds([3, 4]), RunSpec(iterations: 500, output: folder.path))
        try OutputFolder(path: folder.path).write(written.files)
        // End to end once: a current folder passes, and --check prints its verdicts, no count of seeds.
        let current = try ReportProcess.run(arguments + ["--check"])
        #expect(current.status == 0, "\(current.stderr)")
        #expect(current.stdout == "\(folder.path)/sweep.png: current\n\(folder.path)/sweep.json: current\n")
        let before = ReportProcess.snapshot(folder)
        let otherSeeds = ["sweep", "--seeds", "3,5", "--iterations", "500", "--output", folder.path, "--check"]
        let stale = try InProcess.sweep(Seeds([3, 5]), RunSpec(iterations: 500, output: folder.path))
        let sweepJSON = try #require(stale.files.first { $0.name == "sweep.json" })
        #expect(try !Freshness.of(sweepJSON, in: OutputFolder(path: folder.path), tolerance: .exact).isCurrent)
        let staleOutcome = ReportCLI.outcome(otherSeeds)
        #expect(staleOutcome.status == 1, "other seeds make sweep.json and sweep.png stale: \(staleOutcome)")
        #expect(ReportProcess.snapshot(folder) == before, "--check writes nothing")
        let missing = folder.appendingPathComponent("none")
        #expect(InProcess.sweepOutcome(Seeds([3, 4]), RunSpec(iterations: 500, output: missing.path, check: true)).status == 1)
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    @Test(arguments: ["5..<5", "10..<5", "9...3", "0..<4294967297", "4294967296", "a,b", "", "1,,2", "4,4", "3, 4,3"])
    func badSeedListsAreUsageErrors(seeds: String) throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = ReportCLI.outcome(["sweep", "--seeds", seeds, "--output", folder.path])
        #expect(outcome.status == 64, "\(seeds): \(outcome)")
        #expect(outcome.message?.contains("\n") == false)
        #expect(outcome.message?.contains("--seeds") == true, "\(outcome)")
        #expect(ReportProcess.snapshot(folder).isEmpty)
    }

    /// One rule for every number flag: spaces around a value or a list item are allowed, in `--seed` as in `--seeds`.
    @Test func seedsAreReadLikeEverySeed() throws {
        #expect(try Seeds(parsing: " 3, 4 ,42").values == [3, 4, 42])
        #expect(try Seed(parsing: " 4 ").value == 4)
        #expect(throws: FlagValueError.self) { try Seeds(parsing: "4,4") }
        #expect(throws: FlagValueError.self) { try Seeds(parsing: "4, 4") }
        #expect(throws: FlagValueError.self) { try Seed(parsing: "4 4") }
    }
}

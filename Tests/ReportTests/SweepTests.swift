import Foundation
import Testing

@Suite("report sweep")
struct SweepTests {
    /// Every `"finalLoss" : number` in a sweep.json, parsed with Swift's correctly rounded `Double(_:)`;
    /// Foundation's JSON parser can be off by an ulp, which would hide or fake a mismatch.
    private func finalLosses(in folder: URL) throws -> [Double] {
        let text = String(decoding: try #require(FileManager.default.contents(atPath: folder.appendingPathComponent("sweep.json").path)), as: UTF8.self)
        return text.split(separator: "\n").filter { $0.contains("\"finalLoss\"") }.compactMap { line in
            Double(line.split(separator: ":").last!.trimmingCharacters(in: CharacterSet(charactersIn: " ,")))
        }
    }

    private func sweep(_ arguments: [String]) throws -> (result: ReportResult, json: [String: Any], folder: URL) {
        let folder = try ReportProcess.temporaryFolder()
        let result = try ReportProcess.run(["sweep"] + arguments + ["--output", folder.path])
        let data = FileManager.default.contents(atPath: folder.appendingPathComponent("sweep.json").path) ?? Data("{}".utf8)
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return (result, json, folder)
    }

    @Test func eachSeedEqualsItsSingleRunBitForBit() throws {
        let (result, json, folder) = try sweep(["--seeds", "4,6,42", "--iterations", "3000"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.status == 0, "\(result.stderr)")
        let seeds = try #require(json["seeds"] as? [[String: Any]])
        #expect(seeds.map { $0["seed"] as? Int } == [4, 6, 42])
        let losses = try finalLosses(in: folder)
        #expect(losses.count == 3)
        for (entry, sweepLoss) in zip(seeds, losses) {
            let seed = try #require(entry["seed"] as? Int)
            let single = try ReportProcess.run(["--seed", "\(seed)", "--iterations", "3000", "--output", folder.appendingPathComponent("single-\(seed)").path])
            let lossLine = try #require(single.stdout.split(separator: "\n").first { $0.hasPrefix("loss: ") })
            let singleLoss = try #require(Double(lossLine.dropFirst(6)))
            #expect(sweepLoss.bitPattern == singleLoss.bitPattern, "seed \(seed): \(sweepLoss) vs \(singleLoss)")
            let predictions = single.stdout.split(separator: "\n").filter { $0.contains("=>") }.map { Int($0.suffix(1))! }
            #expect(entry["predictions"] as? [Int] == predictions, "seed \(seed)")
            #expect(entry["converged"] as? Bool == (predictions == [0, 1, 1, 0]), "seed \(seed)")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("sweep.png").path))
        #expect(!result.stderr.contains("\r"), "no progress bar when stderr is not a terminal")
    }

    @Test func checkComparesWithoutWriting() throws {
        let arguments = ["--seeds", "3,4", "--iterations", "500"]
        let (written, _, folder) = try sweep(arguments)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(written.status == 0)
        let current = try ReportProcess.run(["sweep"] + arguments + ["--output", folder.path, "--check"])
        #expect(current.status == 0, "\(current.stderr)")
        #expect(current.stdout.isEmpty)
        let before = ReportProcess.snapshot(folder)
        let stale = try ReportProcess.run(["sweep", "--seeds", "3,5", "--iterations", "500", "--output", folder.path, "--check"])
        #expect(stale.status == 1, "other seeds make sweep.json and sweep.png stale: \(stale.stderr)")
        #expect(stale.stderr.contains("sweep.json"))
        #expect(ReportProcess.snapshot(folder) == before, "--check writes nothing")
        let missing = folder.appendingPathComponent("none")
        #expect(try ReportProcess.run(["sweep"] + arguments + ["--output", missing.path, "--check"]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    @Test func aThousandSeedsConvergeAsNumpySays() throws {
        // 756 of seeds 0..<1000 converge at the defaults; numpy's batched sweep agrees (scripts/bench).
        let (result, json, folder) = try sweep(["--seeds", "0..<1000"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.status == 0, "\(result.stderr)")
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["converged"] as? Int == 756)
        #expect(totals["seeds"] as? Int == 1000)
        #expect(result.stdout.contains("756 of 1000 seeds converge"))
        let seeds = json["seeds"] as? [[String: Any]] ?? []
        let converged = seeds.map { $0["converged"] as? Bool == true }
        let losses = try finalLosses(in: folder)
        #expect(losses.count == 1000)
        let stuckLosses = zip(converged, losses).filter { !$0.0 }.map(\.1)
        let convergedLosses = zip(converged, losses).filter { $0.0 }.map(\.1)
        #expect(stuckLosses.count == 244)
        // Converged runs end below 0.01; stuck ones plateau at 0.348 (two points wrong), 0.48 or 0.69.
        #expect(convergedLosses.allSatisfy { $0 < 0.01 })
        #expect(stuckLosses.allSatisfy { $0 > 0.34 })
        #expect(stuckLosses.filter { abs($0 - 0.348) < 0.01 }.count > 200)
    }

    @Test(arguments: ["5..<5", "10..<5", "9...3", "0..<4294967297", "4294967296", "a,b", "", "1,,2"])
    func badSeedListsAreUsageErrors(seeds: String) throws {
        let (result, _, folder) = try sweep(["--seeds", seeds])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.status == 64, "\(seeds): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("--seeds"))
        #expect(ReportProcess.snapshot(folder).isEmpty)
    }

    /// numpy's verdict per seed for each activation and initialisation (scripts/fixtures/sweeps.py).
    struct NumpySweep: Decodable, CustomStringConvertible {
        let activation: String
        let `init`: String
        let converged: String
        let count: Int
        var description: String { "\(activation) \(`init`)" }
    }

    static let numpySweeps: [NumpySweep] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("BackpropTests/Fixtures/sweeps.json")
        return try! JSONDecoder().decode([NumpySweep].self, from: Data(contentsOf: url))
    }()

    /// The README's table comes from these fixtures; each seed's verdict must be numpy's. The
    /// first 100 seeds of each keep a debug build's test run short; `report sweep` gives all 1000.
    @Test(arguments: numpySweeps)
    func convergedSeedsAreNumpysSeedBySeed(_ numpy: NumpySweep) throws {
        let (result, json, folder) = try sweep(["--seeds", "0..<100", "--activation", numpy.activation, "--init", numpy.`init`])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.status == 0, "\(result.stderr)")
        let seeds = try #require(json["seeds"] as? [[String: Any]])
        let ours = seeds.map { ($0["converged"] as? Bool) == true ? "1" : "0" }.joined()
        #expect(ours == String(numpy.converged.prefix(100)), "\(numpy)")
        #expect(numpy.converged.count == 1000 && numpy.converged.filter { $0 == "1" }.count == numpy.count)
    }
}

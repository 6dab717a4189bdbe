import Foundation
import Plotting
import Backprop
@testable import ReportKit
import Testing

@Suite("report beyond the notebook: data files, widths, evolution")
struct ExperimentTests {
    @Test func trainsOnAUsersCSVAndChartsItsRange() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Two clusters beside the unit square: the charts must follow the data, not [0,1].
        var rows = ["x0,x1,label"]
        for i in 0..<40 {
            let t = Double(i) / 40
            rows.append("\(1 + t),\(-1 + t * 0.5),0")
            rows.append("\(2 + t),\(0.5 - t * 0.5),1")
        }
        let csv = folder.appendingPathComponent("points.csv")
        try rows.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        let trained = try InProcess.train(RunSpec(iterations: 2000, learningRate: 0.05, data: csv.path, boundary: .probability))
        #expect(trained.stdout.contains("accuracy: 80 of 80 points predicted right"), "\(trained.stdout)")
        let files = try trained.fileContents()
        let summary = try #require(files["summary.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: summary) as? [String: Any])
        #expect(json["accuracy"] as? Double == 1)
        let configuration = try #require(json["configuration"] as? [String: Any])
        #expect(configuration["data"] as? String == csv.path)
        #expect(configuration["task"] is NSNull, "no task with --data: null, not a string")
        let image = try RasterImage(png: [UInt8](try #require(files["boundary.png"])))
        // Both colours of the field are present: the boundary falls inside the charted range.
        let pixels = (0..<image.height).flatMap { y in stride(from: 0, to: image.width, by: 4).map { image[$0, y] } }
        #expect(pixels.contains { $0.red > 180 && $0.blue < 100 } && pixels.contains { $0.blue > 150 && $0.red < 80 })
    }

    @Test func wideHiddenLayersTrain() throws {
        let trained = try InProcess.train(RunSpec(iterations: 500, hidden: 64, activation: .tanh, initialization: .xavier))
        let w1 = try #require(trained.stdout.components(separatedBy: "w2:").first)
        #expect(w1.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "[" || $0 == "]" }).count == 1 + 128, "w1 holds 64×2 values")
        #expect(w1.split(separator: "\n").allSatisfy { $0.count <= 75 }, "numpy wraps at 75 columns")
    }

    @Test func evolutionShowsTheChosenEpochs() throws {
        let trained = try InProcess.train(RunSpec(iterations: 400, evolution: true, snapshots: [0, 100, 400]))
        #expect(trained.run.snapshots.map(\.epoch) == [0, 100, 400])
        let bytes = try #require(try trained.fileContents()["evolution.png"])
        let image = try RasterImage(png: [UInt8](bytes))
        #expect(image.width == 1280)
        for bad in ["0,500", "-1", "a", "", "0,1,2,3,4,5,6,7,8,9,10,11,12", "100,100"] {
            let refused = ReportCLI.outcome(["--iterations", "400", "--evolution", "--snapshots", bad, "--output", "/nonexistent/bad"])
            #expect(refused.status == 64, "--snapshots \(bad): \(refused)")
            #expect(refused.message?.contains("--snapshots") == true, "\(refused)")
        }
    }

    // XNOR is XOR's mirror image and as hard: at seed 4 it stalls like XOR at seed 6.
    @Test(arguments: ["and", "or", "nand", "nor"])
    func linearlySeparableGatesAreLearned(gate: String) throws {
        let trained = try InProcess.train(RunSpec(task: Gate(rawValue: gate)!))
        let truth: [String: [Int]] = ["and": [0, 0, 0, 1], "or": [0, 1, 1, 1], "nand": [1, 1, 1, 0], "nor": [1, 0, 0, 0]]
        let predictions = trained.transcript.filter { $0.contains("=>") }.map { Int($0.suffix(1))! }
        #expect(predictions == truth[gate], "\(gate) at the notebook's settings")
    }

    /// Flags that act only on the scatter, or only with --evolution, are refused rather than silently ignored.
    @Test func flagsThatCannotActAreRefused() throws {
        let cases: [([String], String)] = [
            (["--snapshots", "0,10"], "--snapshots applies only with --evolution"),
            (["--legend", "--boundary", "probability"], "--legend applies only with --boundary scatter"),
            (["--grid-step", "0.1", "--boundary", "probability"], "--grid-step applies only with --boundary scatter"),
            (["--tolerance", "1"], "--tolerance applies only with --check"),
        ]
        for (flags, message) in cases {
            let outcome = ReportCLI.outcome(flags + ["--output", "/nonexistent/never"])
            #expect(outcome.status == 64 && outcome.message == message, "\(flags): \(outcome)")
        }
        #expect(throws: UsageError.self) { try RunChartSettings(boundary: .probability, legend: true) }
        #expect(throws: UsageError.self) { try RunChartSettings(boundary: .probability, gridStep: 0.1) }
        #expect(try RunChartSettings(boundary: .scatter, gridStep: 0.1, legend: true).gridStep == 0.1)
    }
}

import Backprop
import Foundation
@testable import ReportKit
import Testing

/// Divergence never passes silently, and degenerate runs still draw sensible charts.
@Suite("report handles divergence and degenerate data")
struct NumericsTests {
    // MARK: - Divergence

    /// Points a billion apart: relu passes them through unsquashed, so a step of 1 overflows in a few iterations.
    static let hugeData = Dataset(x0: [0, 1e9, -1e9, 1e9], x1: [0, 1e9, 1e9, -1e9], y: [0, 1, 0, 1])

    /// `hugeData` as a CSV file in `folder`.
    static func hugeDataFile(in folder: URL) throws -> String {
        let file = folder.appendingPathComponent("huge.csv")
        let rows = (0..<4).map { "\(hugeData.x0[$0]),\(hugeData.x1[$0]),\(Int(hugeData.y[$0]))" }
        try (["x0,x1,label"] + rows).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test func divergingRunStopsWithTheIterationAndWritesNothing() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let data = try Self.hugeDataFile(in: parent)
        let earlier = parent.appendingPathComponent("earlier")
        let before = try InProcess.write(RunSpec(iterations: 30, output: earlier.path)).fileContents()
        let fresh = parent.appendingPathComponent("fresh")
        let diverging = ["--data", data, "--activation", "relu"]
        // The divergence class end to end: exit 1, one line on stderr, no transcript on stdout.
        let result = try ReportProcess.run(diverging + ["--learning-rate", "1", "--output", fresh.path])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.isEmpty, "no transcript of NaN weights: \(result.stdout)")
        #expect(result.stderr.hasPrefix("report: training diverged: the loss became"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        let relu = RunSpec(learningRate: 1, activation: .relu, data: data)
        for spec in [relu, relu.with { $0.learningRate = 1_000_000 }, relu.with { $0.evolution = true }, relu.with { $0.check = true }] {
            for output in [earlier.path, fresh.path] {
                let outcome = InProcess.outcome(spec.with { $0.output = output })
                let arguments = spec
                let message = outcome.message ?? ""
                #expect(outcome.status == 1, "\(arguments): \(outcome)")
                #expect(message.hasPrefix("training diverged: the loss became"), "\(message)")
                #expect(message.contains(" at iteration "), "\(message)")
                #expect(!message.contains("-nan"), "\(message)")
                #expect(!message.contains("\n"), "\(message)")
            }
        }
        #expect(ReportProcess.snapshot(earlier) == before, "no charts of a diverged run")
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
    }

    /// A learning rate far too large saturates ŷ; the loss, computed stably there, stays a number and
    /// the run finishes, but it says that the loss rose.
    @Test func saturatingRunFinishesWithAFiniteLossAndAWarning() throws {
        let output = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try ReportProcess.run(["--learning-rate", "1000", "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lossLine = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("loss: ") })
        let loss = try #require(Double(lossLine.dropFirst(6)))
        #expect(loss.isFinite && loss > 1, "numpy would print nan here; the true loss is large but finite")
        #expect(result.stderr.contains("warning: the loss rose from 0.8049467738227565"), "\(result.stderr)")
        #expect(result.stderr.contains("--learning-rate 1000"), "\(result.stderr)")
    }

    @Test func divergenceNamesTheFirstNonFiniteIteration() throws {
        let recipe = RunSpec(iterations: 100, learningRate: 1, activation: .relu).recipe
        let error = try #require(throws: TrainingRun.Diverged.self) {
            try TrainingRun(seed: 4, recipe: recipe, data: Self.hugeData)
        }
        // Replaying the run by hand finds the same iteration.
        let network = Network(parameters: recipe.initialParameters(seed: 4), data: Self.hugeData, learningRate: 1, activation: .relu)
        let first = (0..<100).first { _ in !network.step().isFinite }
        #expect(error.iteration == first)
        #expect(!error.loss.isFinite)
    }

    /// Weights that overflow in the last update, while the loss before it is still finite, are caught.
    @Test func nonFiniteWeightsWithAFiniteLossAreCaught() throws {
        let recipe = RunSpec(iterations: 1, learningRate: 1_000_000, task: .and).recipe
        // ŷ = 0.5 everywhere, so the loss is log 2; the hidden gradients are ~1e307 and the update overflows.
        let initial = Parameters(hidden: 2, w1: [0, 0, 0, 0], w2: [1e308, -1e308], b1: [0, 0], b2: 0)
        let error = try #require(throws: TrainingRun.Diverged.self) {
            try TrainingRun(seed: 0, recipe: recipe, data: Dataset(gate: .and), initialParameters: initial)
        }
        #expect(error.iteration == 0)
        #expect(error.loss.isFinite)
        #expect(error.description.contains("the weights became non-finite in the update of iteration 0"))
    }

    @Test func divergingSweepReportsDivergedSeeds() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try Self.hugeDataFile(in: folder)
        for rate in [1.0, 1_000_000] {
            let swept = try InProcess.sweep(Seeds(0..<12), RunSpec(iterations: 200, learningRate: LearningRate(rate)!,
                                                                  activation: .relu, data: data))
            let document = try #require(try JSONSerialization.jsonObject(with: Data(swept.json.utf8)) as? [String: Any])
            let seeds = try #require(document["seeds"] as? [[String: Any]])
            #expect(seeds.count == 12)
            let diverged = seeds.filter { $0["finalLoss"] is NSNull }
            #expect(!diverged.isEmpty, "some seeds diverge at learning rate \(rate)")
            for seed in seeds where !(seed["finalLoss"] is NSNull) {
                #expect((seed["finalLoss"] as? Double)?.isFinite == true && seed["finalLossNotFinite"] is NSNull, "\(seed)")
            }
            for seed in diverged {
                // JSON has no nan or inf: the loss is null, and the reason stands beside it.
                #expect(["nan", "inf", "-inf"].contains(seed["finalLossNotFinite"] as? String), "\(seed)")
                #expect(seed["converged"] as? Bool == false, "a diverged seed never counts as converged: \(seed)")
            }
            let chart = try #require(swept.files.first { $0.name == "sweep.png" })
            #expect(FolderCheck.isCompletePNG(Data(chart.bytes)))
        }
    }

    // MARK: - Degenerate charts

    static let degenerateRuns: [RunSpec] = [
        RunSpec(iterations: 50, learningRate: 1e-300),  // the loss never changes
        RunSpec(iterations: 50, learningRate: 1e-300, boundary: .probability, lossScale: .log),
        RunSpec(iterations: 1),
        RunSpec(iterations: 1, boundary: .probability, lossScale: .log, evolution: true),
        RunSpec(iterations: 2, evolution: true, snapshots: [0]),
        RunSpec(iterations: 1, task: .and, legend: true),  // every point predicted 1
        RunSpec(seed: 0, iterations: 1, hidden: 1, activation: .relu, initialization: .xavier),
    ]

    @Test(arguments: degenerateRuns.indices)
    func degenerateRunsDrawValidCharts(_ index: Int) throws {
        let spec = Self.degenerateRuns[index]
        try Self.expectValidCharts(try InProcess.train(spec).fileContents(), spec)
    }

    @Test func oneClassPredictedAndDegenerateDataDrawValidCharts() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let files = [
            "same-point": "0.5,0.5,0\n0.5,0.5,1\n",  // no extent at all
            "one-line": "0,1,0\n1,1,1\n2,1,0\n3,1,1\n",  // no extent in x1
            "two-points": "x0,x1,label\n-1e9,1e9,0\n1e9,-1e9,1\n",  // the largest coordinates allowed
            "lopsided": "0,0,1\n0,1,1\n1,0,1\n1,1,1\n0.5,0.5,0\n",  // nearly one class: predicted as one
        ]
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let data = parent.appendingPathComponent("\(name).csv")
            try Data(text.utf8).write(to: data)
            // evolution.png does not depend on --boundary, so one of the two views draws it.
            for boundary in [BoundaryView.scatter, .probability] {
                let spec = RunSpec(iterations: 20, data: data.path, boundary: boundary, evolution: boundary == .probability)
                try Self.expectValidCharts(try InProcess.train(spec).fileContents(), spec)
            }
        }
    }

    @Test func degenerateSweepsDrawValidCharts() throws {
        let sweeps: [(Seeds, RunSpec)] = [(Seeds([4]), RunSpec(iterations: 1)), (Seeds([0]), RunSpec(iterations: 50, learningRate: 1_000_000)),
                                          (Seeds([1, 2, 3]), RunSpec(iterations: 5, learningRate: 1e-300))]
        for (seeds, spec) in sweeps {
            let arguments = "\(seeds) \(spec)"
            let swept = try InProcess.sweep(seeds, spec)
            let chart = try #require(swept.files.first { $0.name == "sweep.png" })
            #expect(FolderCheck.isCompletePNG(Data(chart.bytes)), "\(arguments)")
            #expect((try? JSONSerialization.jsonObject(with: Data(swept.json.utf8))) != nil, "\(arguments)")
        }
    }

    /// Every chart a complete PNG of the requested size; summary.json valid JSON with finite weights.
    static func expectValidCharts(_ files: [String: Data], _ arguments: RunSpec) throws {
        for (name, bytes) in files where name.hasSuffix(".png") {
            #expect(FolderCheck.isCompletePNG(bytes), "\(arguments): \(name)")
            let size = FolderCheck.pngSize(bytes)
            if name == "evolution.png" {
                #expect(size?.width == 1280 && (size?.height ?? 0) >= 480, "\(arguments): \(name)")
            } else {
                #expect(size?.width == 640 && size?.height == 480, "\(arguments): \(name)")
            }
        }
        #expect(files["losses.png"] != nil && files["boundary.png"] != nil, "\(arguments)")
        let summary = try #require(files["summary.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: summary) as? [String: Any])
        let final = try #require(json["final"] as? [String: Any])
        #expect((final["b2"] as? Double)?.isFinite == true, "\(arguments)")
    }
}

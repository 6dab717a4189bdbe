@testable import Backprop
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Plotting
@testable import ReportKit
import Testing

/// A case of BackpropTests' numpy fixtures: the notebook's own functions, run by numpy.
private struct NumpyTraceCase: Decodable {
    struct Array: Decodable {
        let shape: [Int]
        let bits: [String]
        var values: [Double] { bits.map { Double(bitPattern: UInt64($0, radix: 16)!) } }
    }
    struct Trace: Decodable {
        let epoch: Int
        let loss: String
        let arrays: [String: Array]
        let printed: [String]
    }
    let seed: Int
    let hidden: Int
    let learningRate: Double
    let iterations: Int
    let activation: String
    let initialization: String
    let task: String?
    /// A CSV stand-in's points, where there are any.
    let data: [String: Array]?
    let traces: [Trace]
}

private let numpyCases: [NumpyTraceCase] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("BackpropTests/Fixtures/trace.json")
    return try! JSONDecoder().decode([NumpyTraceCase].self, from: Data(contentsOf: url))
}()

/// `report --trace EPOCH`: trace.json and the printed arrays against numpy, and the flag's refusals.
@Suite("report --trace")
struct TraceTests {
    /// The notebook's run traced at its first, a middle and its last epoch, and the one-unit network.
    @Test(arguments: [(0, 0), (0, 2), (0, 3), (3, 1)])
    func traceIsNumpys(caseIndex: Int, traceIndex: Int) throws {
        let numpy = numpyCases[caseIndex]
        try #require(numpy.task == "xor" && numpy.data == nil && numpy.initialization == "uniform")
        let expected = numpy.traces[traceIndex]
        let epoch = expected.epoch
        let spec = RunSpec(seed: Seed(numpy.seed)!, iterations: Iterations(numpy.iterations)!,
                           learningRate: LearningRate(numpy.learningRate)!, hidden: HiddenUnits(numpy.hidden)!,
                           activation: Activation(rawValue: numpy.activation)!,
                           size: CanvasSize(width: 120, height: 100), trace: Epoch(epoch)!)
        let trained = try InProcess.train(spec)
        let answer = trained.experiment.answer(for: trained.outcome)
        #expect(Array(answer.dropFirst(trained.transcript.count)) == expected.printed, "the printed arrays are numpy's strings")
        let file = try #require(try trained.files().first { $0.name == "trace.json" })
        let json = try #require(try JSONSerialization.jsonObject(with: Data(file.bytes)) as? [String: Any])
        #expect(json["epoch"] as? Int == epoch)
        let names = ["w1": "w1", "b1": "b1", "w2": "w2", "b2": "b2", "z1": "z1", "h1": "h1", "z2": "z2", "yHat": "y_hat",
                     "dz2": "dz2", "dw2": "dw2", "db2": "db2", "dz1": "dz1", "dw1": "dw1", "db1": "db1"]
        for (key, numpyName) in names {
            let reference = try #require(expected.arrays[numpyName] ?? expected.arrays[key], "numpy has \(numpyName)")
            let rows = try #require(json[key] as? [[Double]], "\(key) is a nested array")
            #expect([rows.count, rows.first?.count ?? 0] == reference.shape, "\(key)'s shape is numpy's")
            let values = rows.flatMap { $0 }, scale = reference.values.map(abs).max() ?? 0
            for (ours, theirs) in zip(values, reference.values) {
                #expect(abs(ours - theirs) <= 1e-12 * max(scale, 1e-300), "\(key): \(ours) vs numpy \(theirs)")
            }
        }
        let loss = try #require(json["loss"] as? Double)
        let numpyLoss = Double(bitPattern: UInt64(expected.loss, radix: 16)!)
        #expect(abs(loss - numpyLoss) <= 1e-12 * numpyLoss)
        let check = try #require(json["gradientCheck"] as? [String: Any])
        #expect((check["maxRelativeError"] as? Double ?? 1) < 1e-6, "\(check)")
    }

    @Test func summaryAndReportMentionTheTrace() throws {
        let trained = try InProcess.train(RunSpec(iterations: 50, size: CanvasSize(width: 120, height: 100), trace: 50))
        let files = try trained.fileContents()
        let summaryBytes = try #require(files["summary.json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: summaryBytes) as? [String: Any])
        let trace = try #require(summary["trace"] as? [String: Any])
        #expect(trace["file"] as? String == "trace.json" && trace["epoch"] as? Int == 50 && trace["sample"] as? Int == 0)
        #expect((summary["files"] as? [String])?.contains("trace.json") == true)
        let markdown = String(decoding: try #require(files["report.md"]), as: UTF8.self)
        #expect(markdown.contains("[trace.json](trace.json)") && markdown.contains("dw1: ["), "\(markdown)")
    }

    @Test func refusals() {
        let cases: [([String], String)] = [
            (["--iterations", "10", "--trace", "11"], "--trace 11 must be an epoch in 0...10 (the run's --iterations)"),
            (["--iterations", "10", "--trace-sample", "1"], "--trace-sample applies only with --trace"),
            (["--iterations", "10", "--trace", "0", "--trace-sample", "4"], "--trace-sample 4 must be a row of the training set, 0...3"),
        ]
        for (arguments, message) in cases {
            let outcome = ReportCLI.outcome(arguments + ["--output", "/nonexistent/never"])
            #expect(outcome.status == 64 && outcome.message == message, "\(arguments): \(outcome)")
        }
    }
}

/// backprop.png from a trace: its arrays are the traced iteration's, one sample's share.
@Suite("report --trace: backprop.png")
struct BackpropPictureTests {
    /// The per-sample arrays the graph shows add up, over the samples, to the trace's gradients.
    @Test func samplesSumToTheTracesGradients() throws {
        let network = Network(parameters: Parameters(seed: 4, hidden: 3), data: .xor)
        _ = network.train(iterations: 300)
        let trace = network.trace()
        let samples = (0..<4).map { ComputationGraph.SampleArrays(trace, sample: $0) }
        func sum(_ key: (ComputationGraph.SampleArrays) -> [Double]) -> [Double] {
            samples.map(key).reduce(into: Array(repeating: 0.0, count: key(samples[0]).count)) { total, next in
                for k in total.indices { total[k] += next[k] }
            }
        }
        for (mine, theirs) in [(sum(\.dw1), trace.dw1.values), (sum(\.db1), trace.db1.values), (sum(\.dw2), trace.dw2.values),
                               (sum { [$0.db2] }, trace.db2.values)] {
            for (a, b) in zip(mine, theirs) { #expect(abs(a - b) <= 1e-12 * max(abs(b), 1e-3), "\(a) vs \(b)") }
        }
        let loss = samples.map(\.loss).reduce(0, +) / 4
        #expect(abs(loss - trace.loss) <= 1e-12 * trace.loss, "the samples' mean loss is the iteration's")
        #expect(samples[2].x == [1, 0] && samples[2].y == 1)
    }

    @Test func traceDrawsTheGraph() throws {
        let spec = RunSpec(iterations: 20, size: CanvasSize(width: 300, height: 120), trace: 20, traceSample: 3)
        let files = try InProcess.train(spec).fileContents()
        let bytes = try #require(files["backprop.png"])
        let image = try RasterImage(png: [UInt8](bytes))
        #expect((image.width, image.height) == (600, 120), "as wide as two charts")
        let svg = try InProcess.train(spec.with { $0.format = .svg }).fileContents()
        let parsed = XMLParser(data: try #require(svg["backprop.svg"]))
        #expect(parsed.parse(), "backprop.svg is well-formed XML")
    }
}

/// The second hostile pass over --trace.
@Suite("report --trace: what a hostile user found")
struct TraceEdgeTests {
    /// A relu unit on its kink has no derivative there: the check fails, and says so where it is read.
    @Test func aFailingCheckIsSaidNotHidden() throws {
        let spec = RunSpec(seed: 10, iterations: 2000, hidden: 3, activation: .relu, initialization: .xavier,
                           size: CanvasSize(width: 120, height: 100), trace: 0)
        let trained = try InProcess.train(spec)
        let check = try #require(trained.outcome.gradientCheck)
        #expect(!check.passes && check.maxRelativeError == 1, "\(check.maxRelativeError)")
        let warnings = trained.experiment.warnings(for: trained.outcome)
        #expect(warnings.contains { $0.hasPrefix("the gradient check of --trace 0 fails at ") && $0.contains("relu unit at its kink") },
                "\(warnings)")
        let markdown = String(decoding: try #require(try trained.fileContents()["report.md"]), as: UTF8.self)
        #expect(markdown.contains("DISAGREE") && !markdown.contains("agree with central differences"), "\(markdown)")
    }

    /// Gradients of 1e-45 beside differences of exactly 0 agree: both are zero to the check's resolution.
    @Test func negligibleGradientsAgree() {
        let component = GradientCheck.Component(name: "w", backprop: -4.2e-45, numeric: 0)
        #expect(component.relativeError < 1e-30)
        #expect(GradientCheck.Component(name: "w", backprop: 0, numeric: 0.0157).relativeError == 1)
    }

    /// numpy's `w2.T @ dz2` accumulates from +0: where dz2 is 0 it prints 0, not -0.
    @Test func zeroGradientsPrintAsNumpyPrintsThem() throws {
        let trained = try InProcess.train(RunSpec(iterations: 100, learningRate: 1000, size: CanvasSize(width: 120, height: 100),
                                                  trace: 50))
        let trace = try #require(trained.outcome.trace)
        for (k, value) in trace.dz1.values.enumerated() where value == 0 {
            let j = k % trace.dz1.columns
            #expect(trace.dz2.values[j] != 0 || value.sign == .plus, "dz1[\(k)] is -0 where dz2 is 0")
        }
        #expect(trace.dz1.values.contains(0), "the case has zeros to print")
        let line = try #require(trained.experiment.answer(for: trained.outcome).first { $0.hasPrefix("dz1: ") })
        #expect(!line.contains("-0.00000000e+00"), "\(line)")
    }

    @Test func traceOfAHugeDataFileIsRefused() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("rows.csv")
        let rows = (0...TraceSettings.rowLimit).map { "\(Double($0 % 97) / 97),\(Double($0 % 89) / 89),\($0 % 2)" }
        try rows.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        let outcome = InProcess.outcome(RunSpec(iterations: 1, data: csv.path, trace: 0, output: folder.appendingPathComponent("out").path))
        #expect(outcome.status == 64 && outcome.message == "--trace writes every array of every row: at most 10000 rows (--data holds 10001)",
                "\(outcome)")
    }
}

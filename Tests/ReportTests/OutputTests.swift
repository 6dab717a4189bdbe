import Foundation
import Plotting
@testable import ReportKit
import Testing

@Suite("report's files: formats, determinism, --check, summary")
struct OutputTests {
    /// One process run per format against this process's rendering of the same arguments: byte
    /// for byte equal across processes, each with its own hashing seed and addresses.
    @Test(arguments: ["png", "svg", "pdf"])
    func everyFormatIsByteIdenticalAcrossRuns(format: String) throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["--iterations", "300", "--format", format, "--boundary", "probability", "--evolution", "--output", folder.path]
        let spec = RunSpec(iterations: 300, format: ImageFormat(rawValue: format)!, boundary: .probability, evolution: true,
                           output: folder.path)
        #expect(try ReportProcess.run(arguments).status == 0)
        let files = ReportProcess.snapshot(folder)
        #expect(Set(files.keys) == ["losses.\(format)", "boundary.\(format)", "evolution.\(format)", "summary.json", "report.md"])
        #expect(files == (try InProcess.train(spec).fileContents()))
        let boundary = try #require(files["boundary.\(format)"])
        switch format {
        case "svg": #expect(String(decoding: boundary, as: UTF8.self).contains("<svg"))
        case "pdf":
            #expect(boundary.starts(with: Data("%PDF".utf8)))
            #expect(!String(decoding: boundary, as: UTF8.self).contains("CreationDate"), "no timestamp in the PDF")
        default: #expect(boundary.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
    }

    @Test func checkPassesOnCurrentFilesAndListsStaleOnes() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["--iterations", "200", "--output", folder.path]
        let spec = RunSpec(iterations: 200, output: folder.path)
        try InProcess.write(spec)
        // End to end once: current files pass, and --check prints a verdict per file, no transcript.
        let current = try ReportProcess.run(arguments + ["--check"])
        #expect(current.status == 0, "\(current.stderr)")
        let names = ["losses.png", "boundary.png", "summary.json", "report.md"]
        #expect(current.stdout == names.map { "\(folder.path)/\($0): current\n" }.joined())
        #expect(current.stderr == "report --check: 4 files in \(folder.path) are current\n")

        try Data("stale".utf8).write(to: folder.appendingPathComponent("boundary.png"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("report.md"))
        let before = ReportProcess.snapshot(folder)
        let rendered = try InProcess.train(spec).files()
        let verdicts = try rendered.map { try Freshness.of($0, in: OutputFolder(path: folder.path), tolerance: .exact) }
        #expect(verdicts.map(\.isCurrent) == [true, false, true, false], "only the stale files are listed")
        let stale = InProcess.outcome(spec.with { $0.check = true })
        #expect(stale.status == 1, "\(stale)")
        #expect(stale.message == "--check: 2 of 4 files in '\(folder.path)' are stale or missing")
        #expect(ReportProcess.snapshot(folder) == before, "--check writes nothing")

        let otherRun = InProcess.outcome(RunSpec(iterations: 201, output: folder.path, check: true))
        #expect(otherRun.status == 1, "different arguments make every file stale")
    }

    @Test func checkOnAMissingFolderFailsWithoutCreatingIt() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let missing = parent.appendingPathComponent("never")
        let outcome = InProcess.outcome(RunSpec(iterations: 10, output: missing.path, check: true))
        #expect(outcome.status == 1, "\(outcome)")
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    @Test func summaryDescribesTheRun() throws {
        let trained = try InProcess.train(RunSpec(seed: 6))
        let data = try #require(try trained.fileContents()["summary.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let configuration = try #require(json["configuration"] as? [String: Any])
        #expect(configuration["seed"] as? Int == 6)
        #expect(configuration["iterations"] as? Int == 10000, "numbers are JSON numbers")
        #expect(configuration["learningRate"] as? Double == 0.1 && configuration["hidden"] as? Int == 2)
        #expect(configuration["task"] as? String == "xor" && configuration["data"] is NSNull, "absent is null")
        let keys = ["activation", "data", "hidden", "init", "iterations", "learningRate", "seed", "skipDraws", "task"]
        #expect(configuration.keys.sorted() == keys)
        #expect(json["predictions"] as? [Int] == [0, 1, 0, 1], "seed 6 is stuck in a local minimum")
        #expect(json["accuracy"] as? Double == 0.5, "[1 0] and [1 1] are wrong")
        let finalLoss = try #require(json["finalLoss"] as? Double)
        #expect(abs(finalLoss - 0.3481951964185649) < 1e-12)
        #expect(trained.stdout.contains("loss: \(finalLoss)"), "the summary's loss is the transcript's")
        #expect(json["files"] as? [String] == ["losses.png", "boundary.png", "summary.json", "report.md"])
        let checkpoints = try #require(json["lossCheckpoints"] as? [[String: Any]])
        #expect(checkpoints.map { $0["iteration"] as? Int } == [0, 10, 100, 1000, 9999])
        #expect(json["animation"] is NSNull, "no --animate")
        #expect(json["trace"] is NSNull && json["network"] is NSNull, "no --trace, no --network")
        #expect(Set(json.keys) == ["configuration", "final", "lossCheckpoints", "finalLoss", "predictions", "accuracy", "files",
                                   "animation", "trace", "network", "descriptions"], "nothing else, such as a timestamp")
    }

    @Test func reportMarkdownHoldsTheTranscriptAndImages() throws {
        let trained = try InProcess.train(RunSpec(iterations: 100))
        let markdown = String(decoding: try #require(try trained.fileContents()["report.md"]), as: UTF8.self)
        #expect(markdown.contains(trained.stdout), "the whole transcript, verbatim")
        for file in try trained.files() where file.kind == .image(.png) {
            let alt = Summary.altText(try #require(file.description))
            #expect(markdown.contains("![\(alt)](\(file.name))"), "each image with its description as alt text")
        }
    }
}

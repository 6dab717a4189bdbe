import Foundation
import Backprop
@testable import ReportKit
import Testing

private struct TranscriptFixture: Decodable {
    let seed: Int
    let skip: Int
    let hidden: Int
    let learningRate: Double
    let iterations: Int
    let activation: String
    let initialization: String
    let task: String
    let predictions: [Int]
    let transcript: [String: String]

    var spec: RunSpec {
        RunSpec(seed: Seed(seed)!, skipDraws: SkipDraws(skip)!, iterations: Iterations(iterations)!,
                learningRate: LearningRate(learningRate)!, hidden: HiddenUnits(hidden)!, activation: Activation(rawValue: activation)!,
                initialization: Initialization(rawValue: initialization)!, task: Gate(rawValue: task)!)
    }

    /// The notebook's printed lines as numpy printed them for this run, but for the loss line.
    var expectedLinesButLoss: [String] {
        let points = ["[0 0]", "[0 1]", "[1 0]", "[1 1]"]
        let arrays = ["w1", "w2", "b1", "b2"].map { "\($0): \(transcript[$0]!)" }
        return arrays.joined(separator: "\n").split(separator: "\n").map(String.init)
            + zip(points, predictions).map { "\($0) => \($1)" }
    }
}

/// The numpy fixtures that BackpropTests uses, read from the source tree.
private let transcriptFixtures: [TranscriptFixture] = {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("BackpropTests/Fixtures/training.json")
    return try! JSONDecoder().decode([TranscriptFixture].self, from: Data(contentsOf: url))
}()

/// The transcript and the charts: numpy's numbers in-process, and the executable's stdout and files end to end.
@Suite("report, end to end")
struct ReportTests {
    /// Every numpy fixture (64,501 iterations in all, affordable in-process; the process-per-case
    /// suite skipped the two longest).
    @Test(arguments: transcriptFixtures)
    fileprivate func transcriptIsNumpys(_ fixture: TranscriptFixture) throws {
        let trained = try InProcess.train(fixture.spec)
        var lines = trained.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.last == "", "stdout ends with a newline")
        lines.removeLast()
        // Arrays print 8 digits and must match exactly; the loss prints all 17, and numpy's own
        // exp and log differ between builds in the last bit, so it must agree to 1e-12.
        let lossLine = try #require(lines.firstIndex { $0.hasPrefix("loss: ") })
        let loss = try #require(Double(lines.remove(at: lossLine).dropFirst(6)))
        let numpyLoss = try #require(Double(fixture.transcript["loss"]!))
        #expect(abs(loss - numpyLoss) <= 1e-12 * numpyLoss, "loss \(loss) vs numpy \(numpyLoss)")
        #expect(lines == fixture.expectedLinesButLoss)
    }

    /// The success path end to end: stdout is exactly the transcript, stderr says where the files went.
    @Test func defaultRunPrintsTheIssuesTranscriptExactly() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ReportProcess.run(["--output", folder.path])
        #expect(result.status == 0)
        #expect(result.stdout == """
            w1: [7.45239535 7.4485394  5.67564407 5.67490743]
            w2: [ 12.98812417 -13.76741383]
            b1: [-3.41219149 -8.67843908]
            b2: [-6.09160319]
            loss: 0.0026961313614018967
            [0 0] => 0
            [0 1] => 1
            [1 0] => 1
            [1 1] => 0

            """)
        #expect(result.stderr == "wrote \(["losses.png", "boundary.png", "summary.json", "report.md"].map { folder.appendingPathComponent($0).path }.joined(separator: ", "))\n",
                "stderr says where the files went: \(result.stderr)")
        #expect(Set(ReportProcess.snapshot(folder).keys) == ["losses.png", "boundary.png", "summary.json", "report.md"])
    }

    @Test func skippingTwentySevenDrawsPrintsTheNotebooksLines() throws {
        let lines = try InProcess.train(RunSpec(skipDraws: 27)).transcript
        #expect(Array(lines.prefix(4)) == [
            "w1: [7.4388715  7.44120975 5.64900086 5.64944581]",
            "w2: [ 12.93310424 -13.72141207]",
            "b1: [-3.40751612 -8.63975943]",
            "b2: [-6.06080783]",
        ])
        let loss = try #require(Double(lines[4].dropFirst("loss: ".count)))
        #expect(abs(loss - 0.0027791323813310333) <= 1e-12 * 0.0027791323813310333)
    }

    @Test func writesBothChartsAsPNG() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try InProcess.write(RunSpec(iterations: 300, output: folder.path))
        for name in ["losses.png", "boundary.png"] {
            let bytes = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path))
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(name) is a PNG")
            // IHDR: width and height, big-endian, at bytes 16..<24.
            let width = bytes[16..<20].reduce(0) { $0 << 8 | UInt32($1) }
            let height = bytes[20..<24].reduce(0) { $0 << 8 | UInt32($1) }
            #expect((width, height) == (640, 480), "\(name) is 640×480")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporary files are left behind")
    }

    /// The executable's files and this process's are byte for byte the same: two processes, each
    /// with its own hashing seed and addresses, so nothing may depend on either.
    @Test func sameArgumentsGiveIdenticalBytes() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try ReportProcess.run(["--iterations", "200", "--output", folder.path]).status == 0)
        let inProcess = try InProcess.train(RunSpec(iterations: 200, output: folder.path)).fileContents()
        #expect(ReportProcess.snapshot(folder) == inProcess)
        #expect(inProcess.count >= 2)
    }
}

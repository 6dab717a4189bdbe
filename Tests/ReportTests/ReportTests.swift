import Foundation
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

    var arguments: [String] {
        ["--seed", "\(seed)", "--skip-draws", "\(skip)", "--hidden", "\(hidden)", "--learning-rate", "\(learningRate)",
         "--iterations", "\(iterations)", "--activation", activation, "--init", initialization, "--task", task]
    }

    /// The notebook's printed lines as numpy printed them for this run.
    var expectedStdout: String {
        let points = ["[0 0]", "[0 1]", "[1 0]", "[1 1]"]
        let header = ["w1", "w2", "b1", "b2", "loss"].map { "\($0): \(transcript[$0]!)" }
        return (header + zip(points, predictions).map { "\($0) => \($1)" }).joined(separator: "\n") + "\n"
    }
}

/// The numpy fixtures that BackpropTests uses, read from the source tree.
private let transcriptFixtures: [TranscriptFixture] = {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("BackpropTests/Fixtures/training.json")
    return try! JSONDecoder().decode([TranscriptFixture].self, from: Data(contentsOf: url))
}()

@Suite("report, end to end")
struct ReportTests {
    @Test(arguments: transcriptFixtures.filter { $0.iterations <= 4000 || ($0.seed == 4 && $0.skip == 27) })
    fileprivate func stdoutIsNumpysTranscript(_ fixture: TranscriptFixture) throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ReportProcess.run(fixture.arguments + ["--output", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == fixture.expectedStdout)
        #expect(result.stderr.contains("losses.png"), "stderr says where the files went")
    }

    @Test func writesBothChartsAsPNG() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ReportProcess.run(["--iterations", "300", "--output", folder.path])
        #expect(result.status == 0)
        for name in ["losses.png", "boundary.png"] {
            let bytes = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path))
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(name) is a PNG")
            // IHDR: width and height, big-endian, at bytes 16..<24.
            let size = bytes.dropFirst(16).prefix(8).reduce(into: [UInt32]()) { _, _ in }
            _ = size
            let width = bytes[16..<20].reduce(0) { $0 << 8 | UInt32($1) }
            let height = bytes[20..<24].reduce(0) { $0 << 8 | UInt32($1) }
            #expect((width, height) == (640, 480), "\(name) is 640×480")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporary files are left behind")
    }

    @Test func sameArgumentsGiveIdenticalBytes() throws {
        let first = try ReportProcess.temporaryFolder(), second = try ReportProcess.temporaryFolder()
        defer { for folder in [first, second] { try? FileManager.default.removeItem(at: folder) } }
        #expect(try ReportProcess.run(["--iterations", "200", "--output", first.path]).status == 0)
        #expect(try ReportProcess.run(["--iterations", "200", "--output", second.path]).status == 0)
        #expect(ReportProcess.snapshot(first) == ReportProcess.snapshot(second))
        #expect(ReportProcess.snapshot(first).count >= 2)
    }
}

import Foundation
import Testing

/// A command line that must be refused, and what the refusal must say.
struct BadInput: CustomStringConvertible, Sendable {
    let arguments: [String]
    let status: Int32
    let mentions: [String]

    var description: String { arguments.joined(separator: " ") }
}

private let usageCases: [BadInput] = [
    BadInput(arguments: ["--iterations", "0"], status: 64, mentions: ["--iterations", "0"]),
    BadInput(arguments: ["--iterations", "-5"], status: 64, mentions: ["--iterations", "-5"]),
    BadInput(arguments: ["--iterations", "ten"], status: 64, mentions: ["--iterations", "ten"]),
    BadInput(arguments: ["--iterations", ""], status: 64, mentions: ["--iterations"]),
    BadInput(arguments: ["--iterations", "99999999999999999999"], status: 64, mentions: ["--iterations"]),
    BadInput(arguments: ["--learning-rate", "-1"], status: 64, mentions: ["--learning-rate", "-1"]),
    BadInput(arguments: ["--learning-rate", "0"], status: 64, mentions: ["--learning-rate"]),
    BadInput(arguments: ["--learning-rate", "nan"], status: 64, mentions: ["--learning-rate", "nan"]),
    BadInput(arguments: ["--learning-rate", "inf"], status: 64, mentions: ["--learning-rate", "inf"]),
    BadInput(arguments: ["--learning-rate", "-inf"], status: 64, mentions: ["--learning-rate"]),
    BadInput(arguments: ["--learning-rate", "1e300"], status: 64, mentions: ["--learning-rate"]),
    BadInput(arguments: ["--hidden", "0"], status: 64, mentions: ["--hidden", "0"]),
    BadInput(arguments: ["--hidden", "100000"], status: 64, mentions: ["--hidden"]),
    BadInput(arguments: ["--seed", "-1"], status: 64, mentions: ["--seed", "-1"]),
    BadInput(arguments: ["--seed", "4294967296"], status: 64, mentions: ["--seed", "4294967296"]),
    BadInput(arguments: ["--skip-draws", "-3"], status: 64, mentions: ["--skip-draws"]),
    BadInput(arguments: ["--activation", "softmax"], status: 64, mentions: ["--activation", "softmax"]),
    BadInput(arguments: ["--no-such-flag"], status: 64, mentions: ["--no-such-flag"]),
]

@Suite("report refuses bad input cleanly")
struct BadInputTests {
    @Test(arguments: usageCases)
    func refusesWithOneLineAndWritesNothing(_ input: BadInput) throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("out")
        let result = try ReportProcess.run(input.arguments + ["--output", output.path])
        #expect(result.status == input.status, "\(input): \(result.stderr)")
        #expect(result.stdout.isEmpty, "\(input)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line for \(input): \(result.stderr)")
        for word in input.mentions {
            #expect(result.stderr.contains(word), "\(input): '\(result.stderr)' should mention \(word)")
        }
        #expect(!FileManager.default.fileExists(atPath: output.path), "\(input) created the output folder")
    }

    @Test func outputThatIsAFileIsRefused() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let file = parent.appendingPathComponent("taken")
        try Data("keep me".utf8).write(to: file)
        let result = try ReportProcess.run(["--iterations", "10", "--output", file.path])
        #expect(result.status == 73)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("--output"))
        #expect(FileManager.default.contents(atPath: file.path) == Data("keep me".utf8))
        #expect(ReportProcess.snapshot(parent).count == 1)
    }

    @Test func unwritableOutputIsRefused() throws {
        // /proc refuses new folders even to root, where permission bits would not.
        let result = try ReportProcess.run(["--iterations", "10", "--output", "/proc/xorbackprop-test/out"])
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("--output"))
    }

    @Test func failedRunLeavesEarlierFilesUntouched() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try ReportProcess.run(["--iterations", "50", "--output", folder.path]).status == 0)
        let before = ReportProcess.snapshot(folder)
        let result = try ReportProcess.run(["--iterations", "50", "--learning-rate", "nan", "--output", folder.path])
        #expect(result.status == 64)
        #expect(ReportProcess.snapshot(folder) == before)
    }
}

import Backprop
import Foundation
@testable import ReportKit
import Testing

/// What coreutils taught: `-` is standard input, a failed write to stdout fails the command,
/// `--help` shows what a bare command does, `--version` exists.
@Suite("report's Unix manners: stdout errors, --data -, --help, --version")
struct UnixMannersTests {
    @Test("a transcript that cannot be written is exit 74 with one line; the files stay written")
    func fullStandardOutput() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out")
        for command in [["--iterations", "10"], ["sweep", "--seeds", "0..<2", "--iterations", "10"]] {
            let ending = try ChildProcess.run(command + ["--output", output.path], stdout: "/dev/full")
            #expect(ending.status == 74, "\(command): \(ending)")
            let lines = ending.stderr.split(separator: "\n")
            #expect(lines.last == "report: cannot write to standard output: No space left on device", "\(ending.stderr)")
            #expect(lines.count == 2 && lines.first?.hasPrefix("wrote ") == true, "the files' line, then the error")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
                == ["boundary.png", "losses.png", "report.md", "summary.json", "sweep.json", "sweep.png"])
        let check = try ChildProcess.run(["--iterations", "10", "--output", output.path, "--check"], stdout: "/dev/full")
        #expect(check.status == 74, "--check's verdicts are output too: \(check)")
        #expect(try ChildProcess.run(["--version"], stdout: "/dev/full").status == 74)
    }

    @Test("--data - reads the points from standard input, and names it in errors")
    func dataFromStandardInput() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let points = folder.appendingPathComponent("points.csv")
        try Data("x0,x1,label\n0,0,0\n1,1,0\n0,1,1\n1,0,1\n".utf8).write(to: points)
        let output = folder.appendingPathComponent("out").path
        let ending = try ChildProcess.run(["--data", "-", "--iterations", "3000", "--output", output], stdin: points.path)
        #expect(ending.status == 0, "\(ending)")
        #expect(ending.stdout.contains("accuracy: 4 of 4 points predicted right"), "\(ending.stdout)")

        try Data("0,0,0\n1,1,7\n".utf8).write(to: points)
        let bad = try ChildProcess.run(["--data", "-", "--output", output + "2"], stdin: points.path)
        #expect(bad.status == 65)
        #expect(bad.stderr == "report: --data - (standard input) line 2: the label must be 0 or 1 (got '7')\n")
        let empty = try ChildProcess.run(["sweep", "--data", "-", "--output", output + "2"])
        #expect(empty.status == 65 && empty.stderr.contains("--data - (standard input): is empty"), "\(empty)")
        #expect(!FileManager.default.fileExists(atPath: output + "2"))
    }

    @Test("report --help shows the commands and the flags of run; --version the version")
    func helpAndVersion() throws {
        let help = try ReportProcess.run(["--help"])
        #expect(help.status == 0)
        for text in ["SUBCOMMANDS:", "sweep", "The default command, run:", "--iterations", "--output", "--check", "--font"] {
            #expect(help.stdout.contains(text), "report --help should show \(text)")
        }
        let version = try ReportProcess.run(["--version"])
        #expect(version.status == 0 && version.stdout == "\(reportVersion) (training kernel: \(SeedBatch.Kernel.fastest.rawValue))\n",
                "\(version.stdout)")
    }

    @Test("a --title the font cannot draw warns once, naming the characters; a line break is no such character")
    func missingGlyphsWarn() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out").path
        let warned = try ChildProcess.run(["--iterations", "10", "--title", "XOR 中\t中", "--output", output])
        #expect(warned.status == 0)
        let warning = warned.stderr.split(separator: "\n").filter { $0.contains("warning") }
        #expect(warning == ["report: warning: DejaVu Sans has no glyph for '中' (U+4E2D), '?' (U+0009) in --title; "
                            + "they are drawn as empty boxes (choose another with --font FILE)"], "\(warned.stderr)")
        let lines = try ChildProcess.run(["--iterations", "10", "--title", "first\nsecond", "--output", output])
        #expect(lines.status == 0 && !lines.stderr.contains("warning"), "\(lines.stderr)")
    }
}

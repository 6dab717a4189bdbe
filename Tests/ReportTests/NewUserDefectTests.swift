import Dispatch
import Foundation
import Glibc
import Plotting
@testable import ReportKit
import Testing

/// Defects a new user and a hostile tester found (issue 16, section 2), each checked where it shows:
/// the file a user reads, the status a script sees, a folder that must not hang the tool.
@Suite("issue 16: what a new user trips over")
struct NewUserDefectTests {
    /// A result handed from the thread that computes it to the one that waits, after the semaphore.
    final class Completion<T>: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var value: T?
    }

    // MARK: - 3. sweep.json's finalLossNotFinite

    /// Swift describes a NaN with its sign bit set as "-nan"; the file's contract knows only three words.
    @Test(arguments: zip([-Double.nan, Double.nan, Double.infinity, -Double.infinity], ["nan", "nan", "inf", "-inf"]))
    func notFiniteLossIsOneOfThreeWords(loss: Double, word: String) throws {
        #expect(SeedOutcome.notFinite(loss) == word)
        let seed = SeedOutcome(seed: 7, finalLoss: loss, predictions: nil, accuracy: 0.5, converged: false, diverged: true)
        let json = try JSONSerialization.jsonObject(with: Data(try jsonFile(seed)))
        let object = try #require(json as? [String: Any])
        #expect(object["finalLossNotFinite"] as? String == word, "\(object)")
        #expect(object["finalLoss"] is NSNull, "\(object)")
    }

    // MARK: - 4. zero losses on sweep.png's log axis

    /// Seeds that converge to a loss of exactly 0 must be drawn: a log axis drops every point at y ≤ 0,
    /// so each drawn y must be positive, below every real loss, and the axis must say where 0 went.
    @Test func zeroLossesAreDrawnAndLabelled() throws {
        let configuration = ConfigurationRecord(TrainingSettings(), hyperparameters: Hyperparameters())
        func seed(_ number: UInt32, _ loss: Double, converged: Bool) -> SeedOutcome {
            SeedOutcome(seed: number, finalLoss: loss, predictions: converged ? [0, 1, 1, 0] : [0, 1, 1, 1],
                             accuracy: converged ? 1 : 0.75, converged: converged, diverged: false)
        }
        let result = SweepResult(configuration: configuration,
                                 seeds: [seed(0, 0, converged: true), seed(1, 2.5e-9, converged: true),
                                         seed(2, 0, converged: true), seed(3, 0.35, converged: false)])
        let chart = try #require(RunCharts.sweep(result, title: nil).panels.first)
        #expect(chart.yAxis.scale == .log)
        let converged = try #require(chart.scatters.first { $0.label == "converged" })
        #expect(converged.y.count == 3)
        #expect(converged.y.allSatisfy { $0 > 0 && $0.isFinite }, "\(converged.y)")
        let zeros = converged.y.filter { $0 < 2.5e-9 }
        #expect(zeros.count == 2, "both zero losses sit below the smallest real loss: \(converged.y)")
        #expect(chart.yAxis.label.contains("2 seeds at loss 0"), "\(chart.yAxis.label)")
        #expect(chart.yAxis.label.contains("drawn at 1e-16"), "\(chart.yAxis.label)")

        // A real loss below 1e-16 pushes the floor a decade under it, still below every real loss.
        let tiny = SweepResult(configuration: configuration, seeds: [seed(0, 0, converged: true), seed(1, 3e-17, converged: true)])
        let tinyChart = try #require(RunCharts.sweep(tiny, title: nil).panels.first)
        #expect(tinyChart.scatters[0].y == [1e-18, 3e-17], "\(tinyChart.scatters[0].y)")
        #expect(tinyChart.yAxis.label == "final loss (1 seed at loss 0, drawn at 1e-18)", "\(tinyChart.yAxis.label)")

        // Every seed at 0: nothing positive to sit below, yet a drawable chart with the points on it.
        let allZero = SweepResult(configuration: configuration, seeds: [seed(0, 0, converged: true), seed(1, 0, converged: true)])
        let zeroChart = try #require(RunCharts.sweep(allZero, title: nil).panels.first)
        #expect(zeroChart.scatters.flatMap(\.y).allSatisfy { $0 > 0 && $0.isFinite }, "\(zeroChart.scatters.map(\.y))")
        #expect(zeroChart.scatters.flatMap(\.y).count == 2)
        #expect(FolderCheck.isCompletePNG(Data(try RunCharts.sweep(allZero, title: nil).render(RenderSettings()))))
    }

    // MARK: - 5. a FIFO under a file's name

    /// Runs `body` on its own thread; nil if it has not finished within `seconds`. A reader stuck opening
    /// the pipe `fifo` is then released (a writer's open lets it go on), so a regression fails, not hangs.
    static func finishes<T: Sendable>(within seconds: Double, releasing fifo: String, _ body: @escaping @Sendable () -> T) -> T? {
        let box = Completion<T>()
        Thread.detachNewThread {
            box.value = body()
            box.done.signal()
        }
        guard box.done.wait(timeout: .now() + seconds) == .success else {
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            _ = box.done.wait(timeout: .now() + 5)
            return nil
        }
        return box.value
    }

    @Test func namedPipeIsStaleNotAHang() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("summary.json").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let path = folder.path
        let verdict = Self.finishes(within: 10, releasing: pipe) { () -> String in
            do {
                return try Freshness.of(OutputFile(.summary, kind: .json, bytes: Array("{}\n".utf8)), in: OutputFolder(path: path),
                                        tolerance: .exact).verdict(tolerance: .exact)
            } catch { return "threw \(error)" }
        }
        #expect(verdict == "stale (cannot be read: not a regular file (a named pipe))")

        let check = Self.finishes(within: 30, releasing: pipe) {
            InProcess.outcome(RunSpec(iterations: 10, output: path, check: true))
        }
        #expect(check?.status == 1, "--check finds the pipe stale: \(String(describing: check))")
        var info = stat()
        #expect(lstat(pipe, &info) == 0 && info.fileType == S_IFIFO, "--check leaves the pipe alone")
    }

    @Test func keepUnchangedReplacesANamedPipe() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("losses.png").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let path = folder.path
        let outcome = Self.finishes(within: 30, releasing: pipe) {
            InProcess.outcome(RunSpec(iterations: 10, output: path, keepUnchanged: true))
        }
        #expect(outcome?.status == 0, "\(String(describing: outcome))")
        #expect(FolderCheck.isCompletePNG(try Data(contentsOf: URL(fileURLWithPath: pipe))), "the pipe is replaced by the chart")
    }

    // MARK: - 8. range examples that survive a paste into bash

    /// The package's README.md, found from this file's path.
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    /// The `--seeds` values in `text` that hold `..<` without quotes, which bash reads as a redirect.
    static func unquotedRanges(in text: String) -> [String] {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        var found: [String] = []
        for (index, word) in words.enumerated() {
            let value: String?
            if word.hasPrefix("--seeds=") { value = String(word.dropFirst("--seeds=".count)) }
            else if word == "--seeds", index + 1 < words.count { value = words[index + 1] }
            else { value = nil }
            if let value, value.contains("..<"), !value.hasPrefix("'"), !value.hasPrefix("\"") { found.append(word + " " + value) }
        }
        return found
    }

    @Test func readmeQuotesEveryRangeExample() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        // Code blocks and code spans are what a reader pastes; prose like "seeds 0..<1000" is not a command.
        var code: [String] = []
        var inBlock = false, block = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if inBlock { code.append(block) }
                inBlock.toggle()
                block = ""
            } else if inBlock {
                block += line + "\n"
            } else {
                let spans = line.split(separator: "`", omittingEmptySubsequences: false)
                code += spans.indices.filter { $0 % 2 == 1 }.map { String(spans[$0]) }
            }
        }
        #expect(code.contains { $0.contains("--seeds") }, "the README shows --seeds examples")
        let bad = code.flatMap(Self.unquotedRanges)
        #expect(bad.isEmpty, "README.md examples that bash would break: \(bad)")
        #expect(Self.unquotedRanges(in: "report sweep --seeds 0..<1000") == ["--seeds 0..<1000"], "the scan finds one")
    }

    @Test func helpQuotesTheRangeExample() {
        for help in [ReportCLI.outcome(["sweep", "--help"]).stdout, ReportCLI.outcome(["atlas", "--help"]).stdout] {
            // The default's display is the value itself, not a command line to paste.
            let examples = help.replacing(/\s+/, with: " ").replacing(/\(default: [^)]*\)/, with: "")
            let unquoted = examples.matches(of: /'?\d+\.\.<\d+/).map { String($0.output) }.filter { !$0.hasPrefix("'") }
            #expect(unquoted.isEmpty, "help shows \(unquoted) unquoted:\n\(help)")
            #expect(examples.contains("..<"))
        }
    }

    // MARK: - 10. report.md for a hostile --data path

    @Test func dataPathCannotInjectMarkdown() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "pts`\n# Owned\n[click](mailto:x@example.com)\r\u{1B}.csv"
        let path = folder.appendingPathComponent(name).path
        try Data("0,0,0\n0,1,1\n1,0,1\n1,1,0\n".utf8).write(to: URL(fileURLWithPath: path))
        let trained = try InProcess.train(RunSpec(iterations: 10, data: path))
        let report = try #require(try trained.files().first { $0.name == "report.md" })
        let lines = String(decoding: report.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let shown = folder.path + "/pts`\\u{a}# Owned\\u{a}[click](mailto:x@example.com)\\u{d}\\u{1b}.csv"
        let description = "A 2-2-1 network (sigmoid hidden layer, sigmoid output) trained on ``\(shown)`` by full-batch "
            + "gradient descent: seed 4, uniform initial weights, learning rate 0.1, 10 iterations."
        let expected = ["# XORBackprop report", "", description, "", "```"] + trained.transcript
            + ["```", ""] + (try trained.files()).filter { $0.kind == .image(.png) }.map { file in
                "![\(Summary.altText(file.description ?? ""))](\(file.name))"
            } + [""]
        #expect(lines.map(String.init) == expected)
        #expect(lines.filter { $0.hasPrefix("#") } == ["# XORBackprop report"])
    }

    @Test(arguments: ["plain.csv", "a`b", "`edge`", "two``ticks", " spaced "])
    func inlineCodeShowsThePathWhole(path: String) {
        let span = Summary.inlineCode(path)
        // CommonMark: the fence is the longest backtick run inside plus one; a space pads a backtick at an end.
        let fence = span.prefix { $0 == "`" }
        #expect(span.hasSuffix(fence) && !span.dropFirst(fence.count).dropLast(fence.count).contains(String(fence)))
        var content = span.dropFirst(fence.count).dropLast(fence.count)
        if content.hasPrefix(" "), content.hasSuffix(" ") { content = content.dropFirst().dropLast() }
        #expect(content == path[...], "\(span)")
    }

    // MARK: - 14. staged files named as the tool's own

    @Test func onlyTheToolsOwnStagedNamesAreRecognised() throws {
        let staged = OutputFolder.temporaryName(for: "losses.png")
        #expect(staged.hasPrefix(".losses.png.report-staged.\(getpid())."), "\(staged)")
        #expect(OutputFolder.stagingProcess(ofTemporary: staged) == getpid())
        for foreign in [".notes.txt.99998.cafebabe.tmp", ".losses.png.2147483646.0badf00d.tmp", ".report-staged.1.cafebabe.tmp",
                        ".x.report-staged.0.cafebabe.tmp", ".x.report-staged.12.cafebab.tmp", "x.report-staged.12.cafebabe.tmp"] {
            #expect(OutputFolder.stagingProcess(ofTemporary: foreign) == nil, "\(foreign) is not the tool's")
        }
    }

    // MARK: - 17. a missing input is 66 for --data as for --font

    @Test func missingOrUnreadableInputIsNoInput() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out").path
        let missing = folder.appendingPathComponent("missing.csv").path
        let bad = folder.appendingPathComponent("bad.csv").path
        try Data("0,0,0\n1,1,2\n".utf8).write(to: URL(fileURLWithPath: bad))
        let cases: [(arguments: [String], status: Int32, mentions: String)] = [
            (["--data", missing], 66, "--data '\(missing)': no such file"),
            (["sweep", "--seeds", "0,1", "--data", missing], 66, "no such file"),
            (["--data", folder.path], 66, "is a folder"),
            (["--font", missing], 66, "--font"),
            (["--data", bad], 65, "line 2"),
        ]
        for (arguments, status, mentions) in cases {
            let outcome = ReportCLI.outcome(arguments + ["--iterations", "10", "--output", output])
            #expect(outcome.status == status, "\(arguments): \(outcome)")
            #expect(outcome.message?.contains(mentions) == true, "\(arguments): \(outcome)")
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    // MARK: - 1. and 13. --title: a backslash-n breaks the line; too many lines are refused

    @Test func titleBackslashNBreaksTheLine() throws {
        #expect(try Title(parsing: "A\\nB").text == "A\nB")
        #expect(try Title(parsing: "A\nB").text == "A\nB", "a real line break stays one")
        let spec = RunSpec(iterations: 10, size: CanvasSize(width: 200, height: 150))
        let escaped = try InProcess.train(spec.with { $0.title = "A\\nB" }).fileContents()["losses.png"]
        let broken = try InProcess.train(spec.with { $0.title = "A\nB" }).fileContents()["losses.png"]
        let literal = try InProcess.train(spec.with { $0.title = "A\\\\nB" }).fileContents()["losses.png"]
        #expect(escaped == broken, "'A\\nB' is drawn as two lines")
        #expect(escaped != literal)
        let refused = ReportCLI.outcome(["--title", Array(repeating: "line", count: 60).joined(separator: "\\n"),
                                         "--output", "/nonexistent/never"])
        #expect(refused.status == 64 && refused.message?.contains("--title") == true, "\(refused)")
        #expect(refused.message?.contains("at most \(Title.maximumLines) lines (got 60)") == true, "\(refused)")
    }

    // MARK: - 6. and 7. each command's help lists what acts there; list refusals read right

    @Test func eachCommandsHelpListsOnlyWhatActsThere() {
        let runOnly = ["--boundary", "--grid-step", "--legend", "--loss-scale", "--evolution", "--snapshots", "--animate",
                       "--frames", "--frame-delay", "--seed "]
        for command in ["sweep", "atlas"] {
            let help = ReportCLI.outcome([command, "--help"]).stdout
            for flag in runOnly { #expect(!help.contains(flag), "\(command) --help lists \(flag)") }
        }
        let atlas = ReportCLI.outcome(["atlas", "--help"]).stdout.replacing(/\s+/, with: " ")
        #expect(atlas.contains("(default: 1,2,3,4,8)") && atlas.contains("(default: 0.01,0.03,0.1,0.3,1,3,10)"), "\(atlas)")
        #expect(!atlas.contains("default: 2)"))
        let run = ReportCLI.outcome(["run", "--help"]).stdout
        for flag in runOnly { #expect(run.contains(flag.trimmingCharacters(in: .whitespaces)), "run --help lacks \(flag)") }
    }

    @Test func listRefusalsNameTheFlagTypedAndReadRight() {
        let repeated = ReportCLI.outcome(["atlas", "--learning-rates", "0.1,0.1", "--output", "/nonexistent/never"])
        #expect(repeated.status == 64)
        #expect(repeated.message == "The value '0.1,0.1' is invalid for '--learning-rates <rates>': must be 1 to 12 distinct "
            + "values separated by commas, each a number in (0, 1e6]", "\(repeated)")
        let single = ReportCLI.outcome(["atlas", "--learning-rate", "0.1,0.1", "--output", "/nonexistent/never"])
        #expect(single.message?.contains("'--learning-rate <rates>'") == true, "the name as typed: \(single)")
    }

    // MARK: - 9. a path with a line break keeps the message on one line, reason included

    @Test func pathWithALineBreakKeepsItsReason() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let file = parent.appendingPathComponent("a\nb")
        try Data("keep".utf8).write(to: file)
        let outcome = InProcess.outcome(RunSpec(iterations: 5, output: file.appendingPathComponent("out").path))
        #expect(outcome.status == 73)
        let message = try #require(outcome.message)
        #expect(!message.contains("\n"), "\(message)")
        #expect(message.contains("a\\u{a}b") && message.hasSuffix("is not a folder"), "\(message)")
        let data = ReportCLI.outcome(["--data", parent.appendingPathComponent("x\ny.csv").path, "--output", "/nonexistent/never"])
        #expect(data.status == 66 && data.message?.hasSuffix("x\\u{a}y.csv': no such file") == true, "\(data)")
        #expect(data.stderr.split(separator: "\n").count == 1, "\(data.stderr)")
    }

    // MARK: - 11. help for a command that does not exist

    @Test func helpForAnUnknownCommandIsAUsageError() {
        let bogus = ReportCLI.outcome(["help", "bogus"])
        #expect(bogus.status == 64 && bogus.stdout.isEmpty, "\(bogus)")
        #expect(bogus.message == "help: no command named 'bogus'; the commands are run, sweep, atlas, merge", "\(bogus)")
        let sweep = ReportCLI.outcome(["help", "sweep"])
        #expect(sweep.status == 0 && sweep.stdout.contains("USAGE: report sweep"), "\(sweep)")
    }

    // MARK: - 15. --check on a damaged PNG says what is wrong

    @Test func checkOnADamagedPNGNamesTheDamage() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = RunSpec(iterations: 10, size: CanvasSize(width: 120, height: 100), output: folder.path)
        try InProcess.write(spec)
        let file = folder.appendingPathComponent("losses.png")
        var bytes = try [UInt8](Data(contentsOf: file))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: file)
        let outcome = InProcess.outcome(spec.with { $0.check = true })
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("losses.png: stale (cannot be decoded: "), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("CRC"), "the damage is named: \(outcome.stdout)")
        #expect(!outcome.stdout.contains("out of memory"), "\(outcome.stdout)")
    }

    // MARK: - 18. --quiet

    @Test func quietPrintsOnlyTheAnswer() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let quiet = ReportCLI.outcome(["--iterations", "10", "--quiet", "--output", folder.path])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet)")
        #expect(quiet.stdout.hasPrefix("w1: "), "the transcript is the answer: \(quiet.stdout)")
        let loud = InProcess.outcome(RunSpec(iterations: 10, output: folder.path))
        #expect(loud.stderr.hasPrefix("wrote "), "\(loud)")
        let checked = InProcess.outcome(RunSpec(iterations: 10, output: folder.path, check: true, quiet: true))
        #expect(checked.status == 0 && checked.stderr.isEmpty && checked.stdout.contains(": current"), "\(checked)")
        // Warnings still reach a quiet run: the run worked, but not as the user may think.
        let warned = InProcess.outcome(RunSpec(iterations: 10, learningRate: 1000, output: folder.path, quiet: true))
        #expect(warned.stderr.hasPrefix("report: warning: the loss rose"), "\(warned)")
        #expect(!Terminal.process(quiet: true).showsProgress, "no progress bar when quiet")
    }

    /// The documented shell completions complete the choice flags' values.
    @Test func completionScriptCompletesChoices() {
        let bash = ReportCLI.outcome(["--generate-completion-script", "bash"])
        #expect(bash.status == 0)
        for choice in ["'sigmoid'", "'xavier'", "'xnor'", "'probability'", "'pdf'"] {
            #expect(bash.stdout.contains(choice), "the bash script completes \(choice)")
        }
        for word in ["merge", "--shard"] { #expect(bash.stdout.contains(word), "the bash script completes \(word)") }
    }

    // MARK: - The README's tables follow the help

    @Test func readmeTablesMatchTheHelp() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `-") }
        let documented = Set(rows.flatMap { row in
            row.split(separator: "|")[0].matches(of: /`(--[a-z-]+)/).map { String($0.output.1) }
        })
        var offered = Set<String>()
        for command in ["run", "sweep", "atlas", "merge"] {
            let help = ReportCLI.outcome([command, "--help"]).stdout
            offered.formUnion(help.split(separator: "\n").compactMap { line in
                line.firstMatch(of: /^  (?:-[a-z], )?(--[a-z-]+)/).map { String($0.output.1) }
            })
            offered.formUnion(help.matches(of: /, (--[a-z-]+) </).map { String($0.output.1) })
        }
        offered.subtract(["--help", "--version"])
        #expect(documented == offered, "README only: \(documented.subtracting(offered)); help only: \(offered.subtracting(documented))")

        let statusRows = text.split(separator: "\n").compactMap { $0.firstMatch(of: /^\| (\d+) \|/).map { Int32($0.output.1)! } }
        #expect(statusRows == ExitStatus.documented.map(\.status.code), "the exit-status table lists report --help's statuses")
        let rootHelp = ReportCLI.outcome(["--help"]).stdout
        for (status, meaning) in ExitStatus.documented {
            #expect(rootHelp.replacing(/\s+/, with: " ").contains("\(status.code) \(meaning)"), "\(status) in report --help")
        }
    }

    // MARK: - A second hostile pass

    /// A run that draws fewer files than the last one into its folder removes the last one's extras, so that
    /// the folder never shows two runs; `--check` counts such a leftover as stale.
    @Test func anEarlierRunsExtraFilesGo() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let small = RunSpec(iterations: 10, size: CanvasSize(width: 120, height: 100), output: folder.path)
        #expect(InProcess.outcome(small.with { $0.evolution = true; $0.format = .svg }).status == 0)
        try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("losses.pdf"), withIntermediateDirectories: false)
        let second = InProcess.outcome(small)
        #expect(second.status == 0 && second.stderr.contains("removed \(folder.path)/losses.svg"), "\(second)")
        #expect(InProcess.outcome(small.with { $0.animate = true }).status == 0)
        let check = InProcess.outcome(small.with { $0.check = true })
        #expect(check.status == 1, "\(check)")
        #expect(check.stdout.contains("training.png: stale (an earlier run's; this run does not draw it)"), "\(check.stdout)")
        // summary.json and report.md name the animation, so they are stale too.
        #expect(check.message == "--check: 3 of 5 files in '\(folder.path)' are stale or missing", "\(check)")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(names == ["losses.png", "boundary.png", "summary.json", "report.md", "training.png", "notes.txt", "losses.pdf"],
                "the SVGs and evolution went; the user's file and a folder under one of our names stay: \(names)")
        #expect(InProcess.outcome(small).status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("training.png").path))
    }

    @Test func taskWithDataIsRefused() throws {
        #expect(throws: UsageError.self) { try TrainingPoints(task: .and, data: "points.csv") }
        #expect(try TrainingPoints(task: nil, data: nil) == .gate(.xor))
        #expect(try TrainingPoints(task: nil, data: "-") == .file("-"))
        let outcome = ReportCLI.outcome(["--task", "and", "--data", "points.csv", "--output", "/nonexistent/never"])
        #expect(outcome.status == 64 && outcome.message?.hasPrefix("--task applies only without --data") == true, "\(outcome)")
    }

    @Test func toleranceWithoutAPNGWarns() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = RunSpec(iterations: 10, format: .svg, output: folder.path)
        #expect(InProcess.outcome(svg).status == 0)
        let checked = InProcess.outcome(svg.with { $0.check = true; $0.tolerance = 5 })
        #expect(checked.status == 0)
        #expect(checked.stderr.contains("warning: --tolerance and --diff act on PNG files only"), "\(checked)")
    }

    /// Every path and value a message shows has its control characters escaped: one line, nothing sent raw.
    @Test func messagesEscapeWhatTheUserTyped() throws {
        let font = ReportCLI.outcome(["--font", "a\nb", "--output", "/nonexistent/never"])
        #expect(font.status == 66 && font.message?.contains("'a\\u{a}b'") == true, "\(font)")
        #expect(font.stderr.split(separator: "\n").count == 1)
        let escape = ReportCLI.outcome(["--iterations", "\u{1B}[31m10"])
        #expect(escape.status == 64 && escape.message?.contains("'\\u{1b}[31m10'") == true, "\(escape)")
        #expect(!escape.stderr.contains("\u{1B}"))
        let completion = ReportCLI.outcome(["--generate-completion-script", "nope"])
        #expect(completion.status == 64 && completion.stderr.split(separator: "\n").count == 1, "\(completion)")
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("n\nl").path
        let wrote = InProcess.outcome(RunSpec(iterations: 5, size: CanvasSize(width: 120, height: 100), output: broken))
        #expect(wrote.status == 0 && wrote.stderr.split(separator: "\n").count == 1 && wrote.stderr.contains("n\\u{a}l"), "\(wrote)")
    }

    @Test func helpTakesOneCommand() {
        let two = ReportCLI.outcome(["help", "run", "sweep"])
        #expect(two.status == 64 && two.message == "help takes one command name (run, sweep, atlas, merge), not 2", "\(two)")
    }

    /// A run whose stderr cannot take its "wrote" line ends 74, as one whose stdout cannot.
    @Test func failedWriteToStandardErrorIsAnError() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let command = "'\(ReportCLI.executable.path)' --iterations 5 --output '\(folder.path)/out' 2>/dev/full >/dev/null"
        let ending = try ChildProcess(["-c", command], executable: "/bin/sh").wait()
        #expect(ending.status == 74, "\(ending)")
    }

    @Test func sizeReadsLikeEveryFlag() throws {
        #expect(try CanvasSize(parsing: " 200 x 150 ") == CanvasSize(width: 200, height: 150))
        #expect(throws: FlagValueError.self) { try CanvasSize(parsing: "200 150") }
    }
}

extension Chart {
    /// The chart's scatter series, in drawing order.
    var scatters: [ScatterSeries] { elements.compactMap { $0 as? ScatterSeries } }
}

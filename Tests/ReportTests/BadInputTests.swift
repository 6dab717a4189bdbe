import Foundation
import Testing

/// The contents of the `--data` file a case needs, written to `DATA` before the run.
enum DataFixture: Sendable {
    case text(String)
    case bytes([UInt8])
    case folder
    case missing
    /// A file that is neither written nor created here: its path is the argument as given.
    case none
}

/// A command line that must be refused, and what the refusal must say.
///
/// `arguments` may name the data file as `DATA`; the output folder is added by the test.
struct BadInput: CustomStringConvertible, Sendable {
    let arguments: [String]
    let status: Int32
    let mentions: [String]
    var data: DataFixture = .none

    var description: String { arguments.joined(separator: " ") }
}

private func usage(_ arguments: [String], _ mentions: String...) -> BadInput {
    BadInput(arguments: arguments, status: 64, mentions: mentions)
}

/// Every flag's range: zero, negative, NaN, ±inf, huge, non-numeric and empty values, and more.
private let usageCases: [BadInput] = [
    // --iterations
    usage(["--iterations", "0"], "--iterations", "0", "1...1000000000"),
    usage(["--iterations", "-5"], "--iterations", "-5", "1...1000000000"),
    usage(["--iterations", "nan"], "--iterations", "nan", "1...1000000000"),
    usage(["--iterations", "inf"], "--iterations", "inf", "1...1000000000"),
    usage(["--iterations", "1000000001"], "--iterations", "1000000001", "1...1000000000"),
    usage(["--iterations", "99999999999999999999"], "--iterations", "99999999999999999999", "1...1000000000"),
    usage(["--iterations", "ten"], "--iterations", "ten", "1...1000000000"),
    usage(["--iterations", "1e3"], "--iterations", "1e3"),
    usage(["--iterations", ""], "--iterations", "''", "1...1000000000"),
    usage(["--iterations"], "--iterations"),
    // --seed
    usage(["--seed", "-1"], "--seed", "-1", "0...4294967295"),
    usage(["--seed", "4294967296"], "--seed", "4294967296", "0...4294967295"),
    usage(["--seed", "99999999999999999999"], "--seed", "99999999999999999999", "0...4294967295"),
    usage(["--seed", "nan"], "--seed", "nan", "0...4294967295"),
    usage(["--seed", "four"], "--seed", "four"),
    usage(["--seed", ""], "--seed", "''"),
    // --skip-draws
    usage(["--skip-draws", "-3"], "--skip-draws", "-3", "0...100000000"),
    usage(["--skip-draws", "100000001"], "--skip-draws", "100000001"),
    usage(["--skip-draws", "x"], "--skip-draws", "x", "0...100000000"),
    usage(["--skip-draws", ""], "--skip-draws", "''"),
    // --hidden
    usage(["--hidden", "0"], "--hidden", "0", "1...256"),
    usage(["--hidden", "-1"], "--hidden", "-1", "1...256"),
    usage(["--hidden", "257"], "--hidden", "257", "1...256"),
    usage(["--hidden", "100000"], "--hidden", "100000"),
    usage(["--hidden", "nan"], "--hidden", "nan", "1...256"),
    usage(["--hidden", "1.5"], "--hidden", "1.5"),
    usage(["--hidden", ""], "--hidden", "''"),
    // --learning-rate
    usage(["--learning-rate", "0"], "--learning-rate", "0", "(0, 1e6]"),
    usage(["--learning-rate", "-1"], "--learning-rate", "-1", "(0, 1e6]"),
    usage(["--learning-rate", "-0"], "--learning-rate"),
    usage(["--learning-rate", "nan"], "--learning-rate", "nan"),
    usage(["--learning-rate", "inf"], "--learning-rate", "inf"),
    usage(["--learning-rate", "-inf"], "--learning-rate", "-inf"),
    usage(["--learning-rate", "1e300"], "--learning-rate", "1e300", "(0, 1e6]"),
    usage(["--learning-rate", "1e400"], "--learning-rate", "1e400", "(0, 1e6]"),
    usage(["--learning-rate", "fast"], "--learning-rate", "fast", "(0, 1e6]"),
    usage(["--learning-rate", ""], "--learning-rate", "''"),
    // --scale
    usage(["--scale", "0"], "--scale", "0", "0.25...8"),
    usage(["--scale", "-1"], "--scale", "-1", "0.25...8"),
    usage(["--scale", "nan"], "--scale", "nan"),
    usage(["--scale", "inf"], "--scale", "inf"),
    usage(["--scale", "-inf"], "--scale", "-inf"),
    usage(["--scale", "0.1"], "--scale", "0.1"),
    usage(["--scale", "9"], "--scale", "9"),
    usage(["--scale", "1e400"], "--scale", "1e400", "0.25...8"),
    usage(["--scale", "big"], "--scale", "big", "0.25...8"),
    usage(["--scale", ""], "--scale", "''"),
    // --size, and the 100-megapixel budget
    usage(["--size", "0x0"], "--size", "0x0", "100...10000"),
    usage(["--size", "0x480"], "--size", "0x480"),
    usage(["--size", "640x0"], "--size", "640x0"),
    usage(["--size", "-640x480"], "--size", "-640x480"),
    usage(["--size=-640x480"], "--size", "-640x480"),
    usage(["--size", "99x480"], "--size", "99x480"),
    usage(["--size", "10001x480"], "--size", "10001x480"),
    usage(["--size", "100000x100000"], "--size", "100000x100000"),
    usage(["--size", "99999999999999999999x480"], "--size"),
    usage(["--size", "640"], "--size", "640"),
    usage(["--size", "640x"], "--size", "640x"),
    usage(["--size", "x480"], "--size", "x480"),
    usage(["--size", "640x480x2"], "--size", "640x480x2"),
    usage(["--size", "nanxnan"], "--size", "nanxnan"),
    usage(["--size", "wide"], "--size", "wide"),
    usage(["--size", ""], "--size", "''"),
    usage(["--size", "10000x10000", "--scale", "2"], "--size", "10000x10000", "100 megapixels"),
    usage(["--size", "8000x8000", "--scale", "1.5"], "--size", "8000x8000", "100 megapixels"),
    usage(["--iterations", "3", "--size", "10000x100", "--scale", "8"], "--size", "10000x100", "32767"),
    // --grid-step
    usage(["--grid-step", "0"], "--grid-step", "0", "0.01...0.5"),
    usage(["--grid-step", "-0.1"], "--grid-step", "-0.1"),
    usage(["--grid-step", "nan"], "--grid-step", "nan"),
    usage(["--grid-step", "inf"], "--grid-step", "inf"),
    usage(["--grid-step", "0.6"], "--grid-step", "0.6"),
    usage(["--grid-step", "fine"], "--grid-step", "fine", "0.01...0.5"),
    usage(["--grid-step", ""], "--grid-step", "''"),
    // --frames, --frame-delay, and the animation's canvas
    usage(["--animate", "--frames", "1"], "--frames", "1", "2...300"),
    usage(["--animate", "--frames", "301"], "--frames", "301", "2...300"),
    usage(["--animate", "--frames", "ten"], "--frames", "ten", "2...300"),
    usage(["--animate", "--frames", ""], "--frames", "''"),
    usage(["--animate", "--iterations", "10", "--frames", "12"], "--frames", "12", "--iterations is 10"),
    // --trace, --trace-sample, --network
    usage(["--iterations", "10", "--trace", "11"], "--trace", "11", "0...10"),
    usage(["--trace", "-1"], "--trace", "-1"),
    usage(["--iterations", "10", "--trace", "0", "--trace-sample", "4"], "--trace-sample", "4", "0...3"),
    usage(["--trace-sample", "0"], "--trace-sample", "--trace"),
    usage(["--network", "--hidden", "17"], "--network", "16", "--hidden is 17"),
    // --html
    usage(["--html", "--hidden", "17"], "--html", "16", "--hidden is 17"),
    usage(["--html", "--iterations", "10", "--frames", "12"], "--frames", "12", "--iterations is 10"),
    usage(["--html", "--frame-delay", "50"], "--frame-delay", "--animate"),
    usage(["--animate", "--frame-delay", "9"], "--frame-delay", "9", "10...10000"),
    usage(["--animate", "--frame-delay", "10001"], "--frame-delay", "10001", "10...10000"),
    usage(["--animate", "--frame-delay", "-100"], "--frame-delay", "-100", "10...10000"),
    usage(["--animate", "--frame-delay", "0.5"], "--frame-delay", "0.5"),
    usage(["--animate", "--size", "9000x100", "--scale", "2"], "--animate", "--size 9000x100", "32767 pixels a side"),
    // --snapshots
    usage(["--evolution", "--snapshots", ""], "--snapshots", "''"),
    usage(["--evolution", "--snapshots", "-1"], "--snapshots", "-1"),
    usage(["--evolution", "--snapshots=-1"], "--snapshots", "-1"),
    usage(["--evolution", "--snapshots", "0,20000"], "--snapshots", "0,20000"),
    usage(["--evolution", "--snapshots", "a,b"], "--snapshots", "a,b"),
    usage(["--evolution", "--snapshots", "0,,5"], "--snapshots", "0,,5"),
    usage(["--evolution", "--snapshots", "0,1,2,3,4,5,6,7,8,9,10,11,12"], "--snapshots"),
    // choices
    usage(["--activation", "softmax"], "--activation", "softmax", "sigmoid"),
    usage(["--activation", ""], "--activation", "''"),
    usage(["--task", "q"], "--task", "'q'", "one of xor, and, or, nand, nor, xnor"),
    usage(["--init", "he"], "--init", "he", "xavier"),
    usage(["--format", "gif"], "--format", "gif", "png"),
    usage(["--loss-scale", "ln"], "--loss-scale", "ln", "log"),
    usage(["--boundary", "lines"], "--boundary", "lines", "probability"),
    // --output
    usage(["--output", ""], "--output", "''"),
    // unknown flags and arguments
    usage(["--no-such-flag"], "--no-such-flag"),
    usage(["--no-such-flag=3"], "--no-such-flag"),
    usage(["-x"], "-x"),
    usage(["extra"], "extra"),
    // report atlas: lists, and the budget
    usage(["atlas", "--hidden", ""], "--hidden", "''"),
    usage(["atlas", "--hidden", "2,2"], "--hidden", "2,2", "distinct"),
    usage(["atlas", "--hidden", "1,0"], "--hidden", "1,0", "an integer in 1...256"),
    usage(["atlas", "--hidden", "1,,2"], "--hidden", "1,,2"),
    usage(["atlas", "--hidden", "1,2,3,4,5,6,7,8,9,10,11,12,13"], "--hidden", "1 to 12"),
    usage(["atlas", "--learning-rates", "0.1,0.10"], "--learning-rate", "0.1,0.10", "distinct"),
    usage(["atlas", "--learning-rates", "0,1"], "--learning-rate", "0,1", "(0, 1e6]"),
    usage(["atlas", "--learning-rates", "nan"], "--learning-rate", "nan", "(0, 1e6]"),
    usage(["atlas", "--seeds", "0..<1000000", "--iterations", "10000"], "cells", "1000000 seeds", "5000000000 iterations"),
    usage(["atlas", "--seeds", "0..<1000000", "--iterations", "1000000000"], "5000000000 iterations"),
    // --shard per part: a grid past the budget on one machine runs in parts, each within it
    usage(["atlas", "--seeds", "0..<1000000", "--iterations", "10000", "--shard", "1/10"], "in each of 10 parts",
          "--shard K/N with N at least 70"),
    usage(["--hidden", "2,3"], "--hidden", "2,3", "lists are for report atlas"),
    usage(["sweep", "--learning-rate", "0.1,1"], "--learning-rate", "0.1,1", "lists are for report atlas"),
    // report sweep
    usage(["sweep", "--seeds", ""], "--seeds", "''"),
    usage(["sweep", "--seeds", "5..<5"], "--seeds", "5..<5", "non-empty"),
    usage(["sweep", "--seeds", "10..<5"], "--seeds", "10..<5", "non-empty"),
    usage(["sweep", "--seeds", "10...5"], "--seeds", "10...5", "non-empty"),
    usage(["sweep", "--seeds", "-1..<5"], "--seeds", "-1..<5"),
    usage(["sweep", "--seeds=-1..<5"], "--seeds", "-1..<5"),
    usage(["sweep", "--seeds", "0..<4294967297"], "--seeds", "0..<4294967297", "4294967295"),
    usage(["sweep", "--seeds", "4294967296...4294967297"], "--seeds", "4294967296"),
    usage(["sweep", "--seeds", "4294967296"], "--seeds", "4294967296"),
    usage(["sweep", "--seeds", "99999999999999999999"], "--seeds", "99999999999999999999"),
    usage(["sweep", "--seeds", "0..<2000000"], "--seeds", "0..<2000000", "1000000"),
    usage(["sweep", "--seeds", "1,,2"], "--seeds", "1,,2"),
    usage(["sweep", "--seeds", "a..<b"], "--seeds", "a..<b"),
    usage(["sweep", "--seeds", "nan"], "--seeds", "nan"),
    usage(["sweep", "--iterations", "0"], "--iterations", "0"),
    usage(["sweep", "--learning-rate", "nan"], "--learning-rate", "nan"),
    usage(["sweep", "--scale", "0"], "--scale", "0"),
    usage(["sweep", "--size", "100000x100000"], "--size"),
    usage(["sweep", "--bogus"], "--bogus"),
    // --check validates the same way
    usage(["--check", "--iterations", "0"], "--iterations", "0"),
    usage(["--check", "--scale", "inf"], "--scale", "inf"),
    // --tolerance, --diff, --keep-unchanged
    usage(["--check", "--tolerance", "-1"], "--tolerance", "-1", "0...255"),
    usage(["--check", "--tolerance", "256"], "--tolerance", "256", "0...255"),
    usage(["--check", "--tolerance", "nan"], "--tolerance", "nan", "0...255"),
    usage(["--check", "--tolerance", "inf"], "--tolerance", "inf", "0...255"),
    usage(["--check", "--tolerance", "one"], "--tolerance", "one", "0...255"),
    usage(["--check", "--tolerance", ""], "--tolerance", "''", "0...255"),
    usage(["sweep", "--check", "--tolerance", "300"], "--tolerance", "300", "0...255"),
    usage(["--tolerance", "1"], "--tolerance", "only with --check"),
    usage(["--tolerance", "0"], "--tolerance", "only with --check"),
    usage(["--diff", "diffs"], "--diff", "only with --check"),
    usage(["--check", "--diff", ""], "--diff", "''"),
    usage(["--check", "--keep-unchanged"], "--keep-unchanged", "only without --check"),
    // --shard and report merge
    usage(["sweep", "--shard", "0/3"], "--shard", "0/3", "1 <= K <= N <= 100000"),
    usage(["sweep", "--shard", "1/3", "--html"], "--html", "only without --shard", "report merge"),
    usage(["atlas", "--shard", "2/3", "--html"], "--html", "only without --shard", "report merge"),
    usage(["sweep", "--shard", "4/3"], "--shard", "4/3", "1 <= K <= N"),
    usage(["atlas", "--shard", "3"], "--shard", "'3'", "K/N"),
    usage(["atlas", "--shard", "1/100001"], "--shard", "1/100001"),
    usage(["sweep", "--shard", "1/0"], "--shard", "1/0"),
    usage(["--shard", "1/2"], "--shard"),
    usage(["sweep", "--shard", "1/3", "--title", "Parts"], "--title applies only without --shard", "report merge"),
    usage(["atlas", "--shard", "2/2", "--theme", "dark"], "--theme applies only without --shard"),
    usage(["atlas", "--shard", "2/2", "--format", "png"], "--format applies only without --shard"),
    usage(["merge"], "part-folder"),
    usage(["merge", "parts", "--seeds", "0..<3"], "--seeds"),
    usage(["merge", "parts", "--shard", "1/2"], "--shard"),
]

private func data(_ fixture: DataFixture, _ mentions: String..., extra: [String] = []) -> BadInput {
    BadInput(arguments: ["--data", "DATA"] + extra, status: 65, mentions: mentions, data: fixture)
}

/// 65537 rows: one more than `--hidden 256` allows (rows × hidden ≤ 2^24).
private let tooManyRowsForWideNetworks: String = {
    var text = "x0,x1,label\n"
    text.reserveCapacity(65_538 * 10)
    for row in 0..<65_537 { text += "\(row % 7),\(row % 5),\(row % 2)\n" }
    return text
}()

/// A `--data` file that is missing or cannot be read as a file: 66 (EX_NOINPUT), as for `--font`.
private func noInput(_ fixture: DataFixture, _ mentions: String..., arguments: [String] = ["--data", "DATA"]) -> BadInput {
    BadInput(arguments: arguments, status: 66, mentions: mentions, data: fixture)
}

/// Every kind of bad `--data` file: each names the file, and the line where there is one; 65 for bad
/// data, 66 for a file that is missing or cannot be read.
private let dataCases: [BadInput] = [
    noInput(.missing, "DATA", "no such file"),
    noInput(.folder, "DATA", "is a folder"),
    data(.text(""), "DATA", "is empty"),
    data(.text("\n\n  \n"), "holds no data rows"),
    data(.text("x0,x1,label\n"), "holds a header but no data rows"),
    noInput(.none, "/proc/self/mem", "line 1", "cannot be read", arguments: ["--data", "/proc/self/mem"]),
    noInput(.none, "/dev/zero", "is a device", arguments: ["--data", "/dev/zero"]),
    noInput(.none, "--data", "no such file", arguments: ["--data", ""]),
    data(.bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]), "line 1", "not text"),
    data(.bytes((0..<4096).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 7) | 0x80 }), "line 1", "not text"),
    data(.bytes([0x30, 0x2C, 0x30, 0x2C, 0x31, 0x0A, 0xC3, 0x28, 0x2C, 0x31, 0x2C, 0x30, 0x0A]), "line 2", "not valid UTF-8"),
    data(.text(String(repeating: "1", count: 3 << 20)), "line 1", "longer than 4096 bytes"),
    data(.text("x0,x1,label\n0,0,0\n1,1\n"), "line 3", "2 fields", "expected 3"),
    data(.text("x0,x1,label\n0,0,0,7\n1,1,1\n"), "line 2", "4 fields"),
    data(.text("0;0;0\n1;1;1\n"), "line 1", "1 field"),
    data(.text("x0,x1,label\n0,0,0\n1,one,1\n"), "line 3", "'one' is not a number"),
    data(.text("0,0,0\nzero,1,1\n"), "line 2", "'zero' is not a number"),
    data(.text("0,0,0\n1,,1\n"), "line 2", "x1 '' is not a number"),
    data(.text("0,0,0\nnan,1,1\n"), "line 2", "finite", "'nan'"),
    data(.text("0,0,0\n1,inf,1\n"), "line 2", "finite", "'inf'"),
    data(.text("0,0,0\n-inf,1,1\n"), "line 2", "finite", "'-inf'"),
    data(.text("0,0,0\n1e300,1,1\n"), "line 2", "within ±1e9", "'1e300'"),
    data(.text("0,0,0\n1e400,1,1\n"), "line 2", "finite"),
    data(.text("x0,x1,label\n0,0,0\n1,1,2\n"), "line 3", "label must be 0 or 1", "'2'"),
    data(.text("0,0,0\n1,1,-1\n"), "line 2", "label must be 0 or 1", "'-1'"),
    data(.text("0,0,0\n1,1,0.5\n"), "line 2", "'0.5'"),
    data(.text("0,0,0\n1,1,yes\n"), "line 2", "label 'yes' is not a number"),
    data(.text("0,0,0\n1,1,nan\n"), "line 2", "'nan'"),
    data(.text("0,0,\u{1B}[31m\n"), "line 1", "\\u{1b}"),
    data(.text("x0,x1,label\n0,0,1\n1,1,1\n0,1,1\n"), "all 3 rows", "lines 2-4", "label 1", "both 0 and 1"),
    data(.text("0.5,0.5,0\n"), "its one row", "line 1", "label 0"),
    data(.text(tooManyRowsForWideNetworks), "more than 65536 rows", "--hidden 256", extra: ["--hidden", "256"]),
    // The same checks from `report sweep` and `report --check`.
    BadInput(arguments: ["sweep", "--seeds", "0..<4", "--data", "DATA"], status: 65, mentions: ["line 3", "label"],
             data: .text("0,0,0\n1,1,1\n2,2,2\n")),
    noInput(.missing, "no such file", arguments: ["sweep", "--data", "DATA"]),
    BadInput(arguments: ["--check", "--data", "DATA"], status: 65, mentions: ["line 2", "finite"], data: .text("0,0,0\ninf,1,1\n")),
    BadInput(arguments: ["--check", "--data", "DATA"], status: 65, mentions: ["is empty"], data: .text("")),
]

/// A font file that cannot be used: 66 when it cannot be read, 65 when it is no font.
private let fontCases: [BadInput] = [
    BadInput(arguments: ["--font", "DATA"], status: 66, mentions: ["--font", "DATA", "No such file"], data: .missing),
    BadInput(arguments: ["--font", "DATA"], status: 66, mentions: ["--font", "DATA", "not a regular file"], data: .folder),
    BadInput(arguments: ["--font", ""], status: 66, mentions: ["--font", "No such file"]),
    BadInput(arguments: ["--font", "DATA"], status: 65, mentions: ["--font", "DATA", "not a TrueType or OpenType font"],
             data: .text("0,0,0\n1,1,1\n")),
    BadInput(arguments: ["--font", "DATA"], status: 65, mentions: ["--font", "not a TrueType or OpenType font"],
             data: .bytes([0x00, 0x01, 0x00, 0x00, 0x00, 0x0C, 0x00, 0x80, 0x00, 0x03, 0x00, 0x40])),
    BadInput(arguments: ["sweep", "--seeds", "0..<2", "--font", "DATA"], status: 65, mentions: ["--font"], data: .text("no font")),
    BadInput(arguments: ["--check", "--font", "DATA"], status: 66, mentions: ["--font"], data: .missing),
]

/// A few cases of each class run as real processes: the executable's stdout, stderr and status.
private let endToEndCases: [BadInput] = [
    usage(["--iterations", "0"], "--iterations", "0", "1...1000000000"),  // a flag's validate()
    usage(["sweep", "--bogus"], "--bogus"),  // the parser's own error, from the subcommand
    data(.text("x0,x1,label\n0,0,0\n1,1,2\n"), "line 3", "label must be 0 or 1", "'2'"),
    noInput(.missing, "no such file", arguments: ["sweep", "--data", "DATA"]),
    BadInput(arguments: ["--font", "DATA"], status: 66, mentions: ["--font", "DATA", "No such file"], data: .missing),
]

/// A folder holding an earlier run's files, a missing output folder beside it, and the case's data file.
private struct BadInputFolders {
    let parent: URL
    let existing: URL
    let missing: URL
    let dataPath: String
    let before: [String: Data]

    init(for input: BadInput) throws {
        parent = try ReportProcess.temporaryFolder()
        dataPath = parent.appendingPathComponent("data.csv").path
        switch input.data {
        case let .text(text): try Data(text.utf8).write(to: URL(fileURLWithPath: dataPath))
        case let .bytes(bytes): try Data(bytes).write(to: URL(fileURLWithPath: dataPath))
        case .folder: try FileManager.default.createDirectory(atPath: dataPath, withIntermediateDirectories: false)
        case .missing, .none: break
        }
        existing = parent.appendingPathComponent("existing")
        try FileManager.default.createDirectory(at: existing, withIntermediateDirectories: false)
        for name in ["losses.png", "boundary.png", "summary.json", "sweep.png", "sweep.json"] {
            try Data("an earlier run's \(name)\n".utf8).write(to: existing.appendingPathComponent(name))
        }
        before = ReportProcess.snapshot(existing)
        missing = parent.appendingPathComponent("missing/out")
    }

    /// The case's arguments with `DATA` replaced by the data file's path.
    func arguments(_ input: BadInput) -> [String] { input.arguments.map { $0 == "DATA" ? dataPath : $0 } }

    /// The message must name each of the case's words.
    func expectMentions(_ input: BadInput, in message: String) {
        for word in input.mentions {
            let word = word == "DATA" ? dataPath : word
            #expect(message.contains(word), "\(input): '\(message)' should mention \(word)")
        }
    }

    /// No file created or changed: the earlier files as they were, and no new folder.
    func expectUntouched(_ input: BadInput) throws {
        #expect(ReportProcess.snapshot(existing) == before, "\(input) changed the output folder")
        #expect(!FileManager.default.fileExists(atPath: parent.appendingPathComponent("missing").path),
                "\(input) created the output folder")
        var entries = try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted()
        entries.removeAll { $0 == "data.csv" }
        #expect(entries == ["existing"], "\(input) left \(entries)")
    }

    func remove() { try? FileManager.default.removeItem(at: parent) }
}

@Suite("report refuses bad input cleanly")
struct BadInputTests {
    /// Every case as the shipped binary runs it, into a folder holding an earlier run's files and
    /// into a missing folder: the right status, one line on stderr naming what is wrong, nothing on
    /// stdout, and no file created or changed.
    ///
    /// The release binary, not in-process parsing: a debug build of swift-argument-parser re-checks
    /// its own configuration on every parse, so a case cost 120 ms in-process against 10 ms here.
    @Test(.enabled(if: ReleaseBinary.path != nil, "needs the release binary: run scripts/test, which builds it"),
          arguments: usageCases + dataCases + fontCases)
    func refusesWithOneLineAndWritesNothing(_ input: BadInput) throws {
        try Self.expectRefusal(input, executable: URL(fileURLWithPath: try ReleaseBinary.executable()))
    }

    /// A usage and a data error of each command as the debug build runs them, so that a plain
    /// `swift test` checks each class end to end too.
    @Test(arguments: endToEndCases)
    func refusesEndToEnd(_ input: BadInput) throws {
        try Self.expectRefusal(input, executable: ReportProcess.executable)
    }

    /// Runs `input` with `executable` into both folders and checks the refusal.
    static func expectRefusal(_ input: BadInput, executable: URL) throws {
        let folders = try BadInputFolders(for: input)
        defer { folders.remove() }
        for output in [folders.existing, folders.missing] {
            let result = try ReportProcess.run(Self.withOutput(folders.arguments(input), output.path), executable: executable)
            #expect(result.status == input.status, "\(input): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(input) printed \(result.stdout)")
            let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 2 && lines[1].isEmpty, "one line for \(input): \(result.stderr)")
            #expect(result.stderr.hasPrefix("report: "), "\(input): \(result.stderr)")
            folders.expectMentions(input, in: result.stderr)
        }
        try folders.expectUntouched(input)
    }

    /// `--output` goes after the subcommand, and first, so that a flag missing its value stays last.
    static func withOutput(_ arguments: [String], _ output: String) -> [String] {
        ["sweep", "atlas", "merge"].contains(arguments.first)
            ? [arguments[0], "--output", output] + arguments.dropFirst()
            : ["--output", output] + arguments
    }

    /// A file where the folder should be: refused with 73 before any training; the file is kept.
    /// The first path runs as a process (the 73 class end to end), the second in-process.
    @Test func outputThatIsAFileIsRefused() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let file = parent.appendingPathComponent("taken")
        try Data("keep me".utf8).write(to: file)
        let result = try ReportProcess.run(["--iterations", "10", "--output", file.path])
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.hasPrefix("report: --output"), "\(result.stderr)")
        #expect(result.stderr.contains("not a folder"), "\(result.stderr)")
        let inside = InProcess.outcome(RunSpec(iterations: 10, output: file.appendingPathComponent("inside").path))
        #expect(inside.status == 73, "\(inside)")
        #expect(inside.message?.contains("--output") == true && inside.message?.contains("not a folder") == true, "\(inside)")
        #expect(FileManager.default.contents(atPath: file.path) == Data("keep me".utf8))
        #expect(ReportProcess.snapshot(parent).count == 1)
    }

    @Test func unwritableOutputIsRefused() throws {
        // /proc refuses new folders even to root, where permission bits would not.
        let outcome = InProcess.outcome(RunSpec(iterations: 10, output: "/proc/xorbackprop-test/out"))
        #expect(outcome.status == 73, "\(outcome)")
        #expect(outcome.message?.hasPrefix("--output") == true, "\(outcome)")
    }

    @Test func failedRunLeavesEarlierFilesUntouched() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try InProcess.write(RunSpec(iterations: 50, output: folder.path))
        let before = ReportProcess.snapshot(folder)
        #expect(before.count == 4)
        let outcome = ReportCLI.outcome(["--iterations", "50", "--learning-rate", "nan", "--output", folder.path])
        #expect(outcome.status == 64, "\(outcome)")
        #expect(ReportProcess.snapshot(folder) == before)
    }
}

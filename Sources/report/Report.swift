import ArgumentParser
import FoundationEssentials
import Glibc

/// The `report` command: trains the notebook's network and writes its transcript and charts.
@main
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Backpropagation on XOR: the notebook's transcript on stdout, its charts in --output.",
        discussion: """
            With no subcommand, report runs `run`: `report --seed 6` is `report run --seed 6`.
            `report run --help` lists the training and chart flags.
            """,
        subcommands: [Run.self, Sweep.self, Benchmark.self],
        defaultSubcommand: Run.self
    )

    /// Runs the command, printing any error as one line on stderr with a sysexits status.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let status = exitStatus(for: error)
            if status == .success {
                // --help and --version are "errors" to the parser, but their text is the answer.
                print(fullMessage(for: error))
            } else {
                StandardError.write("report: \(oneLineMessage(for: error))\n")
            }
            Glibc.exit(status.rawValue)
        }
    }

    /// The sysexits status for `error`: 64 usage, 65 bad `--data` or `--font`, 66 unreadable `--font`,
    /// 69 no default font, 73 cannot create, 74 I/O error, 1 divergence or stale files under `--check`.
    static func exitStatus(for error: Error) -> ExitCode {
        switch error {
        case let error as OutputFolder.WriteError: return error.cannotCreate ? ExitStatus.cannotCreate : ExitStatus.ioError
        case let error as ExitCode: return error
        case is TrainingRun.Diverged: return .failure
        case is DataFile.Problem: return ExitStatus.dataError
        case let error as FontUnavailable: return error.status
        case is Delivery.StaleFiles: return .failure
        case _ where FlagRanges.canvasSizeMessage(for: error) != nil: return ExitStatus.usage  // a canvas Cairo cannot allocate
        default: return exitCode(for: error)  // the parser's own errors, and flags' validate(), are EX_USAGE
        }
    }

    /// The message for `error` on one line: the parser's usage text is noise in CI logs, and its
    /// messages about a bad value are completed with the values the flag accepts.
    /// `arguments` are the command line the error came from (tests parse theirs in-process).
    static func oneLineMessage(for error: Error, arguments: [String] = CommandLine.arguments) -> String {
        FlagRanges.canvasSizeMessage(for: error) ?? FlagRanges.oneLine(Report.message(for: error), arguments: arguments)
    }
}

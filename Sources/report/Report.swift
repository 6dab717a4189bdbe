import ArgumentParser
import Glibc

/// The `report` command: trains the notebook's network and writes its transcript and charts.
@main
struct Report: ParsableCommand {
    static let version = "0.9.0"

    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Backpropagation on XOR: the notebook's transcript on stdout, its charts in --output.",
        discussion: "With no subcommand, report runs `run`: `report --seed 6` is `report run --seed 6`.",
        version: version,
        subcommands: [Run.self, Sweep.self, Atlas.self],
        defaultSubcommand: Run.self)

    /// `report --help`: the commands, then the flags of `run`, which a bare `report` runs.
    static func rootHelp() -> String {
        let run = helpMessage(for: Run.self)
        let flags = run.firstRange(of: "USAGE:").map { run[$0.lowerBound...] } ?? run[...]
        return helpMessage() + "\n\n" + "The default command, run:\n\n" + flags
    }

    /// Runs the command, printing any error as one line on stderr with a sysexits status.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            var status = exitStatus(for: error)
            if status == .success {
                // --help and --version are "errors" to the parser, but their text is the answer.
                let message = fullMessage(for: error)
                do { try StandardOutput.write((message == helpMessage() ? rootHelp() : message) + "\n") } catch {
                    StandardError.write("report: \(error)\n")
                    status = ExitCode(EX_IOERR)
                }
            } else {
                StandardError.write("report: \(oneLineMessage(for: error))\n")
            }
            Glibc.exit(status.rawValue)
        }
    }

    /// The sysexits.h status for `error`: 64 usage, 65 bad `--data` or `--font`, 66 missing or unreadable
    /// `--data` or `--font`, 69 no
    /// default font, 71 FreeType failed, 73 cannot create, 74 I/O error (stdout too), 1 divergence or stale files.
    static func exitStatus(for error: Error) -> ExitCode {
        switch error {
        case let error as OutputFolder.WriteError: return ExitCode(error.cannotCreate ? EX_CANTCREAT : EX_IOERR)
        case let error as ExitCode: return error
        case is TrainingRun.Diverged, is Delivery.StaleFiles: return .failure
        case let error as DataFile.Problem: return ExitCode(error.unreadable ? EX_NOINPUT : EX_DATAERR)
        case let error as FontUnavailable: return error.status
        case is StandardOutput.WriteError: return ExitCode(EX_IOERR)
        case _ where OutputOptions.canvasSizeMessage(for: error) != nil: return ExitCode(EX_USAGE)
        default: return exitCode(for: error)  // the parser's own errors, and flags' validate(), are EX_USAGE
        }
    }

    /// The message for `error` on one line: of the parser's own (an unknown flag, a missing value), the first.
    static func oneLineMessage(for error: Error) -> String {
        if let canvas = OutputOptions.canvasSizeMessage(for: error) { return canvas }
        let message = Report.message(for: error)
        return message.split(separator: "\n").first.map(String.init) ?? message
    }
}

import ArgumentParser
import Backprop
import ReportKit

/// The `report` command: trains the notebook's network and writes its transcript and charts.
@main
struct Report: ParsableCommand {
    /// The version, and the compiled copy of the training loop that sweeps and atlases run on this processor.
    static let version = "\(reportVersion) (training kernel: \(SeedBatch.Kernel.fastest.rawValue))"

    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Backpropagation on XOR: the notebook's transcript on stdout, its charts in --output.",
        discussion: "With no subcommand, report runs `run`: `report --seed 6` is `report run --seed 6`.\n\nEXIT STATUS:\n"
            + ExitStatus.documented.map { "  \($0.status.code)" + String(repeating: " ", count: 5 - "\($0.status.code)".count) + $0.meaning }
                .joined(separator: "\n"),
        version: version,
        subcommands: [Run.self, Sweep.self, Atlas.self, Merge.self],
        defaultSubcommand: Run.self)

    /// `report --help`: the commands, then the flags of `run`, which a bare `report` runs.
    static func rootHelp() -> String {
        let run = helpMessage(for: Run.self)
        let flags = run.firstRange(of: "USAGE:").map { run[$0.lowerBound...] } ?? run[...]
        return helpMessage() + "\n\n" + "The default command, run:\n\n" + flags
    }

    /// Parses, then runs the command; any error ends it with one line on stderr and its sysexits status.
    /// This is the one place an error becomes a status: a ``ReportError`` carries its own, the parser's
    /// are 64 (or 0 for `--help`), and anything else is a bug (70).
    static func main() {
        let terminal = Terminal.process(quiet: false)
        var command: ParsableCommand
        do {
            try refuseUnknownHelpTopic(Array(CommandLine.arguments.dropFirst()))
            command = try parseAsRoot()
        } catch let error as ReportError {
            end(terminal, error.description, error.status)
        } catch {
            end(terminal, nil, parserOutcome(error, terminal: terminal))
        }
        do {
            try command.run()
            end(terminal, nil, .success)
        } catch let error as ReportError {
            end(terminal, error.description, error.status)
        } catch let error where exitCode(for: error) != .failure {
            // The parser's own outcomes (help, a usage error) can come from run() too: `report help`, `--help`.
            end(terminal, nil, parserOutcome(error, terminal: terminal))
        } catch {
            end(terminal, "internal error: \(error)".replacing("\n", with: "\\n"), .software)
        }
    }

    static func end(_ terminal: Terminal, _ message: String?, _ status: ExitStatus) -> Never {
        if let message { terminal.fail(message) }
        // A success whose messages could not be written is an I/O error, as coreutils' close_stdout makes it.
        let final = status == .success && Terminal.standardErrorFailed ? .ioError : status
        exit(withError: final == .success ? nil : ExitCode(final.code))
    }

    /// The parser's own outcomes: `--help` and `--version` print their text on stdout (exit 0, or 74 when
    /// stdout fails); a bad flag is exit 64 with the parser's message on one line.
    static func parserOutcome(_ error: Error, terminal: Terminal) -> ExitStatus {
        guard exitCode(for: error) == .success else {
            // The parser's message on one line, whatever a value held: its own line breaks become spaces
            // (a list of choices), and a value's control characters are escaped, not sent to the terminal.
            let lines = message(for: error).split(whereSeparator: \.isNewline).map { $0.trimmingPrefix(while: \.isWhitespace) }
            terminal.fail(escapingControlCharacters(lines.joined(separator: " ")))
            return .usage
        }
        let text = fullMessage(for: error)
        do {
            try terminal.print(text == helpMessage() ? rootHelp() : text)
            return .success
        } catch let error as ReportError {
            terminal.fail(error.description)
            return error.status
        } catch {
            return .ioError
        }
    }

    /// `report help [NAME]`: the parser would print some help and succeed for any NAME, or more than one.
    static func refuseUnknownHelpTopic(_ arguments: [String]) throws {
        guard arguments.first == "help" else { return }
        let names = configuration.subcommands.map { $0._commandName }
        let topics = arguments.dropFirst()
        if topics.count > 1 { throw UsageError("help takes one command name (\(names.joined(separator: ", "))), not \(topics.count)") }
        if let topic = topics.first, !names.contains(topic) {
            throw UsageError("help: no command named \(quoted(topic)); the commands are \(names.joined(separator: ", "))")
        }
    }
}

import ArgumentParser
import ReportKit

/// The `report` command: trains the notebook's network and writes its transcript and charts.
@main
struct Report: ParsableCommand {
    static let version = reportVersion

    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Backpropagation on XOR: the notebook's transcript on stdout, its charts in --output.",
        discussion: "With no subcommand, report runs `run`: `report --seed 6` is `report run --seed 6`.\n\nEXIT STATUS:\n"
            + ExitStatus.documented.map { "  \($0.status.code)" + String(repeating: " ", count: 5 - "\($0.status.code)".count) + $0.meaning }
                .joined(separator: "\n"),
        version: version,
        subcommands: [Run.self, Sweep.self, Atlas.self],
        defaultSubcommand: Run.self)

    /// `report --help`: the commands, then the flags of `run`, which a bare `report` runs.
    static func rootHelp() -> String {
        let run = helpMessage(for: Run.self)
        let flags = run.firstRange(of: "USAGE:").map { run[$0.lowerBound...] } ?? run[...]
        return helpMessage() + "\n\n" + "The default command, run:\n\n" + flags
    }

    /// Runs the command; any error ends it with one line on stderr and its sysexits status.
    static func main() {
        let terminal = Terminal.process(quiet: false)
        let status: ExitStatus
        do {
            try refuseUnknownHelpTopic(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot()
            try command.run()
            status = .success
        } catch let error as ReportError {
            terminal.fail(error.description)
            status = error.status
        } catch {
            status = parserOutcome(error, terminal: terminal)
        }
        exit(withError: status == .success ? nil : ExitCode(status.code))
    }

    /// The parser's own outcomes: `--help` and `--version` print their text on stdout (exit 0, or 74 when
    /// stdout fails); a bad flag is exit 64 with the parser's message on one line.
    static func parserOutcome(_ error: Error, terminal: Terminal) -> ExitStatus {
        guard exitCode(for: error) == .success else {
            // A value with a line break in it would split the message; keep it on its line.
            terminal.fail(message(for: error).replacing("\n", with: "\\n"))
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

    /// `report help NAME` for a NAME that is no command: the parser would print the root help and succeed.
    static func refuseUnknownHelpTopic(_ arguments: [String]) throws {
        guard arguments.first == "help" else { return }
        let names = configuration.subcommands.map { $0._commandName }
        if let unknown = arguments.dropFirst().first(where: { !names.contains($0) && !$0.hasPrefix("-") }) {
            throw UsageError("help: no command named \(quoted(unknown)); the commands are \(names.joined(separator: ", "))")
        }
    }
}

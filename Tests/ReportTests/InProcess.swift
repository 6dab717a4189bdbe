import Backprop
import Foundation
import Plotting
@testable import report
import Testing

/// How a command line ended when run the way `Report.main` runs it: the exit status and the one line for stderr.
struct Outcome: CustomStringConvertible {
    let status: Int32
    /// The line `Report.main` writes to stderr after `report: `; nil when the command succeeded.
    let message: String?

    var description: String { "exit \(status): \(message ?? "")" }
}

/// `report` run inside the test process: the command types parse and validate the flags, and the
/// same code as the executable trains, renders and writes, without a process per case.
///
/// A few real process runs per failure class (see ``ReportProcess`` and ``ChildProcess``) prove the
/// wiring that only a process has: stdout, the single stderr line, the exit status, signals.
enum InProcess {
    /// Parses `arguments` and runs the command as `Report.main` does, mapping an error to its
    /// status and message through the same functions; for command lines that must fail.
    ///
    /// With `running` false the command is only parsed and validated: a usage error must be found
    /// before any work, and a flag check that broke must not start a long run here.
    static func outcome(_ arguments: [String], running: Bool = true) -> Outcome {
        outcomes(arguments, outputs: [], running: running)[0]
    }

    /// ``outcome(_:running:)`` once per folder of `outputs`, parsing only once: the parsed command
    /// is run with each folder as its `--output` in turn (a debug build's parser is slow).
    static func outcomes(_ arguments: [String], outputs: [String], running: Bool = true) -> [Outcome] {
        func failure(_ error: Error) -> Outcome {
            Outcome(status: Report.exitStatus(for: error).rawValue,
                    message: Report.oneLineMessage(for: error))
        }
        let count = max(outputs.count, 1)
        let parsed: Result = Result { try Report.parseAsRoot(arguments) }
        if case let .failure(error) = parsed { return Array(repeating: failure(error), count: count) }
        guard running, case let .success(parsed) = parsed else { return Array(repeating: Outcome(status: 0, message: nil), count: count) }
        return (outputs.isEmpty ? [nil] : outputs.map(Optional.some)).map { output in
            do {
                var command = parsed
                if let output {
                    if var run = command as? Run {
                        run.output.path = output
                        command = run
                    } else if var sweep = command as? Sweep {
                        sweep.output.path = output
                        command = sweep
                    }
                }
                try command.run()
                return Outcome(status: 0, message: nil)
            } catch {
                return failure(error)
            }
        }
    }

    /// `report run` with `arguments`, parsed and validated.
    static func command(_ arguments: [String]) throws -> Run {
        try #require(try Report.parseAsRoot(arguments) as? Run, "\(arguments) is not `report run`")
    }

    /// `report sweep` with `arguments` (without the subcommand's name), parsed and validated.
    static func sweepCommand(_ arguments: [String]) throws -> Sweep {
        try #require(try Report.parseAsRoot(["sweep"] + arguments) as? Sweep, "\(arguments) is not `report sweep`")
    }

    /// A training run as `report run` makes it: the command, the trained network and the transcript.
    struct Trained {
        let command: Run
        let run: TrainingRun
        let transcript: [String]
        let animation: (movie: Animation, epochs: [Int])?

        /// The transcript as the executable prints it on stdout.
        var stdout: String { transcript.joined(separator: "\n") + "\n" }

        /// Every file `report run` writes, rendered in memory.
        func files() throws -> [(name: String, bytes: [UInt8])] {
            try OutputFiles(output: command.output).files(for: run, transcript: transcript, evolution: command.evolution,
                                                          animation: animation)
        }

        /// The files by name, as ``ReportProcess/snapshot(_:)`` reads them from a folder.
        func fileContents() throws -> [String: Data] {
            Dictionary(uniqueKeysWithValues: try files().map { ($0.name, Data($0.bytes)) })
        }

        /// Writes the files into `--output` as `report run` does.
        func write() throws {
            try OutputFolder(path: command.output.path).write(try files())
        }
    }

    /// Trains as `Run.run` does, in the same order: the data, the snapshot epochs, the run, the transcript.
    static func train(_ arguments: [String]) throws -> Trained {
        let command = try command(arguments)
        let data = try command.training.dataset()
        let epochs = command.evolution ? Set(try command.snapshotEpochs()) : []
        let run = try TrainingRun(seed: UInt32(command.seed), options: command.training, data: data, snapshotEpochs: epochs)
        return Trained(command: command, run: run, transcript: Transcript.lines(for: run), animation: try command.animation(of: run))
    }

    /// Trains and writes as a successful `report run` does, for tests that need an earlier run's files.
    @discardableResult
    static func write(_ arguments: [String]) throws -> Trained {
        let trained = try train(arguments)
        try trained.write()
        return trained
    }

    /// A sweep as `Sweep.run` makes it: the command, the results and its files.
    struct Swept {
        let command: Sweep
        let result: SweepResult
        let files: [(name: String, bytes: [UInt8])]

        /// `sweep.json`'s text.
        var json: String { String(decoding: files.first { $0.name == "sweep.json" }?.bytes ?? [], as: UTF8.self) }
    }

    /// Trains every seed and renders the files as `Sweep.run` does.
    static func sweep(_ arguments: [String]) throws -> Swept {
        let command = try sweepCommand(arguments)
        let result = SweepResult.train(seeds: try SeedList.parse(command.seeds), options: command.training,
                                       data: try command.training.dataset())
        return Swept(command: command, result: result, files: try OutputFiles(output: command.output).sweepFiles(for: result))
    }
}

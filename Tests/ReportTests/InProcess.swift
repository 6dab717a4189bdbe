import Backprop
import Foundation
import Plotting
@testable import ReportKit
import Synchronization
import Testing

/// How a command ended: the exit status, the one line for stderr after `report: `, and what it printed.
struct Outcome: CustomStringConvertible {
    let status: Int32
    /// nil when the command succeeded.
    let message: String?
    var stdout = ""
    var stderr = ""

    var description: String { "exit \(status): \(message ?? "") \(stderr)" }
}

/// A terminal that keeps what a command says, for tests that run the pipeline in this process.
final class RecordingTerminal: Sendable {
    private let lines = Mutex((stdout: "", stderr: ""))
    var stdout: String { lines.withLock { $0.stdout } }
    var stderr: String { lines.withLock { $0.stderr } }

    func terminal(quiet: Bool = false) -> Terminal {
        Terminal(quiet: quiet, output: { text in self.lines.withLock { $0.stdout += text } },
                 error: { text in self.lines.withLock { $0.stderr += text } })
    }
}

/// The settings of one `report run`, typed, with the notebook's defaults: what the command line would
/// resolve, built through the library's own validating initialisers.
struct RunSpec {
    var seed: Seed = .notebook
    var skipDraws: SkipDraws = .none
    var iterations: Iterations = .notebook
    var learningRate: LearningRate = .notebook
    var hidden: HiddenUnits = .notebook
    var activation: Activation = .sigmoid
    var initialization: Initialization = .uniform
    var task: Gate?
    var data: String?
    var format: ImageFormat = .png
    var size: CanvasSize = .standard
    var scale: CanvasScale = .one
    var title: String?
    var font: String?
    var theme: ThemeChoice = .light
    var boundary: BoundaryView = .scatter
    var gridStep: GridStep?
    var legend = false
    var lossScale: LossScale = .linear
    var evolution = false
    var snapshots: [Int]?
    var animate = false
    var frames: FrameCount?
    var frameDelay: FrameDelay?
    var network = false
    var trace: Epoch?
    var traceSample: TraceSample?
    var html = false
    var output = "/nonexistent/out"
    var check = false
    var tolerance: Tolerance?
    var diff: String?
    var keepUnchanged = false
    var quiet = false

    var training: TrainingSettings {
        TrainingSettings(skipDraws: skipDraws, iterations: iterations, activation: activation,
                         initialization: initialization, points: try! TrainingPoints(task: task, data: data))
    }

    var recipe: NetworkRecipe {
        NetworkRecipe(training: training, hyperparameters: Hyperparameters(learningRate: learningRate, hidden: hidden))
    }

    func charts() throws -> ChartSettings {
        try ChartSettings(format: format, size: size, scale: scale, title: title.map { try Title(parsing: $0) }, font: font,
                          theme: theme)
    }

    func delivery() throws -> DeliverySettings {
        try DeliverySettings(output: FolderPath(parsing: output), check: check, tolerance: tolerance,
                             diff: try diff.map { try FolderPath(parsing: $0) }, keepUnchanged: keepUnchanged, quiet: quiet)
    }

    func experiment() throws -> RunExperiment {
        try RunExperiment(
            seed: seed, recipe: recipe, charts: try charts(),
            views: try RunChartSettings(boundary: boundary, gridStep: gridStep, legend: legend, lossScale: lossScale),
            evolution: evolution, snapshots: snapshots.map { FlagList($0.map { Epoch(integerLiteral: $0) }) },
            animate: animate, frames: frames, frameDelay: frameDelay, network: network, trace: trace,
            traceSample: traceSample, html: html,
            delivery: try delivery())
    }

    /// The same settings with `change` applied.
    func with(_ change: (inout RunSpec) -> Void) -> RunSpec {
        var copy = self
        change(&copy)
        return copy
    }
}

/// The pipeline run inside the test process, through the library: no process per case.
///
/// A few real process runs per failure class (see ``ReportCLI`` and ``ChildProcess``) prove the
/// wiring that only a process has: the flags, stdout, the single stderr line, the exit status, signals.
enum InProcess {
    /// Runs `experiment` as `report` does, mapping an error to its status and message as the executable does.
    static func outcome<E: Experiment>(_ experiment: @autoclosure () throws -> E) -> Outcome {
        recorded { try run(experiment(), on: $0) }
    }

    /// `report merge` of the parts at `paths`, with `spec`'s chart and output settings.
    static func mergeOutcome(_ paths: [String], _ spec: RunSpec) -> Outcome {
        recorded { try run(Parts.merge(paths, charts: spec.charts(), delivery: spec.delivery()), on: $0) }
    }

    private static func run<E: Experiment>(_ experiment: E, on recording: RecordingTerminal) throws {
        try experiment.run(terminal: recording.terminal(quiet: experiment.delivery.quiet))
    }

    private static func recorded(_ body: (RecordingTerminal) throws -> Void) -> Outcome {
        let recording = RecordingTerminal()
        do {
            try body(recording)
            return Outcome(status: 0, message: nil, stdout: recording.stdout, stderr: recording.stderr)
        } catch let error as ReportError {
            return Outcome(status: error.status.code, message: error.description, stdout: recording.stdout,
                           stderr: recording.stderr)
        } catch {
            Issue.record("not a ReportError: \(error)")
            return Outcome(status: -1, message: "\(error)")
        }
    }

    static func outcome(_ spec: RunSpec) -> Outcome { outcome(try spec.experiment()) }

    /// A run as `report run` makes it: the experiment, the trained network, the transcript and the files.
    struct Trained: Sendable {
        let experiment: RunExperiment
        let outcome: RunExperiment.Outcome
        var run: TrainingRun { outcome.run }
        var transcript: [String] { outcome.transcript }

        /// The transcript as the executable prints it on stdout.
        var stdout: String { transcript.joined(separator: "\n") + "\n" }

        /// Every file `report run` writes, rendered in memory.
        func files() throws -> [OutputFile] { try experiment.files(for: outcome) }

        /// The files by name, as ``ReportProcess/snapshot(_:)`` reads them from a folder.
        func fileContents() throws -> [String: Data] {
            Dictionary(uniqueKeysWithValues: try files().map { ($0.name, Data($0.bytes)) })
        }

        /// The same run drawn with other chart settings (no training again).
        func redrawn(_ spec: RunSpec) throws -> Trained { Trained(experiment: try spec.experiment(), outcome: outcome) }

        /// Writes the files into the experiment's `--output` as `report run` does.
        func write() throws {
            try OutputFolder(path: experiment.delivery.output.path).write(try files())
        }
    }

    /// A silent terminal, for computing without delivering.
    static let silent = Terminal(output: { _ in }, error: { _ in })

    static func train(_ spec: RunSpec = RunSpec()) throws -> Trained {
        let experiment = try spec.experiment()
        return Trained(experiment: experiment, outcome: try experiment.compute(on: try experiment.input(), terminal: silent))
    }

    /// Trains and writes as a successful `report run` does, for tests that need an earlier run's files.
    @discardableResult
    static func write(_ spec: RunSpec) throws -> Trained {
        let trained = try train(spec)
        try trained.write()
        return trained
    }

    /// A sweep as `report sweep` makes it: the experiment, the result and its files.
    struct Swept {
        let experiment: SweepExperiment
        let result: SweepResult
        let files: [OutputFile]

        /// `sweep.json`'s text.
        var json: String { String(decoding: files.first { $0.name == "sweep.json" }?.bytes ?? [], as: UTF8.self) }
    }

    static func sweep(_ seeds: Seeds, _ spec: RunSpec = RunSpec()) throws -> Swept {
        let experiment = SweepExperiment(seeds: seeds, recipe: spec.recipe, charts: try spec.charts(), delivery: try spec.delivery())
        let result = try experiment.compute(on: try experiment.input(), terminal: silent)
        return Swept(experiment: experiment, result: result, files: try experiment.files(for: result))
    }

    static func sweepOutcome(_ seeds: Seeds, _ spec: RunSpec) -> Outcome {
        outcome(SweepExperiment(seeds: seeds, recipe: spec.recipe, charts: try spec.charts(), delivery: try spec.delivery()))
    }
}

/// The `report` executable as a process, for what only the command line shows: its flags, the
/// message and status of a refusal, stdout and stderr. The release build when `scripts/test` names
/// it (10 ms a run), else the debug build beside the tests.
enum ReportCLI {
    static var executable: URL {
        ReleaseBinary.path.map { URL(fileURLWithPath: $0) } ?? ReportProcess.executable
    }

    /// Runs `report` with `arguments`; the message is stderr's last line after `report: `, for a failure.
    static func outcome(_ arguments: [String]) -> Outcome {
        do {
            let result = try ReportProcess.run(arguments, executable: executable)
            let lastLine = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
            let message = result.status == 0 ? nil
                : lastLine.hasPrefix("report: ") ? String(lastLine.dropFirst("report: ".count)) : lastLine
            return Outcome(status: result.status, message: message, stdout: result.stdout, stderr: result.stderr)
        } catch {
            Issue.record("cannot run report: \(error)")
            return Outcome(status: -1, message: nil)
        }
    }
}

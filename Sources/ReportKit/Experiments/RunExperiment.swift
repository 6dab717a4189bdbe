import ArgumentParser
import Backprop
import Plotting

/// Trains one network, prints the notebook's transcript and writes (or checks) the charts.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train one network; print the transcript; write losses.png and boundary.png (the default).")

    @Option(name: .customLong("seed"), parsing: .unconditional, help: ArgumentHelp(
        "The seed for np.random.seed, \(TrainingOptions.seedRange).", valueName: "seed"))
    var seedText = "4"
    var seed: Int { Int(seedText) ?? 0 }

    @OptionGroup(title: "Training")
    var training: TrainingOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    static let snapshotLimit = 12

    @Flag(help: "Also write evolution.png: the probability view at a few epochs spread over the run.")
    var evolution = false

    @Option(parsing: .unconditional, help: "The epochs --evolution shows, like 0,100,1000 (default: spread over the run).")
    var snapshots: String?

    @OptionGroup(title: "Animation")
    var animation: AnimationOptions

    @OptionGroup(title: "Checking")
    var checking: CheckOptions

    func validate() throws {
        try checking.validate(with: output)
        try training.requireSingleValues()
        _ = try FlagValue.integer(seedText, flag: "--seed", in: TrainingOptions.seedRange)
        _ = try snapshotEpochs()
        try animation.validate(iterations: training.iterations)
        if animation.animate {
            let frame = OutputFiles.gridSettings(try output.renderSettings(), panels: 2)
            try OutputOptions.requireWithinLimits(frame, flag: "--animate", value: "--size \(output.size) --scale \(output.scale)")
        }
        if evolution {
            let largest = OutputFiles.gridSettings(try output.renderSettings(), panels: Self.snapshotLimit)
            try OutputOptions.requireWithinLimits(largest, flag: "--evolution", value: "--size \(output.size) --scale \(output.scale)")
        }
    }

    /// The epochs of the evolution panels: as given, or spread over the run like 0, 250, ..., 10000.
    func snapshotEpochs() throws -> [Int] {
        guard let snapshots else {
            let fractions = [0.0, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0]
            return Set(fractions.map { Int((Double(training.iterations) * $0).rounded()) }).sorted()
        }
        let allowed = "a list of 1 to \(Self.snapshotLimit) epochs in 0...\(training.iterations), like 0,100,1000"
        let parts = snapshots.split(separator: ",", omittingEmptySubsequences: false)
        let epochs = parts.compactMap { Int($0.trimmingSpaces) }
        guard !parts.isEmpty, parts.count <= Self.snapshotLimit, epochs.count == parts.count,
              epochs.allSatisfy({ (0...training.iterations).contains($0) })
        else { throw usageError(flag: "--snapshots", value: snapshots, allowed: allowed) }
        return Set(epochs).sorted()
    }

    /// training.png's frames and their epochs, which the loss curve decides: the run is replayed
    /// to take a snapshot at each. Nil without `--animate`.
    func animation(of run: TrainingRun) throws -> (movie: Animation, epochs: [Int])? {
        guard animation.animate else { return nil }
        let scale = output.lossScale.axisScale
        let epochs = TrainingAnimation.epochs(of: run.lossCurve, iterations: training.iterations, count: animation.frames, scale: scale)
        let replay = try TrainingRun(seed: run.seed, options: training, data: run.data, snapshotEpochs: Set(epochs))
        return (TrainingAnimation.animation(replay, milliseconds: animation.milliseconds, scale: scale, title: output.title), epochs)
    }

    func run() throws {
        let data = try training.dataset()  // first: a bad file must not leave even an empty output folder behind
        let delivery = try Delivery(output: output, check: checking).prepared()
        let epochs = evolution ? Set(try snapshotEpochs()) : []
        let run = try TrainingRun(seed: UInt32(seed), options: training, data: data, snapshotEpochs: epochs)
        let transcript = Transcript.lines(for: run)
        if !checking.check, let first = run.checkpoints.first?.loss, run.finalLoss > first {
            // Not an error: the numbers are real. But a loss that rises means the steps overshoot.
            StandardError.write("report: warning: the loss rose from \(NumpyFormat.scalar(first)) to \(NumpyFormat.scalar(run.finalLoss)); --learning-rate \(training.learningRate) is probably too large\n")
        }
        try delivery.deliver(try OutputFiles(output: output).files(for: run, transcript: transcript, evolution: evolution,
                                                                   animation: try animation(of: run)))
        if !checking.check { try StandardOutput.write(transcript.joined(separator: "\n") + "\n") }
    }
}

import ArgumentParser
import ReportKit

/// `report run`: trains one network, prints the notebook's transcript and writes (or checks) the charts.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train one network; print the transcript; write losses.png and boundary.png (the default).")

    @Option(parsing: .unconditional, help: .text("The seed for np.random.seed, \(Seed.allowed).", default: Seed.notebook, valueName: "n"), transform: Seed.parse)
    var seed = Seed.notebook

    @OptionGroup(title: "Training") var training: TrainingFlags
    @OptionGroup(title: "Network") var shape: NetworkFlags
    @OptionGroup(title: "Charts") var charts: ChartFlags
    @OptionGroup(title: "Views") var views: ViewFlags

    @Flag(help: "Also write evolution.png: the probability view at a few epochs spread over the run.")
    var evolution = false

    @Option(parsing: .unconditional, help: ArgumentHelp("With --evolution: the epochs it shows, like 0,100,1000 (default: spread over the run); "
                               + "1 to \(EvolutionSettings.panelLimit) distinct epochs within the run.", valueName: "epochs"),
            transform: FlagList<Epoch>.parse)
    var snapshots: FlagList<Epoch>?

    @Flag(help: "Also write training.png: the run as an animated PNG, the probability view beside the loss curve.")
    var animate = false

    @Option(parsing: .unconditional, help: ArgumentHelp("With --animate or --html: the frames (the page's epochs), \(FrameCount.allowed) and at most --iterations + 1, spaced evenly "
                               + "along the loss curve as drawn (default: \(FrameCount.preferred), or one per epoch of a shorter run).",
                               valueName: "n"), transform: FrameCount.parse)
    var frames: FrameCount?

    @Option(name: .customLong("frame-delay"), parsing: .unconditional, help: ArgumentHelp(
        "With --animate: milliseconds each frame shows, \(FrameDelay.allowed); the last stays "
            + "\(FrameDelay.holdMilliseconds / 1000) s or the delay if longer (default: \(FrameDelay.standard)).",
        valueName: "ms"), transform: FrameDelay.parse)
    var frameDelay: FrameDelay?

    @Flag(help: ArgumentHelp("Also write network.png: each unit a map of its value over the input square, each weight an "
        + "edge coloured by sign and as wide as |weight|; with --evolution also network-evolution.png, with --animate in each frame. "
        + "At most \(NetworkSettings.hiddenLimit) hidden units."))
    var network = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Also print every array of the notebook's iteration EPOCH (from the parameters after EPOCH updates) and write "
            + "them to trace.json, and its computation graph to backprop.png; EPOCH in 0...--iterations, the last being "
            + "the trained network and the gradient a next step would take; at most \(TraceSettings.rowLimit) rows of data.",
        valueName: "epoch"), transform: Epoch.parse)
    var trace: Epoch?

    @Option(name: .customLong("trace-sample"), parsing: .unconditional, help: .text(
        "With --trace: the training point the computation graph follows, a row of the training set.",
        default: TraceSample.first, valueName: "j"), transform: TraceSample.parse)
    var traceSample: TraceSample?

    @Flag(help: ArgumentHelp("Also write report.html: the run in one self-contained page (configuration, transcript, loss curve, "
        + "and per epoch the probability view, the network and every array), with an epoch slider; light and dark follow the "
        + "reader. Its epochs are --animate's frames; at most \(NetworkSettings.hiddenLimit) hidden units."))
    var html = false

    @OptionGroup(title: "Output") var output: OutputFlags

    func run() throws {
        let experiment = try RunExperiment(
            seed: seed, recipe: try shape.recipe(training), charts: try charts.settings(), views: try views.settings(),
            evolution: evolution, snapshots: snapshots, animate: animate, frames: frames, frameDelay: frameDelay,
            network: network, trace: trace, traceSample: traceSample, html: html, delivery: try output.settings())
        try experiment.run()
    }
}

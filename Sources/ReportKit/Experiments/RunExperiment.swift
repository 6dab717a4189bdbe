import Backprop
import Parallel
import Plotting

/// `report run`: trains one network, prints the notebook's transcript and draws its charts.
public struct RunExperiment: Experiment {
    public static let stems: [FileStem] = [.losses, .boundary, .evolution, .network, .networkEvolution, .training, .trace,
                                           .backprop, .summary, .report, .page]
    public let seed: Seed
    public let recipe: NetworkRecipe
    public let charts: ChartSettings
    public let views: RunChartSettings
    /// `--evolution`'s epochs, or nil without it.
    public let evolution: EvolutionSettings?
    /// `--animate`'s frames, or nil without it.
    public let animation: AnimationSettings?
    /// `--trace`'s iteration, or nil without it.
    public let trace: TraceSettings?
    /// `--network`, or nil without it.
    public let network: NetworkSettings?
    /// `--html`, or nil without it.
    public let page: PageSettings?
    public let delivery: DeliverySettings

    /// Refuses `snapshots` without `evolution`, `frames` without `animate` or `html`, `frameDelay` without `animate`,
    /// and any of them when it does not fit the run.
    public init(seed: Seed = .notebook, recipe: NetworkRecipe = NetworkRecipe(), charts: ChartSettings,
                views: RunChartSettings, evolution: Bool = false, snapshots: FlagList<Epoch>? = nil,
                animate: Bool = false, frames: FrameCount? = nil, frameDelay: FrameDelay? = nil,
                network: Bool = false, trace: Epoch? = nil, traceSample: TraceSample? = nil, html: Bool = false,
                delivery: DeliverySettings) throws(UsageError) {
        let iterations = recipe.training.iterations
        self.seed = seed
        self.recipe = recipe
        self.charts = charts
        self.views = views
        if frames != nil, !animate, !html { throw .cannotAct("--frames", without: "--animate or --html") }
        self.evolution = try EvolutionSettings(enabled: evolution, snapshots: snapshots, iterations: iterations, charts: charts)
        self.animation = try AnimationSettings(enabled: animate, frames: frames, delay: frameDelay, iterations: iterations,
                                               charts: charts)
        self.trace = try TraceSettings(epoch: trace, sample: traceSample, iterations: iterations, charts: charts)
        self.network = try NetworkSettings(enabled: network, hidden: recipe.hyperparameters.hidden, charts: charts,
                                           evolution: self.evolution, animate: animate)
        self.page = try PageSettings(enabled: html, frames: frames, iterations: iterations, hidden: recipe.hyperparameters.hidden)
        self.delivery = delivery
    }

    /// The trained network, its transcript and, with `--animate` or `--html`, the run replayed to its frames' epochs;
    /// with `--trace`, the iteration.
    public struct Outcome: Sendable {
        public let run: TrainingRun
        public let transcript: [String]
        /// The run again with a snapshot at each frame's epoch: training.png's frames and report.html's slider.
        public let frames: TrainingRun?
        public let trace: IterationTrace?
        /// The trace's gradient check, computed once for trace.json, report.md and the warnings.
        public let gradientCheck: GradientCheck?
    }

    public func input() throws -> Dataset { try recipe.training.dataset(widest: recipe.hyperparameters.hidden) }

    public func compute(on data: Dataset, terminal: Terminal) throws -> Outcome {
        if trace != nil, data.count > TraceSettings.rowLimit {
            throw UsageError("--trace writes every array of every row: at most \(TraceSettings.rowLimit) rows "
                + "(--data holds \(data.count))")
        }
        if let trace, trace.sample >= data.count {
            throw UsageError("--trace-sample \(trace.sample) must be a row of the training set, 0...\(data.count - 1)")
        }
        let epochs = Set(evolution?.epochs ?? []).union(trace.map { [$0.epoch] } ?? [])
        let run = try TrainingRun(seed: seed.numpy, recipe: recipe, data: data, snapshotEpochs: epochs, terminal: terminal)
        let traced = trace.map { trace in
            let parameters = run.snapshots.first { $0.epoch == trace.epoch }!.parameters
            return IterationTrace(parameters: parameters, data: data, activation: recipe.activation)
        }
        return Outcome(run: run, transcript: Transcript.lines(for: run), frames: try frames(of: run, terminal: terminal),
                       trace: traced, gradientCheck: traced?.gradientCheck())
    }

    /// The run replayed to take a snapshot at each frame's epoch, which the loss curve decides; one replay serves
    /// both training.png and report.html, which resolve `--frames` alike.
    func frames(of run: TrainingRun, terminal: Terminal) throws -> TrainingRun? {
        guard let count = animation?.frames ?? page?.frames else { return nil }
        let epochs = TrainingAnimation.epochs(of: run.lossCurve, iterations: recipe.iterations, count: count.value,
                                              scale: views.lossScale.axisScale)
        return try TrainingRun(seed: run.seed, recipe: recipe, data: run.data, snapshotEpochs: Set(epochs), terminal: terminal)
    }

    public func warnings(for outcome: Outcome) -> [String] {
        let run = outcome.run
        var warnings: [String] = []
        // Not an error: the numbers are real. But a loss that rises means the steps overshoot.
        if let first = run.checkpoints.first?.loss, run.finalLoss > first {
            warnings.append("the loss rose from \(NumpyFormat.scalar(first)) to \(NumpyFormat.scalar(run.finalLoss)); "
                + "--learning-rate \(recipe.hyperparameters.learningRate) is probably too large")
        }
        // Also not an error: backprop computed what the notebook computes. But a reader of trace.json should know.
        if let trace, let check = outcome.gradientCheck, !check.passes, let worst = check.worst {
            warnings.append("the gradient check of --trace \(trace.epoch) fails at \(worst.name): backprop "
                + "\(NumpyFormat.printf("%.6g", worst.backprop)), central differences \(NumpyFormat.printf("%.6g", worst.numeric))"
                + (recipe.activation == .relu ? " (a relu unit at its kink, where the loss has no derivative)" : ""))
        }
        return warnings
    }

    /// The notebook's transcript, then each array of the traced iteration as the notebook prints `w1`.
    public func answer(for outcome: Outcome) -> [String] { outcome.transcript + (outcome.trace?.printedLines ?? []) }

    public func files(for outcome: Outcome) throws -> [OutputFile] {
        let run = outcome.run
        // training.png takes most of a run's time, spread over every core by itself: the other charts are drawn
        // meanwhile, instead of on one core before it starts.
        let (animated, still) = animation == nil ? ((files: [], shown: nil), try stillCharts(for: outcome))
            : try ParallelMap.concurrently({ try animationFiles(for: outcome) }) { try stillCharts(for: outcome) }
        var files = still + animated.files
        var traced: Summary.TraceSummary?
        var data: [OutputFile] = []
        if let trace, let iteration = outcome.trace, let check = outcome.gradientCheck {
            let sample = ComputationGraph.SampleArrays(iteration, sample: trace.sample)
            files += try image(.backprop, on: charts.gridSettings(panels: 2),
                               description: Descriptions.backprop(sample, epoch: trace.epoch, index: trace.sample)) {
                backpropGraph(sample, trace: trace)
            }
            let record = TraceFile(iteration, epoch: trace.epoch, check: check)
            let file = OutputFile(.trace, bytes: try jsonFile(record))
            data.append(file)
            traced = Summary.TraceSummary(file: file.name, epoch: trace.epoch, sample: trace.sample,
                                          maxRelativeError: record.gradientCheck.maxRelativeError,
                                          worst: record.gradientCheck.worst?.parameter, passes: record.gradientCheck.passes)
        }
        if page != nil, let frames = outcome.frames {
            data.append(try RunPage(run: run, frames: frames, transcript: answer(for: outcome), charts: charts,
                                    lossScale: views.lossScale.axisScale).file())
        }
        let images = files
        let drawnNetwork = images.first { $0.stem == FileStem.network.name && $0.variant == .light }?.name
        let names = (images + data).map(\.name) + [FileStem.summary.fileName, FileStem.report.fileName]
        let descriptions = Dictionary(images.compactMap { file in file.description.map { (file.name, $0) } },
                                      uniquingKeysWith: { first, _ in first })
        let summary = Summary(run: run, files: names, animation: animated.shown, trace: traced, network: drawnNetwork,
                              descriptions: descriptions)
        files += data
        files.append(OutputFile(.summary, bytes: try jsonFile(summary)))
        let page = data.first { $0.stem == FileStem.page.name }?.name
        files.append(OutputFile(.report, bytes: Summary.markdown(run: run, transcript: answer(for: outcome), images: images,
                                                                 trace: traced, network: drawnNetwork, page: page)))
        return files
    }

    /// losses.png, boundary.png and, with their flags, network.png and the evolution views.
    func stillCharts(for outcome: Outcome) throws -> [OutputFile] {
        let run = outcome.run, title = charts.titleText, views = views
        // Each chart is its own job, and the jobs share the cores (in the files' order).
        var jobs: [@Sendable () throws -> [OutputFile]] = [
            {
                try image(.losses, description: Descriptions.losses(run)) {
                    RunCharts.losses(run, scale: views.lossScale.axisScale, title: title)
                }
            },
            {
                try image(.boundary, description: Descriptions.boundary(run)) {
                    views.boundary == .scatter
                        ? RunCharts.boundaryScatter(run, step: views.gridStep.value, legend: views.legend, title: title)
                        : RunCharts.boundaryProbability(run, title: title)
                }
            },
        ]
        if network != nil {
            jobs.append {
                try image(.network, description: Descriptions.network(run.final, run: run)) {
                    RunCharts.network(run.final, run: run, title: title)
                }
            }
        }
        if let evolution {
            let panels = run.snapshots.filter { evolution.epochs.contains($0.epoch) }.count
            jobs.append {
                try image(.evolution, on: charts.gridSettings(panels: panels),
                          description: Descriptions.evolution(run, epochs: evolution.epochs)) {
                    RunCharts.evolution(run, epochs: evolution.epochs, title: title)
                }
            }
            if network != nil {
                jobs.append {
                    try image(.networkEvolution, on: charts.panelGridSettings(panels: panels),
                              description: Descriptions.networkEvolution(run, epochs: evolution.epochs)) {
                        RunCharts.networkEvolution(run, epochs: evolution.epochs, title: title)
                    }
                }
            }
        }
        let drawn = jobs
        return try ParallelMap.map(drawn.indices) { index throws in try drawn[index]() }.flatMap { $0 }
    }

    /// training.png in each theme, and what summary.json says of it; none without `--animate`.
    func animationFiles(for outcome: Outcome) throws -> (files: [OutputFile], shown: Summary.AnimationSummary?) {
        guard let animation, let frames = outcome.frames else { return ([], nil) }
        let run = outcome.run
        var files: [OutputFile] = []
        var shown: Summary.AnimationSummary?
        let description = Descriptions.animation(frames, run: run, network: network != nil)
        // With the network, a full --size of its own: a third of the two-chart frame shrank its maps to
        // slivers and its text to ~5 pixels. 1920×480 at the defaults.
        for (variant, theme) in charts.theme.renderings {
            var canvas = network == nil ? charts.gridSettings(panels: 2) : charts.panelGridSettings(panels: 3)
            canvas.metadata = charts.metadata(description: description)
            canvas.theme = theme
            let movie = Palette.$current.withValue(.of(theme)) {
                TrainingAnimation.animation(frames, milliseconds: animation.milliseconds, scale: views.lossScale.axisScale,
                                            title: charts.titleText, network: network != nil)
            }
            let file = OutputFile(.training, bytes: try movie.render(canvas), description: description, variant: variant)
            files.append(file)
            if shown == nil {
                shown = Summary.AnimationSummary(file: file.name, epochs: frames.snapshots.map(\.epoch),
                                                 milliseconds: movie.milliseconds)
            }
        }
        return (files, shown)
    }

    /// backprop.png: the computation graph of the traced iteration for one training point, its values and
    /// its share of each gradient.
    func backpropGraph(_ sample: ComputationGraph.SampleArrays, trace: TraceSettings) -> Figure {
        let point = "x = [\(NumpyFormat.printf("%g", sample.x[0])) \(NumpyFormat.printf("%g", sample.x[1]))], "
            + "y = \(NumpyFormat.printf("%g", sample.y))"
        let heading = "Backpropagation at epoch \(trace.epoch), sample \(trace.sample) (\(point)): its share of each gradient"
        return RunCharts.backpropGraph(ComputationGraph.notebook(sample, activation: recipe.activation),
                                       title: charts.titleText.map { "\($0)\n\(heading)" } ?? heading)
    }
}

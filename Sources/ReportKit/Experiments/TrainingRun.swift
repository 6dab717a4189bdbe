import Backprop
import Plotting

/// One network trained to the end, with what the transcript, charts and summary need of it.
public struct TrainingRun: Sendable {
    public let seed: UInt32
    public let recipe: NetworkRecipe
    public let data: Dataset
    public let final: Parameters
    /// The loss curve, reduced as it streams so that memory stays bounded for any run length.
    public let lossCurve: MinMaxEnvelope
    /// The losses at a few iterations spread over the run, for the summary.
    public let checkpoints: [(iteration: Int, loss: Double)]
    /// The last recorded loss: the one before the final update, as the notebook prints it.
    public let finalLoss: Double
    /// The parameters and their loss at chosen epochs (epoch e: after e updates).
    public let snapshots: [(epoch: Int, loss: Double, parameters: Parameters)]

    public var isGate: Bool { recipe.isGate }

    /// The loss or the weights stopped being finite at `iteration`: the run diverged.
    public struct Diverged: ReportError {
        let iteration: Int
        /// The loss at `iteration`; finite when only the weights overflowed.
        let loss: Double

        public var status: ExitStatus { .failure }

        public var description: String {
            let what = loss.isFinite
                ? "the weights became non-finite in the update of iteration \(iteration) (loss \(loss))"
                : "the loss became \(loss.isNaN ? "nan" : "\(loss)") at iteration \(iteration)"
            return "training diverged: \(what); no files were written; try a smaller --learning-rate"
        }
    }

    /// How many iterations pass between checks of the weights and updates of the progress bar.
    static let checkInterval = 1 << 16

    /// Trains from `seed` (or `initialParameters`, for tests), stopping at the first non-finite loss or weight.
    public init(seed: UInt32, recipe: NetworkRecipe, data: Dataset, snapshotEpochs: Set<Int> = [],
                initialParameters: Parameters? = nil, terminal: Terminal? = nil) throws {
        self.seed = seed
        self.recipe = recipe
        self.data = data
        if let path = recipe.training.dataFile, data.count > DataFile.rowLimit(hidden: recipe.hidden) {
            throw DataFile.Problem(path, "holds \(data.count) rows: \(DataFile.tooManyRows(hidden: recipe.hidden))")
        }
        let initial = initialParameters ?? recipe.initialParameters(seed: seed)
        let network = Network(parameters: initial, data: data, learningRate: recipe.learningRate, activation: recipe.activation)
        let iterations = recipe.iterations
        // Sorted queues, so that the loop compares one integer instead of hashing every iteration.
        var pendingCheckpoints = Self.checkpointIterations(iterations).sorted()[...]
        var pendingSnapshots = snapshotEpochs.sorted()[...]
        var curve = MinMaxEnvelope()
        var checkpoints: [(Int, Double)] = [], snapshots: [(Int, Double, Parameters)] = []
        var lastLoss = Double.nan, divergedAt: Int?
        // A bar on a terminal for runs long enough to wait for; redrawn every 65536 iterations.
        let progress = terminal.flatMap { iterations >= 4 * Self.checkInterval ? ProgressBar(total: iterations, label: "training", terminal: $0) : nil }
        defer { progress?.finish() }
        TestHooks.pause(at: .training)
        // The network's own loop runs between the points where the run must look at the weights (a
        // snapshot) or show progress, observing every loss and stopping at the first non-finite one.
        var start = 0
        while start < iterations, divergedAt == nil {
            var end = min(iterations, (start / Self.checkInterval + 1) * Self.checkInterval)
            if let next = pendingSnapshots.first(where: { $0 > start }) { end = min(end, next) }
            let snapshot = pendingSnapshots.first == start ? network.parameters : nil
            network.train(iterations: end - start, observing: { offset, loss in
                let iteration = start + offset
                if let snapshot, offset == 0 { snapshots.append((iteration, loss, snapshot)) }
                lastLoss = loss
                guard loss.isFinite else {
                    divergedAt = iteration
                    return false
                }
                curve.append(loss)
                if pendingCheckpoints.first == iteration {
                    checkpoints.append((iteration, loss))
                    pendingCheckpoints.removeFirst()
                }
                return true
            })
            if snapshot != nil { pendingSnapshots.removeFirst() }
            if divergedAt == nil, end % Self.checkInterval == 0 { progress?.advance(by: Self.checkInterval) }
            start = end
        }
        if let iteration = divergedAt { throw Diverged(iteration: iteration, loss: lastLoss) }
        final = network.parameters
        // A non-finite weight makes the next loss non-finite, so only the last update can hide one.
        guard final.isFinite else { throw Diverged(iteration: iterations - 1, loss: lastLoss) }
        if pendingSnapshots.first == iterations {
            snapshots.append((iterations, network.lossAndGradients().loss, final))
        }
        self.snapshots = snapshots
        lossCurve = curve
        self.checkpoints = checkpoints
        finalLoss = lastLoss
    }

    /// The first, last and a few round iterations between, where the summary reports the loss.
    static func checkpointIterations(_ iterations: Int) -> Set<Int> {
        Set([0, iterations - 1] + sequence(first: 10) { $0 * 10 }.prefix { $0 < iterations })
    }

    public var predictions: [Int] { final.predictions(on: data, activation: recipe.activation) }

    public var accuracy: Double { final.accuracy(on: data, activation: recipe.activation) }
}

import Backprop
import Plotting

/// One network trained to the end, with what the transcript, charts and summary need of it.
struct TrainingRun {
    let seed: UInt32
    let options: TrainingOptions
    let data: Dataset
    let initial: Parameters
    let final: Parameters
    /// The loss curve, reduced as it streams so that memory stays bounded for any run length.
    let lossCurve: MinMaxEnvelope
    /// The losses at a few iterations spread over the run, for the summary.
    let checkpoints: [(iteration: Int, loss: Double)]
    /// The last recorded loss: the one before the final update, as the notebook prints it.
    let finalLoss: Double
    /// The parameters and their loss at chosen epochs (epoch e: after e updates).
    let snapshots: [(epoch: Int, loss: Double, parameters: Parameters)]

    /// Whether the data is a gate's four points rather than a user's file.
    var isGate: Bool { options.data == nil }

    /// The loss was not finite at `iteration`: the run diverged.
    struct Diverged: Error, CustomStringConvertible {
        let iteration: Int
        let loss: Double
        var description: String {
            "training diverged: the loss became \(loss) at iteration \(iteration); try a smaller --learning-rate"
        }
    }

    /// Trains from `seed` with `options`, stopping at the first non-finite loss.
    init(seed: UInt32, options: TrainingOptions, data: Dataset, snapshotEpochs: Set<Int> = []) throws {
        self.seed = seed
        self.options = options
        self.data = data
        initial = options.initialParameters(seed: seed)
        let network = Network(parameters: initial, data: data, learningRate: options.learningRate, activation: options.activation)
        let checkpointIterations = Self.checkpointIterations(options.iterations)
        var curve = MinMaxEnvelope()
        var checkpoints: [(Int, Double)] = []
        var lastLoss = Double.nan
        var divergedAt: Int?
        var snapshots: [(Int, Double, Parameters)] = []
        for iteration in 0..<options.iterations {
            let before = snapshotEpochs.contains(iteration) ? network.parameters : nil
            let loss = network.step()
            if let before { snapshots.append((iteration, loss, before)) }
            guard loss.isFinite else {
                divergedAt = iteration
                lastLoss = loss
                break
            }
            curve.append(loss)
            if checkpointIterations.contains(iteration) { checkpoints.append((iteration, loss)) }
            lastLoss = loss
        }
        if let iteration = divergedAt { throw Diverged(iteration: iteration, loss: lastLoss) }
        final = network.parameters
        if snapshotEpochs.contains(options.iterations) {
            snapshots.append((options.iterations, network.lossAndGradients().loss, final))
        }
        self.snapshots = snapshots
        lossCurve = curve
        self.checkpoints = checkpoints
        finalLoss = lastLoss
    }

    /// The first, last and a few round iterations between, where the summary reports the loss.
    static func checkpointIterations(_ iterations: Int) -> Set<Int> {
        var marks: Set<Int> = [0, iterations - 1]
        var mark = 10
        while mark < iterations {
            marks.insert(mark)
            mark *= 10
        }
        return marks
    }

    /// The network's prediction for each training point.
    var predictions: [Int] {
        (0..<data.count).map { final.predict(data.x0[$0], data.x1[$0], activation: options.activation) }
    }

    /// The fraction of training points predicted right.
    var accuracy: Double {
        let right = zip(predictions, data.y).filter { Double($0) == $1 }.count
        return Double(right) / Double(data.count)
    }
}

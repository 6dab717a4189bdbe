import ArgumentParser
import Backprop

/// The flags that describe one training run, shared by `report` and `report sweep`.
struct TrainingOptions: ParsableArguments {
    static let seedRange = 0...Int(UInt32.max)
    static let skipRange = 0...100_000_000
    static let iterationRange = 1...1_000_000_000
    static let hiddenRange = 1...256
    static let maximumLearningRate = 1e6

    @Option(name: .customLong("skip-draws"), parsing: .unconditional,
            help: "How many np.random.rand values to discard after seeding (the notebook's own output needs 27).")
    var skipDraws = 0

    @Option(parsing: .unconditional, help: "Gradient-descent iterations (the notebook's `iterations`).")
    var iterations = 10_000

    @Option(name: .customLong("learning-rate"), parsing: .unconditional, help: "The step size (the notebook's `lr`).")
    var learningRate = 0.1

    @Option(parsing: .unconditional, help: "Units in the hidden layer (the notebook's `n_h`).")
    var hidden = 2

    @Option(help: "The hidden layer's activation: \(Activation.allCases.map(\.rawValue).joined(separator: ", ")).")
    var activation: Activation = .sigmoid

    @Option(name: .customLong("init"), help: "Initial weights: uniform (np.random.rand, the notebook's) or xavier (np.random.randn).")
    var initialization: Initialization = .uniform

    @Option(help: "The training set: a two-input gate, \(Gate.allCases.map(\.rawValue).joined(separator: ", ")).")
    var task: Gate = .xor

    @Option(help: "Train on your own points instead: a CSV file of x0,x1,label rows (optional header; labels 0 or 1); - reads standard input.")
    var data: String?

    func validate() throws {
        try require(skipDraws, in: Self.skipRange, flag: "--skip-draws")
        try require(iterations, in: Self.iterationRange, flag: "--iterations")
        try require(hidden, in: Self.hiddenRange, flag: "--hidden")
        guard learningRate.isFinite, learningRate > 0, learningRate <= Self.maximumLearningRate else {
            throw usageError(flag: "--learning-rate", value: "\(learningRate)", allowed: FlagRanges.learningRate)
        }
    }

    /// The training set: `--data` when given, else the `--task` gate's four points.
    func dataset() throws -> Dataset {
        guard let data else { return Dataset(gate: task) }
        return try DataFile.load(data, hidden: hidden)
    }

    /// The flags as text, for summaries and sweep results.
    /// The training flags as `summary.json` and `sweep.json` record them.
    func configuration(seed: UInt32? = nil) -> RunConfiguration {
        RunConfiguration(seed: seed, skipDraws: skipDraws, iterations: iterations, learningRate: learningRate,
                         hidden: hidden, activation: activation.rawValue, initialization: initialization.rawValue,
                         task: data == nil ? task.rawValue : nil, data: data)
    }

    /// The initial parameters for `seed`.
    func initialParameters(seed: UInt32) -> Parameters {
        Parameters(seed: seed, skipDraws: skipDraws, hidden: hidden, initialization: initialization)
    }
}

extension Activation: ExpressibleByArgument {}
extension Initialization: ExpressibleByArgument {}
extension Gate: ExpressibleByArgument {}

/// The training flags of a run or sweep in its JSON file: numbers as numbers, and `null` for
/// what does not apply (no `task` with `--data`, no `data` without). A sweep's has no `seed`
/// key at all: its seeds are listed beside it.
struct RunConfiguration: Encodable {
    let seed: UInt32?
    let skipDraws: Int
    let iterations: Int
    let learningRate: Double
    let hidden: Int
    let activation: String
    let initialization: String
    let task: String?
    let data: String?

    enum CodingKeys: String, CodingKey {
        case seed, skipDraws, iterations, learningRate, hidden, activation, task, data
        case initialization = "init"
    }

    /// Every key, `null` included: the synthesised encoding would leave absent values out.
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let seed { try container.encode(seed, forKey: .seed) }
        try container.encode(skipDraws, forKey: .skipDraws)
        try container.encode(iterations, forKey: .iterations)
        try container.encode(learningRate, forKey: .learningRate)
        try container.encode(hidden, forKey: .hidden)
        try container.encode(activation, forKey: .activation)
        try container.encode(initialization, forKey: .initialization)
        try container.encode(task, forKey: .task)
        try container.encode(data, forKey: .data)
    }
}

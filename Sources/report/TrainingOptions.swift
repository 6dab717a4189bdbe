import ArgumentParser
import Backprop

/// The flags that describe one training run, shared by `report` and `report sweep`.
struct TrainingOptions: ParsableArguments {
    static let seedRange = 0...Int(UInt32.max)
    static let skipRange = 0...100_000_000
    static let iterationRange = 1...1_000_000_000
    static let hiddenRange = 1...256
    static let maximumLearningRate = 1e6
    static let learningRateAllowed = "a number in (0, 1e6]"

    @Option(name: .customLong("skip-draws"), parsing: .unconditional, help: ArgumentHelp(
        "How many np.random.rand values to discard after seeding (the notebook's own output needs 27), \(skipRange).",
        valueName: "skip-draws"))
    var skipDrawsText = "0"

    @Option(name: .customLong("iterations"), parsing: .unconditional, help: ArgumentHelp(
        "Gradient-descent iterations (the notebook's `iterations`), \(iterationRange).", valueName: "iterations"))
    var iterationsText = "10000"

    @Option(name: .customLong("learning-rate"), parsing: .unconditional, help: ArgumentHelp(
        "The step size (the notebook's `lr`), \(Self.learningRateAllowed).", valueName: "learning-rate"))
    var learningRateText = "0.1"

    @Option(name: .customLong("hidden"), parsing: .unconditional, help: ArgumentHelp(
        "Units in the hidden layer (the notebook's `n_h`), \(hiddenRange).", valueName: "hidden"))
    var hiddenText = "2"

    @Option(name: .customLong("activation"), parsing: .unconditional, help: ArgumentHelp(
        "The hidden layer's activation: \(Activation.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "activation"))
    var activationText = Activation.sigmoid.rawValue

    @Option(name: .customLong("init"), parsing: .unconditional, help: ArgumentHelp(
        "Initial weights: uniform (np.random.rand, the notebook's) or xavier (np.random.randn).", valueName: "init"))
    var initializationText = Initialization.uniform.rawValue

    @Option(name: .customLong("task"), parsing: .unconditional, help: ArgumentHelp(
        "The training set: a two-input gate, \(Gate.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "task"))
    var taskText = Gate.xor.rawValue

    var skipDraws: Int { Int(skipDrawsText) ?? 0 }
    var iterations: Int { Int(iterationsText) ?? 0 }
    var learningRate: Double { Double(learningRateText) ?? 0 }
    var hidden: Int { Int(hiddenText) ?? 0 }
    var activation: Activation { Activation(rawValue: activationText) ?? .sigmoid }
    var initialization: Initialization { Initialization(rawValue: initializationText) ?? .uniform }
    var task: Gate { Gate(rawValue: taskText) ?? .xor }

    @Option(parsing: .unconditional, help: "Train on your own points instead: a CSV file of x0,x1,label rows (optional header; labels 0 or 1); - reads standard input.")
    var data: String?

    func validate() throws {
        _ = try FlagValue.integer(skipDrawsText, flag: "--skip-draws", in: Self.skipRange)
        _ = try FlagValue.integer(iterationsText, flag: "--iterations", in: Self.iterationRange)
        _ = try FlagValue.integer(hiddenText, flag: "--hidden", in: Self.hiddenRange)
        _ = try FlagValue.number(learningRateText, flag: "--learning-rate", allowed: Self.learningRateAllowed) {
            $0 > 0 && $0 <= Self.maximumLearningRate
        }
        let _: Activation = try FlagValue.choice(activationText, flag: "--activation")
        let _: Initialization = try FlagValue.choice(initializationText, flag: "--init")
        let _: Gate = try FlagValue.choice(taskText, flag: "--task")
    }

    /// The training set: `--data` when given, else the `--task` gate's four points.
    func dataset() throws -> Dataset { try data.map { try DataFile.load($0, hidden: hidden) } ?? Dataset(gate: task) }

    /// The training flags as `summary.json` and `sweep.json` record them.
    func configuration(seed: UInt32? = nil) -> RunConfiguration {
        RunConfiguration(seed: seed, skipDraws: skipDraws, iterations: iterations, hidden: hidden,
                         learningRate: learningRate, activation: activation.rawValue,
                         initialization: initialization.rawValue, task: data == nil ? task.rawValue : nil, data: data)
    }

    func initialParameters(seed: UInt32) -> Parameters {
        Parameters(seed: seed, skipDraws: skipDraws, hidden: hidden, initialization: initialization)
    }
}

/// The training flags in a run's or sweep's JSON file: numbers as numbers, `null` for what does not apply
/// (no `task` with `--data`, no `data` without), and no `seed` key in a sweep's, whose seeds are beside it.
struct RunConfiguration: Encodable {
    let seed: UInt32?
    let skipDraws, iterations, hidden: Int
    let learningRate: Double
    let activation, initialization: String
    @Nullable var task: String?
    @Nullable var data: String?

    enum CodingKeys: String, CodingKey {
        case seed, skipDraws, iterations, learningRate, hidden, activation, task, data
        case initialization = "init"
    }
}

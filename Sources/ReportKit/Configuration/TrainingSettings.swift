import ArgumentParser
import Backprop

/// The flags that describe one training run, shared by `report`, `report sweep` and (with lists) `report atlas`.
struct TrainingOptions: ParsableArguments {
    static let seedRange = 0...Int(UInt32.max)
    static let skipRange = 0...100_000_000
    static let iterationRange = 1...1_000_000_000
    static let hiddenRange = 1...256
    static let maximumLearningRate = 1e6
    static let learningRateAllowed = "a number in (0, 1e6]"
    /// The most values `report atlas` takes in a list.
    static let listLimit = 12

    @Option(name: .customLong("skip-draws"), parsing: .unconditional, help: ArgumentHelp(
        "How many np.random.rand values to discard after seeding (the notebook's own output needs 27), \(skipRange).",
        valueName: "skip-draws"))
    var skipDrawsText = "0"

    @Option(name: .customLong("iterations"), parsing: .unconditional, help: ArgumentHelp(
        "Gradient-descent iterations (the notebook's `iterations`), \(iterationRange).", valueName: "iterations"))
    var iterationsText = "10000"

    @Option(name: [.customLong("learning-rate"), .customLong("learning-rates")], parsing: .unconditional, help: ArgumentHelp(
        "The step size (the notebook's `lr`), \(Self.learningRateAllowed); default 0.1. report atlas takes a list, like 0.01,0.1,1.",
        valueName: "learning-rate"))
    var learningRateText: String?

    @Option(name: .customLong("hidden"), parsing: .unconditional, help: ArgumentHelp(
        "Units in the hidden layer (the notebook's `n_h`), \(hiddenRange); default 2. report atlas takes a list, like 1,2,3,4.",
        valueName: "hidden"))
    var hiddenText: String?

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
    var learningRate: Double { (try? learningRates())??.first ?? 0.1 }
    var hidden: Int { (try? hiddenWidths())??.first ?? 2 }
    var activation: Activation { Activation(rawValue: activationText) ?? .sigmoid }
    var initialization: Initialization { Initialization(rawValue: initializationText) ?? .uniform }
    var task: Gate { Gate(rawValue: taskText) ?? .xor }

    @Option(parsing: .unconditional, help: "Train on your own points instead: a CSV file of x0,x1,label rows (optional header; labels 0 or 1); - reads standard input.")
    var data: String?

    func validate() throws {
        _ = try FlagValue.integer(skipDrawsText, flag: "--skip-draws", in: Self.skipRange)
        _ = try FlagValue.integer(iterationsText, flag: "--iterations", in: Self.iterationRange)
        _ = try hiddenWidths()
        _ = try learningRates()
        let _: Activation = try FlagValue.choice(activationText, flag: "--activation")
        let _: Initialization = try FlagValue.choice(initializationText, flag: "--init")
        let _: Gate = try FlagValue.choice(taskText, flag: "--task")
    }

    /// `--learning-rate`'s values, or nil when it is not given.
    func learningRates() throws -> [Double]? {
        try learningRateText.map { text in
            try Self.list(text, flag: "--learning-rate", allowed: Self.learningRateAllowed) { part in
                try FlagValue.number(part, flag: "--learning-rate", allowed: Self.learningRateAllowed) {
                    $0 > 0 && $0 <= Self.maximumLearningRate
                }
            }
        }
    }

    /// `--hidden`'s values, or nil when it is not given.
    func hiddenWidths() throws -> [Int]? {
        try hiddenText.map { text in
            try Self.list(text, flag: "--hidden", allowed: "integers in \(Self.hiddenRange)") {
                try FlagValue.integer($0, flag: "--hidden", in: Self.hiddenRange)
            }
        }
    }

    /// A comma-separated list of distinct values, each read by `value`; one value is a list of one.
    private static func list<Value: Equatable>(_ text: String, flag: String, allowed: String,
                                               _ value: (String) throws -> Value) throws -> [Value] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0.trimmingSpaces) }
        guard parts.count > 1 else { return [try value(text)] }
        let refusal = usageError(flag: flag, value: text, allowed: "a list of 1 to \(listLimit) distinct \(allowed), like 1,2,3")
        guard let values = try? parts.map(value), values.count <= listLimit,
              values.indices.allSatisfy({ !values[..<$0].contains(values[$0]) })
        else { throw refusal }
        return values
    }

    /// For `report run` and `report sweep`: one learning rate and one width, not lists.
    func requireSingleValues() throws {
        if let text = learningRateText, try learningRates()?.count != 1 {
            throw usageError(flag: "--learning-rate", value: text, allowed: "one \(Self.learningRateAllowed) (lists are for report atlas)")
        }
        if let text = hiddenText, try hiddenWidths()?.count != 1 {
            throw usageError(flag: "--hidden", value: text, allowed: "one integer in \(Self.hiddenRange) (lists are for report atlas)")
        }
    }

    /// These options at one learning rate and width of an atlas's grid.
    func with(learningRate: Double, hidden: Int) -> TrainingOptions {
        var options = self
        options.learningRateText = "\(learningRate)"
        options.hiddenText = "\(hidden)"
        return options
    }

    /// The training set: `--data` when given (as many rows as `hidden` units allow), else the `--task` gate's four points.
    func dataset(hidden: Int? = nil) throws -> Dataset {
        try data.map { try DataFile.load($0, hidden: hidden ?? self.hidden) } ?? Dataset(gate: task)
    }

    /// The training flags as the JSON files record them; an atlas's have no learning rate or width (each cell has its own).
    func configuration(seed: UInt32? = nil, grid: Bool = false) -> RunConfiguration {
        RunConfiguration(seed: seed, skipDraws: skipDraws, iterations: iterations, hidden: grid ? nil : hidden,
                         learningRate: grid ? nil : learningRate, activation: activation.rawValue,
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
    let skipDraws, iterations: Int
    @Nullable var hidden: Int?
    @Nullable var learningRate: Double?
    let activation, initialization: String
    @Nullable var task: String?
    @Nullable var data: String?

    enum CodingKeys: String, CodingKey {
        case seed, skipDraws, iterations, learningRate, hidden, activation, task, data
        case initialization = "init"
    }
}

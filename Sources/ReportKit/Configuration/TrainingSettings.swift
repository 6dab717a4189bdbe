import Backprop

/// What every network of a command is trained on and how, but for the step size and width, which an
/// atlas varies: `report`, `report sweep` and `report atlas` share it.
public struct TrainingSettings: Sendable {
    public var skipDraws: SkipDraws
    public var iterations: Iterations
    public var activation: Activation
    public var initialization: Initialization
    public var points: TrainingPoints

    public init(skipDraws: SkipDraws = .none, iterations: Iterations = .notebook, activation: Activation = .notebook,
                initialization: Initialization = .notebook, points: TrainingPoints = .gate(.notebook)) {
        self.skipDraws = skipDraws
        self.iterations = iterations
        self.activation = activation
        self.initialization = initialization
        self.points = points
    }

    /// The training set: a gate's four points, or the file's rows (as many as `widest` hidden units allow).
    public func dataset(widest: HiddenUnits) throws -> Dataset {
        switch points {
        case let .gate(gate): return Dataset(gate: gate)
        case let .file(path): return try DataFile.load(path, hidden: widest.value)
        }
    }

    /// The CSV file's path, for messages and the JSON record; nil for a gate.
    public var dataFile: String? {
        if case let .file(path) = points { return path }
        return nil
    }
}

/// What the network learns: a two-input gate's truth table, or the user's points.
public enum TrainingPoints: Sendable, Equatable {
    case gate(Gate)
    /// A CSV file of `x0,x1,label` rows; `-` is standard input.
    case file(String)

    /// `--data` when given, else `--task` (the notebook's gate when neither is); both is refused, as the
    /// file's labels would silently win.
    public init(task: Gate?, data: String?) throws(UsageError) {
        switch (task, data) {
        case (_?, _?): throw UsageError("--task applies only without --data (the file's rows carry their labels)")
        case let (nil, path?): self = .file(path)
        case let (gate, nil): self = .gate(gate ?? .notebook)
        }
    }
}

/// One network's shape and step size: what a cell of the atlas varies.
public struct Hyperparameters: Sendable, Hashable {
    public var learningRate: LearningRate
    public var hidden: HiddenUnits

    public init(learningRate: LearningRate = .notebook, hidden: HiddenUnits = .notebook) {
        self.learningRate = learningRate
        self.hidden = hidden
    }
}

/// One network to train: the shared settings at one learning rate and width.
public struct NetworkRecipe: Sendable {
    public var training: TrainingSettings
    public var hyperparameters: Hyperparameters

    public init(training: TrainingSettings = TrainingSettings(), hyperparameters: Hyperparameters = Hyperparameters()) {
        self.training = training
        self.hyperparameters = hyperparameters
    }

    public var learningRate: Double { hyperparameters.learningRate.value }
    public var hidden: Int { hyperparameters.hidden.value }
    public var iterations: Int { training.iterations.value }
    public var activation: Activation { training.activation }
    public var isGate: Bool { training.dataFile == nil }

    public func initialParameters(seed: UInt32) -> Parameters {
        Parameters(seed: seed, skipDraws: training.skipDraws.value, hidden: hidden, initialization: training.initialization)
    }

    public func network(seed: UInt32, data: Dataset) -> Network {
        Network(parameters: initialParameters(seed: seed), data: data, learningRate: learningRate, activation: activation)
    }
}

/// The training flags as the JSON files record them: numbers as numbers, `null` for what does not apply
/// (no `task` with `--data`, no `data` without; an atlas's rate and width, which each cell has), and no
/// `seed` key in a sweep's or an atlas's, whose seeds are beside it.
struct ConfigurationRecord: Codable, Sendable, Equatable {
    let seed: UInt32?
    let skipDraws, iterations: Int
    @Nullable var hidden: Int?
    @Nullable var learningRate: Double?
    let activation, initialization: String
    @Nullable var task: String?
    @Nullable var data: String?

    init(_ training: TrainingSettings, hyperparameters: Hyperparameters?, seed: UInt32? = nil) {
        self.seed = seed
        skipDraws = training.skipDraws.value
        iterations = training.iterations.value
        hidden = hyperparameters?.hidden.value
        learningRate = hyperparameters?.learningRate.value
        activation = training.activation.rawValue
        initialization = training.initialization.rawValue
        if case let .gate(gate) = training.points { task = gate.rawValue } else { task = nil }
        data = training.dataFile
    }

    /// The record as the flags that give it, for report.html's table; what does not apply is left out.
    var rows: [(name: String, value: String)] {
        var rows: [(String, String)] = []
        if let seed { rows.append(("--seed", "\(seed)")) }
        rows += [("--skip-draws", "\(skipDraws)"), ("--iterations", "\(iterations)")]
        if let learningRate { rows.append(("--learning-rate", "\(learningRate)")) }
        if let hidden { rows.append(("--hidden", "\(hidden)")) }
        rows += [("--activation", activation), ("--init", initialization)]
        if let task { rows.append(("--task", task)) }
        if let data { rows.append(("--data", data)) }
        return rows
    }

    enum CodingKeys: String, CodingKey {
        case seed, skipDraws, iterations, learningRate, hidden, activation, task, data
        case initialization = "init"
    }

    /// The training flags this record was made from, for a merge that rebuilds the run from a part file.
    func training() throws(GridRecord.Invalid) -> TrainingSettings {
        let points: TrainingPoints
        switch (task, data) {
        case let (gate?, nil): points = .gate(try GridRecord.required(Gate(rawValue: gate), "task", quoted(gate)))
        case let (nil, path?): points = .file(path)
        default: throw GridRecord.Invalid(reason: "it records both a task and a data file, or neither")
        }
        return TrainingSettings(
            skipDraws: try GridRecord.required(SkipDraws(skipDraws), "skipDraws", "\(skipDraws)"),
            iterations: try GridRecord.required(Iterations(iterations), "iterations", "\(iterations)"),
            activation: try GridRecord.required(Activation(rawValue: activation), "activation", quoted(activation)),
            initialization: try GridRecord.required(Initialization(rawValue: initialization), "init", quoted(initialization)),
            points: points)
    }

    /// The one rate and width of a sweep's record.
    func hyperparameters() throws(GridRecord.Invalid) -> Hyperparameters {
        Hyperparameters(learningRate: try GridRecord.required(learningRate.flatMap(LearningRate.init), "learningRate", learningRate.map { "\($0)" } ?? "null"),
                        hidden: try GridRecord.required(hidden.flatMap(HiddenUnits.init), "hidden", hidden.map { "\($0)" } ?? "null"))
    }
}

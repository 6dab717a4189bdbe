import ArgumentParser
import Backprop
import ReportKit

/// The flags that describe how every network of a command is trained.
struct TrainingFlags: ParsableArguments {
    @Option(name: .customLong("skip-draws"), parsing: .unconditional, help: .text(
        "How many np.random.rand values to discard after seeding (the notebook's own output needs 27), \(SkipDraws.allowed).",
        default: SkipDraws.none, valueName: "n"), transform: SkipDraws.parse)
    var skipDraws = SkipDraws.none

    @Option(parsing: .unconditional, help: .text("Gradient-descent iterations (the notebook's `iterations`), \(Iterations.allowed).",
                                                       default: Iterations.notebook, valueName: "n"), transform: Iterations.parse)
    var iterations = Iterations.notebook

    @Option(parsing: .unconditional, help: .text("The hidden layer's activation, \(Activation.allowed); the output stays sigmoid.",
                                               default: Activation.notebook, valueName: "name"), completion: Activation.completion, transform: Activation.parse)
    var activation = Activation.notebook

    @Option(name: .customLong("init"), parsing: .unconditional, help: .text(
        "Initial weights, \(Initialization.allowed): uniform (np.random.rand, the notebook's) or xavier (np.random.randn).",
        default: Initialization.notebook, valueName: "name"), completion: Initialization.completion, transform: Initialization.parse)
    var initialization = Initialization.notebook

    @Option(parsing: .unconditional, help: .text("The training set: a two-input gate, \(Gate.allowed); not with --data.",
                                                       default: Gate.notebook, valueName: "gate"),
            completion: Gate.completion, transform: Gate.parse)
    var task: Gate?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Train on your own points instead: a CSV file of x0,x1,label rows (optional header; labels 0 or 1); - reads standard input.",
        valueName: "file"))
    var data: String?

    func settings() throws -> TrainingSettings {
        TrainingSettings(skipDraws: skipDraws, iterations: iterations, activation: activation,
                         initialization: initialization, points: try TrainingPoints(task: task, data: data))
    }
}

/// One network's step size and width: `report run` and `report sweep` (an atlas takes lists).
struct NetworkFlags: ParsableArguments {
    @Option(name: .customLong("learning-rate"), parsing: .unconditional, help: .text(
        "The step size (the notebook's `lr`), \(LearningRate.allowed).", default: LearningRate.notebook, valueName: "rate"), transform: single(LearningRate.parse))
    var learningRate = LearningRate.notebook

    @Option(parsing: .unconditional, help: .text("Units in the hidden layer (the notebook's `n_h`), \(HiddenUnits.allowed).",
                                                       default: HiddenUnits.notebook, valueName: "n"),
            transform: single(HiddenUnits.parse))
    var hidden = HiddenUnits.notebook

    func recipe(_ training: TrainingFlags) throws -> NetworkRecipe {
        NetworkRecipe(training: try training.settings(), hyperparameters: Hyperparameters(learningRate: learningRate, hidden: hidden))
    }
}

/// `parse` for a flag of one value that `report atlas` takes as a list: a list gets a refusal that says where lists go.
private func single<Value: FlagValue>(_ parse: @escaping @Sendable (String) throws -> Value) -> @Sendable (String) throws -> Value {
    { text in
        guard !text.contains(",") else { throw FlagValueError(allowed: "one value, \(Value.allowed) (lists are for report atlas)") }
        return try parse(text)
    }
}

import ArgumentParser
import Backprop
import ReportKit

/// The flags that describe how every network of a command is trained.
struct TrainingFlags: ParsableArguments {
    @Option(name: .customLong("skip-draws"), help: ArgumentHelp(
        "How many np.random.rand values to discard after seeding (the notebook's own output needs 27), \(SkipDraws.allowed).",
        valueName: "n"), transform: SkipDraws.parse)
    var skipDraws = SkipDraws.none

    @Option(help: ArgumentHelp("Gradient-descent iterations (the notebook's `iterations`), \(Iterations.allowed).",
                               valueName: "n"), transform: Iterations.parse)
    var iterations = Iterations.notebook

    @Option(help: "The hidden layer's activation (the output stays sigmoid).")
    var activation = Activation.sigmoid

    @Option(name: .customLong("init"), help: "Initial weights: uniform (np.random.rand, the notebook's) or xavier (np.random.randn).")
    var initialization = Initialization.uniform

    @Option(help: "The training set: a two-input gate.")
    var task = Gate.xor

    @Option(help: ArgumentHelp(
        "Train on your own points instead: a CSV file of x0,x1,label rows (optional header; labels 0 or 1); - reads standard input.",
        valueName: "file"))
    var data: String?

    var settings: TrainingSettings {
        TrainingSettings(skipDraws: skipDraws, iterations: iterations, activation: activation,
                         initialization: initialization, task: task, data: data)
    }
}

/// One network's step size and width: `report run` and `report sweep` (an atlas takes lists).
struct NetworkFlags: ParsableArguments {
    @Option(name: .customLong("learning-rate"), help: ArgumentHelp("The step size (the notebook's `lr`), \(LearningRate.allowed).",
                                                                   valueName: "rate"), transform: LearningRate.parse)
    var learningRate = LearningRate.notebook

    @Option(help: ArgumentHelp("Units in the hidden layer (the notebook's `n_h`), \(HiddenUnits.allowed).", valueName: "n"),
            transform: HiddenUnits.parse)
    var hidden = HiddenUnits.notebook

    func recipe(_ training: TrainingFlags) -> NetworkRecipe {
        NetworkRecipe(training: training.settings, hyperparameters: Hyperparameters(learningRate: learningRate, hidden: hidden))
    }
}

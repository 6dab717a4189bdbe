import ArgumentParser
import ReportKit

/// `report atlas`: every seed at every learning rate and hidden width, mapping where the task is learnable.
struct Atlas: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train every seed at every learning rate × hidden width (all cores); write atlas.png and atlas.json.")

    @Option(parsing: .unconditional, help: .text("The seeds of every cell: \(Seeds.allowed).", default: Seeds.atlasDefault, valueName: "seeds"), transform: Seeds.parse)
    var seeds = Seeds.atlasDefault

    @OptionGroup(title: "Training") var training: TrainingFlags

    @Option(name: [.customLong("learning-rates"), .customLong("learning-rate")], parsing: .unconditional, help: .text(
        "The grid's step sizes: \(FlagList<LearningRate>.allowed).", default: AtlasExperiment.defaultLearningRates,
        valueName: "rates"), transform: FlagList<LearningRate>.parse)
    var learningRates = AtlasExperiment.defaultLearningRates

    @Option(parsing: .unconditional, help: .text("The grid's hidden widths: \(FlagList<HiddenUnits>.allowed).",
                                                       default: AtlasExperiment.defaultHidden, valueName: "widths"),
            transform: FlagList<HiddenUnits>.parse)
    var hidden = AtlasExperiment.defaultHidden

    @OptionGroup(title: "Charts") var charts: ChartFlags
    @Flag(help: "Also write atlas.html: the heatmap and a table of every cell (its converged and diverged seeds and share), sortable by any column; one self-contained file, light and dark following the reader.")
    var html = false

    @OptionGroup(title: "Output") var output: OutputFlags
    @OptionGroup(title: "Parts") var parts: ShardFlags

    func run() throws {
        let shard = try parts.shard(drawing: charts, html: html)
        let experiment = try AtlasExperiment(seeds: seeds, training: try training.settings(), learningRates: learningRates,
                                             hidden: hidden, charts: try charts.settings(), html: html,
                                             delivery: try output.settings(), parts: shard?.count ?? 1)
        try experiment.run(shard: shard)
    }
}

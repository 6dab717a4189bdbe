import ArgumentParser
import ReportKit

/// `report sweep`: one network per seed on every core, and how many converge.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train one network per seed (all cores); write sweep.png and sweep.json.")

    @Option(parsing: .unconditional, help: .text("The seeds: \(Seeds.allowed).", default: Seeds.sweepDefault, valueName: "seeds"), transform: Seeds.parse)
    var seeds = Seeds.sweepDefault

    @OptionGroup(title: "Training") var training: TrainingFlags
    @OptionGroup(title: "Network") var network: NetworkFlags
    @OptionGroup(title: "Charts") var charts: ChartFlags
    @Flag(help: "Also write sweep.html: the chart and a table of every seed (its final loss, accuracy and verdict), sortable by any column; one self-contained file, light and dark following the reader.")
    var html = false

    @OptionGroup(title: "Output") var output: OutputFlags
    @OptionGroup(title: "Parts") var parts: ShardFlags

    func run() throws {
        let shard = try parts.shard(drawing: charts, html: html)
        let experiment = SweepExperiment(seeds: seeds, recipe: try network.recipe(training), charts: try charts.settings(),
                                         html: html, delivery: try output.settings())
        try experiment.run(shard: shard)
    }
}

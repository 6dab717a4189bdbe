import Backprop
import Parallel
import Plotting

/// `report atlas`: every seed at every learning rate and hidden width, mapping where the task is learnable.
public struct AtlasExperiment: GridExperiment {
    public static let stem = FileStem.atlas
    /// The grid when no lists are given: rates a factor of about 3 apart, and the widths where XOR
    /// goes from impossible to easy.
    public static let defaultLearningRates = FlagList<LearningRate>([0.01, 0.03, 0.1, 0.3, 1, 3, 10])
    public static let defaultHidden = FlagList<HiddenUnits>([1, 2, 3, 4, 8])
    /// The most iterations a grid may ask for in all (cells × seeds × iterations): about ten
    /// minutes on two cores at width 2.
    public static let iterationBudget = 5_000_000_000

    public let seeds: Seeds
    public let training: TrainingSettings
    public let learningRates: FlagList<LearningRate>
    public let hidden: FlagList<HiddenUnits>
    public let charts: ChartSettings
    /// `--html`: also atlas.html.
    public let html: Bool
    public let delivery: DeliverySettings

    /// Refuses a grid past ``iterationBudget`` on one machine, where its jobs are split into `parts` (`--shard K/N`).
    public init(seeds: Seeds = .atlasDefault, training: TrainingSettings = TrainingSettings(),
                learningRates: FlagList<LearningRate> = defaultLearningRates, hidden: FlagList<HiddenUnits> = defaultHidden,
                charts: ChartSettings, html: Bool = false, delivery: DeliverySettings, parts: Int = 1) throws(UsageError) {
        let cells = learningRates.values.count * hidden.values.count
        let jobs = cells * seeds.values.count
        // The largest part's jobs: every part of a run is refused or accepted alike.
        let share = (jobs + parts - 1) / parts
        let total = share.multipliedReportingOverflow(by: training.iterations.value)
        guard !total.overflow, total.partialValue <= Self.iterationBudget else {
            let jobsPerPart = Self.iterationBudget / training.iterations.value
            let neededParts = (jobs + jobsPerPart - 1) / jobsPerPart
            let split = parts == 1 ? "in all" : "in each of \(parts) parts"
            let shards = Shard.countRange.contains(neededParts) ? ", or --shard K/N with N at least \(neededParts)" : ""
            throw UsageError("the grid asks for \(cells) cells × \(seeds.values.count) seeds × \(training.iterations) "
                + "iterations; report atlas allows at most \(Self.iterationBudget) iterations \(split) on one machine "
                + "(fewer --seeds, --iterations or list values\(shards))")
        }
        self.seeds = seeds
        self.training = training
        self.learningRates = learningRates
        self.hidden = hidden
        self.charts = charts
        self.html = html
        self.delivery = delivery
    }

    /// Every cell's recipe, row by row: every learning rate at the first width, then at the next.
    var recipes: [NetworkRecipe] {
        hidden.values.flatMap { width in
            learningRates.values.map { NetworkRecipe(training: training, hyperparameters: Hyperparameters(learningRate: $0, hidden: width)) }
        }
    }

    public func input() throws -> Dataset { try training.dataset(widest: hidden.values.max()!) }

    /// A part file's run, with a merge's charts and output.
    public init(record: GridRecord, charts: ChartSettings, html: Bool, delivery: DeliverySettings, parts: Int) throws {
        try self.init(seeds: try record.parsedSeeds(), training: try record.configuration.training(),
                      learningRates: try GridRecord.list(record.learningRates, "learningRates", LearningRate.init),
                      hidden: try GridRecord.list(record.hidden, "hidden", HiddenUnits.init),
                      charts: charts, html: html, delivery: delivery, parts: parts)
    }

    public var jobCount: Int { recipes.count * seeds.values.count }

    public var record: GridRecord {
        GridRecord(Self.stem, configuration: configuration, seeds: seeds, learningRates: learningRates.values.map(\.value),
                   hidden: hidden.values.map(\.value))
    }

    var configuration: ConfigurationRecord { ConfigurationRecord(training, hyperparameters: nil) }

    /// Trains the jobs' seeds, all cells' spread together over the machine's cores; job j is seed j % seeds
    /// of cell j / seeds.
    public func train(_ jobs: JobSelection, on data: Dataset, terminal: Terminal) -> [SeedOutcome] {
        let seeds = seeds.values
        return SeedOutcome.train(jobs, recipes: recipes, data: data, label: "atlas", terminal: terminal) { job in
            (seeds[job % seeds.count], job / seeds.count)
        }
    }

    public func result(from outcomes: [SeedOutcome]) -> AtlasResult {
        let recipes = recipes, seeds = seeds.values.count
        let cells = recipes.indices.map { k in
            AtlasResult.Cell(hyperparameters: recipes[k].hyperparameters, seeds: Array(outcomes[k * seeds..<(k + 1) * seeds]))
        }
        return AtlasResult(configuration: configuration, learningRates: learningRates.values.map(\.value),
                           hidden: hidden.values.map(\.value), cells: cells)
    }

    public func files(for result: AtlasResult) throws -> [OutputFile] {
        let title = charts.titleText
        return try chartFiles(description: Descriptions.atlas(result), chart: { RunCharts.atlas(result, title: title) },
                              json: { try jsonFile(result) }) { page(result, picture: $0) }
    }

    /// atlas.html: the heatmap and every cell, sortable.
    func page(_ result: AtlasResult, picture: HTMLPage.Picture) -> OutputFile {
        let rows = result.cells.map { cell -> [(text: String, key: Double?)] in
            [(NumpyFormat.printf("%g", cell.learningRate), cell.learningRate), ("\(cell.hidden)", Double(cell.hidden)),
             ("\(cell.tally.converged)", Double(cell.tally.converged)), ("\(cell.tally.diverged)", Double(cell.tally.diverged)),
             (cell.tally.percent, cell.tally.convergenceRate)]
        }
        let settings = result.configuration.rows
            + [("--learning-rates", "\(learningRates)"), ("--hidden", "\(hidden)"), ("--seeds", "\(seeds)")]
        return TablePage(title: charts.pageTitle(or: "XORBackprop atlas"), headline: picture.description, picture: picture,
                         configuration: settings, caption: "Every cell (\(result.cells.first?.seeds.count ?? 0) seeds each)",
                         columns: ["learning rate", "hidden units", "converged", "diverged", "share converged"],
                         rows: rows).file(.atlas)
    }

    public func answer(for result: AtlasResult) -> [String] { result.table() }
}

/// The outcome of an atlas: one sweep per learning rate and hidden width.
public struct AtlasResult: Encodable, Sendable {
    /// One cell of the grid: `report sweep` at its rate and width, seed by seed.
    public struct Cell: Encodable, Sendable {
        public let learningRate: Double
        public let hidden: Int
        public let seeds: [SeedOutcome]
        public let tally: Tally

        init(hyperparameters: Hyperparameters, seeds: [SeedOutcome]) {
            learningRate = hyperparameters.learningRate.value
            hidden = hyperparameters.hidden.value
            self.seeds = seeds
            tally = Tally(seeds)
        }

        enum CodingKeys: String, CodingKey { case learningRate, hidden, seeds }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(learningRate, forKey: .learningRate)
            try container.encode(hidden, forKey: .hidden)
            try container.encode(seeds, forKey: .seeds)
            try tally.encodeVerdicts(to: encoder)
        }
    }

    let configuration: ConfigurationRecord
    public let learningRates: [Double]
    public let hidden: [Int]
    /// Row by row: every learning rate at the first width, then at the next.
    public let cells: [Cell]

    /// The share of seeds that converge per cell, as a table for the terminal.
    func table() -> [String] {
        let header = "hidden \\ lr" + learningRates.map { " " + pad(NumpyFormat.printf("%g", $0)) }.joined()
        let rows = hidden.indices.map { row in
            pad("\(hidden[row])", to: 11) + learningRates.indices.map { column in
                " " + pad(cells[row * learningRates.count + column].tally.percent)
            }.joined()
        }
        return [header] + rows
    }

    private func pad(_ text: String, to width: Int = 7) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

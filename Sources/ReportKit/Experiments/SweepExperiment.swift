import Backprop
import Parallel
import Plotting

/// `report sweep`: one network per seed on every core, and how many converge.
public struct SweepExperiment: GridExperiment {
    public static let stem = FileStem.sweep
    public let seeds: Seeds
    public let recipe: NetworkRecipe
    public let charts: ChartSettings
    /// `--html`: also sweep.html.
    public let html: Bool
    public let delivery: DeliverySettings

    public init(seeds: Seeds = .sweepDefault, recipe: NetworkRecipe = NetworkRecipe(), charts: ChartSettings,
                html: Bool = false, delivery: DeliverySettings) {
        self.seeds = seeds
        self.recipe = recipe
        self.charts = charts
        self.html = html
        self.delivery = delivery
    }

    public func input() throws -> Dataset { try recipe.training.dataset(widest: recipe.hyperparameters.hidden) }

    /// A part file's run, with a merge's charts and output; a sweep has no budget for `parts` to share.
    public init(record: GridRecord, charts: ChartSettings, html: Bool, delivery: DeliverySettings, parts: Int) throws {
        let recipe = NetworkRecipe(training: try record.configuration.training(),
                                   hyperparameters: try record.configuration.hyperparameters())
        self.init(seeds: try record.parsedSeeds(), recipe: recipe, charts: charts, html: html, delivery: delivery)
    }

    public var jobCount: Int { seeds.values.count }

    public var record: GridRecord { GridRecord(Self.stem, configuration: configuration, seeds: seeds) }

    var configuration: ConfigurationRecord { ConfigurationRecord(recipe.training, hyperparameters: recipe.hyperparameters) }

    /// Job j is the j-th seed.
    public func train(_ jobs: JobSelection, on data: Dataset, terminal: Terminal) -> [SeedOutcome] {
        let seeds = seeds.values
        return SeedOutcome.train(jobs, recipes: [recipe], data: data, label: "sweep", terminal: terminal) { job in (seeds[job], 0) }
    }

    public func result(from outcomes: [SeedOutcome]) -> SweepResult {
        SweepResult(configuration: configuration, seeds: outcomes)
    }

    public func files(for result: SweepResult) throws -> [OutputFile] {
        let title = charts.titleText
        return try chartFiles(description: Descriptions.sweep(result), chart: { RunCharts.sweep(result, title: title) },
                              json: { try result.json() }) { page(result, picture: $0) }
    }

    /// sweep.html: the chart and every seed, sortable.
    func page(_ result: SweepResult, picture: HTMLPage.Picture) -> OutputFile {
        let rows = result.seeds.map { seed -> [(text: String, key: Double?)] in
            [("\(seed.seed)", Double(seed.seed)),
             (NumpyFormat.scalar(seed.finalLoss), seed.finalLoss.isFinite ? seed.finalLoss : nil),
             (NumpyFormat.printf("%g", seed.accuracy), seed.accuracy),
             (seed.converged ? "yes" : "no", seed.converged ? 1 : 0), (seed.diverged ? "yes" : "no", seed.diverged ? 1 : 0),
             (seed.predictions.map { $0.map(String.init).joined(separator: " ") } ?? "", nil)]
        }
        return TablePage(title: charts.pageTitle(or: "XORBackprop sweep"), headline: answer(for: result)[0], picture: picture,
                         configuration: result.configuration.rows + [("--seeds", "\(seeds)")], caption: "Every seed",
                         columns: ["seed", "final loss", "accuracy", "converged", "diverged", "predictions"],
                         rows: rows).file(.sweep)
    }

    public func answer(for result: SweepResult) -> [String] {
        [result.headline + (result.tally.diverged > 0 ? "; \(result.tally.diverged) diverged" : "")]
    }
}

/// One seed's run, equal bit for bit to `report --seed S` with the same flags.
public struct SeedOutcome: Codable, Sendable, Equatable {
    public let seed: UInt32
    /// `null` in JSON when it is not a number, with ``finalLossNotFinite`` saying what it is.
    public let finalLoss: Double
    /// Per training point, for a gate's four points; a data file's rows would make the file huge.
    public let predictions: [Int]?
    public let accuracy: Double
    /// All training points predicted right.
    public let converged: Bool
    /// The loss or a weight is not a finite number at the end.
    public let diverged: Bool

    init(seed: UInt32, finalLoss: Double, predictions: [Int]?, accuracy: Double, converged: Bool, diverged: Bool) {
        (self.seed, self.finalLoss, self.predictions) = (seed, finalLoss, predictions)
        (self.accuracy, self.converged, self.diverged) = (accuracy, converged, diverged)
    }

    /// Trains the seeds of `jobs`, `job` naming each one's seed and index in `recipes`, spread over the cores a
    /// vector of one recipe's seeds at a time (``SeedBatch``), the loss computed only at the end: each bit for bit as
    /// `report --seed S` trains it.
    static func train(
        _ jobs: JobSelection, recipes: [NetworkRecipe], data: Dataset, label: String, terminal: Terminal,
        job: (Int) -> (seed: UInt32, recipe: Int)
    ) -> [SeedOutcome] {
        // Runs of consecutive jobs of one recipe, at most a vector long.
        var runs: [(recipe: Int, seeds: [UInt32])] = []
        for index in jobs {
            let (seed, recipe) = job(index)
            if let last = runs.last, last.recipe == recipe, last.seeds.count < SeedBatch.lanes {
                runs[runs.count - 1].seeds.append(seed)
            } else {
                runs.append((recipe, [seed]))
            }
        }
        let batches = runs
        let progress = ProgressBar(total: jobs.count, label: label, terminal: terminal)
        let results = ParallelMap.map(batches.indices) { index in
            let (recipe, seeds) = (recipes[batches[index].recipe], batches[index].seeds)
            defer { progress.advance(by: seeds.count) }
            let trained = SeedBatch.trainReturningLastLoss(
                from: seeds.map(recipe.initialParameters(seed:)), data: data, learningRate: recipe.learningRate,
                activation: recipe.activation, iterations: recipe.iterations)
            return zip(seeds, trained).map { seed, run in
                SeedOutcome(seed: seed, loss: run.loss, final: run.parameters, recipe: recipe, data: data)
            }
        }
        progress.finish()
        return results.flatMap { $0 }
    }

    private init(seed: UInt32, loss: Double, final: Parameters, recipe: NetworkRecipe, data: Dataset) {
        let diverged = !loss.isFinite || !final.isFinite
        let accuracy = final.accuracy(on: data, activation: recipe.activation)
        self.init(seed: seed, finalLoss: loss,
                  predictions: recipe.isGate ? final.predictions(on: data, activation: recipe.activation) : nil,
                  accuracy: accuracy, converged: !diverged && accuracy == 1, diverged: diverged)
    }

    /// What a loss that is not a number is, in the words JSON readers expect: `nan`, `inf` or `-inf`
    /// (Swift's own description of a negative NaN is `-nan`).
    static func notFinite(_ loss: Double) -> String? {
        if loss.isFinite { return nil }
        return loss.isNaN ? "nan" : loss > 0 ? "inf" : "-inf"
    }

    /// The loss ``notFinite(_:)`` names; a NaN's sign is lost, which nothing drawn or counted tells apart.
    static let notFiniteLosses = ["nan": Double.nan, "inf": .infinity, "-inf": -.infinity]

    /// Reads what ``encode(to:)`` wrote (a part file's results), each number back to its bits.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seed = try container.decode(UInt32.self, forKey: .seed)
        if let loss = try container.decodeIfPresent(Double.self, forKey: .finalLoss) {
            finalLoss = loss
        } else {
            let name = try container.decode(String.self, forKey: .finalLossNotFinite)
            guard let loss = Self.notFiniteLosses[name] else {
                throw DecodingError.dataCorruptedError(forKey: .finalLossNotFinite, in: container,
                                                       debugDescription: "not nan, inf or -inf")
            }
            finalLoss = loss
        }
        predictions = try container.decodeIfPresent([Int].self, forKey: .predictions)
        accuracy = try container.decode(Double.self, forKey: .accuracy)
        converged = try container.decode(Bool.self, forKey: .converged)
        diverged = try container.decode(Bool.self, forKey: .diverged)
    }

    /// Bit for bit, so that a NaN equals a NaN: a merged outcome is the trained one.
    public static func == (a: SeedOutcome, b: SeedOutcome) -> Bool {
        (a.seed, a.finalLoss.bitPattern, a.predictions, a.accuracy.bitPattern, a.converged, a.diverged)
            == (b.seed, b.finalLoss.bitPattern, b.predictions, b.accuracy.bitPattern, b.converged, b.diverged)
    }

    enum CodingKeys: String, CodingKey {
        case seed, finalLoss, finalLossNotFinite, predictions, accuracy, converged, diverged
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seed, forKey: .seed)
        try container.encode(Nullable(wrappedValue: finalLoss.isFinite ? finalLoss : nil), forKey: .finalLoss)
        try container.encode(Nullable(wrappedValue: Self.notFinite(finalLoss)), forKey: .finalLossNotFinite)
        try container.encode(Nullable(wrappedValue: predictions), forKey: .predictions)
        try container.encode(accuracy, forKey: .accuracy)
        try container.encode(converged, forKey: .converged)
        try container.encode(diverged, forKey: .diverged)
    }
}

/// How many of some seeds converged and diverged: a sweep's totals and each atlas cell's.
public struct Tally: Encodable, Sendable {
    public let seeds, converged, diverged: Int
    public var convergenceRate: Double { Double(converged) / Double(seeds) }

    public init(_ outcomes: some Collection<SeedOutcome>) {
        seeds = outcomes.count
        converged = outcomes.filter(\.converged).count
        diverged = outcomes.filter(\.diverged).count
    }

    /// The share that converged, with one decimal, like 75.6%.
    public var percent: String { NumpyFormat.printf("%.1f", 100 * convergenceRate) + "%" }

    enum SeedsKey: String, CodingKey { case seeds }
    enum VerdictKeys: String, CodingKey { case converged, diverged, convergenceRate }

    /// The totals of a sweep.json: how many seeds, and the verdicts.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: SeedsKey.self)
        try container.encode(seeds, forKey: .seeds)
        try encodeVerdicts(to: encoder)
    }

    /// The verdicts' keys, beside those of the object `encoder` writes (an atlas cell, which lists its seeds).
    func encodeVerdicts(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: VerdictKeys.self)
        try container.encode(converged, forKey: .converged)
        try container.encode(diverged, forKey: .diverged)
        try container.encode(convergenceRate, forKey: .convergenceRate)
    }
}

/// The outcome of a sweep: one final loss and set of predictions per seed.
public struct SweepResult: Sendable {
    let configuration: ConfigurationRecord
    public let seeds: [SeedOutcome]
    public let tally: Tally

    init(configuration: ConfigurationRecord, seeds: [SeedOutcome]) {
        self.configuration = configuration
        self.seeds = seeds
        tally = Tally(seeds)
    }

    /// How many seeds converge, as stdout and the chart's title say it.
    public var headline: String { "\(tally.converged) of \(tally.seeds) seeds converge (\(tally.percent))" }

    /// `sweep.json`: every seed's result and the totals.
    func json() throws -> [UInt8] {
        struct Document: Encodable {
            let configuration: ConfigurationRecord
            let seeds: [SeedOutcome]
            let totals: Tally
        }
        return try jsonFile(Document(configuration: configuration, seeds: seeds, totals: tally))
    }
}

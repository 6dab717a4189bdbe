import ArgumentParser
import Backprop
import Plotting

/// Trains every seed at every learning rate and hidden width, and maps where the task is learnable.
struct Atlas: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train every seed at every learning rate × hidden width (all cores); write atlas.png and atlas.json."
    )

    /// The grid when no lists are given: rates a factor of about 3 apart, and the widths where XOR
    /// goes from impossible to easy.
    static let defaultLearningRates = [0.01, 0.03, 0.1, 0.3, 1, 3, 10]
    static let defaultHidden = [1, 2, 3, 4, 8]
    /// The most iterations a grid may ask for in all (cells × seeds × iterations): about ten
    /// minutes on two cores at width 2.
    static let iterationBudget = 5_000_000_000

    @Option(parsing: .unconditional, help: "The seeds of every cell: a range like '0..<100' (quoted: < is a redirect in a shell) or 0...99, or a list like 4,6,42.")
    var seeds = "0..<100"

    @OptionGroup(title: "Training")
    var training: TrainingOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    @OptionGroup(title: "Checking")
    var checking: CheckOptions

    func validate() throws {
        try checking.validate(with: output)
        _ = try grid()
    }

    /// The learning rates, widths and seeds, checked against the budget.
    func grid() throws -> (learningRates: [Double], hidden: [Int], seeds: [UInt32]) {
        let rates = try training.learningRates() ?? Self.defaultLearningRates
        let widths = try training.hiddenWidths() ?? Self.defaultHidden
        let seedList = try SeedList.parse(seeds)
        let cells = rates.count * widths.count
        let total = cells.multipliedReportingOverflow(by: seedList.count * training.iterations)
        guard !total.overflow, total.partialValue <= Self.iterationBudget else {
            throw ValidationError("the grid asks for \(cells) cells × \(seedList.count) seeds × \(training.iterations) "
                + "iterations; report atlas allows at most \(Self.iterationBudget) iterations in all "
                + "(fewer --seeds, --iterations or list values)")
        }
        return (rates, widths, seedList)
    }

    func run() throws {
        let (rates, widths, seedList) = try grid()
        let data = try training.dataset(hidden: widths.max()!)
        let delivery = try Delivery(output: output, check: checking).prepared()
        let result = AtlasResult.train(learningRates: rates, hidden: widths, seeds: seedList, options: training, data: data)
        try delivery.deliver(try OutputFiles(output: output).atlasFiles(for: result))
        if !checking.check {
            try StandardOutput.write(result.table())
        }
    }
}

/// The outcome of an atlas: one sweep per learning rate and hidden width.
struct AtlasResult: Encodable {
    /// One cell of the grid: `report sweep` at its rate and width, seed by seed.
    struct Cell: Encodable {
        let learningRate: Double
        let hidden: Int
        let seeds: [SweepResult.Seed]

        var converged: Int { seeds.filter(\.converged).count }
        var diverged: Int { seeds.filter(\.diverged).count }

        enum CodingKeys: String, CodingKey { case learningRate, hidden, seeds, converged, diverged, convergenceRate }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(learningRate, forKey: .learningRate)
            try container.encode(hidden, forKey: .hidden)
            try container.encode(seeds, forKey: .seeds)
            try container.encode(converged, forKey: .converged)
            try container.encode(diverged, forKey: .diverged)
            try container.encode(Double(converged) / Double(seeds.count), forKey: .convergenceRate)
        }
    }

    let configuration: RunConfiguration
    let learningRates: [Double]
    let hidden: [Int]
    /// Row by row: every learning rate at the first width, then at the next.
    let cells: [Cell]

    /// Trains every seed of every cell, all cells' seeds spread together over the machine's cores.
    static func train(learningRates: [Double], hidden: [Int], seeds: [UInt32], options: TrainingOptions,
                      data: Dataset) -> AtlasResult {
        let cellOptions = hidden.flatMap { width in learningRates.map { options.with(learningRate: $0, hidden: width) } }
        let progress = ProgressBar(total: cellOptions.count * seeds.count, label: "atlas")
        let results = ParallelMap.map(0..<cellOptions.count * seeds.count) { job in
            defer { progress.advance() }
            return SweepResult.trainOne(seed: seeds[job % seeds.count], options: cellOptions[job / seeds.count], data: data)
        }
        progress.finish()
        let cells = cellOptions.indices.map { k in
            Cell(learningRate: cellOptions[k].learningRate, hidden: cellOptions[k].hidden,
                 seeds: Array(results[k * seeds.count..<(k + 1) * seeds.count]))
        }
        return AtlasResult(configuration: options.configuration(grid: true), learningRates: learningRates, hidden: hidden,
                           cells: cells)
    }

    /// The share of seeds that converge per cell, as a table for the terminal.
    func table() -> String {
        let header = "hidden \\ lr" + learningRates.map { " " + pad(NumberFormat.printf("%g", $0)) }.joined()
        let rows = hidden.indices.map { row in
            pad("\(hidden[row])", to: 11) + learningRates.indices.map { column in
                let cell = cells[row * learningRates.count + column]
                return " " + pad(SweepResult.percent(cell.converged, of: cell.seeds.count))
            }.joined()
        }
        return ([header] + rows).joined(separator: "\n") + "\n"
    }

    private func pad(_ text: String, to width: Int = 7) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

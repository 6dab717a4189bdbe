import ArgumentParser
import Backprop
import Plotting

/// Trains one network per seed on every core and reports how many converge.
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train one network per seed (all cores); write sweep.png and sweep.json.")

    @Option(parsing: .unconditional, help: "The seeds: a range like '0..<1000' (quoted: < is a redirect in a shell) or 0...999, or a list like 4,6,42.")
    var seeds = "0..<1000"

    @OptionGroup(title: "Training")
    var training: TrainingOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    @OptionGroup(title: "Checking")
    var checking: CheckOptions

    func validate() throws {
        try checking.validate(with: output)
        try training.requireSingleValues()
        _ = try SeedList.parse(seeds)
    }

    func run() throws {
        let seedList = try SeedList.parse(seeds)
        let data = try training.dataset()
        let delivery = try Delivery(output: output, check: checking).prepared()
        let results = SweepResult.train(seeds: seedList, options: training, data: data)
        try delivery.deliver(try OutputFiles(output: output).sweepFiles(for: results))
        if !checking.check {
            let diverged = results.diverged > 0 ? "; \(results.diverged) diverged" : ""
            try StandardOutput.write(results.headline + diverged + "\n")
        }
    }
}

/// The seeds of a sweep: a half-open range `A..<B`, a closed range `A...B`, or a list `A,B,C`.
enum SeedList {
    static let maximumCount = 1_000_000
    static let allowed = "a range like 0..<1000 or 0...999, or a list like 4,6,42, of seeds in 0...4294967295"
        + " (at most \(maximumCount))"

    /// Parses `text`, throwing a usage error (``usageError(flag:value:allowed:)``) that says what is wrong with it.
    static func parse(_ text: String) throws -> [UInt32] {
        func refusal(_ allowed: String = allowed) -> ValidationError {
            usageError(flag: "--seeds", value: text, allowed: allowed)
        }
        func number(_ part: Substring) throws -> UInt32 {
            guard let value = UInt32(part.trimmingSpaces) else { throw refusal() }
            return value
        }
        for (separator, closed) in [("..<", false), ("...", true)] {
            guard let range = text.firstRange(of: separator) else { continue }
            let (low, high) = (try number(text[..<range.lowerBound]), try number(text[range.upperBound...]))
            let count = Int(high) - Int(low) + (closed ? 1 : 0)
            guard count > 0 else {
                throw refusal("a non-empty range, low\(separator)high with low \(closed ? "<=" : "<") high")
            }
            guard count <= maximumCount else { throw refusal() }
            return Array(low...(low + UInt32(count - 1)))
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= maximumCount else { throw refusal() }
        return try parts.map(number)
    }
}

/// The outcome of a sweep: one final loss and set of predictions per seed.
struct SweepResult: Encodable {
    /// One seed's run, equal bit for bit to `report --seed S` with the same flags.
    struct Seed: Encodable {
        let seed: UInt32
        /// `null` in JSON when it is not a number, with ``finalLossNotFinite`` saying what it is.
        let finalLoss: Double
        /// Per training point, for a gate's four points; a data file's rows would make the file huge.
        let predictions: [Int]?
        let accuracy: Double
        /// All training points predicted right.
        let converged: Bool
        /// The loss or a weight is not a finite number at the end.
        let diverged: Bool

        enum CodingKeys: String, CodingKey {
            case seed, finalLoss, finalLossNotFinite, predictions, accuracy, converged, diverged
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(seed, forKey: .seed)
            try container.encode(finalLoss.isFinite ? finalLoss : nil, forKey: .finalLoss)
            try container.encode(Self.notFiniteWord(finalLoss), forKey: .finalLossNotFinite)
            try container.encode(predictions, forKey: .predictions)
            try container.encode(accuracy, forKey: .accuracy)
            try container.encode(converged, forKey: .converged)
            try container.encode(diverged, forKey: .diverged)
        }

        /// The contract's word for a loss that is not finite, or nil: Swift describes a NaN with its sign bit
        /// set as "-nan", but the sign of a NaN means nothing, and readers match `nan`, `inf` and `-inf` only.
        static func notFiniteWord(_ loss: Double) -> String? {
            loss.isFinite ? nil : loss.isNaN ? "nan" : loss > 0 ? "inf" : "-inf"
        }
    }

    let configuration: RunConfiguration
    let seeds: [Seed]
    var converged: Int { seeds.filter(\.converged).count }
    var diverged: Int { seeds.filter(\.diverged).count }

    /// How many seeds converge, as stdout and the chart's title say it.
    var headline: String { "\(converged) of \(seeds.count) seeds converge (\(Self.percent(converged, of: seeds.count)))" }

    /// `count` of `total` as a percentage with one decimal, like 75.6%.
    static func percent(_ count: Int, of total: Int) -> String {
        NumberFormat.printf("%.1f", 100 * Double(count) / Double(max(total, 1))) + "%"
    }

    /// `sweep.json`: every seed's result and the totals.
    func json() throws -> [UInt8] {
        struct Document: Encodable {
            let configuration: RunConfiguration
            let seeds: [SweepResult.Seed]
            let totals: Totals
        }
        struct Totals: Encodable {
            let seeds, converged, diverged: Int
            let convergenceRate: Double
        }
        return try jsonFile(Document(
            configuration: configuration, seeds: seeds,
            totals: Totals(seeds: seeds.count, converged: converged, diverged: diverged,
                           convergenceRate: Double(converged) / Double(seeds.count))))
    }

    /// Trains every seed, spreading them over the machine's cores.
    static func train(seeds: [UInt32], options: TrainingOptions, data: Dataset) -> SweepResult {
        let progress = ProgressBar(total: seeds.count, label: "sweep")
        let results = ParallelMap.map(seeds.indices) { index in
            defer { progress.advance() }
            return trainOne(seed: seeds[index], options: options, data: data)
        }
        progress.finish()
        return SweepResult(configuration: options.configuration(), seeds: results)
    }

    /// Trains one seed, computing the loss only at the end: nothing in the updates depends on it.
    static func trainOne(seed: UInt32, options: TrainingOptions, data: Dataset) -> Seed {
        let network = Network(parameters: options.initialParameters(seed: seed), data: data,
                              learningRate: options.learningRate, activation: options.activation)
        let loss = network.trainReturningLastLoss(iterations: options.iterations)
        let final = network.parameters
        let diverged = !loss.isFinite || !final.isFinite
        let accuracy = final.accuracy(on: data, activation: options.activation)
        return Seed(
            seed: seed, finalLoss: loss, predictions: options.data == nil ? final.predictions(on: data, activation: options.activation) : nil,
            accuracy: accuracy, converged: !diverged && accuracy == 1, diverged: diverged)
    }
}

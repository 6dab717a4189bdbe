import Backprop
import Parallel
import Plotting

/// A command that trains one network per job, a job being one seed in one cell (a learning rate and width):
/// `report sweep` (one cell) and `report atlas`. Each job's numbers are bit for bit the same whichever
/// other jobs run beside it, so the jobs can be split over machines (``ShardExperiment``, `--shard K/N`) and
/// the parts merged (``MergeExperiment``, `report merge`) into the very files one machine writes.
public protocol GridExperiment: Experiment where Input == Dataset {
    /// The stem of the command's files, and of its part files (`sweep.part-3-of-8.json`).
    static var stem: FileStem { get }
    var seeds: Seeds { get }
    /// `--html`: a page of the chart and every seed or cell.
    var html: Bool { get }
    /// Cells × seeds: job j is seed j % seeds of cell j / seeds.
    var jobCount: Int { get }
    /// Trains `jobs`, each its own network, on every core; the outcomes in the order of `jobs`.
    func train(_ jobs: JobSelection, on data: Dataset, terminal: Terminal) -> [SeedOutcome]
    /// The command's result from every job's outcome, in job order.
    func result(from outcomes: [SeedOutcome]) -> Outcome
    /// What a part file records of the run: everything but the charts, which the merge draws.
    var record: GridRecord { get }
    /// The run a part file recorded, drawn with `charts` into `delivery`, its jobs split into `parts`.
    init(record: GridRecord, charts: ChartSettings, html: Bool, delivery: DeliverySettings, parts: Int) throws
}

extension GridExperiment {
    public static var stems: [FileStem] { [stem] }

    /// The command's files: its chart in each `--theme`, its JSON, and with `--html` its page (`page` makes it
    /// around the chart's picture). The JSON is encoded while the charts are drawn: after the training, a process
    /// waits on both. A chart's error, if both fail, is the one told, as when they were made one after the other.
    func chartFiles(description: String, chart: @escaping @Sendable () -> Figure, json: @Sendable () throws -> [UInt8],
                    page: (HTMLPage.Picture) -> OutputFile) throws -> [OutputFile] {
        let (data, (images, pages)) = try ParallelMap.concurrently({ OutputFile(Self.stem, kind: .json, bytes: try json()) }) {
            (try image(Self.stem, description: description, chart),
             html ? [page(try HTMLPage.Picture(charts.pageSettings, description: description, chart))] : [])
        }
        return images + [data] + pages
    }

    /// Trains every job here, or with `shard` only that part's and writes its part file.
    public func run(shard: Shard?) throws {
        if let shard { try ShardExperiment(self, shard: shard).run() } else { try run() }
    }

    /// Trains every job on this machine.
    public func compute(on data: Dataset, terminal: Terminal) throws -> Outcome {
        result(from: train(JobSelection(first: 0, step: 1, count: jobCount), on: data, terminal: terminal))
    }
}

/// Some of a grid's job numbers, every `step`-th from `first`: all of them, or one part's (``Shard/jobs(of:)``).
public struct JobSelection: RandomAccessCollection, Sendable, Equatable {
    public let first, step, count: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(position: Int) -> Int { first + position * step }
}

/// A run as its part files record it, with the keys sweep.json and atlas.json use: the command, its training
/// flags, its seeds (as ``Seeds/canonicalDescription``) and an atlas's grid. Parts of one run record the same.
public struct GridRecord: Codable, Sendable, Equatable {
    /// `sweep` or `atlas`.
    let command: String
    let configuration: ConfigurationRecord
    let seeds: String
    /// An atlas's grid; `null` for a sweep, whose one rate and width are in ``configuration``.
    @Nullable var learningRates: [Double]?
    @Nullable var hidden: [Int]?

    init(_ stem: FileStem, configuration: ConfigurationRecord, seeds: Seeds, learningRates: [Double]? = nil,
         hidden: [Int]? = nil) {
        command = stem.rawValue
        self.configuration = configuration
        self.seeds = seeds.canonicalDescription
        self.learningRates = learningRates
        self.hidden = hidden
    }

    /// A value a part file holds that no run of this report records.
    struct Invalid: Error {
        let reason: String
    }

    /// `value`, or ``Invalid`` naming `key` when the file's value (`shown`) was not one a run records.
    static func required<Value>(_ value: Value?, _ key: String, _ shown: String) throws(Invalid) -> Value {
        guard let value else { throw Invalid(reason: "its \(key) \(shown) is not one report records") }
        return value
    }

    /// An atlas's list of rates or widths, as `--learning-rates` and `--hidden` would have made it.
    static func list<Value: FlagValue & Hashable, Number>(_ numbers: [Number]?, _ key: String,
                                                          _ make: (Number) -> Value?) throws(Invalid) -> FlagList<Value> {
        let values = (numbers ?? []).compactMap(make)
        guard values.count == numbers?.count, (1...FlagList<Value>.limit).contains(values.count), Set(values).count == values.count
        else { throw Invalid(reason: "its \(key) are not a list report records") }
        return FlagList(values)
    }

    func parsedSeeds() throws(Invalid) -> Seeds {
        guard let seeds = try? Seeds(parsing: seeds) else { throw Invalid(reason: "seeds \(quoted(seeds, limit: 40)) are not seeds report records") }
        return seeds
    }

    /// Each setting the parts of one run share, by the flag that sets it, as text: the first that two parts
    /// differ in is what a refusal names.
    var settings: [(flag: String, value: String)] {
        func shown(_ value: Double?) -> String { value.map(LearningRateBounds.shown) ?? "null" }
        return [
            ("command", command), ("--seeds", seeds),
            ("--skip-draws", "\(configuration.skipDraws)"), ("--iterations", "\(configuration.iterations)"),
            ("--learning-rate", learningRates.map { $0.map(LearningRateBounds.shown).joined(separator: ",") }
                ?? shown(configuration.learningRate)),
            ("--hidden", hidden.map { $0.map(String.init).joined(separator: ",") } ?? configuration.hidden.map(String.init) ?? "null"),
            ("--activation", configuration.activation), ("--init", configuration.initialization),
            ("--task", configuration.task ?? "null"), ("--data", configuration.data.map { quoted($0) } ?? "null"),
        ]
    }
}

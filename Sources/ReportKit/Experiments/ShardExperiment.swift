import Backprop

/// `report sweep --shard K/N` and `report atlas --shard K/N`: one of N parts of the run's jobs, for one of N
/// machines. It writes only its part file, which `report merge` joins with the others into the files one
/// machine writes; a part alone draws nothing, so that no fraction of a sweep is shown as the whole.
public struct ShardExperiment<Grid: GridExperiment>: Experiment {
    /// A part removes no file: the other parts of its run may share its folder.
    public static var stems: [FileStem] { [] }
    public static var draws: Bool { false }
    public let grid: Grid
    public let shard: Shard

    public init(_ grid: Grid, shard: Shard) {
        self.grid = grid
        self.shard = shard
    }

    public var charts: ChartSettings { grid.charts }
    public var delivery: DeliverySettings { grid.delivery }
    var jobs: JobSelection { shard.jobs(of: grid.jobCount) }

    public func input() throws -> Dataset { try grid.input() }

    public func compute(on data: Dataset, terminal: Terminal) throws -> PartFile {
        PartFile(run: grid.record, data: data, shard: shard, jobs: jobs, outcomes: grid.train(jobs, on: data, terminal: terminal))
    }

    public func files(for part: PartFile) throws -> [OutputFile] {
        [OutputFile(part: Grid.stem, of: shard, bytes: try jsonFile(part))]
    }

    /// What it trained, and how the parts become the command's files.
    public func answer(for part: PartFile) -> [String] {
        let command = Grid.stem.rawValue, trained = part.results.count, seeds = grid.seeds.values.count
        let what = Grid.stem == .sweep
            ? "\(trained) of the sweep's \(seeds) seeds"
            : "\(trained) of the atlas's \(grid.jobCount) networks (\(grid.jobCount / seeds) cells × \(seeds) seeds)"
        return ["part \(shard.index) of \(shard.count): trained \(what); no chart drawn",
                "once all \(shard.count) parts are done: report merge FOLDER... --output FOLDER writes \(command).json and the chart"]
    }
}

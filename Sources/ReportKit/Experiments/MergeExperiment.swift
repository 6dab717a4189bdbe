import Backprop
import FoundationEssentials
import Glibc

/// `report merge`: the parts of a sweep or an atlas, joined in job order whatever order they come in, and
/// drawn as that command draws one machine's run: the same files, byte for byte, with the same `--check`.
public struct MergeExperiment<Grid: GridExperiment>: Experiment {
    public static var stems: [FileStem] { Grid.stems }
    /// The run the parts record, with the merge's chart and output flags.
    public let grid: Grid
    /// Every job's outcome, in job order.
    let outcomes: [SeedOutcome]

    public var charts: ChartSettings { grid.charts }
    public var delivery: DeliverySettings { grid.delivery }

    public func input() -> [SeedOutcome] { outcomes }
    public func compute(on outcomes: [SeedOutcome], terminal: Terminal) -> Grid.Outcome { grid.result(from: outcomes) }
    public func files(for result: Grid.Outcome) throws -> [OutputFile] { try grid.files(for: result) }
    public func answer(for result: Grid.Outcome) -> [String] { grid.answer(for: result) }
    public func warnings(for result: Grid.Outcome) -> [String] { grid.warnings(for: result) }
}

/// Reading the parts a merge is given: each folder's part files, or a part file named by its path.
public enum Parts {
    /// Reads and checks every part at `paths` (folders of part files, or part files), refusing unless they
    /// are all N parts of one run, each once: a missing part (named) or a folder without parts is 66, a
    /// damaged part, one of another run or format version, or a part given twice, 65.
    public static func merge(_ paths: [String], charts: ChartSettings, html: Bool = false, delivery: DeliverySettings) throws -> any Experiment {
        guard !paths.isEmpty else { throw UsageError("report merge takes one or more folders of part files") }
        let parts = try files(at: paths).map { path throws(PartFile.Problem) in (path: path, file: try PartFile.read(path)) }
        let first = parts[0]
        switch first.file.run.command {
        case SweepExperiment.stem.rawValue: return try experiment(SweepExperiment.self, parts, charts: charts, html: html, delivery: delivery)
        case AtlasExperiment.stem.rawValue: return try experiment(AtlasExperiment.self, parts, charts: charts, html: html, delivery: delivery)
        default: throw PartFile.Problem.damaged(first.path, "its command \(quoted(first.file.run.command)) is neither sweep nor atlas")
        }
    }

    /// The part files at `paths`: a folder's by their names (`sweep.part-K-of-N.json`), sorted; a file as it is.
    static func files(at paths: [String]) throws(PartFile.Problem) -> [String] {
        var files: [String] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                let error = errno
                throw PartFile.Problem(description: "\(quoted(path)): " + (error == ENOENT ? "no such file or folder" : systemMessage(error)),
                                       status: .noInput)
            }
            guard info.fileType == S_IFDIR else {
                files.append(path)
                continue
            }
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
                throw PartFile.Problem(description: "\(quoted(path)) cannot be read: \(systemMessage(errno))", status: .noInput)
            }
            let parts = names.filter { FileStem.part(named: $0) != nil }.sorted()
            guard !parts.isEmpty else {
                throw PartFile.Problem(description: "\(quoted(path)) holds no part file (sweep.part-K-of-N.json or "
                    + "atlas.part-K-of-N.json, which --shard K/N writes)", status: .noInput)
            }
            files += parts.map { URL(fileURLWithPath: path, isDirectory: true).appendingPathComponent($0).relativePath }
        }
        return files
    }

    static func experiment<Grid: GridExperiment>(_: Grid.Type, _ parts: [(path: String, file: PartFile)], charts: ChartSettings,
                                            html: Bool, delivery: DeliverySettings) throws -> MergeExperiment<Grid> {
        let first = parts[0]
        for part in parts.dropFirst() {
            if let (flag, mine, theirs) = first.file.difference(from: part.file) {
                throw PartFile.Problem(description: "\(quoted(first.path)) and \(quoted(part.path)) are parts of different runs: "
                    + "\(flag) \(mine) and \(theirs)", status: .dataError)
            }
        }
        let grid: Grid
        do {
            grid = try Grid(record: first.file.run, charts: charts, html: html, delivery: delivery, parts: first.file.parts)
        } catch let invalid as GridRecord.Invalid {
            throw PartFile.Problem.damaged(first.path, invalid.reason)
        } catch let refusal as UsageError {
            throw PartFile.Problem.damaged(first.path, refusal.description)
        }
        let count = first.file.parts
        var byIndex: [Int: (path: String, file: PartFile)] = [:]
        for part in parts {
            if let earlier = byIndex[part.file.part] {
                let twice = earlier.path == part.path ? "\(quoted(part.path)) (named twice)" : "\(quoted(earlier.path)) and \(quoted(part.path))"
                throw PartFile.Problem(description: "part \(part.file.part) of \(count) is given twice: \(twice)", status: .dataError)
            }
            try requireJobs(of: part, in: grid)
            byIndex[part.file.part] = part
        }
        let missing = (1...count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else { throw missingParts(missing, of: count, command: Grid.stem) }
        let outcomes = (0..<grid.jobCount).map { job in byIndex[job % count + 1]!.file.results[job / count].outcome }
        return MergeExperiment(grid: grid, outcomes: outcomes)
    }

    /// Refuses a part whose results are not its jobs of `grid`, each with its seed.
    static func requireJobs<Grid: GridExperiment>(of part: (path: String, file: PartFile), in grid: Grid) throws(PartFile.Problem) {
        let jobs = Shard(part.file.part, of: part.file.parts).jobs(of: grid.jobCount)
        guard part.file.results.map(\.job) == Array(jobs) else {
            throw .damaged(part.path, "its \(part.file.results.count) results are not the \(jobs.count) jobs of part "
                + "\(part.file.part) of \(part.file.parts) of this run")
        }
        let seeds = grid.seeds.values
        if let wrong = part.file.results.first(where: { $0.outcome.seed != seeds[$0.job % seeds.count] }) {
            throw .damaged(part.path, "job \(wrong.job) is seed \(wrong.outcome.seed), not the run's seed \(seeds[wrong.job % seeds.count])")
        }
    }

    /// Names the parts to train still, a few of them when many are missing.
    static func missingParts(_ missing: [Int], of count: Int, command: FileStem) -> PartFile.Problem {
        let shownCount = 8
        let shown = missing.prefix(shownCount).map(String.init)
        let list = missing.count == 1 ? shown[0]
            : missing.count <= shownCount ? shown.dropLast().joined(separator: ", ") + " and " + shown.last!
            : shown.joined(separator: ", ") + " and \(missing.count - shownCount) more"
        let example = missing.count == 1 ? "--shard \(missing[0])/\(count)" : "--shard K/\(count) for each"
        return PartFile.Problem(description: "part\(missing.count == 1 ? "" : "s") \(list) of \(count) "
            + "\(missing.count == 1 ? "is" : "are") missing: train \(missing.count == 1 ? "it" : "them") with report "
            + "\(command.rawValue) and \(example), or name the folder that holds \(missing.count == 1 ? "it" : "them")",
            status: .noInput)
    }
}

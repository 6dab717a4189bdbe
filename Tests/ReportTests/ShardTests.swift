import Foundation
@testable import ReportKit
import Testing

/// `--shard K/N` and `report merge` in-process: the parts of a sweep or an atlas, merged in any order, are the
/// files one machine writes, byte for byte; every refusal leaves the output folder as it was.
@Suite("shards and report merge")
struct ShardTests {
    static let sweepSeeds = Seeds([4, 6, 42, 0, 9])
    static let sweepSpec = RunSpec(iterations: 300)

    static func sweep(_ spec: RunSpec = sweepSpec, seeds: Seeds = sweepSeeds) throws -> SweepExperiment {
        SweepExperiment(seeds: seeds, recipe: spec.recipe, charts: try spec.charts(), delivery: try spec.delivery())
    }

    /// 2 rates × 2 widths × 3 seeds: 12 jobs.
    static func atlas(_ spec: RunSpec = RunSpec(), parts: Int = 1) throws -> AtlasExperiment {
        try AtlasExperiment(seeds: Seeds(0..<3), training: TrainingSettings(iterations: 100), learningRates: FlagList([0.3, 3]),
                            hidden: FlagList([1, 3]), charts: try spec.charts(), delivery: try spec.delivery(), parts: parts)
    }

    /// Trains every part of `grid` as `--shard K/N` does and writes each into its own folder under `root`, as
    /// the machines of a CI matrix would; the part files' paths, by K.
    static func writeParts<Grid: GridExperiment>(_ grid: Grid, count: Int, under root: URL) throws -> [String] {
        let data = try grid.input()
        return try (1...count).map { index in
            let shard = ShardExperiment(grid, shard: Shard(index, of: count))
            let folder = OutputFolder(path: root.appendingPathComponent("part-\(index)").path)
            let files = try shard.files(for: try shard.compute(on: data, terminal: InProcess.silent))
            try folder.write(files)
            return folder.url.appendingPathComponent(files[0].name).path
        }
    }

    /// The orders to merge `count` parts in: every one up to 4 parts; past that, every rotation of the parts
    /// and of their reverse.
    static func orders(_ count: Int) -> [[Int]] {
        func permutations(_ items: [Int]) -> [[Int]] {
            items.count <= 1 ? [items] : items.indices.flatMap { i in
                permutations(Array(items[..<i] + items[(i + 1)...])).map { [items[i]] + $0 }
            }
        }
        let identity = Array(0..<count)
        if count <= 4 { return permutations(identity) }
        return [identity, identity.reversed()].flatMap { order in (0..<count).map { Array(order[$0...] + order[..<$0]) } }
    }

    /// The merged files of `paths`, rendered in memory.
    static func merged(_ paths: [String], _ spec: RunSpec = RunSpec()) throws -> [OutputFile] {
        try files(of: Parts.merge(paths, charts: spec.charts(), delivery: spec.delivery()))
    }

    static func files<E: Experiment>(of experiment: E) throws -> [OutputFile] {
        try experiment.files(for: experiment.compute(on: experiment.input(), terminal: InProcess.silent))
    }

    static func expectSameFiles(_ merged: [OutputFile], _ single: [OutputFile], _ note: String) {
        #expect(merged.map(\.name) == single.map(\.name), "\(note)")
        for (a, b) in zip(merged, single) { #expect(Data(a.bytes) == Data(b.bytes), "\(a.name), \(note)") }
    }

    // MARK: - The split

    @Test func shardsAreReadAsKOfN() throws {
        #expect(try Shard(parsing: "3/8") == Shard(3, of: 8))
        #expect(try Shard(parsing: " 1 / 1 ") == Shard(1, of: 1))
        #expect(try Shard(parsing: "100000/100000").count == 100_000)
        for text in ["0/8", "9/8", "-1/2", "3", "3/", "/8", "3/0", "a/b", "1/2/3", "1/100001", "", "1.5/2"] {
            #expect(throws: FlagValueError.self, "\(text)") { try Shard(parsing: text) }
        }
    }

    /// A folder's part files are found by the names --shard gives them, and only those.
    @Test func partFilesAreKnownByTheirNames() {
        #expect(FileStem.part(named: "atlas.part-3-of-8.json").map { "\($0.stem) \($0.shard)" } == "atlas 3/8")
        #expect(FileStem.sweep.partStem(Shard(12, of: 100)) == "sweep.part-12-of-100")
        for name in ["sweep.part-03-of-8.json", "sweep.part-9-of-8.json", "sweep.part-0-of-8.json", "sweep.json",
                     "sweep.part-1-of-2.json.tmp", ".sweep.part-1-of-2.json.report-staged.1.0000abcd.tmp", "run.part-1-of-2.json"] {
            #expect(FileStem.part(named: name) == nil, "\(name)")
        }
    }

    @Test(arguments: [1, 2, 5, 12, 101])
    func everyJobIsInExactlyOnePart(total: Int) {
        for count in [1, 2, 3, 7, 13, 150] {
            let parts = (1...count).map { Shard($0, of: count).jobs(of: total) }
            #expect(parts.flatMap { $0 }.sorted() == Array(0..<total), "\(total) jobs in \(count) parts")
            let sizes = parts.map(\.count)
            #expect(sizes.max()! - sizes.min()! <= 1, "even: \(sizes)")
        }
        // An atlas's cells are spread over the parts: part K of 3 holds seeds of every cell.
        #expect(Array(Shard(2, of: 3).jobs(of: 12)) == [1, 4, 7, 10])
    }

    // MARK: - Merging gives the single machine's bytes

    @Test(arguments: [1, 2, 3, 7])
    func sweepPartsMergeToTheSingleMachinesFiles(count: Int) throws {
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let single = try InProcess.sweep(Self.sweepSeeds, Self.sweepSpec).files
        let paths = try Self.writeParts(try Self.sweep(), count: count, under: root)
        if count > 5 {
            let empty = try String(contentsOfFile: paths[count - 1], encoding: .utf8)
            #expect(empty.contains("\"results\" : [\n\n  ]"), "more parts than seeds: the last ones are empty and merge all the same")
        }
        for (index, order) in Self.orders(count).enumerated() {
            let merged = try Self.merged(order.map { paths[$0] })
            // The JSON in every order; the chart, which is drawn from the same result, in a few.
            if index < 2 || index == Self.orders(count).count - 1 {
                Self.expectSameFiles(merged, single, "\(count) parts in the order \(order)")
            } else {
                #expect(Data(merged.last!.bytes) == Data(single.last!.bytes), "sweep.json, \(count) parts in the order \(order)")
            }
        }
        // The folders of the parts, as a merge job that downloads them as artifacts names them.
        let folders = paths.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
        Self.expectSameFiles(try Self.merged(folders.reversed()), single, "\(count) folders")
    }

    /// `report merge --html` draws the page `report sweep --html` draws, from the parts alone.
    @Test func theMergeWritesThePageWithHTML() throws {
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let spec = Self.sweepSpec
        let single = try Self.files(of: SweepExperiment(seeds: Self.sweepSeeds, recipe: spec.recipe, charts: try spec.charts(),
                                                        html: true, delivery: try spec.delivery()))
        #expect(single.contains { $0.name == "sweep.html" })
        let paths = try Self.writeParts(try Self.sweep(), count: 3, under: root)
        let merged = try Self.files(of: Parts.merge(paths.reversed(), charts: spec.charts(), html: true, delivery: spec.delivery()))
        Self.expectSameFiles(merged, single, "3 parts with --html")
    }

    @Test(arguments: [1, 2, 5, 13])
    func atlasPartsMergeToTheSingleMachinesFiles(count: Int) throws {
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let atlas = try Self.atlas()
        let single = try Self.files(of: atlas)
        let paths = try Self.writeParts(atlas, count: count, under: root)
        for (index, order) in Self.orders(count).enumerated() {
            let merged = try Self.merged(order.map { paths[$0] })
            if index < 2 {
                Self.expectSameFiles(merged, single, "\(count) parts in the order \(order)")
            } else {
                #expect(Data(merged.last!.bytes) == Data(single.last!.bytes), "atlas.json, \(count) parts in the order \(order)")
            }
        }
        // Every part in one folder, as `xargs -P` on one machine leaves them.
        let folder = root.appendingPathComponent("all")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        for path in paths { try FileManager.default.copyItem(atPath: path, toPath: folder.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent).path) }
        Self.expectSameFiles(try Self.merged([folder.path]), single, "one folder")
    }

    /// The merge draws with its own chart flags, as `report sweep` with them draws; `--check` works on what it wrote.
    @Test func theMergeDrawsWithItsChartFlagsAndChecks() throws {
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("merged").path
        let drawn = Self.sweepSpec.with { $0.theme = .both; $0.title = "Five seeds"; $0.format = .svg; $0.output = output }
        let paths = try Self.writeParts(try Self.sweep(), count: 2, under: root)
        let merge = InProcess.mergeOutcome(paths, drawn)
        #expect(merge.status == 0, "\(merge)")
        let sweep = try InProcess.sweep(Self.sweepSeeds, drawn)
        #expect(merge.stdout == sweep.result.headline + "\n", "the sweep's answer")
        let single = sweep.files
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: output)) == ["sweep.svg", "sweep-dark.svg", "sweep.json"])
        for file in single { #expect(FileManager.default.contents(atPath: "\(output)/\(file.name)") == Data(file.bytes), "\(file.name)") }
        #expect(InProcess.mergeOutcome(paths, drawn.with { $0.check = true }).status == 0)
        #expect(InProcess.sweepOutcome(Self.sweepSeeds, drawn.with { $0.check = true }).status == 0, "report sweep --check passes on it")
        let light = InProcess.mergeOutcome(paths, drawn.with { $0.theme = .light; $0.check = true })
        #expect(light.status == 1 && light.stdout.contains("sweep-dark.svg: stale (an earlier run's"), "\(light)")
    }

    // MARK: - A part

    /// A part writes its part file and nothing else, removes nothing, needs no font, and says what it trained.
    @Test func aPartWritesOnlyItsPartFile() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("earlier".utf8).write(to: folder.appendingPathComponent("sweep.json"))
        let spec = Self.sweepSpec.with { $0.output = folder.path; $0.font = "/nonexistent/font.ttf" }
        let part = InProcess.outcome(ShardExperiment(try Self.sweep(spec), shard: Shard(2, of: 3)))
        #expect(part.status == 0, "\(part)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["sweep.json", "sweep.part-2-of-3.json"])
        #expect(part.stdout.hasPrefix("part 2 of 3: trained 2 of the sweep's 5 seeds"), "\(part.stdout)")
        #expect(part.stdout.contains("report merge"), "\(part.stdout)")
        #expect(part.stderr == "wrote \(folder.path)/sweep.part-2-of-3.json\n")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("sweep.part-2-of-3.json"))) as? [String: Any])
        #expect(json["part"] as? Int == 2 && json["parts"] as? Int == 3 && json["formatVersion"] as? Int == 1)
        #expect(json["reportVersion"] as? String == reportVersion)
        let run = try #require(json["run"] as? [String: Any])
        #expect(run["seeds"] as? String == "4,6,42,0,9" && run["command"] as? String == "sweep")
        #expect((run["configuration"] as? [String: Any])?["iterations"] as? Int == 300)
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.map { $0["job"] as? Int } == [1, 4] && results.map { $0["seed"] as? Int } == [6, 9])
        let atlas = InProcess.outcome(ShardExperiment(try Self.atlas(RunSpec(output: folder.path)), shard: Shard(1, of: 5)))
        #expect(atlas.stdout.hasPrefix("part 1 of 5: trained 3 of the atlas's 12 networks (4 cells × 3 seeds)"), "\(atlas)")
    }

    /// Numbers in a part read back to their bits: the merge's sweep.json is then the trained one.
    @Test func outcomesRoundTripThroughAPartBitForBit() throws {
        var generator = SystemRandomNumberGenerator()
        let special: [Double] = [0, -0.0, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, 0.1, 1.0 / 3,
                                 0.0026961313614018967, 5e-324, 1e-300, 123456789.125, .infinity, -.infinity, .nan]
        let losses = special + (0..<3000).map { _ in
            Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator) & ~(UInt64(1) << 63))
        }.filter(\.isFinite)
        let outcomes = losses.enumerated().map { index, loss in
            SeedOutcome(seed: UInt32(index), finalLoss: loss, predictions: index.isMultiple(of: 2) ? [0, 1, 1, 0] : nil,
                        accuracy: Double(index % 7) / 7, converged: false, diverged: !loss.isFinite)
        }
        let run = try Self.sweep().record
        let part = PartFile(run: run, data: .xor, shard: Shard(1, of: 1), jobs: JobSelection(first: 0, step: 1, count: outcomes.count),
                            outcomes: outcomes)
        let read = try JSONDecoder().decode(PartFile.self, from: Data(try jsonFile(part)))
        #expect(read.results.count == outcomes.count)
        for (original, back) in zip(outcomes, read.results.map(\.outcome)) {
            #expect(original == back, "\(original.finalLoss) read back as \(back.finalLoss)")
        }
    }

    /// The iteration budget bounds one machine: a grid past it runs in enough parts.
    @Test func theAtlasBudgetIsPerPart() throws {
        func atlas(parts: Int) throws -> AtlasExperiment {
            try AtlasExperiment(seeds: Seeds(0..<10_000), training: TrainingSettings(iterations: 10_000),
                                learningRates: FlagList((1...12).map { LearningRate(Double($0))! }),
                                hidden: FlagList((1...12).map { HiddenUnits($0)! }),
                                charts: try ChartSettings(), delivery: try DeliverySettings(), parts: parts)
        }
        let refusal = try #require(throws: UsageError.self) { try atlas(parts: 2) }
        #expect(refusal.description.hasSuffix("or --shard K/N with N at least 3)"), "\(refusal)")
        #expect(refusal.description.contains("iterations in each of 2 parts"), "\(refusal)")
        #expect(try atlas(parts: 3).jobCount == 1_440_000)
    }

    // MARK: - Refusals: one line, its status, nothing written

    /// Merges `paths` into a folder that does not exist, expecting `status` and a message containing `words`;
    /// the folder must not appear.
    static func expectRefusal(_ paths: [String], status: Int32, _ words: [String], under root: URL,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let output = root.appendingPathComponent("never").path
        let outcome = InProcess.mergeOutcome(paths, RunSpec(output: output))
        #expect(outcome.status == status, "\(outcome)", sourceLocation: sourceLocation)
        for word in words { #expect(outcome.message?.contains(word) == true, "\(word): \(outcome)", sourceLocation: sourceLocation) }
        #expect(outcome.message?.contains("\n") == false, sourceLocation: sourceLocation)
        #expect(outcome.stdout.isEmpty && outcome.stderr.isEmpty, "\(outcome)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: output), "nothing written", sourceLocation: sourceLocation)
    }

    @Test func aMissingPartIsNamed() throws {
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let paths = try Self.writeParts(try Self.sweep(), count: 4, under: root)
        Self.expectRefusal([paths[0], paths[2], paths[3]], status: 66, ["part 2 of 4 is missing", "--shard 2/4"], under: root)
        Self.expectRefusal([paths[0]], status: 66, ["parts 2, 3 and 4 of 4 are missing"], under: root)
    }

    @Test func aPartGivenTwiceIsRefused() throws {
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let paths = try Self.writeParts(try Self.sweep(), count: 2, under: root)
        Self.expectRefusal(paths + [paths[1]], status: 65, ["part 2 of 2 is given twice: '\(paths[1])' (named twice)"], under: root)
        let copy = root.appendingPathComponent("copy.json").path
        try FileManager.default.copyItem(atPath: paths[0], toPath: copy)
        Self.expectRefusal(paths + [copy], status: 65, ["part 1 of 2 is given twice: '\(paths[0])' and '\(copy)'"], under: root)
    }

    @Test func partsOfDifferentRunsAreRefusedNamingTheFlag() throws {
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let paths = try Self.writeParts(try Self.sweep(), count: 2, under: root)
        func other(_ name: String, _ grid: some GridExperiment, count: Int = 2) throws -> [String] {
            try Self.writeParts(grid, count: count, under: root.appendingPathComponent(name))
        }
        let iterations = try other("iterations", try Self.sweep(Self.sweepSpec.with { $0.iterations = 200 }))
        Self.expectRefusal([paths[0], iterations[1]], status: 65, ["are parts of different runs: --iterations 300 and 200"], under: root)
        let seeds = try other("seeds", try Self.sweep(seeds: Seeds([4, 6, 42, 0, 8])))
        Self.expectRefusal([paths[0], seeds[1]], status: 65, ["--seeds 4,6,42,0,9 and 4,6,42,0,8"], under: root)
        let activation = try other("activation", try Self.sweep(Self.sweepSpec.with { $0.activation = .tanh }))
        Self.expectRefusal([paths[0], activation[1]], status: 65, ["--activation sigmoid and tanh"], under: root)
        let three = try other("three", try Self.sweep(), count: 3)
        Self.expectRefusal([paths[0], three[1], three[2]], status: 65, ["--shard K/2 and K/3"], under: root)
        let atlas = try other("atlas", try Self.atlas())
        Self.expectRefusal([paths[0], atlas[1]], status: 65, ["command sweep and atlas"], under: root)
        // Each machine reads its own copy of a --data file: copies with other rows are other runs.
        let csv = root.appendingPathComponent("points.csv")
        let onData = Self.sweepSpec.with { $0.data = csv.path }
        try "0,0,0\n0,1,1\n1,0,1\n1,1,0\n".write(to: csv, atomically: false, encoding: .utf8)
        let firstCopy = try other("data-1", try Self.sweep(onData))
        try "0,0,0\n0,1,1\n1,0,1\n1,1,1\n".write(to: csv, atomically: false, encoding: .utf8)
        let secondCopy = try other("data-2", try Self.sweep(onData))
        Self.expectRefusal([firstCopy[0], secondCopy[1]], status: 65, ["are parts of different runs: the --data rows' digest"], under: root)
        #expect(InProcess.mergeOutcome([secondCopy[0], secondCopy[1]], RunSpec(output: root.appendingPathComponent("data").path)).status == 0)
        // Another report's numbers for the same seed may differ (its training may change): not one run either.
        let older = root.appendingPathComponent("older.json").path
        try String(contentsOfFile: paths[1], encoding: .utf8).replacing("\"reportVersion\" : \"\(reportVersion)\"", with: "\"reportVersion\" : \"0.9.0\"")
            .write(toFile: older, atomically: false, encoding: .utf8)
        Self.expectRefusal([paths[0], older], status: 65, ["report version \(reportVersion) and 0.9.0"], under: root)
    }

    @Test func aPartOfAnotherFormatVersionIsRefused() throws {
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let paths = try Self.writeParts(try Self.sweep(), count: 1, under: root)
        let text = try String(contentsOfFile: paths[0], encoding: .utf8)
        try text.replacing("\"formatVersion\" : 1", with: "\"formatVersion\" : 2").write(toFile: paths[0], atomically: false, encoding: .utf8)
        Self.expectRefusal(paths, status: 65, ["'\(paths[0])' is a part file of format 2", "reads format 1"], under: root)
    }

    @Test func aDamagedPartIsRefusedNamingTheFile() throws {
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let paths = try Self.writeParts(try Self.sweep(), count: 2, under: root)
        let text = try String(contentsOfFile: paths[1], encoding: .utf8)
        func damage(_ replacement: String) throws { try replacement.write(toFile: paths[1], atomically: false, encoding: .utf8) }
        try damage(String(text.prefix(text.count / 2)))
        Self.expectRefusal(paths, status: 65, ["'\(paths[1])' is damaged: it is not valid JSON"], under: root)
        try damage(text.replacing("\"job\" : 3", with: "\"job\" : 2"))
        Self.expectRefusal(paths, status: 65, ["is damaged: its 2 results are not the 2 jobs of part 2 of 2"], under: root)
        try damage(text.replacing("\"seed\" : 0", with: "\"seed\" : 7"))
        Self.expectRefusal(paths, status: 65, ["is damaged: job 3 is seed 7, not the run's seed 0"], under: root)
        try damage(text.replacing("\"accuracy\"", with: "\"accurate\""))
        Self.expectRefusal(paths, status: 65, ["is damaged: it has no key 'accuracy' at .results[0]"], under: root)
        try damage(text.replacing("\"activation\" : \"sigmoid\"", with: "\"activation\" : \"swish\""))
        Self.expectRefusal([paths[1]], status: 65, ["is damaged: its activation 'swish' is not one report records"], under: root)
        try damage("[]")
        Self.expectRefusal(paths, status: 65, ["is damaged: it is not a part file"], under: root)
    }

    @Test func aFolderWithoutPartsOrAMissingPathIsNoInput() throws {
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
        try Data("{}".utf8).write(to: empty.appendingPathComponent("sweep.json"))
        Self.expectRefusal([empty.path], status: 66, ["'\(empty.path)' holds no part file"], under: root)
        Self.expectRefusal([root.appendingPathComponent("nothing").path], status: 66, ["nothing': no such file or folder"], under: root)
    }

    /// A refused merge into an existing folder leaves it as it was: its earlier merge stays whole.
    @Test func aRefusedMergeLeavesTheFolderAsItWas() throws {
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let paths = try Self.writeParts(try Self.sweep(), count: 3, under: root)
        let output = root.appendingPathComponent("merged")
        #expect(InProcess.mergeOutcome(paths, RunSpec(output: output.path)).status == 0)
        let before = ReportProcess.snapshot(output)
        #expect(before.keys.sorted() == ["sweep.json", "sweep.png"])
        #expect(InProcess.mergeOutcome(Array(paths.dropLast()), RunSpec(output: output.path)).status == 66)
        #expect(ReportProcess.snapshot(output) == before)
    }
}

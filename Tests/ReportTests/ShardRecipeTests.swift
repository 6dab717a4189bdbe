import Foundation
import Testing

/// `--shard` and `report merge` as the shipped binary runs them: end to end once per outcome, and the README's
/// recipes (xargs, a GitHub Actions matrix, a Slurm job array) run as written on a small grid.
@Suite("shards with the release binary", .enabled(if: ReleaseBinary.path != nil, "needs the release binary: run scripts/test, which builds it"))
struct ShardRecipeTests {
    /// What the recipes train instead of their `--seeds '0..<1000'` on the default grid: 4 networks, fewer
    /// than most recipes' parts, so that empty parts are merged too.
    static let recipeSeeds = "--seeds '0..<1000'"
    static let smallGrid = "--seeds '0..<2' --iterations 50 --learning-rates 0.1,1 --hidden 2"

    /// A folder holding `report` (the release binary), to put first on PATH, and `.build/release/report` under
    /// `root`, where the CI recipe finds it.
    static func installReport(under root: URL) throws -> URL {
        let bin = root.appendingPathComponent("bin")
        let release = root.appendingPathComponent(".build/release")
        for folder in [bin, release] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("report").path,
                                                       withDestinationPath: try ReleaseBinary.executable())
        }
        return bin
    }

    /// Runs `script` with bash in `folder`, `report` on PATH; stdout and stderr together, for messages.
    @discardableResult
    static func bash(_ script: String, in folder: URL, bin: URL, environment: [String: String] = [:],
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-euo", "pipefail", "-c", script]
        process.currentDirectoryURL = folder
        var variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        variables["PATH"] = bin.path + ":" + (variables["PATH"] ?? "/usr/bin:/bin")
        process.environment = variables
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(script)\n\(text)", sourceLocation: sourceLocation)
        return text
    }

    /// The README's fenced blocks of `language` in "Bigger grids", in order.
    static func recipes(_ language: String) throws -> [String] {
        let readme = try String(contentsOf: NewUserDefectTests.readme, encoding: .utf8)
        let start = try #require(readme.range(of: "## Bigger grids\n")), end = try #require(readme.range(of: "## Speed\n"))
        let section = readme[start.upperBound..<end.lowerBound]
        return section.matches(of: /```(\w+)\n((?:.|\n)*?)```/).filter { $0.output.1 == language }.map { String($0.output.2) }
    }

    /// The recipe's command lines on the small grid; the atlas it trains must be the one the README says.
    static func small(_ recipe: String) -> String {
        #expect(!recipe.contains("report atlas") || recipe.contains(recipeSeeds), "\(recipe)")
        return recipe.replacing(recipeSeeds, with: smallGrid)
    }

    /// Expects `merged` to hold exactly what `report atlas` on the small grid with `flags` writes on one machine.
    static func expectOneMachinesAtlas(in merged: URL, flags: String = "", root: URL, bin: URL,
                                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let single = root.appendingPathComponent("single-\(UUID().uuidString)")
        try bash("report atlas \(smallGrid) \(flags) --quiet --output '\(single.path)'", in: root, bin: bin)
        let expected = ReportProcess.snapshot(single)
        #expect(expected.keys.contains("atlas.json"), sourceLocation: sourceLocation)
        #expect(ReportProcess.snapshot(merged) == expected, "\(merged.path)", sourceLocation: sourceLocation)
    }

    // MARK: - End to end

    @Test func partsMergeIntoOneMachinesFilesAndRefusalsAreOneLine() throws {
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = try Self.installReport(under: root)
        let sweep = "report sweep --seeds '0..<6' --iterations 300"
        let single = try Self.bash("\(sweep) --output single", in: root, bin: bin)
        let part = try Self.bash("\(sweep) --shard 3/3 --output parts", in: root, bin: bin)
        #expect(part.contains("part 3 of 3: trained 2 of the sweep's 6 seeds") && part.contains("wrote parts/sweep.part-3-of-3.json"), "\(part)")
        try Self.bash("for k in 2 1; do \(sweep) --shard $k/3 --quiet --output parts; done", in: root, bin: bin)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("parts").path))
                == ["sweep.part-1-of-3.json", "sweep.part-2-of-3.json", "sweep.part-3-of-3.json"], "a part writes its part file only")
        let merged = try Self.bash("report merge parts --output merged", in: root, bin: bin)
        func answer(_ output: String) -> [Substring] { output.split(separator: "\n").filter { !$0.hasPrefix("wrote ") } }
        #expect(answer(merged) == answer(single) && answer(merged).count == 1, "the sweep's answer: \(merged)")
        #expect(ReportProcess.snapshot(root.appendingPathComponent("merged")) == ReportProcess.snapshot(root.appendingPathComponent("single")))
        try Self.bash("report merge parts --output merged --check --quiet && \(sweep) --output merged --check --quiet", in: root, bin: bin)

        let executable = URL(fileURLWithPath: try ReleaseBinary.executable())
        try FileManager.default.removeItem(at: root.appendingPathComponent("parts/sweep.part-2-of-3.json"))
        let missing = try ReportProcess.run(["merge", "parts", "--output", "never"], in: root, executable: executable)
        #expect(missing.status == 66 && missing.stdout.isEmpty, "\(missing)")
        #expect(missing.stderr == "report: part 2 of 3 is missing: train it with report sweep and --shard 2/3, or name the folder that holds it\n")
        try Data("{\"formatVersion\": 1, ".utf8).write(to: root.appendingPathComponent("parts/sweep.part-2-of-3.json"))
        let damaged = try ReportProcess.run(["merge", "parts", "--output", "never"], in: root, executable: executable)
        #expect(damaged.status == 65, "\(damaged)")
        #expect(damaged.stderr == "report: 'parts/sweep.part-2-of-3.json' is damaged: it is not valid JSON (cut short, or not a part file)\n")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("never").path))
    }

    // MARK: - The README's recipes

    @Test func theXargsRecipeWorksAsWritten() throws {
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = try Self.installReport(under: root)
        let recipe = try #require(try Self.recipes("sh").first { $0.contains("xargs -P") })
        try Self.bash(Self.small(recipe), in: root, bin: bin)
        try Self.expectOneMachinesAtlas(in: root.appendingPathComponent("atlas-1000"), root: root, bin: bin)
    }

    /// The workflow as a runner would take it: parsed by PyYAML, each matrix job's `run` steps in its own
    /// checkout (the build step skipped: the binary is there), its artifact copied out, then the merge job.
    @Test func theGitHubActionsRecipeWorksAsWritten() throws {
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let recipe = try #require(try Self.recipes("yaml").first)
        let parsed = try Self.bash("python3 -c 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))' <<'EOF'\n\(recipe)EOF",
                                   in: root, bin: root)
        let workflow = try #require(try JSONSerialization.jsonObject(with: Data(parsed.utf8)) as? [String: Any], "\(parsed)")
        let jobs = try #require(workflow["jobs"] as? [String: [String: Any]])
        let partJob = try #require(jobs["part"]), mergeJob = try #require(jobs["merge"])
        #expect(mergeJob["needs"] as? String == "part")
        let matrix = try #require((partJob["strategy"] as? [String: Any])?["matrix"] as? [String: [Int]])
        let parts = try #require(matrix["part"])
        #expect(parts == Array(1...8))
        let artifacts = root.appendingPathComponent("artifacts")

        /// Runs a job's steps in a fresh checkout: `run` steps by bash, the artifact actions by copying.
        func runJob(_ job: [String: Any], _ name: String, substituting values: [String: String]) throws {
            let checkout = root.appendingPathComponent(name)
            let bin = try Self.installReport(under: checkout)
            let steps = try #require(job["steps"] as? [[String: Any]])
            #expect(steps.filter { ($0["run"] as? String)?.contains("swift build -c release --product report") == true }.count == 1,
                    "each job builds report")
            for step in steps {
                let with = step["with"] as? [String: Any] ?? [:]
                func text(_ value: Any?) -> String {
                    values.reduce(String(describing: value ?? "")) { $0.replacing("${{ \($1.key) }}", with: $1.value) }
                }
                if let run = step["run"] as? String {
                    if run.contains("swift build") { continue }
                    let command = Self.small(text(run))
                    #expect(!command.contains("${{"), "every expression is known: \(command)")
                    try Self.bash(command, in: checkout, bin: bin)
                } else if let uses = step["uses"] as? String, uses.hasPrefix("actions/upload-artifact@") {
                    let destination = artifacts.appendingPathComponent(text(with["name"]))
                    try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
                    try FileManager.default.copyItem(at: checkout.appendingPathComponent(text(with["path"])), to: destination)
                } else if let uses = step["uses"] as? String, uses.hasPrefix("actions/download-artifact@") {
                    #expect(with["merge-multiple"] as? Bool == true && with["pattern"] as? String == "part-*")
                    let destination = checkout.appendingPathComponent(text(with["path"]))
                    try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
                    for artifact in try FileManager.default.contentsOfDirectory(atPath: artifacts.path) where artifact.hasPrefix("part-") {
                        for file in try FileManager.default.contentsOfDirectory(atPath: artifacts.appendingPathComponent(artifact).path) {
                            try FileManager.default.copyItem(at: artifacts.appendingPathComponent("\(artifact)/\(file)"),
                                                             to: destination.appendingPathComponent(file))
                        }
                    }
                } else {
                    #expect(step["uses"] as? String == "actions/checkout@v4", "\(step)")
                }
            }
        }
        for part in parts {
            try runJob(partJob, "part-job-\(part)", substituting: ["matrix.part": "\(part)", "strategy.job-total": "\(parts.count)"])
        }
        try runJob(mergeJob, "merge-job", substituting: [:])
        try Self.expectOneMachinesAtlas(in: artifacts.appendingPathComponent("atlas"), flags: "--theme both", root: root,
                                        bin: try Self.installReport(under: root))
    }

    /// The array script run once per task with the variables Slurm sets, then the merge job's `--wrap` command.
    @Test func theSlurmRecipeWorksAsWritten() throws {
        let root = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = try Self.installReport(under: root)
        let blocks = try Self.recipes("sh")
        let script = try #require(blocks.first { $0.contains("#SBATCH --array=") })
        let array = try #require(script.firstMatch(of: /#SBATCH --array=1-(\d+)/))
        let count = try #require(Int(array.output.1))
        for task in (1...count).reversed() {
            try Self.bash(Self.small(script), in: root, bin: bin,
                          environment: ["SLURM_ARRAY_TASK_ID": "\(task)", "SLURM_ARRAY_TASK_COUNT": "\(count)"])
        }
        let submit = try #require(blocks.first { $0.contains("sbatch --dependency=afterok") })
        #expect(submit.contains("sbatch --parsable atlas-part.sh"))
        let merge = try #require(submit.firstMatch(of: /--wrap '([^']*)'/)).output.1
        try Self.bash(String(merge), in: root, bin: bin)
        try Self.expectOneMachinesAtlas(in: root.appendingPathComponent("atlas"), root: root, bin: bin)
    }
}

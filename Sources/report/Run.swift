import ArgumentParser
import Backprop
import Foundation

/// Trains one network, prints the notebook's transcript and writes (or checks) the charts.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train one network; print the transcript; write losses.png and boundary.png (the default)."
    )

    @Option(parsing: .unconditional, help: "The seed for np.random.seed, 0...4294967295.")
    var seed = 4

    @OptionGroup(title: "Training")
    var training: TrainingOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    @Flag(help: "Render in memory and compare with the files in --output; write nothing. Exit 1 when any is stale or missing.")
    var check = false

    func validate() throws {
        try require(seed, in: TrainingOptions.seedRange, flag: "--seed")
    }

    func run() throws {
        let folder = OutputFolder(path: output.path)
        if !check { try folder.prepare() }
        let run = try TrainingRun(seed: UInt32(seed), options: training, data: Dataset(gate: training.task))
        let transcript = Transcript.lines(for: run)
        let files = try output.files(for: run, transcript: transcript)

        if check {
            let stale = folder.staleFiles(files)
            guard stale.isEmpty else {
                FileHandle.standardError.write(Data("report --check: stale or missing in \(output.path): \(stale.joined(separator: ", "))\n".utf8))
                throw ExitCode.failure
            }
            FileHandle.standardError.write(Data("report --check: \(files.count) files in \(output.path) are current\n".utf8))
            return
        }
        print(transcript.joined(separator: "\n"))
        try folder.write(files)
        let names = files.map { folder.url.appendingPathComponent($0.name).relativePath }
        FileHandle.standardError.write(Data("wrote \(names.joined(separator: ", "))\n".utf8))
    }
}

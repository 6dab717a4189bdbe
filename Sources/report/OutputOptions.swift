import ArgumentParser
import Plotting

/// Where the files go, and how the charts look.
struct OutputOptions: ParsableArguments {
    @Option(name: .customLong("output"), help: "The folder for the files; created if missing.")
    var path = "output"

    func validate() throws {
        guard !path.isEmpty else { throw UsageError(flag: "--output", value: path, allowed: "a folder path") }
    }

    /// Every file of the run, rendered in memory.
    func files(for run: TrainingRun, transcript: [String]) throws -> [(name: String, bytes: [UInt8])] {
        let settings = RenderSettings()
        return [
            ("losses.png", try Figures.losses(run).render(settings)),
            ("boundary.png", try Figures.boundary(run).render(settings)),
        ]
    }
}

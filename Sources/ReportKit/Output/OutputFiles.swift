import Plotting

/// A run's or a sweep's files, rendered in memory from the output flags for ``Delivery`` to write or check.
struct OutputFiles {
    let output: OutputOptions

    func fileName(_ chart: String) -> String { "\(chart).\(output.format.rawValue)" }

    /// The canvas of a grid of `panels` charts (the evolution view, an animation's frame): twice as
    /// wide as the others, two thirds as tall per row (at most two).
    static func gridSettings(_ settings: RenderSettings, panels: Int) -> RenderSettings {
        let rows = RunCharts.evolutionLayout(panels: panels).rows
        var wide = settings
        wide.width = settings.width * 2
        wide.height = max(settings.height, settings.height * 2 * rows / 3)
        return wide
    }

    func files(for run: TrainingRun, transcript: [String], evolution: Bool,
               animation: (movie: Animation, epochs: [Int])? = nil) throws -> [(name: String, bytes: [UInt8])] {
        let settings = try output.renderSettings()
        let boundaryFigure = output.boundary == .scatter
            ? RunCharts.boundaryScatter(run, step: output.gridStep, legend: output.legend, title: output.title)
            : RunCharts.boundaryProbability(run, title: output.title)
        var files: [(name: String, bytes: [UInt8])] = [
            (fileName("losses"), try RunCharts.losses(run, scale: output.lossScale.axisScale, title: output.title).render(settings)),
            (fileName("boundary"), try boundaryFigure.render(settings)),
        ]
        if evolution {
            let figure = RunCharts.evolution(run)
            files.append((fileName("evolution"), try figure.render(Self.gridSettings(settings, panels: figure.panels.count))))
        }
        var shown: Summary.AnimationSummary?
        if let animation {
            files.append((TrainingAnimation.fileName, try animation.movie.render(Self.gridSettings(settings, panels: 2))))
            shown = Summary.AnimationSummary(file: TrainingAnimation.fileName, epochs: animation.epochs,
                                             milliseconds: animation.movie.milliseconds)
        }
        let images = files.map(\.name)
        let summary = Summary(run: run, files: images + ["summary.json", "report.md"], animation: shown)
        files.append(("summary.json", try jsonFile(summary)))
        files.append(("report.md", Summary.markdown(run: run, transcript: transcript, images: images)))
        return files
    }

    func sweepFiles(for result: SweepResult) throws -> [(name: String, bytes: [UInt8])] {
        [
            (name: fileName("sweep"), bytes: try RunCharts.sweep(result, title: output.title).render(try output.renderSettings())),
            (name: "sweep.json", bytes: try result.json()),
        ]
    }

    /// The files of an atlas.
    func atlasFiles(for result: AtlasResult) throws -> [(name: String, bytes: [UInt8])] {
        [
            (name: fileName("atlas"), bytes: try RunCharts.atlas(result, title: output.title).render(try output.renderSettings())),
            (name: "atlas.json", bytes: try jsonFile(result)),
        ]
    }
}

import ArgumentParser
import Plotting
import ReportKit

/// How every chart of a command looks.
struct ChartFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: .text("The image format, \(ImageFormat.allowed).", default: ImageFormat.standard, valueName: "format"),
            completion: ImageFormat.completion, transform: ImageFormat.parse)
    var format: ImageFormat?

    @Option(parsing: .unconditional, help: .text("The canvas size in pixels at scale 1, \(CanvasSize.allowed).",
                                                       default: CanvasSize.standard, valueName: "WxH"),
            transform: CanvasSize.parse)
    var size: CanvasSize?

    @Option(parsing: .unconditional, help: .text("Multiplies the pixel size with the same layout (2 for HiDPI), \(CanvasScale.allowed).",
                                                       default: CanvasScale.one, valueName: "factor"), transform: CanvasScale.parse)
    var scale: CanvasScale?

    @Option(parsing: .unconditional, help: ArgumentHelp("A title above each chart; \\n breaks it into lines (at most \(Title.maximumLines)).",
                               valueName: "text"), transform: Title.parse)
    var title: Title?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "The TrueType or OpenType file for all text, loaded by path (default: DejaVu Sans from \(Font.dejaVuSansPackage), \(Font.dejaVuSansPath)).",
        valueName: "file"))
    var font: String?

    @Option(parsing: .unconditional, help: .text(
        "The colours, \(ThemeChoice.allowed): dark draws on GitHub's dark canvas (#0d1117); both writes NAME and NAME-dark, and report.md shows each as a <picture> that follows the reader's theme.",
        default: ThemeChoice.standard, valueName: "theme"), completion: ThemeChoice.completion, transform: ThemeChoice.parse)
    var theme: ThemeChoice?

    func settings() throws -> ChartSettings {
        try ChartSettings(format: format ?? .standard, size: size ?? .standard, scale: scale ?? .one, title: title, font: font,
                          theme: theme ?? .standard)
    }

    /// The chart flags given, for a command that draws no chart and so refuses them.
    var given: [String] {
        let flags = [(format != nil, "--format"), (size != nil, "--size"), (scale != nil, "--scale"), (title != nil, "--title"),
                     (font != nil, "--font"), (theme != nil, "--theme")]
        return flags.filter(\.0).map(\.1)
    }
}

/// How `report run` shows the boundary and the loss.
struct ViewFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: .text(
        "The boundary chart, \(BoundaryView.allowed): scatter (the notebook's grid of predictions) or probability (ŷ as colour).",
        default: BoundaryView.notebook, valueName: "view"), completion: BoundaryView.completion, transform: BoundaryView.parse)
    var boundary = BoundaryView.notebook

    @Option(name: .customLong("grid-step"), parsing: .unconditional, help: .text(
        "The spacing of the scatter grid, \(GridStep.allowed).", default: GridStep.notebook, valueName: "step"),
            transform: GridStep.parse)
    var gridStep: GridStep?

    @Flag(help: "Add a legend (class 0, class 1) to the scatter.")
    var legend = false

    @Option(name: .customLong("loss-scale"), parsing: .unconditional, help: .text(
        "The loss axis, \(LossScale.allowed); linear is the notebook's.", default: LossScale.notebook, valueName: "scale"),
            completion: LossScale.completion, transform: LossScale.parse)
    var lossScale = LossScale.notebook

    func settings() throws -> RunChartSettings {
        try RunChartSettings(boundary: boundary, gridStep: gridStep, legend: legend, lossScale: lossScale)
    }
}

/// Where the files go, and what the command says about them.
struct OutputFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: .text("The folder for the files; created if missing.",
                                                       default: FolderPath.defaultOutput, valueName: "folder"), transform: FolderPath.parse)
    var output = FolderPath.defaultOutput

    @Flag(name: .customLong("keep-unchanged"), help: "Leave files that already hold what this run draws untouched (a PNG: the same pixels), so that regenerating on another machine changes no file.")
    var keepUnchanged = false

    @Flag(name: [.customShort("q"), .long], help: "Print no progress bar and no \"wrote\" line: only the answer on stdout, and errors and warnings on stderr.")
    var quiet = false

    @Flag(help: "Render in memory and compare with the files in --output; write nothing there. Exit 1 when any is stale or missing.")
    var check = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "With --check: the RMS difference a PNG may have and still count as current, \(Tolerance.allowed), as matplotlib's compare_images computes it; 0 (the default) means the same pixels.",
        valueName: "rms"), transform: Tolerance.parse)
    var tolerance: Tolerance?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "With --check: write NAME-diff.png (the difference, ×\(PixelComparison.differenceGain)) and NAME-actual.png (the fresh render) for each stale PNG into this folder, outside --output.",
        valueName: "folder"), transform: FolderPath.parse)
    var diff: FolderPath?

    func settings() throws -> DeliverySettings {
        try DeliverySettings(output: output, check: check, tolerance: tolerance, diff: diff, keepUnchanged: keepUnchanged,
                             quiet: quiet)
    }
}

/// `--shard K/N`: one part of a sweep's or an atlas's networks, for one of N machines.
struct ShardFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Train only part K of N of the networks (seeds, or an atlas's cells × seeds, split evenly) and write NAME.part-K-of-N.json for report merge, which draws the chart (so the chart flags go there), \(Shard.allowed).",
        valueName: "K/N"), transform: Shard.parse)
    var shard: Shard?

    /// The part, refusing the chart flags that it cannot act on (a part draws nothing).
    func shard(drawing charts: ChartFlags, html: Bool) throws -> Shard? {
        if shard != nil, let flag = charts.given.first ?? (html ? "--html" : nil) {
            throw UsageError("\(flag) applies only without --shard: a part draws no chart; give it to report merge")
        }
        return shard
    }
}

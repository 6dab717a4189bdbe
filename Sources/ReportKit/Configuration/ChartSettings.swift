import ArgumentParser
import Plotting

/// How the boundary chart shows the network: the notebook's grid of `predict` dots, or ŷ as a colour field.
enum BoundaryView: String, CaseIterable {
    case scatter, probability
}

enum LossScale: String, CaseIterable {
    case linear, log
    var axisScale: AxisScale { self == .log ? .log : .linear }
}

/// Where the files go, and how the charts look.
struct OutputOptions: ParsableArguments {
    static let sizeRange = 100...10_000
    static let scaleRange = 0.25...8.0
    static let gridStepRange = 0.01...0.5
    static let pixelBudget = 100_000_000
    static let sizeAllowed = "WIDTHxHEIGHT with each in \(sizeRange), like 640x480"

    @Option(name: .customLong("output"), parsing: .unconditional, help: "The folder for the files; created if missing.")
    var path = "output"

    @Option(name: .customLong("format"), parsing: .unconditional, help: ArgumentHelp("The image format: png, svg or pdf.", valueName: "format"))
    var formatText = ImageFormat.png.rawValue

    @Option(parsing: .unconditional, help: "The canvas size in pixels at scale 1, WIDTHxHEIGHT, each \(sizeRange).")
    var size = "640x480"

    @Option(name: .customLong("scale"), parsing: .unconditional, help: ArgumentHelp(
        "Multiplies the pixel size with the same layout (2 for HiDPI), \(FlagValue.shown(scaleRange)).",
        valueName: "scale"))
    var scaleText = "1.0"

    @Option(parsing: .unconditional, help: "A title above each chart; \\n breaks it into lines.")
    var title: String?

    @Option(name: .customLong("loss-scale"), parsing: .unconditional, help: ArgumentHelp(
        "The loss axis: linear (the notebook's) or log.", valueName: "loss-scale"))
    var lossScaleText = LossScale.linear.rawValue

    @Option(name: .customLong("boundary"), parsing: .unconditional, help: ArgumentHelp(
        "The boundary chart: scatter (the notebook's grid of predictions) or probability.", valueName: "boundary"))
    var boundaryText = BoundaryView.scatter.rawValue

    @Option(name: .customLong("grid-step"), parsing: .unconditional, help: ArgumentHelp(
        "The spacing of the scatter grid, \(FlagValue.shown(gridStepRange)).", valueName: "grid-step"))
    var gridStepText = "0.05"

    var format: ImageFormat { ImageFormat(rawValue: formatText) ?? .png }
    var scale: Double { Double(scaleText) ?? 1 }
    var lossScale: LossScale { LossScale(rawValue: lossScaleText) ?? .linear }
    var boundary: BoundaryView { BoundaryView(rawValue: boundaryText) ?? .scatter }
    var gridStep: Double { Double(gridStepText) ?? 0.05 }

    @Flag(help: "Add a legend (class 0, class 1) to the scatter.")
    var legend = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "The TrueType or OpenType file for all text, loaded by path (default: DejaVu Sans from \(Font.dejaVuSansPackage), \(Font.dejaVuSansPath)).",
        valueName: "file"))
    var font: String?

    @Flag(name: .customLong("keep-unchanged"), help: "Leave files that already hold what this run draws untouched (a PNG: the same pixels), so that regenerating on another machine changes no file.")
    var keepUnchanged = false

    func validate() throws {
        try FlagValue.folder(path, flag: "--output")
        let _: ImageFormat = try FlagValue.choice(formatText, flag: "--format")
        let _: LossScale = try FlagValue.choice(lossScaleText, flag: "--loss-scale")
        let _: BoundaryView = try FlagValue.choice(boundaryText, flag: "--boundary")
        _ = try renderSettings()
        _ = try FlagValue.number(gridStepText, flag: "--grid-step", in: Self.gridStepRange)
    }

    /// The canvas, checked against the size and pixel limits.
    func renderSettings() throws -> RenderSettings {
        let parts = size.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]),
              Self.sizeRange.contains(width), Self.sizeRange.contains(height)
        else {
            throw usageError(flag: "--size", value: size, allowed: Self.sizeAllowed)
        }
        let scale = try FlagValue.number(scaleText, flag: "--scale", in: Self.scaleRange)
        let settings = RenderSettings(width: width, height: height, scale: scale, format: format, fontFile: fontFile)
        try Self.requireWithinLimits(settings, flag: "--size", value: "\(size) at --scale \(scale)")
        return settings
    }

    /// A canvas Cairo cannot allocate (a side over 32767 pixels), found only by rendering, in the flags' terms.
    static func canvasSizeMessage(for error: Error) -> String? {
        guard case let PlottingError.invalidSize(width, height, scale) = error else { return nil }
        return "--size \(width)x\(height) at --scale \(scale) needs a canvas of "
            + "\(Int(Double(width) * scale))×\(Int(Double(height) * scale)) pixels; " + canvasLimits
    }

    /// What a canvas may take: Cairo's side limit and our budget of pixels in all.
    static let canvasLimits = "at most \(RenderSettings.maximumPixelSide) pixels a side (width × scale, height × scale) "
        + "and \(pixelBudget / 1_000_000) megapixels in all (width × height × scale²)"

    /// Throws a usage error for `flag` when `settings` would draw a canvas past ``canvasLimits``.
    static func requireWithinLimits(_ settings: RenderSettings, flag: String, value: String) throws {
        let width = Double(settings.width) * settings.scale, height = Double(settings.height) * settings.scale
        let side = Double(RenderSettings.maximumPixelSide)
        guard width <= side, height <= side, width * height <= Double(pixelBudget) else {
            throw usageError(flag: flag, value: value, allowed: canvasLimits)
        }
    }

    var fontFile: String { ChartFont.path(for: font) }
}

import Plotting

/// How every chart of a command looks: format, canvas, title and font.
public struct ChartSettings: Sendable {
    /// What a canvas may take: Cairo's side limit and our budget of pixels in all.
    public static let pixelBudget = 100_000_000
    public static let canvasLimits = "at most \(RenderSettings.maximumPixelSide) pixels a side (width × scale, height × scale) "
        + "and \(pixelBudget / 1_000_000) megapixels in all (width × height × scale²)"

    public let format: ImageFormat
    public let size: CanvasSize
    public let scale: CanvasScale
    public let title: Title?
    /// The `--font` file, or nil for the default.
    public let font: String?
    /// `--theme`: light, dark, or both (NAME and NAME-dark).
    public let theme: ThemeChoice

    /// Throws a usage error when `size` at `scale` is a canvas past ``canvasLimits``.
    public init(format: ImageFormat = .standard, size: CanvasSize = .standard, scale: CanvasScale = .one, title: Title? = nil,
                font: String? = nil, theme: ThemeChoice = .standard) throws(UsageError) {
        (self.format, self.size, self.scale, self.title, self.font) = (format, size, scale, title, font)
        self.theme = theme
        try requireCanvas(of: 1, flag: "--size")
    }

    public var titleText: String? { title?.text }
    public var fontFile: String { ChartFont.path(for: font) }

    /// What an image carries in words: the `--title`, and its description.
    func metadata(description: String) -> ImageMetadata { ImageMetadata(title: titleText, description: description) }

    /// One chart's canvas.
    public var renderSettings: RenderSettings {
        RenderSettings(width: size.width, height: size.height, scale: scale.value, format: format, fontFile: fontFile)
    }

    /// A chart of sweep.html or atlas.html: the chart's canvas, as a PNG whatever `--format` says.
    var pageSettings: RenderSettings {
        var settings = renderSettings
        settings.format = .png
        return settings
    }

    /// An HTML page's title: the `--title`, its lines joined, or `standard`.
    func pageTitle(or standard: String) -> String {
        titleText.map { $0.split(separator: "\n").joined(separator: " · ") } ?? standard
    }

    /// The canvas of a grid of `panels` charts (the evolution view, an animation's frame): twice as
    /// wide as the others, two thirds as tall per row (at most two).
    public func gridSettings(panels: Int) -> RenderSettings {
        let rows = RunCharts.evolutionLayout(panels: panels).rows
        var wide = renderSettings
        wide.width = size.width * 2
        wide.height = max(size.height, size.height * 2 * rows / 3)
        return wide
    }

    /// The canvas of a grid of `panels` charts each on a full `--size` (network-evolution.png, whose
    /// diagrams need a chart's room): the evolution view's columns × width by rows × height.
    public func panelGridSettings(panels: Int) -> RenderSettings {
        let layout = RunCharts.evolutionLayout(panels: panels)
        var grid = renderSettings
        grid.width = size.width * layout.columns
        grid.height = size.height * layout.rows
        return grid
    }

    /// Throws a usage error naming `flag` when a grid of `panels` charts would be a canvas past
    /// ``canvasLimits``: on ``gridSettings(panels:)``, or with `fullPanels` on ``panelGridSettings(panels:)``.
    public func requireCanvas(of panels: Int, flag: String, fullPanels: Bool = false) throws(UsageError) {
        let settings = fullPanels ? panelGridSettings(panels: panels)
            : panels == 1 ? renderSettings : gridSettings(panels: panels)
        let width = Double(settings.width) * settings.scale, height = Double(settings.height) * settings.scale
        let side = Double(RenderSettings.maximumPixelSide)
        guard width <= side, height <= side, width * height <= Double(Self.pixelBudget) else {
            let what = flag == "--size" ? "" : "\(flag) with "
            throw UsageError("\(what)--size \(size) at --scale \(scale) needs a canvas of \(Int(width))×\(Int(height)) "
                + "pixels; \(Self.canvasLimits)")
        }
    }
}

/// The run's own charts: how the boundary and the loss are shown.
public struct RunChartSettings: Sendable {
    public let boundary: BoundaryView
    public let gridStep: GridStep
    public let legend: Bool
    public let lossScale: LossScale

    /// Refuses the flags that act only on the scatter when the boundary is the probability view; a
    /// `gridStep` not given is the notebook's.
    public init(boundary: BoundaryView = .notebook, gridStep: GridStep? = nil, legend: Bool = false,
                lossScale: LossScale = .notebook) throws(UsageError) {
        if boundary != .scatter {
            if gridStep != nil { throw .cannotAct("--grid-step", without: "--boundary scatter") }
            if legend { throw .cannotAct("--legend", without: "--boundary scatter") }
        }
        self.boundary = boundary
        self.gridStep = gridStep ?? .notebook
        self.legend = legend
        self.lossScale = lossScale
    }
}

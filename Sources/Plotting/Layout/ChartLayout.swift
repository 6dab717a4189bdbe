/// The geometry of one chart in its figure cell for given margins: the plot rectangle, scales,
/// ticks, and the margins its text needs around that rectangle.
///
/// Tick density depends on the plot size and the margins depend on the tick labels, so
/// ``Figure`` lays out repeatedly, growing margins until every label fits.
struct ChartLayout {
    let chart: Chart
    let cell: Rect
    /// Device pixels per canvas unit (the render scale); used to snap lines to pixels and to
    /// size decimation columns and rasterised images.
    let pixelsPerUnit: Double
    /// Sizes and the theme's colours of the furniture.
    let style: ChartStyle
    /// The cell less the margins, snapped (so that the 0.8 pt frame is crisp).
    let plotRect: Rect
    let xScale: any Scale
    let yScale: any Scale
    let xTicks: AxisTicks
    let yTicks: AxisTicks
    let colorBar: (rect: Rect, scale: LinearScale, ticks: AxisTicks, maxLabelWidth: Double)?
    /// What this chart needs around `plotRect` for nothing to be clipped.
    let requiredMargins: Margins

    /// The plot and its data-to-canvas mapping, which the chart's elements draw with.
    var frame: PlotFrame {
        PlotFrame(rect: plotRect, xScale: xScale, yScale: yScale, pixelsPerUnit: pixelsPerUnit, style: style)
    }

    init(
        chart: Chart, domains: AxisDomain.Domains, cell: Rect, margins m: Margins, pixelsPerUnit: Double,
        style: ChartStyle = .matplotlib, backend: any DrawingBackend
    ) {
        self.style = style
        self.chart = chart
        self.cell = cell
        self.pixelsPerUnit = pixelsPerUnit
        plotRect = Self.snapped(cell.inset(top: m.top, left: m.left, bottom: m.bottom, right: m.right), pixelsPerUnit)
        let size = style.tickLabelSize
        func fitting(_ scale: any Scale, _ length: Double, horizontal: Bool) -> AxisTicks {
            Self.fittingTicks(scale: scale, length: length, horizontal: horizontal, size: size, backend: backend)
        }
        xScale = AxisDomain.makeScale(chart.xAxis, domain: domains.x, from: plotRect.minX, to: plotRect.maxX)
        yScale = AxisDomain.makeScale(chart.yAxis, domain: domains.y, from: plotRect.maxY, to: plotRect.minY)
        let none = AxisTicks(major: [], labels: [])
        xTicks = chart.showsAxes ? chart.xAxis.ticks ?? fitting(xScale, plotRect.width, horizontal: true) : none
        yTicks = chart.showsAxes ? chart.yAxis.ticks ?? fitting(yScale, plotRect.height, horizontal: false) : none
        func width(_ text: String) -> Double { Label.measure(text, size: size, on: backend).width }
        let tickLine = backend.measureText("0", size: size)
        let labelLine = backend.measureText("0", size: style.axisLabelSize).height
        let tickBand = style.tickLength + style.tickPadding
        var margins = Margins()

        // Without axes nothing is drawn outside the plot on the left or below it.
        let axisBand = chart.showsAxes ? tickBand : 0
        // Left: y tick labels, then the rotated y label.
        margins.left = style.outerPadding + axisBand + (yTicks.labels.map(width).max() ?? 0)
            + (chart.yAxis.label.isEmpty || !chart.showsAxes ? 0 : style.axisLabelPadding + labelLine)

        // Bottom: x tick labels, then the x label (or the "×10ⁿ" multiplier).
        let xLabelRow = chart.showsAxes && (!chart.xAxis.label.isEmpty || xTicks.multiplier != nil)
        margins.bottom = style.outerPadding + axisBand + (xTicks.labels.isEmpty ? 0 : tickLine.height)
            + (xLabelRow ? style.axisLabelPadding + labelLine : 0)

        // Top: the title or the y multiplier, or half a y tick label at the top edge.
        var top = 0.0
        if let title = chart.title, !title.isEmpty {
            top = style.titlePadding + Label.measure(title, size: style.titleSize, on: backend).height
        }
        if yTicks.multiplier != nil { top = max(top, tickLine.height + style.tickPadding) }
        // A y label is centred on its tick (see `TextAnchor.Vertical.middle`): ascent/2 above it.
        for (p, label) in zip(yTicks.major.map(yScale.map), yTicks.labels) where p.isFinite {
            // Raised exponents ("10⁰") reach higher than the line box.
            let ascent = Label.measure(label, size: size, on: backend).ascent
            top = max(top, ascent - tickLine.ascent / 2 - (p - plotRect.minY))
            let below = p + tickLine.ascent / 2 + tickLine.descent - plotRect.maxY
            margins.bottom = max(margins.bottom, style.outerPadding + below)
        }
        margins.top = style.outerPadding + top

        // Right: the overhang of the last x tick label, or the colour bar.
        var right = 0.0, leftOverhang = 0.0
        for (p, label) in zip(xTicks.major.map(xScale.map), xTicks.labels) where p.isFinite {
            let half = width(label) / 2
            right = max(right, p + half - plotRect.maxX)
            leftOverhang = max(leftOverhang, plotRect.minX - (p - half))
        }
        margins.left = max(margins.left, style.outerPadding + leftOverhang)
        if let bar = chart.colorBar {
            let gap = min(max(0.05 * plotRect.width, 8), 32)
            let barWidth = min(max(plotRect.height / 20, 8), 28)
            let rect = Rect(x: plotRect.maxX + gap, y: plotRect.minY, width: barWidth, height: plotRect.height)
            let scale = LinearScale(domain: bar.range, pixelStart: rect.maxY, pixelEnd: rect.minY)
            let ticks = fitting(scale, rect.height, horizontal: false)
            let maxWidth = ticks.labels.map(width).max() ?? 0
            colorBar = (rect, scale, ticks, maxWidth)
            right = max(right, gap + barWidth + tickBand + maxWidth
                + ((bar.label ?? "").isEmpty ? 0 : style.axisLabelPadding + labelLine))
            if ticks.multiplier != nil { margins.top = max(margins.top, style.outerPadding + tickLine.height + 2) }
        } else {
            colorBar = nil
        }
        margins.right = style.outerPadding + right
        requiredMargins = margins
    }

    /// `v` moved to the centre of the device pixel it falls in, so thin horizontal and vertical
    /// lines render crisp instead of smeared over two pixel rows.
    static func snap(_ v: Double, _ pixelsPerUnit: Double) -> Double {
        ((v * pixelsPerUnit - 0.5).rounded() + 0.5) / pixelsPerUnit
    }

    func snap(_ v: Double) -> Double { Self.snap(v, pixelsPerUnit) }

    /// `rect` with its edges moved onto device-pixel centres, never larger and never negative.
    private static func snapped(_ rect: Rect, _ pixelsPerUnit: Double) -> Rect {
        let left = snap(rect.minX, pixelsPerUnit), top = snap(rect.minY, pixelsPerUnit)
        let right = max(left, snap(rect.maxX, pixelsPerUnit)), bottom = max(top, snap(rect.maxY, pixelsPerUnit))
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Ticks as dense as matplotlib's default locator (at most 9 intervals, about one label
    /// per three font heights across and two down), thinned until neighbouring labels keep a
    /// clear gap between them.
    static func fittingTicks(
        scale: any Scale, length: Double, horizontal: Bool, size: Double, backend: any DrawingBackend
    ) -> AxisTicks {
        func fits(_ ticks: AxisTicks) -> Bool {
            !overlaps(ticks, scale: scale, horizontal: horizontal, size: size, backend: backend)
        }
        var intervals = min(9, max(1, Int(length / (horizontal ? 3 * size : 2 * size))))
        var ticks = scale.ticks(maxIntervals: intervals)
        while intervals > 1, !fits(ticks) {
            intervals -= 1
            ticks = scale.ticks(maxIntervals: intervals)
        }
        // On a short axis the nice step can leave a single label, which does not show the
        // scale; allow a denser step if its labels still fit.
        if ticks.major.count < 2, let denser = ((intervals + 1)...9).lazy
            .map({ scale.ticks(maxIntervals: $0) }).first(where: { $0.major.count >= 2 }), fits(denser) {
            return denser
        }
        return ticks
    }

    /// Whether neighbouring labels come too close: across, closer than half of each one's width
    /// and half an em; down, closer than a line and a tenth of an em.
    private static func overlaps(
        _ ticks: AxisTicks, scale: any Scale, horizontal: Bool, size: Double, backend: any DrawingBackend
    ) -> Bool {
        let positions = ticks.major.map(scale.map)
        guard positions.count >= 2 else { return false }
        let gap: (Int) -> Double
        if horizontal {
            let widths = ticks.labels.map { Label.measure($0, size: size, on: backend).width }
            gap = { k in (widths[k] + widths[k - 1]) / 2 + 0.5 * size }
        } else {
            let height = backend.measureText("0", size: size).height
            gap = { _ in height + 0.1 * size }
        }
        return (1..<positions.count).contains { k in abs(positions[k] - positions[k - 1]) < gap(k) }
    }
}

/// Space around a plot rectangle reserved for ticks, labels, titles and colour bars.
struct Margins: Sendable, Equatable {
    var top = 0.0
    var left = 0.0
    var bottom = 0.0
    var right = 0.0

    /// The larger of each side, so one set of margins fits several panels.
    func union(_ other: Margins) -> Margins {
        Margins(top: max(top, other.top), left: max(left, other.left),
                bottom: max(bottom, other.bottom), right: max(right, other.right))
    }

    /// Whether every side of `self` is at least that of `other` (within a hair).
    func covers(_ other: Margins) -> Bool {
        top >= other.top - 0.01 && left >= other.left - 0.01
            && bottom >= other.bottom - 0.01 && right >= other.right - 0.01
    }
}

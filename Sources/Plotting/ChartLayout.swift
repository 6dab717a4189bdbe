/// The geometry of one chart for a given plot rectangle: scales, ticks, and the margins its
/// text needs around that rectangle.
///
/// Tick density depends on the plot size and the margins depend on the tick labels, so
/// ``Figure`` lays out repeatedly, growing margins until every label fits.
struct ChartLayout {
    let chart: Chart
    let plotRect: Rect
    let xScale: any Scale
    let yScale: any Scale
    let xTicks: AxisTicks
    let yTicks: AxisTicks
    let colorBar: ColorBarLayout?
    /// What this chart needs around `plotRect` for nothing to be clipped.
    let requiredMargins: Margins

    struct ColorBarLayout {
        let rect: Rect
        let scale: LinearScale
        let ticks: AxisTicks
        let maxLabelWidth: Double
    }

    /// Data domains depend only on the data, so they are resolved once per render.
    struct Domains {
        let x: ClosedRange<Double>
        let y: ClosedRange<Double>

        init(_ chart: Chart) {
            var bounds = DataBounds()
            for line in chart.lines {
                if let b = line.bounds(xScale: chart.xAxis.scale, yScale: chart.yAxis.scale) { bounds.formUnion(b) }
            }
            for scatter in chart.scatters {
                if let b = scatter.bounds(xScale: chart.xAxis.scale, yScale: chart.yAxis.scale) { bounds.formUnion(b) }
            }
            // An axis with data only in the other direction (impossible here) would still be
            // empty; treat each direction independently.
            x = AxisDomain.resolve(chart.xAxis, data: bounds.isEmpty ? .init() : bounds.x, field: chart.field?.xRange)
            y = AxisDomain.resolve(chart.yAxis, data: bounds.isEmpty ? .init() : bounds.y, field: chart.field?.yRange)
        }
    }

    init(chart: Chart, domains: Domains, plotRect: Rect, backend: any DrawingBackend) {
        self.chart = chart
        self.plotRect = plotRect
        let style = chart.style
        xScale = AxisDomain.makeScale(chart.xAxis, domain: domains.x, from: plotRect.minX, to: plotRect.maxX)
        yScale = AxisDomain.makeScale(chart.yAxis, domain: domains.y, from: plotRect.maxY, to: plotRect.minY)
        let tickFont = style.tickLabelSize
        let tickLine = backend.measureText("0", size: tickFont)
        xTicks = Self.fittingTicks(scale: xScale, length: plotRect.width, horizontal: true, size: tickFont, backend: backend)
        yTicks = Self.fittingTicks(scale: yScale, length: plotRect.height, horizontal: false, size: tickFont, backend: backend)

        let labelLine = backend.measureText("0", size: style.axisLabelSize).height
        let tickBand = style.tickLength + style.tickPadding
        var margins = Margins()

        // Left: y tick labels, then the rotated y label.
        let yLabelWidths = yTicks.labels.map { Label.measure($0, size: tickFont, on: backend).width }
        let maxYLabel = yLabelWidths.max() ?? 0
        margins.left = style.outerPadding + tickBand + maxYLabel
            + (chart.yAxis.label.isEmpty ? 0 : style.axisLabelPadding + labelLine)

        // Bottom: x tick labels, then the x label (or the "×10ⁿ" multiplier).
        let hasXLabels = !xTicks.labels.isEmpty
        let xLabelRow = !chart.xAxis.label.isEmpty || xTicks.multiplier != nil
        margins.bottom = style.outerPadding + tickBand + (hasXLabels ? tickLine.height : 0)
            + (xLabelRow ? style.axisLabelPadding + labelLine : 0)

        // Top: the title or the y multiplier, or half a y tick label at the top edge.
        var top = 0.0
        if let title = chart.title, !title.isEmpty {
            top = style.titlePadding + Label.measure(title, size: style.titleSize, on: backend).height
        }
        if yTicks.multiplier != nil { top = max(top, tickLine.height + style.tickPadding) }
        // A y label is centred on its tick (see `TextAnchor.Vertical.middle`): ascent/2 above it.
        for (v, label) in zip(yTicks.major, yTicks.labels) {
            let p = yScale.map(v)
            // Raised exponents ("10⁰") reach higher than the line box.
            let ascent = Label.measure(label, size: tickFont, on: backend).ascent
            if p.isFinite { top = max(top, ascent - tickLine.ascent / 2 - (p - plotRect.minY)) }
            if p.isFinite {
                let below = p + tickLine.ascent / 2 + tickLine.descent - plotRect.maxY
                margins.bottom = max(margins.bottom, style.outerPadding + below)
            }
        }
        margins.top = style.outerPadding + top

        // Right: the overhang of the last x tick label, or the colour bar.
        var right = 0.0
        var leftOverhang = 0.0
        for (v, label) in zip(xTicks.major, xTicks.labels) {
            let p = xScale.map(v)
            guard p.isFinite else { continue }
            let half = Label.measure(label, size: tickFont, on: backend).width / 2
            right = max(right, p + half - plotRect.maxX)
            leftOverhang = max(leftOverhang, plotRect.minX - (p - half))
        }
        margins.left = max(margins.left, style.outerPadding + leftOverhang)
        if let bar = chart.colorBar {
            let gap = min(max(0.05 * plotRect.width, 8), 32)
            let width = min(max(plotRect.height / 20, 8), 28)
            let rect = Rect(x: plotRect.maxX + gap, y: plotRect.minY, width: width, height: plotRect.height)
            let lowValue = bar.range.lowerBound
            let highValue = bar.range.upperBound
            let scale = LinearScale(domain: min(lowValue, highValue)...max(lowValue, highValue),
                                    pixelStart: rect.maxY, pixelEnd: rect.minY)
            let ticks = Self.fittingTicks(scale: scale, length: rect.height, horizontal: false, size: tickFont,
                                          backend: backend)
            let maxWidth = ticks.labels.map { Label.measure($0, size: tickFont, on: backend).width }.max() ?? 0
            colorBar = ColorBarLayout(rect: rect, scale: scale, ticks: ticks, maxLabelWidth: maxWidth)
            right = max(right, gap + width + tickBand + maxWidth
                + ((bar.label ?? "").isEmpty ? 0 : style.axisLabelPadding + labelLine))
            if ticks.multiplier != nil { margins.top = max(margins.top, style.outerPadding + tickLine.height + 2) }
        } else {
            colorBar = nil
        }
        margins.right = style.outerPadding + right
        requiredMargins = margins
    }

    /// Ticks as dense as matplotlib's default locator (at most 9 intervals, about one label
    /// per three font heights across and two down), thinned until neighbouring labels keep a
    /// clear gap between them.
    static func fittingTicks(
        scale: any Scale, length: Double, horizontal: Bool, size: Double, backend: any DrawingBackend
    ) -> AxisTicks {
        let spacing = horizontal ? 3 * size : 2 * size
        var intervals = min(9, max(1, Int(length / spacing)))
        while true {
            let ticks = scale.ticks(maxIntervals: intervals)
            if intervals == 1 || !overlaps(ticks, scale: scale, horizontal: horizontal, size: size, backend: backend) {
                // On a short axis the nice step can leave a single label, which does not show
                // the scale; allow denser steps for as long as the labels still fit.
                if ticks.major.count < 2 {
                    for denser in (intervals + 1)...9 {
                        let candidate = scale.ticks(maxIntervals: denser)
                        guard candidate.major.count >= 2 else { continue }
                        if !overlaps(candidate, scale: scale, horizontal: horizontal, size: size, backend: backend) {
                            return candidate
                        }
                        break
                    }
                }
                return ticks
            }
            intervals -= 1
        }
    }

    private static func overlaps(
        _ ticks: AxisTicks, scale: any Scale, horizontal: Bool, size: Double, backend: any DrawingBackend
    ) -> Bool {
        let positions = ticks.major.map(scale.map)
        guard positions.count >= 2 else { return false }
        if horizontal {
            let widths = ticks.labels.map { Label.measure($0, size: size, on: backend).width }
            for k in 1..<positions.count
            where abs(positions[k] - positions[k - 1]) < (widths[k] + widths[k - 1]) / 2 + 0.5 * size {
                return true
            }
            return false
        }
        let height = backend.measureText("0", size: size).height
        for k in 1..<positions.count where abs(positions[k] - positions[k - 1]) < height + 0.1 * size {
            return true
        }
        return false
    }
}

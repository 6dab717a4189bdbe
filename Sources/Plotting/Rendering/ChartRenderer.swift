/// Draws one laid-out chart: its elements in order, then the frame, ticks, text, legend and
/// colour bar, in matplotlib's stacking order.
struct ChartRenderer {
    let layout: ChartLayout
    let backend: any DrawingBackend

    private var chart: Chart { layout.chart }
    private var style: ChartStyle { layout.style }

    func draw() {
        backend.pushClip(layout.plotRect)
        let obstacles = chart.elements.map { $0.draw(in: layout.frame, on: backend) }
        backend.popClip()
        if chart.showsAxes {
            drawFrameAndTicks()
            drawText()
        } else {
            drawTitle()
        }
        if chart.showLegend { drawLegend(avoiding: obstacles) }
        if let bar = chart.colorBar { drawColorBar(bar) }
    }

    // MARK: - Axes

    private func drawFrameAndTicks() {
        backend.strokeRect(layout.plotRect, color: style.spineColor, width: style.spineWidth)
        drawTicks(layout.xTicks, alongX: true)
        drawTicks(layout.yTicks, alongX: false)
    }

    /// Outward major and minor tick marks: below the plot for the x axis, left of it for the y axis.
    private func drawTicks(_ ticks: AxisTicks, alongX: Bool) {
        let r = layout.plotRect
        let scale = alongX ? layout.xScale : layout.yScale
        let (low, high) = alongX ? (r.minX, r.maxX) : (r.minY, r.maxY)
        for (values, length, width) in [(ticks.major, style.tickLength, style.tickWidth),
                                         (ticks.minor, style.minorTickLength, style.minorTickWidth)] {
            for v in values {
                let p = scale.map(v)
                guard p.isFinite, p >= low - 0.5, p <= high + 0.5 else { continue }
                let at = layout.snap(p)
                let (from, to) = alongX
                    ? (Point(x: at, y: r.maxY), Point(x: at, y: r.maxY + length))
                    : (Point(x: r.minX, y: at), Point(x: r.minX - length, y: at))
                backend.strokeLine(from: from, to: to, color: style.spineColor, width: width)
            }
        }
    }

    private func drawText() {
        let r = layout.plotRect
        let size = style.tickLabelSize
        let band = style.tickLength + style.tickPadding
        for (p, text) in zip(layout.xTicks.major.map(layout.xScale.map), layout.xTicks.labels) where p.isFinite {
            label(text, at: Point(x: layout.snap(p), y: r.maxY + band), size: size, anchor: .topCenter)
        }
        var maxYLabel = 0.0
        for (p, text) in zip(layout.yTicks.major.map(layout.yScale.map), layout.yTicks.labels) where p.isFinite {
            maxYLabel = max(maxYLabel, Label.measure(text, size: size, on: backend).width)
            label(text, at: Point(x: r.minX - band, y: layout.snap(p)), size: size, anchor: .middleRight)
        }
        let tickLine = layout.xTicks.labels.isEmpty ? 0 : backend.measureText("0", size: size).height
        let xLabelTop = r.maxY + band + tickLine + style.axisLabelPadding
        if chart.showsAxes, !chart.xAxis.label.isEmpty {
            let (text, size, x) = acrossCell(chart.xAxis.label, size: style.axisLabelSize)
            label(text, at: Point(x: x, y: xLabelTop), size: size, anchor: .topCenter)
        }
        if let multiplier = layout.xTicks.multiplier {
            label(multiplier, at: Point(x: r.maxX, y: xLabelTop), size: size, anchor: TextAnchor(.right, .top))
        }
        if chart.showsAxes, !chart.yAxis.label.isEmpty {
            let (text, size, y) = alongSide(chart.yAxis.label)
            label(text, at: Point(x: r.minX - band - maxYLabel - style.axisLabelPadding, y: y), size: size,
                  anchor: .bottomCenter, rotation: Double.pi / 2)
        }
        drawMultiplier(layout.yTicks.multiplier, over: r)
        drawTitle()
    }

    private func drawTitle() {
        if let title = chart.title, !title.isEmpty {
            let (text, size, x) = acrossCell(title, size: style.titleSize)
            label(text, at: Point(x: x, y: layout.plotRect.minY - style.titlePadding), size: size, anchor: .bottomCenter)
        }
    }

    /// Draws `text` in the chart's text colour.
    private func label(_ text: String, at point: Point, size: Double, anchor: TextAnchor, rotation: Double = 0) {
        Label.draw(text, at: point, size: size, color: style.textColor, anchor: anchor, rotation: rotation, on: backend)
    }

    /// Draws a "×10ⁿ" multiplier above the left end of `rect`.
    private func drawMultiplier(_ multiplier: String?, over rect: Rect) {
        guard let multiplier else { return }
        label(multiplier, at: Point(x: rect.minX, y: rect.minY - style.tickPadding), size: style.tickLabelSize,
              anchor: TextAnchor(.left, .bottom))
    }

    /// `text` fitted to `width`, with the position of its centre: `centre`, moved as little as
    /// needed for the text to stay between `low` and `high`.
    private func placed(
        _ text: String, size: Double, width: Double, at centre: Double, low: Double, high: Double
    ) -> (String, Double, Double) {
        let (text, size) = Label.fitted(text, size: size, width: width, on: backend)
        let half = Label.measure(text, size: size, on: backend).width / 2
        return (text, size, max(low + half, min(centre, high - half)))
    }

    /// A title or x label: centred over the plot, but slid sideways (and shrunk, if it must) to stay in the cell.
    private func acrossCell(_ text: String, size: Double) -> (String, Double, Double) {
        let cell = layout.cell, pad = style.outerPadding
        return placed(text, size: size, width: cell.width - 2 * pad, at: layout.plotRect.midX,
                      low: cell.minX + pad, high: cell.maxX - pad)
    }

    /// A label turned along the plot's left or right side: centred on the plot, shrunk and
    /// moved as needed to stay level with it, though a long one may extend below the axes (that
    /// corner is empty) but not up into the title.
    private func alongSide(_ text: String) -> (String, Double, Double) {
        let top = layout.plotRect.minY, bottom = layout.cell.maxY - style.outerPadding
        return placed(text, size: style.axisLabelSize, width: bottom - top, at: layout.plotRect.midY,
                      low: top, high: bottom)
    }

    // MARK: - Legend

    private func drawLegend(avoiding obstacles: [LegendObstacles]) {
        let entries = chart.elements.flatMap(\.legendEntries)
        guard !entries.isEmpty else { return }
        let legend = Legend(entries: entries, style: style, backend: backend)
        // A legend larger than the axes would cover the ticks and labels; leave it out instead.
        guard legend.size.width + style.legendTextSize <= layout.plotRect.width,
              legend.size.height + style.legendTextSize <= layout.plotRect.height else { return }
        let segments = obstacles.flatMap(\.polylines).flatMap { zip($0, $0.dropFirst()) }
        let points = obstacles.flatMap(\.points)
        let rect = legend.placement(in: layout.plotRect, preferring: chart.legendPosition) { candidate in
            segments.filter { PolylineClipper.clipSegment($0, $1, to: candidate) != nil }.count
                + points.filter(candidate.contains).count
        }
        legend.draw(in: rect)
    }

    // MARK: - Colour bar

    private func drawColorBar(_ bar: ColorBar) {
        guard let barLayout = layout.colorBar, barLayout.rect.height > 0, barLayout.rect.width > 0 else { return }
        let r = barLayout.rect
        let rows = min(2048, max(2, Int((r.height * layout.pixelsPerUnit).rounded(.up))))
        let scale = barLayout.scale
        let colors = bar.colorScale
        let pixels = (0..<rows).map { row in
            colors.color(scale.invert(r.minY + (Double(row) + 0.5) / Double(rows) * r.height)).pixel
        }
        backend.drawImage(RasterImage(width: 1, height: rows, pixels: pixels), in: r, smooth: true)
        for level in bar.markedLevels where bar.range.contains(level) {
            let y = scale.map(level)
            backend.strokeLine(from: Point(x: r.minX, y: y), to: Point(x: r.maxX, y: y),
                               color: bar.markColor, width: bar.markWidth)
        }
        backend.strokeRect(r, color: style.spineColor, width: style.spineWidth)
        let band = style.tickLength + style.tickPadding
        for (v, text) in zip(barLayout.ticks.major, barLayout.ticks.labels) {
            let y = layout.snap(scale.map(v))
            backend.strokeLine(from: Point(x: r.maxX, y: y), to: Point(x: r.maxX + style.tickLength, y: y),
                               color: style.spineColor, width: style.tickWidth)
            label(text, at: Point(x: r.maxX + band, y: y), size: style.tickLabelSize, anchor: .middleLeft)
        }
        drawMultiplier(barLayout.ticks.multiplier, over: r)
        if let text = bar.label, !text.isEmpty {
            // Rotated like the y label, with its top towards the tick labels.
            let (text, size, y) = alongSide(text)
            let x = r.maxX + band + barLayout.maxLabelWidth + style.axisLabelPadding
            label(text, at: Point(x: x, y: y), size: size, anchor: .topCenter, rotation: Double.pi / 2)
        }
    }
}

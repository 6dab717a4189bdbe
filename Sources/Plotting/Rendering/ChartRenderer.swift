/// Draws one laid-out chart: field, contours, lines, markers, frame, ticks, text, legend and
/// colour bar, in matplotlib's stacking order.
struct ChartRenderer {
    let layout: ChartLayout
    let backend: any DrawingBackend

    private var chart: Chart { layout.chart }
    private var style: ChartStyle { .matplotlib }

    func draw() {
        var lineGeometry: [[[Point]]] = []
        backend.pushClip(layout.plotRect)
        if let cells = chart.cells { drawCells(cells) }
        if let field = chart.field {
            drawField(field)
            drawContours(field)
        }
        for line in chart.lines {
            let polylines = polylines(for: line)
            lineGeometry.append(polylines)
            for line in polylines { backend.addPolyline(line) }
            backend.stroke(color: line.color, width: line.width)
        }
        for scatter in chart.scatters { drawScatter(scatter) }
        backend.popClip()
        drawFrameAndTicks()
        drawText()
        if chart.showLegend { drawLegend(lineGeometry: lineGeometry) }
        if let bar = chart.colorBar { drawColorBar(bar) }
    }

    // MARK: - Data

    /// The canvas position of a data point; coordinates are NaN where the data cannot be shown.
    private func position(_ dataX: Double, _ dataY: Double) -> Point {
        Point(x: layout.xScale.map(dataX), y: layout.yScale.map(dataY))
    }

    /// The rectangle polylines are clipped to before drawing: the plot area plus a border wide
    /// enough for any stroke, so lines still end cleanly at the visible edge.
    private var geometryBounds: Rect {
        layout.plotRect.inset(top: -100, left: -100, bottom: -100, right: -100)
    }

    /// Maps, decimates and clips a line series to the polylines that will be stroked.
    private func polylines(for series: LineSeries) -> [[Point]] {
        let bounds = geometryBounds
        if !series.decimate {
            var lines: [[Point]] = [[]]
            series.forEachPoint { dx, dy in
                let p = position(dx, dy)
                if p.x.isFinite, p.y.isFinite {
                    lines[lines.count - 1].append(p)
                } else if !lines[lines.count - 1].isEmpty {
                    lines.append([])
                }
            }
            return lines.flatMap { PolylineClipper.clip($0, to: bounds) }
        }
        var decimator = PolylineDecimator(columnWidth: 1 / layout.pixelsPerUnit)
        switch series.data {
        case let .indexed(ys):
            // The hot path for huge series: avoid a closure call per point.
            let (x, y) = (layout.xScale, layout.yScale)
            ys.withUnsafeBufferPointer { buffer in
                for i in 0..<buffer.count {
                    decimator.add(Point(x: x.map(Double(i)), y: y.map(buffer[i])))
                }
            }
        default:
            series.forEachPoint { dx, dy in decimator.add(position(dx, dy)) }
        }
        // A lone point would vanish when stroked; matplotlib shows nothing either, but a
        // one-point series is more useful as a dot, which a zero-length round-capped line gives.
        return decimator.finish().flatMap { PolylineClipper.clip($0, to: bounds) }
            .map { $0.count == 1 ? [$0[0], $0[0]] : $0 }
    }

    private func drawField(_ field: ScalarField) {
        let x0 = layout.xScale.map(field.xRange.lowerBound), x1 = layout.xScale.map(field.xRange.upperBound)
        let y0 = layout.yScale.map(field.yRange.lowerBound), y1 = layout.yScale.map(field.yRange.upperBound)
        guard x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { return }
        let r = layout.plotRect
        let left = max(min(x0, x1), r.minX), right = min(max(x0, x1), r.maxX)
        let top = max(min(y0, y1), r.minY), bottom = min(max(y0, y1), r.maxY)
        guard right > left, bottom > top else { return }
        let target = Rect(x: left, y: top, width: right - left, height: bottom - top)
        // Rasterise at device resolution, interpolating values (not colours) so that the
        // colours between samples are true colormap colours, like matplotlib's gouraud shading.
        let width = min(2048, max(2, Int((target.width * layout.pixelsPerUnit).rounded(.up))))
        let height = min(2048, max(2, Int((target.height * layout.pixelsPerUnit).rounded(.up))))
        let range = field.effectiveValueRange
        let span = range.upperBound - range.lowerBound
        let table = field.colormap.lookupTable(count: 1024)
        let columns = (0..<width).map { column in
            ScalarField.sample(layout.xScale.invert(target.minX + (Double(column) + 0.5) / Double(width) * target.width),
                               range: field.xRange, count: field.nx)
        }
        var pixels = [UInt32](repeating: 0, count: width * height)
        for row in 0..<height {
            let dataY = layout.yScale.invert(target.minY + (Double(row) + 0.5) / Double(height) * target.height)
            guard let sampleRow = ScalarField.sample(dataY, range: field.yRange, count: field.ny) else { continue }
            for column in 0..<width {
                guard let sampleColumn = columns[column] else { continue }
                let v = field.value(sampleColumn, sampleRow)
                guard v.isFinite else { continue }
                let t = span > 0 ? (v - range.lowerBound) / span : 0.5
                let index = Int((min(max(t, 0), 1) * Double(table.count - 1)).rounded())
                pixels[row * width + column] = table[index]
            }
        }
        backend.drawImage(PixelImage(width: width, height: height, pixels: pixels), in: target, smooth: true)
    }

    private func drawCells(_ cells: CellGrid) {
        // Edges on whole device pixels, so that neighbours meet without a seam of blended pixels.
        func edge(_ v: Double) -> Double { (v * layout.pixelsPerUnit).rounded() / layout.pixelsPerUnit }
        for row in 0..<cells.rows {
            for column in 0..<cells.columns where cells.values[row * cells.columns + column].isFinite {
                let k = row * cells.columns + column
                let corner = position(Double(column) - 0.5, Double(row) + 0.5)
                let opposite = position(Double(column) + 0.5, Double(row) - 0.5)
                let (left, top, right, bottom) = (edge(corner.x), edge(corner.y), edge(opposite.x), edge(opposite.y))
                let color = cells.color(cells.values[k])
                backend.fillRect(Rect(x: left, y: top, width: right - left, height: bottom - top), color: color)
                // Dark text on light cells, light on dark (relative luminance, as WCAG weighs it).
                let luminance = 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue
                Label.draw(cells.labels[k], at: position(Double(column), Double(row)), size: style.tickLabelSize,
                           color: luminance > 0.45 ? style.textColor : .white, anchor: TextAnchor(.center, .middle), on: backend)
            }
        }
    }

    private func drawContours(_ field: ScalarField) {
        for level in field.contourLevels {
            let lines = field.contours(at: level).flatMap { line in
                PolylineClipper.clip(line.map { position($0.x, $0.y) }.filter { $0.x.isFinite && $0.y.isFinite },
                                     to: geometryBounds)
            }
            guard !lines.isEmpty else { continue }
            for line in lines { backend.addPolyline(line) }
            backend.stroke(color: field.contourColor, width: field.contourWidth)
        }
    }

    private func drawScatter(_ scatter: ScatterSeries) {
        for i in scatter.x.indices {
            let p = position(scatter.x[i], scatter.y[i])
            guard p.x.isFinite, p.y.isFinite, geometryBounds.contains(p) else { continue }
            // One fill per marker so overlapping translucent markers darken, as in matplotlib.
            scatter.marker.draw(at: p, radius: scatter.radius, fill: scatter.fillColor, on: backend)
        }
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
        if !chart.xAxis.label.isEmpty {
            let (text, size, x) = acrossCell(chart.xAxis.label, size: style.axisLabelSize)
            label(text, at: Point(x: x, y: xLabelTop), size: size, anchor: .topCenter)
        }
        if let multiplier = layout.xTicks.multiplier {
            label(multiplier, at: Point(x: r.maxX, y: xLabelTop), size: size, anchor: TextAnchor(.right, .top))
        }
        if !chart.yAxis.label.isEmpty {
            let (text, size, y) = alongSide(chart.yAxis.label)
            label(text, at: Point(x: r.minX - band - maxYLabel - style.axisLabelPadding, y: y), size: size,
                  anchor: .bottomCenter, rotation: Double.pi / 2)
        }
        drawMultiplier(layout.yTicks.multiplier, over: r)
        if let title = chart.title, !title.isEmpty {
            let (text, size, x) = acrossCell(title, size: style.titleSize)
            label(text, at: Point(x: x, y: r.minY - style.titlePadding), size: size, anchor: .bottomCenter)
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

    private func drawLegend(lineGeometry: [[[Point]]]) {
        let entries = chart.legendEntries
        guard !entries.isEmpty else { return }
        let legend = Legend(entries: entries, style: style, backend: backend)
        // A legend larger than the axes would cover the ticks and labels; leave it out instead.
        guard legend.size.width + style.legendTextSize <= layout.plotRect.width,
              legend.size.height + style.legendTextSize <= layout.plotRect.height else { return }
        // Contour lines matter as much as data lines; count their crossings too.
        let contours = chart.field.map { field in
            field.contourLevels.flatMap(field.contours).map { $0.map { position($0.x, $0.y) } }
        } ?? []
        let segments = (Array(lineGeometry.joined()) + contours).flatMap { zip($0, $0.dropFirst()) }
        let points = chart.scatters.flatMap { s in s.x.indices.map { position(s.x[$0], s.y[$0]) } }
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
        let span = bar.range.upperBound - bar.range.lowerBound
        let pixels = (0..<rows).map { row -> UInt32 in
            let v = scale.invert(r.minY + (Double(row) + 0.5) / Double(rows) * r.height)
            return bar.colormap.color(at: span > 0 ? (v - bar.range.lowerBound) / span : 0.5).argb32
        }
        backend.drawImage(PixelImage(width: 1, height: rows, pixels: pixels), in: r, smooth: true)
        for level in bar.markedLevels where bar.range.contains(level) {
            let y = scale.map(level)
            backend.strokeLine(from: Point(x: r.minX, y: y), to: Point(x: r.maxX, y: y),
                               color: chart.field?.contourColor ?? .black, width: chart.field?.contourWidth ?? 1.5)
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

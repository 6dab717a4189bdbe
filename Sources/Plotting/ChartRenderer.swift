/// Draws one laid-out chart: field, contours, lines, markers, frame, ticks, text, legend and
/// colour bar, in matplotlib's stacking order.
struct ChartRenderer {
    let layout: ChartLayout
    let area: DrawingArea

    private var chart: Chart { layout.chart }
    private var style: ChartStyle { layout.chart.style }
    private var backend: any DrawingBackend { area.backend }

    func draw() {
        let plot = DrawingArea(backend: backend, rect: layout.plotRect, pixelsPerUnit: area.pixelsPerUnit)
            .withCoordinates(x: layout.xScale, y: layout.yScale)
        var lineGeometry: [[[Point]]] = []
        plot.clipped {
            if let field = chart.field {
                drawField(field, on: plot)
                drawContours(field, on: plot)
            }
            for line in chart.lines {
                let polylines = plot.polylines(for: line)
                lineGeometry.append(polylines)
                for line in polylines { backend.addPolyline(line) }
                backend.stroke(color: line.color, width: line.width)
            }
            for scatter in chart.scatters { drawScatter(scatter, on: plot) }
        }
        drawFrameAndTicks()
        drawText()
        if chart.showLegend { drawLegend(plot: plot, lineGeometry: lineGeometry) }
        if let bar = chart.colorBar, let barLayout = layout.colorBar { drawColorBar(bar, barLayout) }
    }

    // MARK: - Data

    private func drawField(_ field: ScalarField, on plot: PlotArea) {
        let x0 = plot.x.map(field.xRange.lowerBound), x1 = plot.x.map(field.xRange.upperBound)
        let y0 = plot.y.map(field.yRange.lowerBound), y1 = plot.y.map(field.yRange.upperBound)
        guard x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { return }
        let r = plot.rect
        let left = max(min(x0, x1), r.minX), right = min(max(x0, x1), r.maxX)
        let top = max(min(y0, y1), r.minY), bottom = min(max(y0, y1), r.maxY)
        guard right > left, bottom > top else { return }
        let target = Rect(x: left, y: top, width: right - left, height: bottom - top)
        // Rasterise at device resolution, interpolating values (not colours) so that the
        // colours between samples are true colormap colours, like matplotlib's gouraud shading.
        let ppu = area.pixelsPerUnit
        let width = min(2048, max(2, Int((target.width * ppu).rounded(.up))))
        let height = min(2048, max(2, Int((target.height * ppu).rounded(.up))))
        let range = field.effectiveValueRange
        let span = range.upperBound - range.lowerBound
        let table = field.colormap.lookupTable(count: 1024)
        let xs = (0..<width).map { plot.x.invert(target.minX + (Double($0) + 0.5) / Double(width) * target.width) }
        var pixels = [UInt32](repeating: 0, count: width * height)
        for row in 0..<height {
            let dataY = plot.y.invert(target.minY + (Double(row) + 0.5) / Double(height) * target.height)
            for column in 0..<width {
                let v = field.value(atX: xs[column], y: dataY)
                guard v.isFinite else { continue }
                let t = span > 0 ? (v - range.lowerBound) / span : 0.5
                let index = Int((min(max(t, 0), 1) * Double(table.count - 1)).rounded())
                pixels[row * width + column] = table[index]
            }
        }
        backend.drawImage(PixelImage(width: width, height: height, pixels: pixels), in: target, smooth: true)
    }

    private func drawContours(_ field: ScalarField, on plot: PlotArea) {
        for level in field.contourLevels {
            let lines = field.contours(at: level).flatMap { line in
                PolylineClipper.clip(line.map { plot.position($0.x, $0.y) }.filter { $0.x.isFinite && $0.y.isFinite },
                                     to: plot.geometryBounds)
            }
            guard !lines.isEmpty else { continue }
            for line in lines { backend.addPolyline(line) }
            backend.stroke(color: field.contourColor, width: field.contourWidth)
        }
    }

    private func drawScatter(_ scatter: ScatterSeries, on plot: PlotArea) {
        for i in scatter.x.indices {
            let p = plot.position(scatter.x[i], scatter.y[i])
            guard p.x.isFinite, p.y.isFinite, plot.geometryBounds.contains(p) else { continue }
            // One fill per marker so overlapping translucent markers darken, as in matplotlib.
            scatter.marker.draw(at: p, radius: scatter.radius, fill: scatter.fillColor, on: backend)
        }
    }

    // MARK: - Axes

    private func drawFrameAndTicks() {
        backend.strokeRect(layout.plotRect, color: style.spineColor, width: style.spineWidth)
        drawTicks(layout.xTicks.major, alongX: true, length: style.tickLength, width: style.tickWidth)
        drawTicks(layout.xTicks.minor, alongX: true, length: style.minorTickLength, width: style.minorTickWidth)
        drawTicks(layout.yTicks.major, alongX: false, length: style.tickLength, width: style.tickWidth)
        drawTicks(layout.yTicks.minor, alongX: false, length: style.minorTickLength, width: style.minorTickWidth)
    }

    /// Outward tick marks at `values`: below the plot for the x axis, left of it for the y axis.
    private func drawTicks(_ values: [Double], alongX: Bool, length: Double, width: Double) {
        let r = layout.plotRect
        let scale = alongX ? layout.xScale : layout.yScale
        let (low, high) = alongX ? (r.minX, r.maxX) : (r.minY, r.maxY)
        for v in values {
            let p = scale.map(v)
            guard p.isFinite, p >= low - 0.5, p <= high + 0.5 else { continue }
            let at = area.snap(p)
            let (from, to) = alongX
                ? (Point(x: at, y: r.maxY), Point(x: at, y: r.maxY + length))
                : (Point(x: r.minX, y: at), Point(x: r.minX - length, y: at))
            backend.strokeLine(from: from, to: to, color: style.spineColor, width: width)
        }
    }

    private func drawText() {
        let r = layout.plotRect
        let size = style.tickLabelSize
        let tickLine = backend.measureText("0", size: size)
        let band = style.tickLength + style.tickPadding
        for (v, label) in zip(layout.xTicks.major, layout.xTicks.labels) {
            let p = layout.xScale.map(v)
            guard p.isFinite else { continue }
            Label.draw(label, at: Point(x: area.snap(p), y: r.maxY + band), size: size,
                             color: style.textColor, anchor: .topCenter, on: backend)
        }
        var maxYLabel = 0.0
        for (v, label) in zip(layout.yTicks.major, layout.yTicks.labels) {
            let p = layout.yScale.map(v)
            guard p.isFinite else { continue }
            maxYLabel = max(maxYLabel, Label.measure(label, size: size, on: backend).width)
            Label.draw(label, at: Point(x: r.minX - band, y: area.snap(p)), size: size,
                             color: style.textColor, anchor: .middleRight, on: backend)
        }
        let xLabelTop = r.maxY + band + (layout.xTicks.labels.isEmpty ? 0 : tickLine.height) + style.axisLabelPadding
        let cell = area.rect
        if !chart.xAxis.label.isEmpty {
            let (label, size) = Label.fitted(chart.xAxis.label, size: style.axisLabelSize,
                                             width: cell.width - 2 * style.outerPadding, on: backend)
            let half = Label.measure(label, size: size, on: backend).width / 2
            let x = max(cell.minX + style.outerPadding + half, min(r.midX, cell.maxX - style.outerPadding - half))
            Label.draw(label, at: Point(x: x, y: xLabelTop), size: size,
                             color: style.textColor, anchor: .topCenter, on: backend)
        }
        if let multiplier = layout.xTicks.multiplier {
            Label.draw(multiplier, at: Point(x: r.maxX, y: xLabelTop), size: size,
                             color: style.textColor, anchor: TextAnchor(.right, .top), on: backend)
        }
        if !chart.yAxis.label.isEmpty {
            let x = r.minX - band - maxYLabel - style.axisLabelPadding
            // A long label may extend below the axes (that corner is empty) but not up into the title.
            let (label, size, y) = rotatedPlacement(chart.yAxis.label, top: r.minY, bottom: cell.maxY - style.outerPadding)
            Label.draw(label, at: Point(x: x, y: y), size: size,
                             color: style.textColor, anchor: .bottomCenter, rotation: Double.pi / 2, on: backend)
        }
        if let multiplier = layout.yTicks.multiplier {
            Label.draw(multiplier, at: Point(x: r.minX, y: r.minY - style.tickPadding), size: size,
                             color: style.textColor, anchor: TextAnchor(.left, .bottom), on: backend)
        }
        if let title = chart.title, !title.isEmpty {
            // Centred over the plot, but slid sideways (and shrunk, if it must) to stay in the cell.
            let cell = area.rect
            let (title, size) = Label.fitted(title, size: style.titleSize, width: cell.width - 2 * style.outerPadding,
                                             on: backend)
            let half = Label.measure(title, size: size, on: backend).width / 2
            let x = max(cell.minX + style.outerPadding + half, min(r.midX, cell.maxX - style.outerPadding - half))
            Label.draw(title, at: Point(x: x, y: r.minY - style.titlePadding), size: size,
                             color: style.textColor, anchor: .bottomCenter, on: backend)
        }
    }

    /// The font size and centre for a label rotated along the plot's left or right side:
    /// centred on the plot, shrunk and moved as needed to stay between `top` and `bottom`.
    private func rotatedPlacement(_ text: String, top: Double, bottom: Double) -> (text: String, size: Double, y: Double) {
        let r = layout.plotRect
        let (text, size) = Label.fitted(text, size: style.axisLabelSize, width: bottom - top, on: backend)
        let half = Label.measure(text, size: size, on: backend).width / 2
        return (text, size, max(top + half, min(r.midY, bottom - half)))
    }

    // MARK: - Legend

    private func drawLegend(plot: PlotArea, lineGeometry: [[[Point]]]) {
        let entries = chart.legendEntries
        guard !entries.isEmpty else { return }
        let legend = Legend(entries: entries, style: style, backend: backend)
        // A legend larger than the axes would cover the ticks and labels; leave it out instead.
        guard legend.size.width + style.legendTextSize <= layout.plotRect.width,
              legend.size.height + style.legendTextSize <= layout.plotRect.height else { return }
        let rect = legend.placement(in: layout.plotRect, preferring: chart.legendPosition) { candidate in
            var cost = 0
            for polylines in lineGeometry {
                for line in polylines {
                    for k in 1..<max(1, line.count) where
                        PolylineClipper.clipSegment(line[k - 1], line[k], to: candidate) != nil {
                        cost += 1
                    }
                }
            }
            for scatter in chart.scatters {
                for i in scatter.x.indices where candidate.contains(plot.position(scatter.x[i], scatter.y[i])) {
                    cost += 1
                }
            }
            if let field = chart.field {
                // Contour lines matter as much as data lines; count their crossings too.
                for level in field.contourLevels {
                    for line in field.contours(at: level) {
                        let mapped = line.map { plot.position($0.x, $0.y) }
                        for k in 1..<max(1, mapped.count)
                        where PolylineClipper.clipSegment(mapped[k - 1], mapped[k], to: candidate) != nil {
                            cost += 1
                        }
                    }
                }
            }
            return cost
        }
        legend.draw(in: rect)
    }

    // MARK: - Colour bar

    private func drawColorBar(_ bar: ColorBar, _ barLayout: ChartLayout.ColorBarLayout) {
        let r = barLayout.rect
        guard r.height > 0, r.width > 0 else { return }
        let rows = min(2048, max(2, Int((r.height * area.pixelsPerUnit).rounded(.up))))
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
        let size = style.tickLabelSize
        let band = style.tickLength + style.tickPadding
        for (v, label) in zip(barLayout.ticks.major, barLayout.ticks.labels) {
            let y = area.snap(scale.map(v))
            backend.strokeLine(from: Point(x: r.maxX, y: y), to: Point(x: r.maxX + style.tickLength, y: y),
                               color: style.spineColor, width: style.tickWidth)
            Label.draw(label, at: Point(x: r.maxX + band, y: y), size: size, color: style.textColor,
                             anchor: .middleLeft, on: backend)
        }
        if let multiplier = barLayout.ticks.multiplier {
            Label.draw(multiplier, at: Point(x: r.minX, y: r.minY - style.tickPadding), size: size,
                             color: style.textColor, anchor: TextAnchor(.left, .bottom), on: backend)
        }
        if let label = bar.label, !label.isEmpty {
            let x = r.maxX + band + barLayout.maxLabelWidth + style.axisLabelPadding
            // Rotated like the y label, with its top towards the tick labels.
            let (fitted, size, y) = rotatedPlacement(label, top: r.minY, bottom: area.rect.maxY - style.outerPadding)
            Label.draw(fitted, at: Point(x: x, y: y), size: size, color: style.textColor,
                             anchor: .topCenter, rotation: Double.pi / 2, on: backend)
        }
    }
}

extension ScalarField: ChartElement {
    public func extent(xScale: AxisScale, yScale: AxisScale) -> ElementExtent {
        ElementExtent(filled: (xRange, yRange))
    }

    /// The colour image, then the contour lines over it; the contours are what a legend avoids.
    public func draw(in plot: PlotFrame, on backend: any DrawingBackend) -> LegendObstacles {
        drawImage(in: plot, on: backend)
        var obstacles = LegendObstacles()
        for level in contourLevels {
            let contours = self.contours(at: level).map { $0.map { plot.position($0.x, $0.y) } }
            obstacles.polylines += contours
            let lines = contours.flatMap { line in
                PolylineClipper.clip(line.filter { $0.x.isFinite && $0.y.isFinite }, to: plot.geometryBounds)
            }
            guard !lines.isEmpty else { continue }
            for line in lines { backend.addPolyline(line) }
            backend.stroke(color: contourColor, width: contourWidth)
        }
        return obstacles
    }

    private func drawImage(in plot: PlotFrame, on backend: any DrawingBackend) {
        let x0 = plot.xScale.map(xRange.lowerBound), x1 = plot.xScale.map(xRange.upperBound)
        let y0 = plot.yScale.map(yRange.lowerBound), y1 = plot.yScale.map(yRange.upperBound)
        guard x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { return }
        let r = plot.rect
        let left = max(min(x0, x1), r.minX), right = min(max(x0, x1), r.maxX)
        let top = max(min(y0, y1), r.minY), bottom = min(max(y0, y1), r.maxY)
        guard right > left, bottom > top else { return }
        let target = Rect(x: left, y: top, width: right - left, height: bottom - top)
        // Rasterise at device resolution, interpolating values (not colours) so that the
        // colours between samples are true colormap colours, like matplotlib's gouraud shading.
        let width = min(2048, max(2, Int((target.width * plot.pixelsPerUnit).rounded(.up))))
        let height = min(2048, max(2, Int((target.height * plot.pixelsPerUnit).rounded(.up))))
        let table = colorScale.lookupTable(count: 1024)
        let columns = (0..<width).map { column in
            Self.sample(plot.xScale.invert(target.minX + (Double(column) + 0.5) / Double(width) * target.width),
                        range: xRange, count: nx)
        }
        var pixels = [RasterImage.Pixel](repeating: .clear, count: width * height)
        for row in 0..<height {
            let dataY = plot.yScale.invert(target.minY + (Double(row) + 0.5) / Double(height) * target.height)
            guard let sampleRow = Self.sample(dataY, range: yRange, count: ny) else { continue }
            for column in 0..<width {
                guard let sampleColumn = columns[column] else { continue }
                let v = value(sampleColumn, sampleRow)
                guard v.isFinite else { continue }
                pixels[row * width + column] = table.pixel(v)
            }
        }
        backend.drawImage(RasterImage(width: width, height: height, pixels: pixels), in: target, smooth: true)
    }
}

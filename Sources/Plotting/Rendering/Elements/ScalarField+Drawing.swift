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
        // Outside the grid a column's values are NaN, which the finite check below skips like a value that is NaN.
        let columns = (0..<width).map { column in
            Self.sample(plot.xScale.invert(target.minX + (Double(column) + 0.5) / Double(width) * target.width),
                        range: xRange, count: nx) ?? (index: -1, fraction: .nan)
        }
        // A raster row's value is the blend, along y, of two sample rows' values blended along x; raster rows
        // between the same two sample rows (two or three of them at device resolution) share those, computed
        // once for the pair: `value(_:_:)`'s operations in its order, so the same bits.
        let lower = UnsafeMutableBufferPointer<Double>.allocate(capacity: width)
        let rise = UnsafeMutableBufferPointer<Double>.allocate(capacity: width)
        defer { lower.deallocate(); rise.deallocate() }
        lower.initialize(repeating: .nan)
        rise.initialize(repeating: .nan)
        var pair = -1
        var pixels = [RasterImage.Pixel](repeating: .clear, count: width * height)
        values.withUnsafeBufferPointer { values in
            pixels.withUnsafeMutableBufferPointer { pixels in
                for row in 0..<height {
                    let dataY = plot.yScale.invert(target.minY + (Double(row) + 0.5) / Double(height) * target.height)
                    guard let (j, fv) = Self.sample(dataY, range: yRange, count: ny) else { continue }
                    if j != pair {
                        pair = j
                        for (column, (i, fu)) in columns.enumerated() where i >= 0 {
                            let v00 = values[j * nx + i], v10 = values[j * nx + i + 1]
                            let v01 = values[(j + 1) * nx + i], v11 = values[(j + 1) * nx + i + 1]
                            let low = v00 + (v10 - v00) * fu, high = v01 + (v11 - v01) * fu
                            lower[column] = low
                            rise[column] = high - low
                        }
                    }
                    let line = pixels.baseAddress! + row * width
                    for column in 0..<width {
                        let v = lower[column] + rise[column] * fv
                        if v.isFinite { line[column] = table.pixel(v) }
                    }
                }
            }
        }
        backend.drawImage(RasterImage(width: width, height: height, pixels: pixels), in: target, smooth: true)
    }
}

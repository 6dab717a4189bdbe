extension LineSeries: ChartElement {
    /// The extent of the drawable points in each direction, counting only positive values on
    /// log axes; nil when nothing is drawable.
    func bounds(xScale: AxisScale, yScale: AxisScale) -> DataBounds? {
        var bounds = DataBounds()
        switch data {
        case let .indexed(y):
            // x is the index, so only y needs a scan (this runs on 10⁷-point series).
            guard let lowIndex = y.firstIndex(where: { DataBounds.usable($0, yScale) }),
                  let highIndex = y.lastIndex(where: { DataBounds.usable($0, yScale) }) else { return nil }
            for v in y[lowIndex...highIndex] where DataBounds.usable(v, yScale) { bounds.y.include(v) }
            for i in [lowIndex, highIndex] where DataBounds.usable(Double(i), xScale) { bounds.x.include(Double(i)) }
        default:
            forEachPoint { bounds.include($0, $1, xScale: xScale, yScale: yScale) }
        }
        return bounds.isEmpty ? nil : bounds
    }

    public func extent(xScale: AxisScale, yScale: AxisScale) -> ElementExtent {
        ElementExtent(points: bounds(xScale: xScale, yScale: yScale))
    }

    public var legendEntries: [LegendEntry] {
        label.map { [LegendEntry(label: $0, symbol: .line(color, width))] } ?? []
    }

    public func draw(in plot: PlotFrame, on backend: any DrawingBackend) -> LegendObstacles {
        let lines = polylines(in: plot)
        for line in lines { backend.addPolyline(line) }
        backend.stroke(color: color, width: width)
        return LegendObstacles(polylines: lines)
    }

    /// The polylines that will be stroked: mapped, decimated and clipped.
    func polylines(in plot: PlotFrame) -> [[Point]] {
        let bounds = plot.geometryBounds
        if !decimate {
            var lines: [[Point]] = [[]]
            forEachPoint { dx, dy in
                let p = plot.position(dx, dy)
                if p.x.isFinite, p.y.isFinite {
                    lines[lines.count - 1].append(p)
                } else if !lines[lines.count - 1].isEmpty {
                    lines.append([])
                }
            }
            return lines.flatMap { PolylineClipper.clip($0, to: bounds) }
        }
        var decimator = PolylineDecimator(columnWidth: 1 / plot.pixelsPerUnit)
        switch data {
        case let .indexed(ys):
            // The hot path for huge series: avoid a closure call per point.
            let (x, y) = (plot.xScale, plot.yScale)
            ys.withUnsafeBufferPointer { buffer in
                for i in 0..<buffer.count {
                    decimator.add(Point(x: x.map(Double(i)), y: y.map(buffer[i])))
                }
            }
        default:
            forEachPoint { dx, dy in decimator.add(plot.position(dx, dy)) }
        }
        // A lone point would vanish when stroked; matplotlib shows nothing either, but a
        // one-point series is more useful as a dot, which a zero-length round-capped line gives.
        return decimator.finish().flatMap { PolylineClipper.clip($0, to: bounds) }
            .map { $0.count == 1 ? [$0[0], $0[0]] : $0 }
    }
}

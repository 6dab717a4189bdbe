/// A ``DrawingArea`` with data coordinates: an x and a y ``Scale`` mapping onto its rectangle.
struct PlotArea {
    let area: DrawingArea
    let x: any Scale
    let y: any Scale

    var rect: Rect { area.rect }

    /// The canvas position of a data point; coordinates are NaN where the data cannot be shown.
    func position(_ dataX: Double, _ dataY: Double) -> Point {
        Point(x: x.map(dataX), y: y.map(dataY))
    }

    /// The rectangle polylines are clipped to before drawing: the plot area plus a border wide
    /// enough for any stroke, so lines still end cleanly at the visible edge.
    var geometryBounds: Rect {
        rect.inset(top: -100, left: -100, bottom: -100, right: -100)
    }

    /// Maps, decimates and clips a line series to the polylines that will be stroked.
    func polylines(for series: LineSeries) -> [[Point]] {
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
        var decimator = PolylineDecimator(columnWidth: 1 / area.pixelsPerUnit)
        switch series.data {
        case let .indexed(ys):
            // The hot path for huge series: avoid a closure call per point.
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
}

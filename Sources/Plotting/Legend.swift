#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A legend box: measures its entries, picks a corner of the plot, and draws itself.
///
/// Spacing follows matplotlib's defaults in font-size units (border padding 0.4, handle length
/// 2, handle–text gap 0.8, row gap 0.5, gap to the axes 0.5) with a translucent white,
/// light-grey-edged, slightly rounded box.
struct Legend {
    let entries: [LegendEntry]
    let style: ChartStyle
    let backend: any DrawingBackend

    private var em: Double { style.legendTextSize }
    private var rowHeight: Double { backend.measureText("0", size: em).height }

    var size: (width: Double, height: Double) {
        let textWidth = entries.map { Label.measure($0.label, size: em, on: backend).width }.max() ?? 0
        let n = Double(entries.count)
        return (2 * 0.4 * em + 2 * em + 0.8 * em + textWidth,
                2 * 0.4 * em + n * rowHeight + max(0, n - 1) * 0.5 * em)
    }

    /// The box for `position`; for `.best`, the candidate whose box `cost` rates lowest,
    /// tried in matplotlib's order so ties go to the upper right.
    func placement(in plot: Rect, preferring position: LegendPosition, cost: (Rect) -> Int) -> Rect {
        let (w, h) = size
        let pad = 0.5 * em
        func box(_ corner: LegendPosition) -> Rect {
            switch corner {
            case .upperLeft: return Rect(x: plot.minX + pad, y: plot.minY + pad, width: w, height: h)
            case .lowerLeft: return Rect(x: plot.minX + pad, y: plot.maxY - pad - h, width: w, height: h)
            case .lowerRight: return Rect(x: plot.maxX - pad - w, y: plot.maxY - pad - h, width: w, height: h)
            case .upperRight, .best: return Rect(x: plot.maxX - pad - w, y: plot.minY + pad, width: w, height: h)
            }
        }
        guard position == .best else { return box(position) }
        // matplotlib's "best" also tries the middles of the edges and the centre, after the corners.
        let midX = plot.midX - w / 2, midY = plot.midY - h / 2
        let candidates = [box(.upperRight), box(.upperLeft), box(.lowerLeft), box(.lowerRight),
                          Rect(x: plot.maxX - pad - w, y: midY, width: w, height: h),
                          Rect(x: plot.minX + pad, y: midY, width: w, height: h),
                          Rect(x: midX, y: plot.maxY - pad - h, width: w, height: h),
                          Rect(x: midX, y: plot.minY + pad, width: w, height: h),
                          Rect(x: midX, y: midY, width: w, height: h)]
        var best = candidates[0]
        var bestCost = Int.max
        for candidate in candidates {
            let c = cost(candidate)
            if c < bestCost {
                best = candidate
                bestCost = c
            }
        }
        return best
    }

    func draw(in rect: Rect) {
        addRoundedRect(rect, radius: 0.2 * em)
        backend.fill(color: style.legendBackground)
        addRoundedRect(rect, radius: 0.2 * em)
        backend.stroke(color: style.legendEdgeColor, width: style.spineWidth, cap: .butt)
        let metrics = backend.measureText("0", size: em)
        for (k, entry) in entries.enumerated() {
            let rowTop = rect.minY + 0.4 * em + Double(k) * (rowHeight + 0.5 * em)
            let baseline = rowTop + metrics.ascent
            // Centre symbols on the lowercase/capital midline rather than the full text box.
            let middle = baseline - 0.33 * em
            let handleLeft = rect.minX + 0.4 * em
            switch entry.kind {
            case let .line(color, width):
                backend.strokeLine(from: Point(x: handleLeft, y: middle), to: Point(x: handleLeft + 2 * em, y: middle),
                                   color: color, width: width)
            case let .marker(marker, color, radius):
                marker.draw(at: Point(x: handleLeft + em, y: middle), radius: radius, fill: color, on: backend)
            }
            Label.draw(entry.label, at: Point(x: handleLeft + 2.8 * em, y: baseline), size: em,
                             color: style.textColor, anchor: .baselineLeft, on: backend)
        }
    }

    /// Adds a rectangle with quarter-circle corners, approximated by short segments so the
    /// backend protocol needs no arc primitive.
    private func addRoundedRect(_ r: Rect, radius: Double) {
        let radius = min(radius, r.width / 2, r.height / 2)
        let corners = [
            (Point(x: r.maxX - radius, y: r.minY + radius), -Double.pi / 2),
            (Point(x: r.maxX - radius, y: r.maxY - radius), 0.0),
            (Point(x: r.minX + radius, y: r.maxY - radius), Double.pi / 2),
            (Point(x: r.minX + radius, y: r.minY + radius), Double.pi),
        ]
        backend.addPolyline(corners.flatMap { center, start in
            (0...6).map { step in
                let angle = start + Double(step) / 6 * Double.pi / 2
                return Point(x: center.x + radius * cos(angle), y: center.y + radius * sin(angle))
            }
        }, closed: true)
    }
}

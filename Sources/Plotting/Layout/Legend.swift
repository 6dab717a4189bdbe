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

    var size: (width: Double, height: Double) {
        let textWidth = entries.map { Label.measure($0.label, size: em, on: backend).width }.max() ?? 0
        let n = Double(entries.count)
        return (2 * 0.4 * em + 2 * em + 0.8 * em + textWidth,
                2 * 0.4 * em + n * backend.measureText("0", size: em).height + max(0, n - 1) * 0.5 * em)
    }

    /// The box for `position`; for `.best`, the candidate whose box `cost` rates lowest,
    /// tried in matplotlib's order so ties go to the upper right.
    func placement(in plot: Rect, preferring position: LegendPosition, cost: (Rect) -> Int) -> Rect {
        let (w, h) = size
        let pad = 0.5 * em
        let left = plot.minX + pad, right = plot.maxX - pad - w, midX = plot.midX - w / 2
        let top = plot.minY + pad, bottom = plot.maxY - pad - h, midY = plot.midY - h / 2
        func box(_ x: Double, _ y: Double) -> Rect { Rect(x: x, y: y, width: w, height: h) }
        switch position {
        case .upperRight: return box(right, top)
        case .upperLeft: return box(left, top)
        case .lowerLeft: return box(left, bottom)
        case .lowerRight: return box(right, bottom)
        case .best:
            // matplotlib's "best" also tries the middles of the edges and the centre, after the corners.
            let candidates = [(right, top), (left, top), (left, bottom), (right, bottom),
                              (right, midY), (left, midY), (midX, bottom), (midX, top), (midX, midY)].map(box)
            let costs = candidates.map(cost)
            return candidates[costs.firstIndex(of: costs.min()!)!]
        }
    }

    func draw(in rect: Rect) {
        addRoundedRect(rect, radius: 0.2 * em)
        backend.fill(color: style.legendBackground)
        addRoundedRect(rect, radius: 0.2 * em)
        backend.stroke(color: style.legendEdgeColor, width: style.spineWidth, cap: .butt)
        let metrics = backend.measureText("0", size: em)
        for (k, entry) in entries.enumerated() {
            let baseline = rect.minY + 0.4 * em + Double(k) * (metrics.height + 0.5 * em) + metrics.ascent
            // Centre symbols on the lowercase/capital midline rather than the full text box.
            let middle = baseline - 0.33 * em
            let handleLeft = rect.minX + 0.4 * em
            entry.symbol.draw(in: LegendHandle(start: Point(x: handleLeft, y: middle), length: 2 * em, fontSize: em),
                              on: backend)
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

import Testing
// Not @testable: this element must be writable with what another module (ReportKit) sees.
import Plotting

/// A node of the next issue's computation graph, written with Plotting's public API only: a box
/// with two lines of text in the axes' style, an arrow out of it, and a legend symbol of its own.
struct GraphNode: ChartElement {
    var center: (x: Double, y: Double)
    var text: String
    static let boxColor = Color(hex: 0x2E86AB)
    static let arrowColor = Color(hex: 0x8E44AD)

    /// Two cells of a unit's heatmap, side by side across the legend's handle.
    struct HeatmapSymbol: LegendSymbol {
        static let colors = [Color(hex: 0xF1C40F), Color(hex: 0x16A085)]

        func draw(in handle: LegendHandle, on backend: any DrawingBackend) {
            let side = handle.fontSize * 0.8, left = handle.center.x - side
            for (k, color) in Self.colors.enumerated() {
                backend.fillRect(Rect(x: left + Double(k) * side, y: handle.center.y - side / 2, width: side, height: side),
                                 color: color)
            }
        }
    }

    func extent(xScale: AxisScale, yScale: AxisScale) -> ElementExtent {
        ElementExtent(filled: (x: center.x - 2...center.x + 2, y: center.y - 2...center.y + 2))
    }

    var legendEntries: [LegendEntry] { [LegendEntry(label: "unit", symbol: HeatmapSymbol())] }

    func draw(in plot: PlotFrame, on backend: any DrawingBackend) -> LegendObstacles {
        let middle = plot.position(center.x, center.y), style = plot.style
        let metrics = backend.measureLabel(text, size: style.tickLabelSize)
        let box = Rect(x: middle.x - metrics.width / 2 - 4, y: middle.y - metrics.height / 2 - 4,
                       width: metrics.width + 8, height: metrics.height + 8)
        backend.strokeRect(box, color: Self.boxColor, width: 1)
        backend.drawLabel(text, at: middle, size: style.tickLabelSize, color: style.textColor,
                          anchor: TextAnchor(.center, .middle))
        let arrow = [Point(x: box.maxX, y: middle.y), Point(x: box.maxX + 30, y: middle.y)]
        backend.addPolyline(arrow)
        backend.addPolyline([Point(x: arrow[1].x - 6, y: middle.y - 4), arrow[1], Point(x: arrow[1].x - 6, y: middle.y + 4)])
        backend.stroke(color: Self.arrowColor, width: 2)
        return LegendObstacles(polylines: [arrow])
    }
}

extension ChartElementTests {
    @Test("an element from outside Plotting draws multi-line text in the chart's style and its own legend symbol")
    func outsideElement() throws {
        let chart = Chart(elements: [GraphNode(center: (x: 0, y: 0), text: "h₁\n0.73")], legendPosition: .upperLeft)
        let backend = RecordingBackend()
        Figure(chart).draw(on: backend, width: 640, height: 480)
        let style = ChartStyle.matplotlib

        // The two lines, each in the tick labels' size and colour, the second 1.2 em below the first.
        let texts = backend.primitives.compactMap { primitive -> (String, Point, Double, Color)? in
            if case let .text(s, at, size, color, _, _) = primitive { (s, at, size, color) } else { nil }
        }
        let first = try #require(texts.first { $0.0 == "h₁" }), second = try #require(texts.first { $0.0 == "0.73" })
        #expect(first.2 == style.tickLabelSize && second.2 == style.tickLabelSize)
        #expect(first.3 == style.textColor && second.3 == style.textColor)
        #expect(abs(second.1.y - first.1.y - 1.2 * style.tickLabelSize) < 1e-9)
        #expect(first.1.x == second.1.x, "both lines centred on the node")
        #expect(backend.strokedPolylines(color: GraphNode.arrowColor).count == 2, "the arrow's shaft and head")

        // The symbol sits in the legend's handle: left of its label, level with it.
        let cells = backend.primitives.compactMap { primitive -> (Rect, Color)? in
            if case let .fillRect(r, c) = primitive, GraphNode.HeatmapSymbol.colors.contains(c) { (r, c) } else { nil }
        }
        let label = try #require(texts.first { $0.0 == "unit" })
        #expect(cells.map(\.1) == GraphNode.HeatmapSymbol.colors)
        #expect(cells.allSatisfy { $0.0.maxX < label.1.x && $0.0.minY < label.1.y && $0.0.maxY > label.1.y - style.legendTextSize })

        // And Cairo paints it: both cells' colours appear, exactly, in the decoded PNG.
        let image = try RasterImage(png: Figure(chart).render(RenderSettings()))
        for color in GraphNode.HeatmapSymbol.colors {
            #expect(image.pixels.filter { $0 == color.pixel }.count >= 50, "a filled heatmap cell")
        }
    }
}

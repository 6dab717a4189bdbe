import Glibc
import Plotting

/// A ``ComputationGraph`` drawn in a chart's plot area with Plotting's public API: a box per value
/// (name, `data`, `grad`, like micrograd's records), an ellipse per operation, arrows left to right.
///
/// It ignores the axes' scales and lays itself out in the plot rectangle, at the chart's text size
/// or smaller when the graph would not fit; a chart without axes gives it the whole canvas.
struct ComputationGraphElement: ChartElement {
    var graph: ComputationGraph

    /// Box fills, strokes and text colours come from the palette of the frame's theme (``Palette/graphFill`` and
    /// the rest): pale tints on white, dark ones on the dark canvas.
    static let lineWidth = 1.0

    func extent(xScale: AxisScale, yScale: AxisScale) -> ElementExtent {
        ElementExtent(filled: (x: 0...1, y: 0...1))
    }

    func layout(in plot: PlotFrame, on backend: any DrawingBackend) -> ComputationGraphLayout {
        // Inset by a line width so that boxes on the edge are not clipped by the plot.
        let room = plot.rect.inset(top: Self.lineWidth, left: Self.lineWidth, bottom: Self.lineWidth, right: Self.lineWidth)
        return ComputationGraphLayout.fitted(graph, in: room, fontSize: plot.style.tickLabelSize, backend: backend)
    }

    func draw(in plot: PlotFrame, on backend: any DrawingBackend) -> LegendObstacles {
        let layout = layout(in: plot, on: backend)
        let width = Self.lineWidth * min(1, layout.fontSize / plot.style.tickLabelSize)
        let palette = Palette.of(plot.style.theme)
        for path in layout.edges {
            backend.addPolyline(path.line)
            backend.stroke(color: palette.graphEdge, width: width)
            backend.addPolyline(path.head, closed: true)
            backend.fill(color: palette.graphEdge)
        }
        for (k, box) in layout.boxes.enumerated() {
            backend.fillRect(box.rect, color: palette.graphFill[graph.values[k].role] ?? palette.graphIntermediate)
            for y in box.separators {
                backend.strokeLine(from: Point(x: box.rect.minX, y: y), to: Point(x: box.rect.maxX, y: y),
                                   color: palette.graphLine, width: width)
            }
            backend.strokeRect(box.rect, color: palette.graphLine, width: width)
            for text in box.texts { draw(text, palette: palette, on: backend) }
        }
        for node in layout.operations {
            // 64 sides: smooth at any size these nodes are drawn.
            let outline = (0..<64).map { i -> Point in
                let angle = Double(i) / 64 * 2 * Double.pi
                return Point(x: node.center.x + node.radii.x * cos(angle), y: node.center.y + node.radii.y * sin(angle))
            }
            backend.addPolyline(outline, closed: true)
            backend.fill(color: palette.graphOperation)
            backend.addPolyline(outline, closed: true)
            backend.stroke(color: palette.graphLine, width: width)
            draw(node.symbol, palette: palette, on: backend)
        }
        return LegendObstacles()
    }

    private func draw(_ text: ComputationGraphLayout.PlacedText, palette: Palette, on backend: any DrawingBackend) {
        let color: Color = switch text.role {
        case .rowLabel: palette.graphRowLabel
        case .grad: palette.graphGrad
        case .name, .data, .symbol: palette.text
        }
        backend.drawLabel(text.text, at: text.point, size: text.size, color: color, anchor: TextAnchor(text.horizontal, .top))
    }
}

extension RunCharts {
    /// One iteration's computation graph for one training point, micrograd's picture drawn by
    /// our own layout: no axes, the graph over the whole canvas below the title.
    static func backpropGraph(_ graph: ComputationGraph, title: String?) -> Figure {
        Figure(Chart(title: title, elements: [ComputationGraphElement(graph: graph)], showLegend: false, showsAxes: false))
    }
}

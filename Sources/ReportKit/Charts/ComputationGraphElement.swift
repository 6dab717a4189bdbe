import Glibc
import Plotting

/// A ``ComputationGraph`` drawn in a chart's plot area with Plotting's public API: a box per value
/// (name, `data`, `grad`, like micrograd's records), an ellipse per operation, arrows left to right.
///
/// It ignores the axes' scales and lays itself out in the plot rectangle, at the chart's text size
/// or smaller when the graph would not fit; a chart without axes gives it the whole canvas.
struct ComputationGraphElement: ChartElement {
    var graph: ComputationGraph

    static let fill: [ComputationGraph.Role: Color] = [
        .input: Color(hex: 0xE3F1DC), .parameter: Color(hex: 0xDCEAF7), .intermediate: .white, .loss: Color(hex: 0xFBE3D6),
    ]
    static let lineColor = Color(hex: 0x333333)
    static let edgeColor = Color(hex: 0x555555)
    static let operationFill = Color(hex: 0xF0F0F0)
    static let rowLabelColor = Color(hex: 0x777777)
    /// Gradients in a dark red, so that they read apart from the data at a glance.
    static let gradColor = Color(hex: 0xA3241B)
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
        for path in layout.edges {
            backend.addPolyline(path.line)
            backend.stroke(color: Self.edgeColor, width: width)
            backend.addPolyline(path.head, closed: true)
            backend.fill(color: Self.edgeColor)
        }
        for (k, box) in layout.boxes.enumerated() {
            backend.fillRect(box.rect, color: Self.fill[graph.values[k].role] ?? .white)
            for y in box.separators {
                backend.strokeLine(from: Point(x: box.rect.minX, y: y), to: Point(x: box.rect.maxX, y: y),
                                   color: Self.lineColor, width: width)
            }
            backend.strokeRect(box.rect, color: Self.lineColor, width: width)
            for text in box.texts { draw(text, on: backend) }
        }
        for node in layout.operations {
            // 64 sides: smooth at any size these nodes are drawn.
            let outline = (0..<64).map { i -> Point in
                let angle = Double(i) / 64 * 2 * Double.pi
                return Point(x: node.center.x + node.radii.x * cos(angle), y: node.center.y + node.radii.y * sin(angle))
            }
            backend.addPolyline(outline, closed: true)
            backend.fill(color: Self.operationFill)
            backend.addPolyline(outline, closed: true)
            backend.stroke(color: Self.lineColor, width: width)
            draw(node.symbol, on: backend)
        }
        return LegendObstacles()
    }

    private func draw(_ text: ComputationGraphLayout.PlacedText, on backend: any DrawingBackend) {
        let color: Color = switch text.role {
        case .rowLabel: Self.rowLabelColor
        case .grad: Self.gradColor
        case .name, .data, .symbol: .black
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

extension CellGrid: ChartElement {
    public func extent(xScale: AxisScale, yScale: AxisScale) -> ElementExtent {
        ElementExtent(filled: (xRange, yRange))
    }

    public func draw(in plot: PlotFrame, on backend: any DrawingBackend) -> LegendObstacles {
        let style = plot.style, colors = colorScale
        for row in 0..<rows {
            for column in 0..<columns where values[row * columns + column].isFinite {
                let k = row * columns + column
                let corner = plot.position(Double(column) - 0.5, Double(row) + 0.5)
                let opposite = plot.position(Double(column) + 0.5, Double(row) - 0.5)
                let (left, top) = (plot.pixelEdge(corner.x), plot.pixelEdge(corner.y))
                let (right, bottom) = (plot.pixelEdge(opposite.x), plot.pixelEdge(opposite.y))
                let color = colors.color(values[k])
                backend.fillRect(Rect(x: left, y: top, width: right - left, height: bottom - top), color: color)
                // Dark text on light cells, light on dark (relative luminance, as WCAG weighs it).
                let luminance = 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue
                Label.draw(labels[k], at: plot.position(Double(column), Double(row)), size: style.tickLabelSize,
                           color: luminance > 0.45 ? .black : .white, anchor: TextAnchor(.center, .middle),
                           on: backend)
            }
        }
        return LegendObstacles()
    }
}

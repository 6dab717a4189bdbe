/// A heatmap: one value per cell of a grid of categories, each cell filled with its colour and
/// labelled with its text.
///
/// Cell (column, row) covers x in column ± 0.5 and y in row ± 0.5, row 0 at the bottom, so an
/// axis with ``Axis/ticks`` at 0, 1, … names the categories.
public struct CellGrid: Sendable {
    public var columns: Int
    public var rows: Int
    /// Row by row from the bottom; a non-finite value leaves its cell empty.
    public var values: [Double]
    /// The text in each cell, in the order of `values`.
    public var labels: [String]
    public var colormap: Colormap
    /// The values mapped to the ends of the colormap.
    public var valueRange: ClosedRange<Double>

    public init(columns: Int, rows: Int, values: [Double], labels: [String], colormap: Colormap,
                valueRange: ClosedRange<Double>) {
        precondition(columns >= 1 && rows >= 1 && values.count == columns * rows && labels.count == values.count,
                     "CellGrid needs one value and one label per cell")
        self.columns = columns
        self.rows = rows
        self.values = values
        self.labels = labels
        self.colormap = colormap
        self.valueRange = valueRange
    }

    /// The colours of the values.
    public var colorScale: ColorScale { ColorScale(colormap: colormap, range: valueRange) }

    /// The x and y the cells cover, for the axes.
    public var xRange: ClosedRange<Double> { -0.5...Double(columns) - 0.5 }
    public var yRange: ClosedRange<Double> { -0.5...Double(rows) - 0.5 }
}

extension CellGrid: ChartElement {
    public func extent(xScale: AxisScale, yScale: AxisScale) -> ElementExtent {
        ElementExtent(filled: (xRange, yRange))
    }

    public func draw(in plot: PlotFrame, on backend: any DrawingBackend) -> LegendObstacles {
        let style = ChartStyle.matplotlib, colors = colorScale
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
                           color: luminance > 0.45 ? style.textColor : .white, anchor: TextAnchor(.center, .middle),
                           on: backend)
            }
        }
        return LegendObstacles()
    }
}

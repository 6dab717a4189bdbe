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

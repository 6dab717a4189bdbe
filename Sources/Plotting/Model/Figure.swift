/// What gets rendered: one chart, or a grid of charts (small multiples) with a shared title.
public struct Figure: Sendable {
    public var panels: [Chart]
    public var columns: Int
    /// A title above all panels (matplotlib's `suptitle`).
    public var title: String?

    public init(_ chart: Chart) {
        self.init(grid: [chart], columns: 1)
    }

    /// Panels laid out row by row, `columns` per row, all with the same plot-area size so that
    /// their axes line up.
    public init(grid panels: [Chart], columns: Int, title: String? = nil) {
        precondition(columns >= 1, "Figure grid needs at least one column")
        self.panels = panels
        self.columns = columns
        self.title = title
    }
}

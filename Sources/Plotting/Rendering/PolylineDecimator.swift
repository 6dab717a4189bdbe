/// Reduces a polyline to at most two vertices per pixel column, keeping its drawn shape.
///
/// Consecutive vertices that fall into the same column are replaced by the column's lowest
/// and highest vertex, in their original order. A stroked line covers the same pixels either
/// way (the column's full vertical extent, joined to its neighbours), but a ten-million-point
/// series shrinks to about two segments per pixel of plot width. Runs of one or two vertices
/// are kept exactly, so short series are drawn untouched.
public struct PolylineDecimator {
    /// Width of a column in canvas units (one device pixel is 1 / pixels-per-unit).
    public let columnWidth: Double
    private var polylines: [[Point]] = []

    private var current: [Point] = []
    // The run of vertices in the current column: its count, first two vertices, and extremes
    // with the order in which they came.
    private var runColumn = Int.min, runCount = 0
    private var runFirst = Point(x: 0, y: 0), runSecond = Point(x: 0, y: 0)
    private var runLow = Point(x: 0, y: 0), runHigh = Point(x: 0, y: 0), runLowOrder = 0, runHighOrder = 0

    public init(columnWidth: Double) {
        precondition(columnWidth > 0 && columnWidth.isFinite, "PolylineDecimator needs a positive column width")
        self.columnWidth = columnWidth
    }

    /// Adds the next vertex; a vertex with a NaN or infinite coordinate breaks the line.
    public mutating func add(_ p: Point) {
        guard p.x.isFinite, p.y.isFinite else {
            breakLine()
            return
        }
        let c = p.x / columnWidth
        // Columns far off-canvas cannot be drawn anyway; lumping them together keeps Int safe.
        let column = c > 1e15 ? Int(1e15) : c < -1e15 ? -Int(1e15) : Int(c.rounded(.down))
        if column != runColumn || runCount == 0 {
            flushRun()
            (runColumn, runCount, runFirst, runLow, runHigh, runLowOrder, runHighOrder) = (column, 1, p, p, p, 0, 0)
            return
        }
        runCount += 1
        if runCount == 2 { runSecond = p }
        // Canvas y grows downwards, but "low"/"high" here are just the two extremes.
        if p.y < runLow.y {
            (runLow, runLowOrder) = (p, runCount)
        } else if p.y > runHigh.y {
            (runHigh, runHighOrder) = (p, runCount)
        }
    }

    /// Ends the current polyline; the next vertex starts a new one.
    private mutating func breakLine() {
        flushRun()
        if !current.isEmpty {
            polylines.append(current)
            current = []
        }
        runCount = 0
        runColumn = Int.min
    }

    /// Finishes the last polyline and returns all of them.
    public mutating func finish() -> [[Point]] {
        breakLine()
        return polylines
    }

    private mutating func flushRun() {
        switch runCount {
        case 0: return
        case 1: current.append(runFirst)
        case 2: current += [runFirst, runSecond]
        // The two extremes in their original order, or one if the run never left the first's level.
        default:
            current += runLowOrder == runHighOrder ? [runLow]
                : runLowOrder < runHighOrder ? [runLow, runHigh] : [runHigh, runLow]
        }
        runCount = 0
    }
}

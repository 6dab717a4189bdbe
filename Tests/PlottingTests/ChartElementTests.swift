import Testing
@testable import Plotting

/// A kind of mark the package does not know, written as a test would write the next issue's
/// network diagram: one type, with no edit to Chart, the layout or the renderer.
@Suite("Chart elements: a new kind of mark is one type")
struct ChartElementTests {
    /// A square outline around a data point, in its own colour.
    struct Square: ChartElement {
        var center: (x: Double, y: Double)
        var halfSide: Double
        static let color = Color(hex: 0x123456)

        func extent(xScale: AxisScale, yScale: AxisScale) -> ElementExtent {
            var bounds = DataBounds()
            bounds.include(center.x - halfSide, center.y - halfSide, xScale: xScale, yScale: yScale)
            bounds.include(center.x + halfSide, center.y + halfSide, xScale: xScale, yScale: yScale)
            return ElementExtent(points: bounds)
        }

        var legendEntries: [LegendEntry] { [LegendEntry(label: "square", symbol: .line(Self.color, 2))] }

        func draw(in plot: PlotFrame, on backend: any DrawingBackend) -> LegendObstacles {
            let corners = [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1)].map {
                plot.position(center.x + $0 * halfSide, center.y + $1 * halfSide)
            }
            backend.addPolyline(corners, closed: true)
            backend.stroke(color: Self.color, width: 2)
            return LegendObstacles(polylines: [corners + [corners[0]]])
        }
    }

    @Test("its extent sets the axes, it draws in its place in the order, and its entry joins the legend")
    func newKind() throws {
        let series = LineSeries(x: [0, 1], y: [0, 1], color: .tabRed, label: "line")
        let chart = Chart(elements: [series, Square(center: (x: 10, y: 20), halfSide: 1)])
        let backend = RecordingBackend()
        Figure(chart).draw(on: backend, width: 640, height: 480)

        // The axes reach the square (x up to 11, y up to 21), beyond the line's 0...1.
        let square = try #require(backend.strokedPolylines(color: Square.color).first)
        let line = try #require(backend.strokedPolylines(color: .tabRed).first)
        let clip = try #require(backend.primitives.compactMap { if case let .pushClip(r) = $0 { r } else { nil } }.first)
        #expect(square.count == 4, "the square's four corners, not a legend handle")
        #expect(square.allSatisfy { clip.contains($0) }, "the square lies inside the plot")
        #expect(line.allSatisfy { clip.contains($0) })
        // Drawn after the line, as listed.
        let strokes = backend.primitives.compactMap { if case let .stroke(c, _, _) = $0 { c } else { nil } }
        #expect(try #require(strokes.firstIndex(of: .tabRed)) < #require(strokes.firstIndex(of: Square.color)))
        #expect(backend.texts.contains("square") && backend.texts.contains("line"))
    }

    @Test("a chart without axes draws no frame, ticks or axis labels and gives its element the cell but its title")
    func withoutAxes() throws {
        let square = Square(center: (x: 0, y: 0), halfSide: 1)
        let chart = Chart(title: "diagram", xAxis: Axis(label: "x"), yAxis: Axis(label: "y"), elements: [square],
                          showLegend: false, showsAxes: false)
        let backend = RecordingBackend()
        Figure(chart).draw(on: backend, width: 640, height: 480)
        let style = ChartStyle.matplotlib
        #expect(backend.texts == ["diagram"], "the title only: no tick or axis labels")
        let strokes = backend.primitives.compactMap { if case let .stroke(c, _, _) = $0 { c } else { nil } }
        #expect(strokes == [Square.color], "no frame and no tick marks")
        let clip = try #require(backend.primitives.compactMap { if case let .pushClip(r) = $0 { r } else { nil } }.first)
        #expect(abs(clip.minX - style.outerPadding) <= 1 && abs(clip.maxX - (640 - style.outerPadding)) <= 1)
        #expect(abs(clip.maxY - (480 - style.outerPadding)) <= 1)
        #expect(clip.minY < 0.1 * 480, "only the title above the plot")
    }
}

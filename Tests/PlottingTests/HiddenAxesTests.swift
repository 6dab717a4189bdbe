import Testing
@testable import Plotting

@Suite("Charts without axes, for diagrams")
struct HiddenAxesTests {
    /// Records the plot it is given, so the test can see how much of the canvas a hidden-axes chart leaves it.
    final class FrameProbe: ChartElement, @unchecked Sendable {
        var rect: Rect?
        func extent(xScale: AxisScale, yScale: AxisScale) -> ElementExtent { ElementExtent(filled: (x: 0...1, y: 0...1)) }
        func draw(in plot: PlotFrame, on backend: any DrawingBackend) -> LegendObstacles {
            rect = plot.rect
            return LegendObstacles()
        }
    }

    @Test("no frame, ticks or axis labels; the plot fills the canvas less the padding and the title, which still shows")
    func hiddenAxes() throws {
        let probe = FrameProbe()
        let chart = Chart(title: "diagram", xAxis: Axis(label: "x label"), yAxis: Axis(label: "y label"),
                          elements: [probe], showLegend: false, showsAxes: false)
        let backend = RecordingBackend()
        Figure(chart).draw(on: backend, width: 640, height: 480)
        let style = ChartStyle.matplotlib
        #expect(backend.texts == ["diagram"], "the title only: no tick labels, no axis labels")
        #expect(backend.strokedSegmentCount(color: style.spineColor) == 0, "no frame and no ticks")
        let rect = try #require(probe.rect)
        // Edges are snapped to pixel centres, so they may move by half a pixel.
        #expect(abs(rect.minX - style.outerPadding) <= 0.5 && abs(rect.maxX - (640 - style.outerPadding)) <= 0.5)
        #expect(abs(rect.maxY - (480 - style.outerPadding)) <= 0.5)
        let title = backend.measureLabel("diagram", size: style.titleSize)
        #expect(abs(rect.minY - (style.outerPadding + style.titlePadding + title.height)) <= 0.5)
    }

    @Test("the default still draws the axes")
    func defaultShowsAxes() {
        let chart = Chart(elements: [FrameProbe()])
        #expect(chart.showsAxes)
        let backend = RecordingBackend()
        Figure(chart).draw(on: backend, width: 640, height: 480)
        #expect(backend.strokedSegmentCount(color: ChartStyle.matplotlib.spineColor) > 4)
        #expect(!backend.texts.isEmpty)
    }
}

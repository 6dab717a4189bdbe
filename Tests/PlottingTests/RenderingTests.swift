import CCairo
import Foundation
import Testing
@testable import Plotting

@Suite("Rendering")
struct RenderingTests {
    static let diagonal = Chart(lines: [LineSeries(x: [0, 1], y: [0, 1])])

    @Test("a PNG has the requested size, white corners and a black frame")
    func backgroundAndFrame() throws {
        let image = try TestSupport.png(Figure(Self.diagonal))
        #expect(image.width == 640 && image.height == 480)
        for (x, y) in [(0, 0), (639, 0), (0, 479), (639, 479)] {
            #expect(image[x, y].isWhite, "corner (\(x), \(y)) is \(image[x, y])")
        }
        // Start above the diagonal so the walk meets the spines, not the line.
        let frame = try #require(TestSupport.frame(in: image, fromX: 200, fromY: 150))
        #expect(frame.left > 20 && frame.left < 120)
        #expect(frame.right > 560 && frame.right < 639)
        #expect(frame.top > 5 && frame.top < 80)
        #expect(frame.bottom > 380 && frame.bottom < 460)
        // The spines are solid black along their length.
        for y in stride(from: frame.top, through: frame.bottom, by: 17) {
            #expect(image[frame.left, y].distance(to: .black) < 40)
            #expect(image[frame.right, y].distance(to: .black) < 40)
        }
        for x in stride(from: frame.left, through: frame.right, by: 23) {
            #expect(image[x, frame.top].distance(to: .black) < 40)
            #expect(image[x, frame.bottom].distance(to: .black) < 40)
        }
        // Just inside the frame, away from the data, is white.
        #expect(image[frame.left + 5, frame.top + 5].isWhite)
    }

    @Test("the line is drawn in matplotlib blue where the data says")
    func linePixels() throws {
        let image = try TestSupport.png(Figure(Self.diagonal))
        let frame = try #require(TestSupport.frame(in: image, fromX: 200, fromY: 150))
        // y = x over 0...1 with 5% margins: both axes show -0.05...1.05.
        for t in stride(from: 0.1, through: 0.9, by: 0.1) {
            let (px, py) = frame.pixel(x: t, y: t, xDomain: -0.05...1.05, yDomain: -0.05...1.05)
            let nearest = (-1...1).map { image[px, py + $0].distance(to: .tabBlue) }.min()!
            #expect(nearest < 60, "no blue near (\(px), \(py)) for t = \(t)")
            #expect(image[px, py - 25].isWhite, "stray paint above the line at t = \(t)")
        }
    }

    @Test("scatter markers are filled with their colour at their centres")
    func scatterPixels() throws {
        let chart = Chart(scatters: [
            ScatterSeries(points: [(0, 0), (1, 1)], color: .tabRed, radius: 6),
            ScatterSeries(points: [(0, 1), (1, 0)], color: .tabGreen, radius: 6),
        ], showLegend: false)
        let image = try TestSupport.png(Figure(chart))
        let frame = try #require(TestSupport.frame(in: image))
        for (x, y, color) in [(0.0, 0.0, Color.tabRed), (1, 1, .tabRed), (0, 1, .tabGreen), (1, 0, .tabGreen)] {
            let (px, py) = frame.pixel(x: x, y: y, xDomain: -0.05...1.05, yDomain: -0.05...1.05)
            #expect(image[px, py].distance(to: color) < 12, "marker at (\(x), \(y)) is \(image[px, py])")
        }
        let (mx, my) = frame.pixel(x: 0.5, y: 0.5, xDomain: -0.05...1.05, yDomain: -0.05...1.05)
        #expect(image[mx, my].isWhite)
    }

    @Test("translucent markers blend with white and darken where they overlap")
    func scatterAlpha() throws {
        let chart = Chart(
            xAxis: Axis(range: 0...10), yAxis: Axis(range: 0...10),
            scatters: [ScatterSeries(x: [5, 5], y: [5, 5], color: .black, alpha: 0.5, radius: 20),
                       ScatterSeries(x: [2], y: [2], color: .black, alpha: 0.5, radius: 20)])
        let image = try TestSupport.png(Figure(chart))
        let frame = try #require(TestSupport.frame(in: image, fromX: 150, fromY: 100))
        let (dx, dy) = frame.pixel(x: 5, y: 5, xDomain: 0...10, yDomain: 0...10)
        let (sx, sy) = frame.pixel(x: 2, y: 2, xDomain: 0...10, yDomain: 0...10)
        // One layer at 50%: about 128; two layers: about 64.
        #expect(abs(Int(image[sx, sy].red) - 128) <= 3)
        #expect(abs(Int(image[dx, dy].red) - 64) <= 3)
    }

    @Test("rendering at scale 2 doubles the pixel size and keeps the layout")
    func scaleTwo() throws {
        let one = try TestSupport.png(Figure(Self.diagonal))
        let two = try TestSupport.png(Figure(Self.diagonal), scale: 2)
        #expect(two.width == 1280 && two.height == 960)
        let f1 = try #require(TestSupport.frame(in: one, fromX: 200, fromY: 150))
        let f2 = try #require(TestSupport.frame(in: two, fromX: 400, fromY: 300))
        #expect(abs(f2.left - 2 * f1.left) <= 2)
        #expect(abs(f2.right - 2 * f1.right) <= 2)
        #expect(abs(f2.top - 2 * f1.top) <= 2)
        #expect(abs(f2.bottom - 2 * f1.bottom) <= 2)
    }

    @Test("SVG and PDF output are well-formed documents of the right page size")
    func vectorFormats() throws {
        let svg = try Figure(Self.diagonal).render(RenderSettings(format: .svg))
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.hasPrefix("<?xml"))
        #expect(text.contains("<svg"))
        // 640×480 canvas units at 0.72 pt each.
        #expect(text.contains("width=\"460.8pt\""))
        #expect(text.contains("height=\"345.6pt\""))
        let pdf = try Figure(Self.diagonal).render(RenderSettings(format: .pdf))
        #expect(Array(pdf.prefix(5)) == Array("%PDF-".utf8))
        #expect(String(decoding: pdf, as: UTF8.self).contains("/MediaBox [ 0 0 460.8 345.6 ]"))
    }

    @Test("impossible canvases throw PlottingError instead of crashing", arguments: [
        RenderSettings(width: 0, height: 480),
        RenderSettings(width: 640, height: -1),
        RenderSettings(width: 100_000, height: 100_000),
        RenderSettings(width: 640, height: 480, scale: 0),
        RenderSettings(width: 640, height: 480, scale: .nan),
        RenderSettings(width: 640, height: 480, scale: .infinity),
        RenderSettings(width: 30_000, height: 30_000),
        RenderSettings(width: 0, height: 0, format: .svg),
        RenderSettings(width: 640, height: 0, format: .pdf),
    ])
    func impossibleSurface(settings: RenderSettings) {
        #expect(throws: PlottingError.self) { try Figure(Self.diagonal).render(settings) }
    }

    @Test("Cairo failures carry Cairo's own status text")
    func cairoStatusText() {
        let error = #expect(throws: PlottingError.self) {
            try PlottingError.check(CAIRO_STATUS_NO_MEMORY, "testing")
        }
        #expect(error?.description == "cairo failed during testing: out of memory")
    }

    @Test("garbage is rejected by the PNG decoder with an error (PNGDecoderTests checks the messages)")
    func badPNG() {
        #expect(throws: PlottingError.self) { try RasterImage(png: [1, 2, 3, 4]) }
    }
}

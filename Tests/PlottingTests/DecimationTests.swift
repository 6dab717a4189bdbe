import Testing
@testable import Plotting

@Suite("Decimation")
struct DecimationTests {
    @Test("many vertices in one column become its two extremes, in order")
    func oneColumn() {
        var decimator = PolylineDecimator(columnWidth: 1)
        for (x, y) in [(0.1, 5.0), (0.2, 9.0), (0.3, 1.0), (0.4, 4.0), (0.5, 6.0)] { decimator.add(Point(x: x, y: y)) }
        #expect(decimator.finish() == [[Point(x: 0.2, y: 9), Point(x: 0.3, y: 1)]])
    }

    @Test("one or two vertices per column are kept exactly")
    func sparseExact() {
        var decimator = PolylineDecimator(columnWidth: 1)
        let points = (0..<20).map { Point(x: Double($0) * 0.5, y: Double($0 % 3)) }
        for p in points { decimator.add(p) }
        #expect(decimator.finish() == [points])
    }

    @Test("a non-finite vertex splits the polyline")
    func split() {
        var decimator = PolylineDecimator(columnWidth: 1)
        for p in [Point(x: 0, y: 0), Point(x: 1, y: 1), Point(x: .nan, y: 2), Point(x: 3, y: 3), Point(x: 4, y: .infinity)] {
            decimator.add(p)
        }
        #expect(decimator.finish() == [[Point(x: 0, y: 0), Point(x: 1, y: 1)], [Point(x: 3, y: 3)]])
    }

    @Test("clipping keeps the visible part of a segment exactly")
    func clipping() {
        let rect = Rect(x: 0, y: 0, width: 10, height: 10)
        let clipped = PolylineClipper.clip([Point(x: -10, y: 5), Point(x: 20, y: 5), Point(x: 20, y: 50)], to: rect)
        #expect(clipped == [[Point(x: 0, y: 5), Point(x: 10, y: 5)]])
        #expect(PolylineClipper.clipSegment(Point(x: -1, y: -1), Point(x: -2, y: 20), to: rect) == nil)
    }

    /// 60,000 points put about 100 in each pixel column of the plot, fifty times what decimation
    /// keeps. Drawing them undecimated is Cairo's rasteriser filling every overlapping edge: 2 s
    /// here, 13 s for 250,000, and more points prove nothing more, since the decimated line's cost
    /// does not grow with them (see "a million-point line issues at most two segments per pixel column").
    @Test("a decimated 60,000-point noisy series renders like the full polyline")
    func manyPointsLookTheSame() throws {
        let n = 60_000
        var rng = SplitMix64(seed: 11)
        var y = [Double](repeating: 0, count: n)
        var walk = 0.0
        for i in 0..<n {
            walk += Double.random(in: -1...1, using: &rng)
            y[i] = walk + 20 * Double.random(in: -1...1, using: &rng)
        }
        var full = LineSeries(y: y)
        full.decimate = false
        let settings = RenderSettings(width: 640, height: 480)
        let decimatedImage = try RasterImage(png: Figure(Chart(lines: [LineSeries(y: y)])).render(settings))
        let fullImage = try RasterImage(png: Figure(Chart(lines: [full])).render(settings))
        let rms = try #require(PixelComparison(expected: fullImage, actual: decimatedImage)?.rms)
        // What "small" means: the full drawing moved by a single pixel differs far more.
        // (Measured: about 6.0 against 28 for a one-pixel shift.) The remaining difference is
        // antialiasing along the band's edges, where one stroke replaces many overlapping ones.
        let shifted = RasterImage(width: fullImage.width, height: fullImage.height, pixels: (0..<fullImage.height).flatMap { y in
            (0..<fullImage.width).map { x in fullImage[max(0, x - 1), y] }
        })
        let onePixelShift = try #require(PixelComparison(expected: fullImage, actual: shifted)?.rms)
        #expect(rms < 8, "RMS difference \(rms)")
        #expect(rms < onePixelShift / 3, "RMS \(rms) is not small next to a one-pixel shift")
        // Almost no pixel changes by more than half the range.
        let large = zip(decimatedImage.pixels, fullImage.pixels).filter { a, b in
            max(abs(Int(a.red) - Int(b.red)), abs(Int(a.green) - Int(b.green)), abs(Int(a.blue) - Int(b.blue))) > 128
        }.count
        #expect(Double(large) / Double(fullImage.pixels.count) < 0.001)
    }
}

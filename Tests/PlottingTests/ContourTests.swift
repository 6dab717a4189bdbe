import Foundation
import Testing
@testable import Plotting

@Suite("Scalar fields and contours")
struct ContourTests {
    @Test("a plane's contour is one straight open line across the grid")
    func plane() {
        let field = ScalarField(xRange: 0...1, yRange: 0...2, nx: 11, ny: 21) { x, _ in x }
        let lines = field.contours(at: 0.55)
        #expect(lines.count == 1)
        let line = lines[0]
        #expect(line.count == 21)
        #expect(line.allSatisfy { abs($0.x - 0.55) < 1e-12 })
        let ys = line.map(\.y).sorted()
        #expect(ys.first == 0 && ys.last == 2)
    }

    @Test("a grid sampled four points at a time holds each point's value in place, the last lanes of a row dropped")
    func sampledByLanes() {
        // 11 columns: two rows of four lanes and three of a third.
        let values = ScalarField.values(xRange: 0...1, yRange: 0...2, nx: 11, ny: 5) { x, y in x + 10 * y }
        #expect(values.count == 11 * 5)
        for j in 0..<5 {
            for i in 0..<11 {
                #expect(values[j * 11 + i] == Double(i) / 10 + 10 * (2 * Double(j) / 4), "(\(i), \(j))")
            }
        }
    }

    @Test("a paraboloid's contour is a closed loop close to the true circle")
    func circle() {
        let field = ScalarField(xRange: -1...1, yRange: -1...1, nx: 81, ny: 81) { x, y in x * x + y * y }
        let lines = field.contours(at: 0.25)
        #expect(lines.count == 1)
        let loop = lines[0]
        #expect(loop.first == loop.last)
        #expect(loop.count > 50)
        for p in loop {
            #expect(abs((p.x * p.x + p.y * p.y).squareRoot() - 0.5) < 0.002)
        }
    }

    @Test("levels outside the values give no contour; NaN samples are skipped")
    func outside() {
        var values = [Double](repeating: 1, count: 9)
        values[4] = .nan
        let field = ScalarField(xRange: 0...1, yRange: 0...1, nx: 3, ny: 3, values: values)
        #expect(field.contours(at: 5).isEmpty)
        #expect(field.contours(at: .nan).isEmpty)
        #expect(field.effectiveValueRange == 1...1)
    }

    @Test("bilinear interpolation reproduces a bilinear function exactly")
    func interpolation() {
        let field = ScalarField(xRange: 0...4, yRange: -1...1, nx: 5, ny: 3) { x, y in 2 * x - 3 * y + 0.5 * x * y }
        for (x, y) in [(0.3, 0.2), (3.9, -0.95), (2.0, 0.0), (4.0, 1.0)] {
            #expect(abs(field.value(atX: x, y: y) - (2 * x - 3 * y + 0.5 * x * y)) < 1e-12)
        }
        #expect(field.value(atX: 5, y: 0).isNaN)
    }

    @Test("diverging colormap passes through its three colours")
    func colormap() {
        let map = Colormap.diverging(low: .tabBlue, mid: .white, high: .tabRed)
        #expect(map.color(at: 0) == .tabBlue)
        #expect(map.color(at: 0.5) == .white)
        #expect(map.color(at: 1) == .tabRed)
        #expect(map.color(at: -3) == .tabBlue)
        #expect(map.color(at: 7) == .tabRed)
        #expect(map.color(at: 0.25) == Color.tabBlue.mixed(with: .white, 0.5))
        #expect(map.color(at: .nan).alpha == 0)
    }

    @Test("the field image, contour line and colour bar appear in the PNG")
    func fieldPixels() throws {
        let low = Color(hex: 0x0000FF), high = Color(hex: 0xFF0000)
        let map = Colormap.diverging(low: low, mid: .white, high: high)
        // A bowl: lowest (blue) in the middle, highest (red) in the corners, with a circular
        // contour of radius 0.2 that neither frame-finding walk from (0.1, 0.1) crosses.
        let f = { (x: Double, y: Double) in (x - 0.5) * (x - 0.5) + (y - 0.5) * (y - 0.5) }
        let field = ScalarField(xRange: 0...1, yRange: 0...1, nx: 41, ny: 41, colormap: map,
                                contourLevels: [0.04], f)
        #expect(field.effectiveValueRange == 0...0.5)
        let chart = Chart(field: field, colorBar: ColorBar(for: field, label: "value"))
        let image = try TestSupport.png(Figure(chart))
        let frame = try #require(TestSupport.frame(in: image, fromX: 110, fromY: 390))
        for (x, y) in [(0.5, 0.5), (0.05, 0.05), (0.9, 0.2), (0.3, 0.6), (0.97, 0.97)] {
            let (px, py) = frame.pixel(x: x, y: y, xDomain: 0...1, yDomain: 0...1)
            let expected = map.color(at: f(x, y) / 0.5)
            #expect(image[px, py].distance(to: expected) < 8, "field colour at (\(x), \(y)): \(image[px, py])")
        }
        let (cx, cy) = frame.pixel(x: 0.5, y: 0.3, xDomain: 0...1, yDomain: 0...1)
        #expect(image[cx, cy].isDark, "the contour through (0.5, 0.3) is missing")
        // The colour bar sits right of the frame: red at its top, blue at its bottom.
        let barX = (frame.right + 1..<image.width).first { x in
            image[x, frame.top + 3].distance(to: high) < 30
        }
        let bx = try #require(barX)
        #expect(image[bx + 3, frame.bottom - 3].distance(to: low) < 30)
        #expect(image[bx + 3, (frame.top + frame.bottom) / 2].distance(to: .white) < 30)
    }
}

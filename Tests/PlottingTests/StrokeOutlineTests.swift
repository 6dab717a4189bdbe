import CCairo
import Foundation
import Testing
@testable import Plotting

@Suite("Stroke outlines")
struct StrokeOutlineTests {
    static func signedArea(_ points: [Point]) -> Double {
        zip(points, points.dropFirst() + points.prefix(1)).reduce(0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y } / 2
    }

    /// The signed area of a disc traced as Cairo's `cairo_arc` traces it, by increasing angle.
    static let discWinding = signedArea((0..<8).map { k in
        let angle = Double(k) * .pi / 4
        return Point(x: cos(angle), y: sin(angle))
    })

    let polyline = [Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 10)]

    @Test("an open polyline: a rectangle per segment, a disc per join and per round end")
    func openPolyline() {
        let round = StrokeOutline(subpaths: [(polyline, false)], width: 2, cap: .round)
        #expect(round.quads.count == 2)
        #expect(Set(round.discs.map(\.center)) == Set(polyline) && round.discs.count == 3)
        #expect(round.quads[0].corners == [Point(x: 0, y: -1), Point(x: 10, y: -1), Point(x: 10, y: 1), Point(x: 0, y: 1)])

        let butt = StrokeOutline(subpaths: [(polyline, false)], width: 2, cap: .butt)
        #expect(butt.discs == [.init(center: Point(x: 10, y: 0), radius: 1)], "only the join")

        let square = StrokeOutline(subpaths: [(polyline, false)], width: 2, cap: .square)
        #expect(square.quads[0].corners[0] == Point(x: -1, y: -1), "the first segment reaches back by half the width")
        #expect(square.quads[1].corners[1] == Point(x: 11, y: 11), "the last reaches on")
    }

    @Test("every shape winds as discs do, so that non-zero filling unites them")
    func windingAgrees() {
        let triangle = [Point(x: 0, y: 0), Point(x: 5, y: 9), Point(x: 9, y: 2)]
        for points in [polyline, triangle, polyline.reversed(), triangle.reversed()] {
            let outline = StrokeOutline(subpaths: [(points, true)], width: 3, cap: .round)
            #expect(outline.quads.count == 3 && outline.discs.count == 3, "closed: a join at every corner, no ends")
            for quad in outline.quads {
                #expect(Self.signedArea(quad.corners) * Self.discWinding > 0)
            }
        }
    }

    @Test("degenerate paths draw what Cairo draws: nothing for a lone point, a dot for a zero-length segment")
    func degenerate() {
        let point = Point(x: 3, y: 4)
        #expect(StrokeOutline(subpaths: [([point], false)], width: 2, cap: .round) == StrokeOutline(subpaths: [], width: 2, cap: .round))
        let dot = StrokeOutline(subpaths: [([point, point], false)], width: 2, cap: .round)
        #expect(dot.quads.isEmpty && dot.discs == [.init(center: point, radius: 1)])
        #expect(StrokeOutline(subpaths: [([point, point], false)], width: 2, cap: .butt).discs.isEmpty)
        #expect(StrokeOutline(subpaths: [([point, point], false)], width: 2, cap: .square).quads.count == 1)
        #expect(StrokeOutline(subpaths: [(polyline, false)], width: 0, cap: .round).discs.isEmpty)
    }

    @Test("a circle narrower than its stroke strokes as a full disc")
    func narrowCircleIsADisc() throws {
        let image = try Self.rendered(fillsStrokes: true) { backend in
            backend.addCircle(center: Point(x: 200, y: 150), radius: 2)
            backend.stroke(color: .black, width: 8)
        }
        #expect(image[200, 150] == RasterImage.Pixel(red: 0, green: 0, blue: 0), "every point within 4 of the circle is covered")
        #expect(image[200, 144].red < 255 && image[200, 143] == RasterImage.Pixel(red: 255, green: 255, blue: 255),
                "out to radius 6")
    }

    @Test("a join's polygon stays within the tolerance of its circle, with few corners", arguments: [0.3, 0.75, 1.5, 4, 40])
    func polygonWithinTolerance(radius: Double) {
        let corners = StrokeOutline.polygonCorners(radius: radius, tolerance: 0.1)
        // A regular polygon's edge comes closest to the centre at its middle: r·cos(π/n).
        let deviation = radius * (1 - cos(Double.pi / Double(corners.count)))
        #expect(radius <= 0.1 || deviation <= 0.1, "\(corners.count) corners at radius \(radius)")
        let fewer = radius * (1 - cos(Double.pi / Double(corners.count - 1)))
        #expect(corners.count == 4 || fewer > 0.1, "no more corners than the tolerance needs")
        #expect(corners.allSatisfy { abs($0.x * $0.x + $0.y * $0.y - 1) < 1e-12 })
        #expect(Self.signedArea(corners) * Self.discWinding > 0)
    }

    /// What `draw` paints on a white 400×300 canvas, with strokes filled as outlines or stroked by Cairo.
    static func rendered(fillsStrokes: Bool, _ draw: (CairoBackend) -> Void) throws -> RasterImage {
        let surface = try #require(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 300))
        defer { cairo_surface_destroy(surface) }
        let context = try #require(cairo_create(surface))
        defer { cairo_destroy(context) }
        let backend = CairoBackend(context: context, font: try Font.load(path: Font.dejaVuSansPath), fillsStrokes: fillsStrokes)
        backend.fillRect(Rect(x: 0, y: 0, width: 400, height: 300), color: .white)
        draw(backend)
        try backend.checkStatus()
        cairo_surface_flush(surface)
        return try RasterImage(png: PNGEncoder.encode(surface: surface))
    }

    @Test("the filled outline covers what Cairo's stroker covers", arguments: [0.8, 1.5, 3, 8])
    func matchesCairosStroke(width: Double) throws {
        let noise = TestSupport.noise(count: 1200, seed: 3)
        func draw(_ backend: CairoBackend) {
            for (k, cap) in [LineCap.round, .butt, .square].enumerated() {
                backend.move(to: Point(x: 20, y: 50 + 90 * Double(k)))
                for i in 0..<400 {
                    // A falling curve with noise of a few pixels, like a decimated loss curve.
                    let x = 0.9 * Double(i)
                    backend.line(to: Point(x: 20 + x, y: 20 + 90 * Double(k) + 60 * exp(-x / 60) + 4 * noise[400 * k + i]))
                }
                backend.stroke(color: k == 1 ? Color(red: 0.12, green: 0.47, blue: 0.71, alpha: 0.6) : .tabBlue, width: width, cap: cap)
            }
            backend.strokeRect(Rect(x: 380, y: 20, width: 15, height: 260), color: .black, width: width)
            // Marker edges: a path of circles alone strokes as rings. (Narrower than the line,
            // a circle's stroke is a full disc; Cairo's stroker leaves a hole in it, wrongly.)
            for k in 0..<12 {
                backend.addCircle(center: Point(x: 30 + 28.5 * Double(k), y: 285), radius: width / 2 + 1 + Double(k) / 2)
                if k % 3 == 2 { backend.stroke(color: Color(red: 0.8, green: 0.1, blue: 0.1, alpha: 0.5), width: width) }
            }
        }
        let ours = try Self.rendered(fillsStrokes: true, draw)
        let cairos = try Self.rendered(fillsStrokes: false, draw)
        let comparison = try #require(PixelComparison(expected: cairos, actual: ours))
        // The two differ only in how the round parts are tessellated: edge pixels by a few levels
        // (up to 29 at width 8, where this jagged line is mostly edge), never a covered pixel missed.
        let worst = zip(ours.pixels, cairos.pixels).map { a, b in
            max(abs(Int(a.red) - Int(b.red)), abs(Int(a.green) - Int(b.green)), abs(Int(a.blue) - Int(b.blue)))
        }.max() ?? 0
        #expect(comparison.rms < 1, "RMS \(comparison.rms)")
        #expect(worst <= 40, "largest channel difference \(worst)")
        #expect(comparison.differingPixels > 0, "the strokes were drawn two ways")
    }
}

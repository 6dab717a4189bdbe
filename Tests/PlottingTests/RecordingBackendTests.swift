import Foundation
import Testing
@testable import Plotting

@Suite("Recording backend")
struct RecordingBackendTests {
    static func record(_ figure: Figure, width: Double = 640, height: Double = 480, scale: Double = 1) -> RecordingBackend {
        let backend = RecordingBackend()
        figure.draw(on: backend, width: width, height: height, pixelsPerUnit: scale)
        return backend
    }

    @Test("a million-point line issues at most two segments per pixel column")
    func millionPoints() {
        let n = 1_000_000  // about 2,000 per pixel column: what holds for a million holds for more
        var y = [Double](repeating: 0, count: n)
        var state: UInt64 = 1
        for i in 0..<n {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            y[i] = Double(i) / Double(n) + Double(state >> 40) / Double(1 << 24) * 0.1
        }
        let backend = Self.record(Figure(Chart(lines: [LineSeries(y: y, color: .tabRed)])))
        let segments = backend.strokedSegmentCount(color: .tabRed)
        // The plot area is narrower than the 640-unit canvas, so 2 × 640 is a safe ceiling.
        #expect(segments <= 2 * 640)
        // And the line is really there: roughly two vertices for every column it spans.
        #expect(segments >= 2 * 400)
        let vertices = backend.strokedPolylines(color: .tabRed).flatMap { $0 }
        let columns = Dictionary(grouping: vertices, by: { Int($0.x.rounded(.down)) })
        #expect(columns.values.allSatisfy { $0.count <= 2 })
    }

    @Test("at scale 2 decimation keeps two vertices per device pixel, twice as many per unit")
    func scaleTwoColumns() {
        let y = (0..<200_000).map { Double($0 % 1000) }
        let one = Self.record(Figure(Chart(lines: [LineSeries(y: y, color: .tabRed)])))
        let two = Self.record(Figure(Chart(lines: [LineSeries(y: y, color: .tabRed)])), scale: 2)
        let n1 = one.strokedSegmentCount(color: .tabRed)
        let n2 = two.strokedSegmentCount(color: .tabRed)
        #expect(n2 > n1 * 3 / 2 && n2 <= 2 * 2 * 640)
    }

    @Test("a short series is drawn with every vertex, untouched")
    func shortSeriesExact() {
        let backend = Self.record(Figure(Chart(lines: [LineSeries(y: [3, 1, 4, 1, 5], color: .tabRed)])))
        let lines = backend.strokedPolylines(color: .tabRed)
        #expect(lines.count == 1)
        #expect(lines[0].count == 5)
        // x = index, evenly spaced.
        let dx = zip(lines[0], lines[0].dropFirst()).map { $1.x - $0.x }
        #expect(dx.allSatisfy { abs($0 - dx[0]) < 1e-9 && $0 > 0 })
        #expect(backend.clipDepth == 0)
    }

    @Test("NaN and infinite values break the line, like matplotlib")
    func nanBreaks() {
        let backend = Self.record(Figure(Chart(lines: [LineSeries(y: [1, 2, .nan, 3, 4, .infinity, 5, 6], color: .tabRed)])))
        let lines = backend.strokedPolylines(color: .tabRed)
        #expect(lines.map(\.count) == [2, 2, 2])
    }

    @Test("the axes get nice ticks for a 10000-epoch loss curve")
    func lossAxisLabels() {
        let y: [Double] = (0...10000).map { (epoch: Int) -> Double in 0.8 * Double(10000 - epoch) / 10000 }
        let texts = Self.record(Figure(Chart(lines: [LineSeries(y: y)]))).texts
        for label in ["0", "2000", "4000", "6000", "8000", "10000", "0.0", "0.1", "0.4", "0.8"] {
            #expect(texts.contains(label), "missing tick label \(label) in \(texts)")
        }
        #expect(!texts.contains("0.9"))
    }

    @Test("a log axis over a falling loss has decade labels and no non-positive trouble")
    func logAxis() {
        var y = (0..<1000).map { 0.8 * pow(10.0, -2.4 * Double($0) / 999) }
        y[10] = 0
        y[20] = -1
        let chart = Chart(yAxis: Axis(label: "loss", scale: .log), lines: [LineSeries(y: y, color: .tabRed)])
        let backend = Self.record(Figure(chart))
        // Decade labels are drawn as "10" followed by a smaller, raised exponent.
        let drawn = backend.texts.joined(separator: "|")
        #expect(drawn.contains("10|\u{2212}2|10|\u{2212}1|10|0"), "\(drawn)")
        // The two non-positive values break the line twice.
        #expect(backend.strokedPolylines(color: .tabRed).count == 3)
    }

    @Test("degenerate data gives sensible axes", arguments: [
        ("empty", [Double]()), ("single", [3.0]), ("constant", [2.0, 2, 2, 2]), ("all NaN", [Double.nan, .nan]),
        ("infinities", [1, .infinity, -.infinity, 2]),
    ] as [(String, [Double])])
    func degenerate(name: String, y: [Double]) {
        for scale in [AxisScale.linear, .log] {
            let chart = Chart(yAxis: Axis(scale: scale), lines: [LineSeries(y: y, color: .tabRed)],
                              scatters: [ScatterSeries(x: y.indices.map(Double.init), y: y)])
            let backend = Self.record(Figure(chart))
            let texts = backend.texts
            #expect(texts.count >= 4, "\(name) on \(scale) axis has too few labels: \(texts)")
            #expect(backend.clipDepth == 0)
            for primitive in backend.primitives {
                if case let .line(p) = primitive { #expect(p.x.isFinite && p.y.isFinite) }
                if case let .move(p) = primitive { #expect(p.x.isFinite && p.y.isFinite) }
                if case let .text(_, p, _, _, _, _) = primitive { #expect(p.x.isFinite && p.y.isFinite) }
            }
        }
    }

    @Test("a constant series is centred with labels around its value")
    func constantSeries() {
        let texts = Self.record(Figure(Chart(lines: [LineSeries(y: [2, 2, 2])]))).texts
        #expect(texts.contains("2.00"))
        #expect(texts.contains("1.90"))
        #expect(texts.contains("2.10"))
    }

    @Test("a single point is drawn as a dot")
    func singlePoint() {
        let backend = Self.record(Figure(Chart(lines: [LineSeries(y: [3], color: .tabRed)])))
        let lines = backend.strokedPolylines(color: .tabRed)
        #expect(lines.count == 1)
        #expect(lines.first?.count == 2)
        #expect(lines.first?.first == lines.first?.last)
    }

    @Test("data far outside a fixed range is clipped to small coordinates")
    func farOutside() {
        let chart = Chart(xAxis: Axis(range: 0...1), yAxis: Axis(range: 0...1),
                          lines: [LineSeries(x: [0, 0.5, 1], y: [0, 1e12, 0], color: .tabRed)])
        let backend = Self.record(Figure(chart))
        let points = backend.strokedPolylines(color: .tabRed).flatMap { $0 }
        #expect(!points.isEmpty)
        #expect(points.allSatisfy { abs($0.x) < 2000 && abs($0.y) < 2000 })
    }

    @Test("legend lists labelled series and avoids the data")
    func legend() {
        let rising = (0..<100).map { Double($0) }
        let chart = Chart(lines: [LineSeries(y: rising, color: .tabRed, label: "rising")],
                          scatters: [ScatterSeries(points: [(5, 97)], color: .tabGreen, label: "point")])
        let backend = Self.record(Figure(chart))
        #expect(backend.texts.contains("rising"))
        #expect(backend.texts.contains("point"))
        // The line runs from lower left to upper right, and a point sits upper left, so the
        // best corner is the lower right: the legend text is right of centre and low.
        let positions = backend.primitives.compactMap { p -> Point? in
            if case let .text("rising", at, _, _, _, _) = p { at } else { nil }
        }
        let at = try! #require(positions.first)
        #expect(at.x > 320 && at.y > 240)
    }

    @Test("no legend without labels, or when turned off")
    func noLegend() {
        let unlabeled = Self.record(Figure(Chart(lines: [LineSeries(y: [1, 2])])))
        let off = Self.record(Figure(Chart(lines: [LineSeries(y: [1, 2], label: "a")], showLegend: false)))
        #expect(!off.texts.contains("a"))
        #expect(unlabeled.primitives.filter { if case .fill = $0 { true } else { false } }.isEmpty)
    }

    @Test("a grid of panels draws every title and aligns plot areas per column")
    func grid() {
        let panels = (0..<4).map { k in
            Chart(title: "panel \(k)", lines: [LineSeries(y: [0, Double(k + 1) * 1000], color: .tabRed)])
        }
        let backend = Self.record(Figure(grid: panels, columns: 2, title: "all"), width: 1000, height: 800)
        for k in 0..<4 { #expect(backend.texts.contains("panel \(k)")) }
        #expect(backend.texts.contains("all"))
        let starts = backend.strokedPolylines(color: .tabRed).map { $0[0] }
        #expect(starts.count == 4)
        // Panels 0 and 2 share a column, so their lines start at the same x.
        #expect(abs(starts[0].x - starts[2].x) < 1e-9)
        #expect(abs(starts[1].x - starts[3].x) < 1e-9)
        #expect(starts[1].x > 500)
    }

    @Test("every text stays on the canvas at sizes from 200×150 to 4000×3000", arguments: [
        (200.0, 150.0), (320.0, 240.0), (640.0, 480.0), (1920.0, 1080.0), (4000.0, 3000.0),
    ])
    func textOnCanvas(size: (Double, Double)) {
        let field = ScalarField(xRange: 0...12345.678, yRange: 0...12345.678, nx: 3, ny: 3) { x, y in x - y }
        let chart = Chart(title: "A rather long title for such a small chart", xAxis: Axis(label: "epoch"),
                          yAxis: Axis(label: "loss, averaged over the whole batch"),
                          lines: [LineSeries(y: [0, 12345.678], label: "loss")], field: field,
                          colorBar: ColorBar(for: field, label: "difference between the inputs"))
        let backend = Self.record(Figure(chart), width: size.0, height: size.1)
        for primitive in backend.primitives {
            guard case let .text(text, at, fontSize, _, anchor, rotation) = primitive else { continue }
            let m = backend.measureText(text, size: fontSize)
            if rotation == 0 {
                let left: Double = switch anchor.horizontal {
                case .left: at.x
                case .center: at.x - m.width / 2
                case .right: at.x - m.width
                }
                #expect(left >= 0 && left + m.width <= size.0, "\(text) is cut at the side")
                let top: Double = switch anchor.vertical {
                case .top: at.y
                case .middle: at.y - m.ascent / 2
                case .baseline: at.y - m.ascent
                case .bottom: at.y - m.height
                }
                #expect(top >= 0 && top + m.height <= size.1, "\(text) is cut at the top or bottom")
            } else {
                // Rotated a quarter turn: the text's height runs along x, its width along y.
                let left = anchor.vertical == .top ? at.x : at.x - m.height
                #expect(left >= 0 && left + m.height <= size.0, "\(text) is cut at the side")
                #expect(at.y - m.width / 2 >= 0 && at.y + m.width / 2 <= size.1, "\(text) is cut vertically")
            }
        }
    }

    @Test("exponents are split off and drawn smaller on a raised baseline")
    func exponentLabels() {
        #expect(Label.split("10⁻³") == ("10", "\u{2212}3"))
        #expect(Label.split("×10⁶") == ("×10", "6"))
        #expect(Label.split("0.5") == ("0.5", ""))
        #expect(Label.split("⁻") == ("⁻", ""))
        let backend = RecordingBackend()
        Label.draw("10⁻³", at: Point(x: 100, y: 50), size: 10, color: .black, anchor: .middleRight, on: backend)
        guard case let .text("10", base, 10, _, _, _) = backend.primitives[0],
              case let .text("\u{2212}3", exponent, size, _, _, _) = backend.primitives[1] else {
            Issue.record("unexpected primitives \(backend.primitives)")
            return
        }
        #expect(size == 7)
        #expect(exponent.y == base.y - 4)
        #expect(abs(exponent.x + backend.measureText("\u{2212}3", size: 7).width - 100) < 1e-9)
    }
}

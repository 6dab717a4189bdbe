import Backprop
import Foundation
@testable import Plotting
@testable import ReportKit
import Testing

/// The network picture: its model, its geometry on a recording backend, and Cairo's pixels.
@Suite("The network diagram")
struct NetworkDiagramTests {
    /// Records what the diagram draws; text is measured as a fixed share of its size per character.
    final class Recorder: DrawingBackend {
        struct Stroke { var points: [Point]; var color: Color; var width: Double }
        var path: [Point] = []
        var strokes: [Stroke] = []
        var images: [Rect] = []
        var boxes: [Rect] = []
        var texts: [String] = []

        func move(to point: Point) { path.append(point) }
        func line(to point: Point) { path.append(point) }
        func closePath() {}
        func addCircle(center: Point, radius: Double) {}
        func stroke(color: Color, width: Double, cap: LineCap) {
            strokes.append(Stroke(points: path, color: color, width: width))
            path = []
        }
        func fill(color: Color) { path = [] }
        func fillRect(_ rect: Rect, color: Color) { if color.alpha < 1 { boxes.append(rect) } }
        func drawImage(_ image: RasterImage, in rect: Rect, smooth: Bool) { images.append(rect) }
        func drawText(_ text: String, at point: Point, size: Double, color: Color, anchor: TextAnchor, rotation: Double) {
            texts.append(text)
        }
        func measureText(_ text: String, size: Double) -> TextMetrics {
            TextMetrics(width: 0.6 * size * Double(text.count), ascent: 0.93 * size, descent: 0.24 * size)
        }
        func pushClip(_ rect: Rect) {}
        func popClip() {}
    }

    /// Forwards to Cairo and keeps where each map's image went: unit by unit, in the diagram's order.
    final class Tap: DrawingBackend {
        let inner: any DrawingBackend
        var images: [Rect] = []
        init(_ inner: any DrawingBackend) { self.inner = inner }
        func move(to point: Point) { inner.move(to: point) }
        func line(to point: Point) { inner.line(to: point) }
        func closePath() { inner.closePath() }
        func addCircle(center: Point, radius: Double) { inner.addCircle(center: center, radius: radius) }
        func stroke(color: Color, width: Double, cap: LineCap) { inner.stroke(color: color, width: width, cap: cap) }
        func fill(color: Color) { inner.fill(color: color) }
        func fillRect(_ rect: Rect, color: Color) { inner.fillRect(rect, color: color) }
        func drawImage(_ image: RasterImage, in rect: Rect, smooth: Bool) {
            images.append(rect)
            inner.drawImage(image, in: rect, smooth: smooth)
        }
        func drawText(_ text: String, at point: Point, size: Double, color: Color, anchor: TextAnchor, rotation: Double) {
            inner.drawText(text, at: point, size: size, color: color, anchor: anchor, rotation: rotation)
        }
        func measureText(_ text: String, size: Double) -> TextMetrics { inner.measureText(text, size: size) }
        func pushClip(_ rect: Rect) { inner.pushClip(rect) }
        func popClip() { inner.popClip() }
    }

    static func run(hidden: Int = 2, activation: Activation = .sigmoid, iterations: Int = 50) throws -> TrainingRun {
        try InProcess.train(RunSpec(iterations: Iterations(iterations)!, hidden: HiddenUnits(hidden)!,
                                    activation: activation)).run
    }

    /// The notebook's trained network: seed 4, 10,000 iterations.
    static let notebookRun = Result { try InProcess.train().run }

    static func recorded(_ run: TrainingRun, width: Double = 640, height: Double = 480) -> Recorder {
        let recorder = Recorder()
        RunCharts.network(run.final, run: run, title: nil).draw(on: recorder, width: width, height: height)
        return recorder
    }

    static func disjoint(_ a: Rect, _ b: Rect) -> Bool {
        a.maxX <= b.minX || b.maxX <= a.minX || a.maxY <= b.minY || b.maxY <= a.minY
    }

    @Test("one map per unit: two inputs, n_h hidden units and the output", arguments: [1, 2, 16])
    func unitMaps(hidden: Int) throws {
        let run = try Self.run(hidden: hidden, iterations: 5)
        let diagram = NetworkDiagram(run.final, activation: .sigmoid, data: run.data, domain: RunCharts.paddedDomain(run.data))
        #expect(diagram.units.count == 2 + hidden + 1)
        #expect(diagram.edges.count == 3 * hidden)
        #expect(Self.recorded(run).images.count == 2 + hidden + 1, "each unit's field drawn once")
    }

    @Test("edges: coloured by sign, width proportional to |weight|, a hairline at least; every weight and bias printed")
    func edges() throws {
        // Weights of both signs and of sizes from 0 to the largest.
        let parameters = Parameters(hidden: 3, w1: [4, -2, 0, 1, -0.5, 3], w2: [-8, 2, 0.01], b1: [0.5, -1, 0], b2: 1.25)
        let run = try Self.run(hidden: 3, iterations: 5)
        let recorder = Recorder()
        Figure(Chart(elements: [NetworkDiagram(parameters, activation: .sigmoid, data: run.data, domain: (0...1, 0...1))],
                     showLegend: false, showsAxes: false)).draw(on: recorder, width: 640, height: 480)
        let weights = [4, -2, 0, 1, -0.5, 3, -8, 2, 0.01]
        // The edges are the first strokes, in the model's order: inputs' weights unit by unit, then the output's.
        let edges = Array(recorder.strokes.prefix(weights.count))
        let widest = try #require(edges.map(\.width).max())
        for (edge, weight) in zip(edges, weights) {
            #expect(edge.color == (weight < 0 ? Palette.light.negative : Palette.light.positive))
            let expected = max(NetworkDiagram.hairline, widest * abs(weight) / 8)
            #expect(abs(edge.width - expected) < 1e-9, "weight \(weight)")
            #expect(edge.points.count == 2)
        }
        #expect(edges[6].width == widest, "the largest |weight| (−8) is the widest edge")
        #expect(edges[2].width == NetworkDiagram.hairline, "a zero weight stays visible")
        for text in ["4.00", "−2.00", "0.00", "−0.50", "−8.00", "0.01", "h1 b=0.50", "h2 b=−1.00", "ŷ b=1.25"] {
            #expect(recorder.texts.contains(text), "\(text) printed")
        }
        #expect(recorder.texts.contains { $0.contains("widest 8.00") }, "the key names the widest weight")
    }

    @Test("a hidden unit's line w·x + b = 0 crosses its map, or is absent when it misses the square")
    func zeroLine() throws {
        let run = try Self.run(iterations: 5)
        let diagram = NetworkDiagram(run.final, activation: .sigmoid, data: run.data, domain: (0...1, 0...1))
        let rect = Rect(x: 10, y: 10, width: 100, height: 100)
        let frame = PlotFrame(rect: rect, xScale: LinearScale(domain: 0...1, pixelStart: 10, pixelEnd: 110),
                              yScale: LinearScale(domain: 0...1, pixelStart: 110, pixelEnd: 10))
        // x0 + x1 = 1: the anti-diagonal, from the top-left corner to the bottom-right one.
        let (a, b) = try #require(diagram.zeroLine((1, 1, -1), frame: frame))
        let ends = [a, b].sorted { $0.x < $1.x }
        #expect(abs(ends[0].x - 10) < 1e-6 && abs(ends[0].y - 10) < 1e-6)
        #expect(abs(ends[1].x - 110) < 1e-6 && abs(ends[1].y - 110) < 1e-6)
        #expect(diagram.zeroLine((1, 1, 5), frame: frame) == nil, "x0 + x1 = −5 misses the square")
        #expect(diagram.zeroLine((0, 0, 1), frame: frame) == nil, "no line without weights")
    }

    @Test("16 hidden units, tanh and relu: the maps never overlap and stay on the canvas",
          arguments: [(16, Activation.sigmoid), (16, .tanh), (16, .relu), (8, .tanh), (8, .relu)])
    func noOverlap(hidden: Int, activation: Activation) throws {
        let run = try Self.run(hidden: hidden, activation: activation, iterations: 20)
        for (width, height) in [(640.0, 480.0), (320.0, 240.0)] {
            let maps = Self.recorded(run, width: width, height: height).images
            #expect(maps.count == hidden + 3)
            for (k, map) in maps.enumerated() {
                #expect(map.minX >= 0 && map.minY >= 0 && map.maxX <= width && map.maxY <= height)
                #expect(map.width > 4 && abs(map.width - map.height) <= 1, "a square of some size")
                for other in maps[(k + 1)...] { #expect(Self.disjoint(map, other), "\(map) and \(other)") }
            }
        }
    }

    @Test("the weights' labels do not overlap one another at the notebook's width")
    func labelsApart() throws {
        let recorder = Self.recorded(try Self.notebookRun.get())
        let boxes = recorder.boxes
        #expect(boxes.count == 6)
        for (k, box) in boxes.enumerated() {
            for other in boxes[(k + 1)...] { #expect(Self.disjoint(box, other)) }
            for map in recorder.images { #expect(Self.disjoint(box, map)) }
        }
    }

    /// The diagram of `run` drawn by Cairo, with where each map went.
    static func rendered(_ run: TrainingRun, settings: RenderSettings = RenderSettings()) throws -> (bytes: [UInt8], maps: [Rect]) {
        let canvas = try CairoCanvas(settings: settings)
        let tap = Tap(canvas.backend)
        RunCharts.network(run.final, run: run, title: nil)
            .draw(on: tap, width: Double(settings.width), height: Double(settings.height), pixelsPerUnit: settings.scale)
        return (try canvas.finish(), tap.images)
    }

    @Test("the notebook's trained network: each map shows its unit's values in the expected colours")
    func notebookColours() throws {
        let run = try Self.notebookRun.get()
        let (bytes, maps) = try Self.rendered(run)
        let image = try RasterImage(png: bytes)
        #expect(maps.count == 5)
        let domain = RunCharts.paddedDomain(run.data)
        enum Hue { case red, blue }
        func hue(at x: Double, _ y: Double, map: Rect) -> Hue? {
            // A little in from the training point, so that the marker does not hide the field.
            let (dx, dy) = (x < 0.5 ? 0.08 : -0.08, y < 0.5 ? 0.08 : -0.08)
            let px = map.minX + (x + dx - domain.x.lowerBound) / (domain.x.upperBound - domain.x.lowerBound) * map.width
            let py = map.maxY - (y + dy - domain.y.lowerBound) / (domain.y.upperBound - domain.y.lowerBound) * map.height
            let pixel = image[Int(px), Int(py)]
            let (r, b) = (Int(pixel.red), Int(pixel.blue))
            return r > b + 40 ? .red : b > r + 40 ? .blue : nil
        }
        let corners = [(0.0, 0.0), (0, 1), (1, 0), (1, 1)]
        let expected: [[Hue]] = [
            [.red, .red, .blue, .blue],   // x0
            [.red, .blue, .red, .blue],   // x1
            [.red, .blue, .blue, .blue],  // h1: w (7.45, 7.45), b −3.41, the OR unit
            [.red, .red, .red, .blue],    // h2: w (5.68, 5.67), b −8.68, the AND unit
            [.red, .blue, .blue, .red],   // ŷ: XOR
        ]
        for (unit, hues) in expected.enumerated() {
            for (corner, want) in zip(corners, hues) {
                #expect(hue(at: corner.0, corner.1, map: maps[unit]) == want, "unit \(unit) at \(corner)")
            }
        }
    }

    @Test("deterministic: two renders give the same bytes")
    func deterministic() throws {
        let run = try Self.run(hidden: 4, activation: .tanh, iterations: 30)
        let settings = RenderSettings(width: 320, height: 240)
        #expect(try Self.rendered(run, settings: settings).bytes == Self.rendered(run, settings: settings).bytes)
    }

    @Test("network-evolution.png's panels share one width scale, the largest |weight| of all snapshots, and the key says so")
    func sharedWidthScale() throws {
        let run = try InProcess.train(RunSpec(iterations: 400, evolution: true, snapshots: [0, 400])).run
        let figure = RunCharts.networkEvolution(run, epochs: [0, 400])
        let diagrams = figure.panels.map { $0.elements.first as! NetworkDiagram }
        #expect(diagrams.count == 2)
        let largest = run.snapshots.map { NetworkDiagram.largestWeight($0.parameters) }.max()!
        #expect(NetworkDiagram.largestWeight(run.snapshots[0].parameters) < largest, "the weights grow")
        for diagram in diagrams {
            #expect(diagram.largestWeight == largest && diagram.sharedScale)
            // The same weight is the same width in every panel.
            #expect(diagram.width(of: largest / 2, widest: 7) == diagrams[0].width(of: largest / 2, widest: 7))
        }
        let early = Recorder()
        Figure(figure.panels[0]).draw(on: early, width: 640, height: 480)
        #expect(early.texts.contains { $0.contains("widest \(NetworkDiagram.format(largest)) in every panel") })
        let alone = try #require(RunCharts.network(run.final, run: run, title: nil).panels.first?.elements.first as? NetworkDiagram)
        #expect(!alone.sharedScale, "network.png keeps its own scale")
    }

    @Test("at most pointsPerMap training points per map, an even, deterministic subsample in both classes")
    func subsample() {
        let n = 5000
        let data = Dataset(x0: (0..<n).map { Double($0) / Double(n) }, x1: (0..<n).map { Double($0 % 7) / 7 },
                           y: (0..<n).map { $0 < n / 2 ? 0 : 1 })
        let points = NetworkDiagram.mapPoints(data)
        #expect(points[0].count + points[1].count == NetworkDiagram.pointsPerMap)
        #expect(points[0].count > 100 && points[1].count > 100, "both classes kept")
        #expect(points[0].map(\.x) == NetworkDiagram.mapPoints(data)[0].map(\.x), "the same rows every time")
        // Spread over the whole set, not its first rows.
        #expect((points[0] + points[1]).map(\.x).max()! > 0.99)
        let four = NetworkDiagram.mapPoints(Dataset(gate: .xor))
        #expect(four[0].count + four[1].count == 4, "a small set is drawn whole")
    }
}

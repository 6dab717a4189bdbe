import Backprop
import Foundation
#if canImport(FoundationXML)
import FoundationXML  // XMLParser lives here on Linux
#endif
import Plotting
@testable import ReportKit
import Testing

@Suite("The computation graph of one training point")
struct ComputationGraphTests {
    /// One point's arrays, computed here by the notebook's formulas so the graph has real numbers.
    static func sample(hidden n: Int, activation: Activation = .sigmoid, j: Int = 0,
                       parameters: Parameters? = nil) -> ComputationGraph.SampleArrays {
        let p = parameters ?? Parameters(seed: 4, hidden: n), data = Dataset.xor
        let x = [data.x0[j], data.x1[j]], y = data.y[j]
        let w1x = (0..<n).map { p.w1[2 * $0] * x[0] + p.w1[2 * $0 + 1] * x[1] }
        let z1 = (0..<n).map { w1x[$0] + p.b1[$0] }, h1 = z1.map(activation.forward)
        let w2h1 = (0..<n).reduce(0.0) { $0 + p.w2[$1] * h1[$1] }
        let z2 = w2h1 + p.b2, yHat = Activation.sigmoid(z2)
        let loss = -(y * log(yHat) + (1 - y) * log(1 - yHat))
        let dz2 = yHat - y
        let dz1 = (0..<n).map { activation.backward(p.w2[$0] * dz2, z: z1[$0], h: h1[$0]) }
        return ComputationGraph.SampleArrays(
            x: x, y: y, w1: p.w1, b1: p.b1, w2: p.w2, b2: p.b2,
            w1x: w1x, z1: z1, h1: h1, w2h1: w2h1, z2: z2, yHat: yHat, loss: loss,
            dw1: (0..<2 * n).map { dz1[$0 / 2] * x[$0 % 2] }, db1: dz1, dz1: dz1, dh1: p.w2.map { $0 * dz2 },
            dw2: h1.map { dz2 * $0 }, db2: dz2, dz2: dz2, dyHat: dz2 / (yHat * (1 - yHat)))
    }

    static func graph(hidden n: Int) -> ComputationGraph { .notebook(sample(hidden: n), activation: .sigmoid) }

    /// Measures every character as 0.6 em and records the text drawn, so layouts are checked without Cairo.
    final class MeasuringBackend: DrawingBackend {
        var texts: [String] = []
        func move(to point: Point) {}
        func line(to point: Point) {}
        func closePath() {}
        func addCircle(center: Point, radius: Double) {}
        func stroke(color: Color, width: Double, cap: LineCap) {}
        func fill(color: Color) {}
        func fillRect(_ rect: Rect, color: Color) {}
        func drawImage(_ image: RasterImage, in rect: Rect, smooth: Bool) {}
        func drawText(_ text: String, at point: Point, size: Double, color: Color, anchor: TextAnchor, rotation: Double) {
            texts.append(text)
        }
        func measureText(_ text: String, size: Double) -> TextMetrics {
            TextMetrics(width: 0.6 * size * Double(text.count), ascent: 0.8 * size, descent: 0.2 * size)
        }
        func pushClip(_ rect: Rect) {}
        func popClip() {}
    }

    @Test("the per-sample arrays the tests draw add up to Network's batch gradients")
    func sampleArraysMatchTheNetwork() {
        for activation in Activation.allCases {
            let parameters = Parameters(seed: 4, hidden: 3)
            let samples = (0..<4).map { Self.sample(hidden: 3, activation: activation, j: $0, parameters: parameters) }
            let (loss, gradients) = Network(parameters: parameters, activation: activation).lossAndGradients()
            func close(_ a: [Double], _ b: [Double]) -> Bool { zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) } }
            #expect(abs(samples.map(\.loss).reduce(0, +) / 4 - loss) <= 1e-12)
            #expect(close((0..<6).map { k in samples.map { $0.dw1[k] }.reduce(0, +) }, gradients.w1))
            #expect(close((0..<3).map { k in samples.map { $0.dw2[k] }.reduce(0, +) }, gradients.w2))
            #expect(close((0..<3).map { k in samples.map { $0.db1[k] }.reduce(0, +) }, gradients.b1))
            #expect(close([samples.map(\.db2).reduce(0, +)], [gradients.b2]))
        }
    }

    @Test("n_h = 2: the notebook's values, operations and edges")
    func notebookGraph() {
        let graph = Self.graph(hidden: 2)
        #expect(graph.values.map(\.name) == ["x", "w1", "w1 @ x", "b1", "z1", "h1", "w2", "w2 @ h1", "b2", "z2", "ŷ", "y", "L"])
        #expect(graph.values.map(\.data.shape) == [[2], [2, 2], [2], [2], [2], [2], [1, 2], [], [], [], [], [], []])
        #expect(graph.values.filter { $0.grad == nil }.map(\.name) == ["x", "y"])
        #expect(graph.values.filter { $0.role == .parameter }.map(\.name) == ["w1", "b1", "w2", "b2"])
        #expect(graph.values.last?.role == .loss && graph.values.last?.grad == .scalar(1))
        #expect(graph.steps.map(\.operation.symbol) == ["@", "+", "σ", "@", "+", "σ", "BCE"])
        let names = graph.values.map(\.name)
        func name(_ node: ComputationGraph.Node) -> String {
            switch node {
            case let .value(k): names[k]
            case let .step(k): "\(graph.steps[k].operation.symbol)#\(k)"
            }
        }
        #expect(graph.edges.map { "\(name($0.from)) → \(name($0.to))" } == [
            "w1 → @#0", "x → @#0", "@#0 → w1 @ x",
            "w1 @ x → +#1", "b1 → +#1", "+#1 → z1",
            "z1 → σ#2", "σ#2 → h1",
            "w2 → @#3", "h1 → @#3", "@#3 → w2 @ h1",
            "w2 @ h1 → +#4", "b2 → +#4", "+#4 → z2",
            "z2 → σ#5", "σ#5 → ŷ",
            "ŷ → BCE#6", "y → BCE#6", "BCE#6 → L",
        ])
        #expect(ComputationGraph.notebook(Self.sample(hidden: 2, activation: .relu), activation: .relu).steps[2].operation == .relu)
    }

    @Test("arrays are shown short: %.4g, long vectors and tall matrices abbreviated")
    func compactText() {
        typealias T = ComputationGraph.Tensor
        #expect(T.scalar(0.123456).compactLines == ["0.1235"])
        #expect(T.vector([1, -2.5]).compactLines == ["[1 -2.5]"])
        #expect(T.vector((1...16).map(Double.init)).compactLines == ["[1 2 … 16]"])
        #expect(T.matrix([1, 2, 3, 4], rows: 2, columns: 2).compactLines == ["[[1 2]", " [3 4]]"])
        #expect(T.matrix((1...32).map(Double.init), rows: 16, columns: 2).compactLines == ["[[1 2]", " [3 4]", " …", " [31 32]]"])
        #expect(T.matrix((1...16).map(Double.init), rows: 1, columns: 16).compactLines == ["[[1 2 … 16]]"])
    }

    /// Every node's rectangle: the value boxes, then the operations' ellipses' bounding boxes.
    static func nodeRects(_ layout: ComputationGraphLayout) -> [Rect] {
        layout.boxes.map(\.rect) + layout.operations.map {
            Rect(x: $0.center.x - $0.radii.x, y: $0.center.y - $0.radii.y, width: 2 * $0.radii.x, height: 2 * $0.radii.y)
        }
    }

    @Test("no two nodes overlap and every edge runs left to right, from its source's right side to its target's left",
          arguments: [1, 2, 16])
    func layoutGeometry(hidden: Int) {
        let graph = Self.graph(hidden: hidden)
        let layout = ComputationGraphLayout(graph, fontSize: 10, backend: MeasuringBackend())
        let rects = Self.nodeRects(layout)
        for a in rects.indices {
            for b in rects.indices where a < b {
                let apart = rects[a].maxX <= rects[b].minX || rects[b].maxX <= rects[a].minX
                    || rects[a].maxY <= rects[b].minY || rects[b].maxY <= rects[a].minY
                #expect(apart, "nodes \(a) and \(b) overlap: \(rects[a]) \(rects[b])")
            }
        }
        #expect(layout.edges.map(\.edge) == graph.edges)
        func rect(_ node: ComputationGraph.Node) -> Rect {
            switch node {
            case let .value(k): rects[k]
            case let .step(k): rects[graph.values.count + k]
            }
        }
        for path in layout.edges {
            let xs = path.line.map(\.x) + [path.head[0].x]
            #expect(zip(xs, xs.dropFirst()).allSatisfy { $0 < $1 }, "\(path.edge) runs left to right")
            let (from, to) = (rect(path.edge.from), rect(path.edge.to))
            #expect(abs(path.line[0].x - from.maxX) < 1e-9 && from.minY...from.maxY ~= path.line[0].y)
            #expect(path.head[0].x >= to.minX - 1e-9 && path.head[0].x < to.midX && to.minY...to.maxY ~= path.head[0].y)
        }
        // Parameters and inputs left of what uses them, the loss rightmost.
        #expect(rects[graph.values.count - 1].minX == rects.map(\.minX).max())
        #expect(rects[0].midX == rects[1].midX && min(rects[0].minX, rects[1].minX) == rects.map(\.minX).min(),
                "x and w1 in the first column")
    }

    @Test("each box is wide and tall enough for its measured text", arguments: [1, 2, 16])
    func textFits(hidden: Int) {
        let backend = MeasuringBackend()
        let layout = ComputationGraphLayout(Self.graph(hidden: hidden), fontSize: 10, backend: backend)
        for box in layout.boxes {
            for text in box.texts {
                let size = backend.measureLabel(text.text, size: text.size)
                let left = text.horizontal == .center ? text.point.x - size.width / 2 : text.point.x
                #expect(left >= box.rect.minX + 1 && left + size.width <= box.rect.maxX - 1, "\(text.text) across")
                #expect(text.point.y >= box.rect.minY + 1 && text.point.y + size.height <= box.rect.maxY - 1, "\(text.text) down")
            }
            #expect(zip(box.separators, box.separators.dropFirst()).allSatisfy { $0 < $1 })
        }
        for node in layout.operations {
            let size = backend.measureLabel(node.symbol.text, size: node.symbol.size)
            #expect(size.width / 2 < node.radii.x && size.height / 2 < node.radii.y)
        }
        // n_h = 16 is abbreviated, not sixteen numbers wide.
        #expect(layout.boxes.map(\.rect.width).max()! < 30 * 10)
    }

    @Test("a canvas too small for the graph gets it smaller, inside the room and centred; a large one at full size")
    func fitting() {
        let graph = Self.graph(hidden: 8), backend = MeasuringBackend()
        let natural = ComputationGraphLayout(graph, fontSize: 10, backend: backend).bounds
        let room = Rect(x: 20, y: 30, width: natural.width / 2, height: natural.height)
        let small = ComputationGraphLayout.fitted(graph, in: room, fontSize: 10, backend: backend)
        #expect(abs(small.fontSize - 5) < 1e-9)
        #expect(abs(small.bounds.width - room.width) < 1e-6 && abs(small.bounds.midY - room.midY) < 1e-6)
        let large = ComputationGraphLayout.fitted(graph, in: Rect(x: 0, y: 0, width: 5000, height: 5000), fontSize: 10, backend: backend)
        #expect(large.fontSize == 10 && abs(large.bounds.midX - 2500) < 1e-6)
    }

    @Test("the figure draws every name, number and symbol, and no axes")
    func figureText() {
        let graph = Self.graph(hidden: 2), backend = MeasuringBackend()
        RunCharts.backpropGraph(graph, title: "one step").draw(on: backend, width: 1400, height: 420)
        for name in graph.values.map(\.name) + graph.steps.map(\.operation.symbol) + ["one step", "data", "grad"] {
            #expect(backend.texts.contains(name), "\(name) is drawn")
        }
        #expect(backend.texts.contains(NumpyFormat.printf("%.4g", graph.values.last!.data.values[0])))
    }

    @Test("PNG: decodes at the canvas size, the same bytes every time; SVG: well-formed XML")
    func rendering() throws {
        let figure = RunCharts.backpropGraph(Self.graph(hidden: 2), title: "backpropagation, sample 0")
        let settings = RenderSettings(width: 1400, height: 420)
        let first = try figure.render(settings), second = try figure.render(settings)
        #expect(first == second)
        let image = try RasterImage(png: first)
        #expect(image.width == 1400 && image.height == 420)
        // The parameters' blue fill and the gradients' red are both there.
        #expect(image.pixels.contains(Palette.light.graphFill[.parameter]!.pixel))
        #expect(image.pixels.contains(Palette.light.graphGrad.pixel))
        if let path = ProcessInfo.processInfo.environment["GRAPH_SAMPLE_DIR"] {
            try Data(first).write(to: URL(fileURLWithPath: path + "/graph-sample.png"))
            let clock = ContinuousClock(), eightFigure = RunCharts.backpropGraph(Self.graph(hidden: 8), title: "backpropagation, n_h = 8, sample 0")
            var eight: [UInt8] = []
            let elapsed = try clock.measure { for _ in 0..<10 { eight = try eightFigure.render(settings) } }
            try Data(eight).write(to: URL(fileURLWithPath: path + "/graph-8.png"))
            print("n_h = 8 at 1400×420: \(elapsed / 10) per PNG render")
        }
        var svg = settings
        svg.format = .svg
        let parser = XMLParser(data: Data(try figure.render(svg)))
        #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")
    }
}

import Backprop
import Glibc
import Plotting

/// A 2-n_h-1 network drawn in columns, each unit a small map of its own value over the input
/// square, as TensorFlow Playground shows its neurons; the weights are the edges between them.
///
/// It is a ``ChartElement`` written with Plotting's public API only: Plotting knows nothing of
/// networks. Everything numeric (fields, weights, scales) is decided when it is built, so tests
/// can read the model; only the placement, which depends on the canvas and the font, is done
/// when it draws.
struct NetworkDiagram: ChartElement {
    /// The most hidden units the picture stays readable with at 640×480: each then gets a map of
    /// about 20 units and room for its two incoming weights, its bias and its outgoing weight.
    /// More are drawn, but maps and labels crowd.
    static let maximumReadableHidden = 16

    /// The probability colormap's two ends, so that an edge reads like the maps it feeds: a
    /// positive weight (blue) pushes the next unit towards the blue end, a negative one (red)
    /// towards the red end.
    var positiveColor: Color { palette.positive }
    var negativeColor: Color { palette.negative }
    /// The palette it was built under, which its drawing keeps.
    let palette = Palette.current
    /// The width of an edge of weight 0: a hairline, so that every connection stays visible.
    static let hairline = 0.6
    /// The width of the network's largest |weight|, at most; less when units are packed tightly.
    static let widestEdge = 7.0
    static let textSize = 8 * ChartStyle.unitsPerPoint
    static let headerSize = 9 * ChartStyle.unitsPerPoint
    /// Space between maps of a column, as a share of a map's side.
    static let gapRatio = 0.3
    var lineColor: Color { palette.lineColor }

    enum Layer: Int, Sendable { case input, hidden, output }

    struct Unit: Sendable {
        var layer: Layer
        var name: String
        /// The unit's value over the input square, with its colour scale.
        var field: ScalarField
        var bias: Double?
        /// The pre-activation's weights and bias, whose zero line a hidden unit shows.
        var line: (w0: Double, w1: Double, b: Double)?
    }

    /// A weight, from a unit to one of the next layer's, by their index in ``units``.
    struct Edge: Sendable, Equatable {
        var from: Int
        var to: Int
        var weight: Double
    }

    /// Inputs, then hidden units, then the output.
    let units: [Unit]
    let edges: [Edge]
    let domain: (x: ClosedRange<Double>, y: ClosedRange<Double>)
    /// The training points by class, drawn on every map: all of them, or an even subsample of
    /// ``pointsPerMap``.
    let points: [[(x: Double, y: Double)]]
    let manyPoints: Bool
    /// The headings of the three columns, naming each one's colour scale.
    let headers: [String]
    /// The |weight| drawn ``widestEdge`` wide: this network's largest, or one shared by several
    /// diagrams (the evolution's panels) so that their widths compare.
    let largestWeight: Double
    /// Whether ``largestWeight`` is shared by several panels, which the key then says.
    let sharedScale: Bool
    /// The smallest text size, whatever the panel's size: an animation's frame sets it to the other
    /// panels' tick labels, since a third of the frame would otherwise shrink the labels to ~5 pixels.
    var textFloor = 0.0

    /// The most training points drawn on one map. A map is at most about 100 units wide: a few
    /// hundred dots already show where the classes lie, thousands only cover the unit's values,
    /// and a million take minutes to draw on each of the 19 maps.
    static let pointsPerMap = 300

    var hidden: Int { units.count - 3 }
    var columns: [[Int]] { [[0, 1], Array(2..<(2 + hidden)), [2 + hidden]] }

    /// `largestWeight`, when given, is the |weight| of the widest edge instead of this network's own largest.
    init(_ parameters: Parameters, activation: Activation, data: Dataset,
         domain: (x: ClosedRange<Double>, y: ClosedRange<Double>), largestWeight: Double? = nil) {
        let n = parameters.hidden
        let red = RunCharts.probabilityColormap
        func field(samples: Int, colormap: Colormap, range: ClosedRange<Double>?, levels: [Double] = [],
                   _ f: (Double, Double) -> Double) -> ScalarField {
            ScalarField(xRange: domain.x, yRange: domain.y, nx: samples, ny: samples, colormap: colormap,
                        valueRange: range, contourLevels: levels, contourColor: Palette.current.lineColor, f)
        }
        // Inputs read low to high on the same colours as the units they feed.
        var units = [
            Unit(layer: .input, name: "x0", field: field(samples: 2, colormap: red, range: domain.x) { x, _ in x }),
            Unit(layer: .input, name: "x1", field: field(samples: 2, colormap: red, range: domain.y) { _, y in y }),
        ]
        var hiddenFields: [ScalarField] = []
        for k in 0..<n {
            let (w0, w1, b) = (parameters.w1[2 * k], parameters.w1[2 * k + 1], parameters.b1[k])
            // 81 samples a side: the maps are at most about 100 units wide, and bilinear
            // interpolation between samples 1/80 of the square apart is smooth at that size.
            var f = field(samples: 81, colormap: red, range: nil) { x, y in activation.forward((w0 * x + w1 * y) + b) }
            switch activation {
            case .sigmoid: f.valueRange = 0...1
            case .tanh: f.valueRange = -1...1
            case .relu:
                // A dead unit (0 everywhere) stays white rather than taking a degenerate scale.
                let top = f.values.filter(\.isFinite).max() ?? 0
                f.colormap = Palette.current.reluColormap
                f.valueRange = 0...(top > 0 ? top : 1)
            }
            hiddenFields.append(f)
            units.append(Unit(layer: .hidden, name: "h\(k + 1)", field: f, bias: b, line: (w0, w1, b)))
        }
        // The probability view's field exactly: its samples, its scale, its 0.5 contour.
        units.append(Unit(layer: .output, name: "ŷ",
                          field: field(samples: 161, colormap: red, range: 0...1, levels: [0.5]) {
                              parameters.probability($0, $1, activation: activation)
                          },
                          bias: parameters.b2))
        var edges: [Edge] = []
        for k in 0..<n {
            edges.append(Edge(from: 0, to: 2 + k, weight: parameters.w1[2 * k]))
            edges.append(Edge(from: 1, to: 2 + k, weight: parameters.w1[2 * k + 1]))
        }
        for k in 0..<n { edges.append(Edge(from: 2 + k, to: 2 + n, weight: parameters.w2[k])) }
        self.units = units
        self.edges = edges
        self.domain = domain
        self.points = Self.mapPoints(data)
        self.manyPoints = data.count > 50
        self.largestWeight = largestWeight ?? Self.largestWeight(parameters)
        self.sharedScale = largestWeight != nil
        let range: String
        switch activation {
        case .sigmoid: range = "0…1"
        case .tanh: range = "−1…1"
        case .relu: range = "0…max"
        }
        headers = ["inputs", "hidden: \(activation.rawValue), \(range)", "output ŷ, 0…1"]
    }

    /// The largest finite |weight| of `parameters`, 0 without one.
    static func largestWeight(_ parameters: Parameters) -> Double {
        (parameters.w1 + parameters.w2).map(abs).filter(\.isFinite).max() ?? 0
    }

    /// The training points by class, every one up to ``pointsPerMap``, else that many rows evenly
    /// spaced through the set: the same rows every time, and classes in their proportions.
    static func mapPoints(_ data: Dataset) -> [[(x: Double, y: Double)]] {
        let count = data.count, drawn = min(count, pointsPerMap)
        var classes: [[(x: Double, y: Double)]] = [[], []]
        for k in 0..<drawn {
            let j = count == drawn ? k : k * count / drawn
            classes[data.y[j] == 1 ? 1 : 0].append((data.x0[j], data.x1[j]))
        }
        return classes
    }

    /// White for a relu unit's 0 through the colormap's blue at its largest value on the square.
    var reluColormap: Colormap { palette.reluColormap }

    func color(of weight: Double) -> Color { weight < 0 ? negativeColor : positiveColor }

    /// Proportional to |weight|, the largest drawn `widest` wide, never thinner than a hairline.
    func width(of weight: Double, widest: Double) -> Double {
        guard largestWeight > 0, weight.isFinite else { return Self.hairline }
        return max(Self.hairline, widest * abs(weight) / largestWeight)
    }

    /// A weight or bias as printed: two decimals, with a true minus sign.
    static func format(_ value: Double) -> String {
        let text = NumpyFormat.printf(abs(value) >= 1000 ? "%.3g" : "%.2f", value)
        return String(text.map { $0 == "-" ? "−" : $0 })
    }

    func extent(xScale: AxisScale, yScale: AxisScale) -> ElementExtent {
        ElementExtent(filled: (0...1, 0...1))
    }

    // MARK: - Layout

    /// Where everything goes in the plot's rectangle.
    struct Layout {
        var maps: [Rect]
        /// Where each edge leaves its source and reaches its target, in ``edges``' order.
        var ends: [(Point, Point)]
        var widest: Double
        var body: Rect
        var headerCentres: [Double]
        var headerWidths: [Double]
        /// The labels' size, smaller on a small canvas.
        var textSize: Double
    }

    func layout(in rect: Rect, pixelEdge: (Double) -> Double, on backend: any DrawingBackend) -> Layout {
        let text = max(textFloor, Self.textSize * textScale(rect)), pad = 0.4 * text
        let line = backend.measureText("0", size: text).height
        let header = backend.measureLabel(headers[1], size: headerSize(rect)).height
        let body = rect.inset(top: header + 6, bottom: line + 10)
        func widest(_ texts: [String]) -> Double { texts.map { backend.measureLabel($0, size: text).width }.max() ?? 0 }
        let nameWidth = widest(["x0", "x1"]) + pad
        let hiddenText = widest(columns[1].map { biasLabel(units[$0]) }) + 2 * pad
        let outputText = widest([biasLabel(units[2 + hidden])]) + pad
        let counts = columns.map { Double($0.count) }
        // Each column's maps as large as its height allows and none larger than a sixth of the
        // width; the two gaps between columns keep room for a weight's label and a half.
        let minimumGap = 1.5 * backend.measureText("−00.00", size: text).width
        let free = rect.width - nameWidth - hiddenText - outputText
        var sides = counts.map { max(2, min(rect.width / 6, body.height / ($0 + ($0 - 1) * Self.gapRatio))) }
        let total = sides.reduce(0, +)
        if free - total < 2 * minimumGap {
            let shrink = max(0.1, (free - 2 * minimumGap) / total)
            sides = sides.map { max(2, $0 * shrink) }
        }
        let gap = max(0, (free - sides.reduce(0, +)) / 2)
        let lefts = [rect.minX + nameWidth, rect.minX + nameWidth + sides[0] + gap,
                     rect.minX + nameWidth + sides[0] + gap + sides[1] + hiddenText + gap]
        var maps = [Rect](repeating: Rect(x: 0, y: 0, width: 0, height: 0), count: units.count)
        for (c, column) in columns.enumerated() {
            let side = sides[c], step = side * (1 + Self.gapRatio)
            let top = body.midY - (Double(column.count) * side + Double(column.count - 1) * side * Self.gapRatio) / 2
            for (k, unit) in column.enumerated() {
                let x0 = pixelEdge(lefts[c]), y0 = pixelEdge(top + Double(k) * step)
                maps[unit] = Rect(x: x0, y: y0, width: pixelEdge(lefts[c] + side) - x0,
                                  height: pixelEdge(top + Double(k) * step + side) - y0)
            }
        }
        let ends = edges.map { edge -> (Point, Point) in
            let source = maps[edge.from], target = maps[edge.to]
            if edge.to == 2 + hidden {
                // Spread along the output's left side in the hidden units' order, so edges never cross.
                let k = Double(edge.from - 2)
                return (Point(x: source.maxX + hiddenText - pad, y: source.midY),
                        Point(x: target.minX, y: target.minY + target.height * (k + 0.5) / Double(hidden)))
            }
            // x0 arrives at the upper third, x1 at the lower: the two weights of a unit stay apart.
            return (Point(x: source.maxX, y: source.midY),
                    Point(x: target.minX, y: target.minY + target.height * (edge.from == 0 ? 1 : 2) / 3))
        }
        // The widest edge no wider than a third of the tightest column's pitch, so neighbours stay apart.
        let widest = min(Self.widestEdge, max(1.5, sides[1] * (1 + Self.gapRatio) / 3))
        let widths = [nameWidth + sides[0] + gap / 2, sides[1] + hiddenText + gap / 2, sides[2] + outputText + gap / 2]
        let centres = [rect.minX + widths[0] / 2, maps[2].midX + hiddenText / 2,
                       min(maps[2 + hidden].midX + outputText / 2, rect.maxX - widths[2] / 2)]
        return Layout(maps: maps, ends: ends, widest: widest, body: body, headerCentres: centres, headerWidths: widths,
                      textSize: text)
    }

    /// Text shrinks with a canvas smaller than the default (a panel of a grid), to 70% at most.
    func textScale(_ rect: Rect) -> Double { min(1, max(0.7, min(rect.width / 600, rect.height / 420))) }

    func headerSize(_ rect: Rect) -> Double { max(textFloor, Self.headerSize * textScale(rect)) }

    func biasLabel(_ unit: Unit) -> String {
        guard let bias = unit.bias else { return unit.name }
        return "\(unit.name) b=\(Self.format(bias))"
    }

    // MARK: - Drawing

    func draw(in plot: PlotFrame, on backend: any DrawingBackend) -> LegendObstacles {
        let layout = layout(in: plot.rect, pixelEdge: plot.pixelEdge, on: backend)
        // Edges first, so that the maps cover their ends.
        for (edge, (a, b)) in zip(edges, layout.ends) {
            backend.strokeLine(from: a, to: b, color: color(of: edge.weight),
                               width: width(of: edge.weight, widest: layout.widest))
        }
        for (k, unit) in units.enumerated() { drawMap(unit, in: layout.maps[k], plot: plot, on: backend) }
        drawLabels(layout, on: backend)
        drawHeadersAndKey(layout, plot: plot, on: backend)
        return LegendObstacles()
    }

    private func drawMap(_ unit: Unit, in rect: Rect, plot: PlotFrame, on backend: any DrawingBackend) {
        let frame = PlotFrame(
            rect: rect, xScale: LinearScale(domain: domain.x, pixelStart: rect.minX, pixelEnd: rect.maxX),
            yScale: LinearScale(domain: domain.y, pixelStart: rect.maxY, pixelEnd: rect.minY),
            pixelsPerUnit: plot.pixelsPerUnit, style: plot.style)
        backend.pushClip(rect)
        _ = unit.field.draw(in: frame, on: backend)
        if let line = unit.line, let (a, b) = zeroLine(line, frame: frame) {
            backend.strokeLine(from: a, to: b, color: lineColor, width: max(0.8, min(1.5, rect.width / 60)))
        }
        // Smaller dots for many points, so that a subsample of hundreds leaves the unit's values visible.
        let radius = min(5, max(1.5, rect.width * 0.05)) * (manyPoints ? 0.4 : 1)
        for (k, classPoints) in points.enumerated() {
            _ = ScatterSeries(points: classPoints, color: palette.classColors[k], radius: radius,
                              marker: .edged(color: palette.markerEdge, width: max(0.5, radius / 4))).draw(in: frame, on: backend)
        }
        backend.popClip()
        backend.strokeRect(rect, color: palette.mapFrame, width: 0.8)
    }

    /// The segment of w0·x + w1·y + b = 0 inside the map, or nil where the line misses the square.
    func zeroLine(_ line: (w0: Double, w1: Double, b: Double), frame: PlotFrame) -> (Point, Point)? {
        let norm = (line.w0 * line.w0 + line.w1 * line.w1).squareRoot()
        guard norm > 0, norm.isFinite, line.b.isFinite else { return nil }
        // The line's point nearest the origin, then far enough both ways to cross any square around it.
        let (px, py) = (-line.b * line.w0 / (norm * norm), -line.b * line.w1 / (norm * norm))
        let (dx, dy) = (-line.w1 / norm, line.w0 / norm)
        let reach = 4 * (abs(domain.x.lowerBound) + abs(domain.x.upperBound) + abs(domain.y.lowerBound)
            + abs(domain.y.upperBound) + abs(px) + abs(py))
        let a = frame.position(px - reach * dx, py - reach * dy), b = frame.position(px + reach * dx, py + reach * dy)
        guard let (p, q) = PolylineClipper.clipSegment(a, b, to: frame.rect), hypot(q.x - p.x, q.y - p.y) > 0.5
        else { return nil }
        return (p, q)
    }

    /// Each unit's name and bias beside it, then each weight on its edge where it overlaps least.
    private func drawLabels(_ layout: Layout, on backend: any DrawingBackend) {
        let size = layout.textSize, pad = 0.4 * size
        var taken = layout.maps
        for (k, unit) in units.enumerated() {
            let map = layout.maps[k], text = biasLabel(unit)
            let metrics = backend.measureLabel(text, size: size)
            let anchor: Point, box: Rect
            if unit.layer == .input {
                anchor = Point(x: map.minX - pad / 2, y: map.midY)
                box = Rect(x: anchor.x - metrics.width, y: anchor.y - metrics.height / 2, width: metrics.width, height: metrics.height)
                backend.drawLabel(text, at: anchor, size: size, color: palette.text, anchor: .middleRight)
            } else {
                anchor = Point(x: map.maxX + pad, y: map.midY)
                box = Rect(x: anchor.x, y: anchor.y - metrics.height / 2, width: metrics.width, height: metrics.height)
                backend.drawLabel(text, at: anchor, size: size, color: palette.text, anchor: .middleLeft)
            }
            taken.append(box)
        }
        for (edge, (a, b)) in zip(edges, layout.ends) {
            let text = Self.format(edge.weight)
            let metrics = backend.measureLabel(text, size: size)
            // Where the edges fan out: by the hidden unit, at the target end for the inputs'
            // weights and at the source end for the output's; a line further along each time
            // that spot is taken.
            let (near, far) = edge.to == 2 + hidden ? (a, b) : (b, a)
            let length = max(1, hypot(far.x - near.x, far.y - near.y))
            let candidates = (0..<10).map { k -> Rect in
                let distance = min(0.9 * length, metrics.width / 2 + pad + Double(k) * (metrics.height + 1))
                let t = distance / length
                let centre = Point(x: near.x + t * (far.x - near.x), y: near.y + t * (far.y - near.y))
                return Rect(x: centre.x - metrics.width / 2 - 1, y: centre.y - metrics.height / 2,
                            width: metrics.width + 2, height: metrics.height)
            }
            func overlap(_ r: Rect) -> Double {
                taken.reduce(0) { sum, other in
                    let w = min(r.maxX, other.maxX) - max(r.minX, other.minX)
                    let h = min(r.maxY, other.maxY) - max(r.minY, other.minY)
                    return sum + (w > 0 && h > 0 ? w * h : 0)
                }
            }
            var best = candidates[0], bestOverlap = Double.infinity
            for candidate in candidates {
                let o = overlap(candidate)
                if o < bestOverlap { (best, bestOverlap) = (candidate, o) }
                if o == 0 { break }
            }
            taken.append(best)
            // A light box under the number interrupts the edge so that the digits stay legible.
            backend.fillRect(best, color: palette.labelBackground)
            backend.drawLabel(text, at: Point(x: best.midX, y: best.midY), size: size, color: color(of: edge.weight),
                              anchor: TextAnchor(.center, .middle))
        }
    }

    /// The columns' headings above them, and a key to the edges along the bottom.
    private func drawHeadersAndKey(_ layout: Layout, plot: PlotFrame, on backend: any DrawingBackend) {
        for c in 0..<3 {
            let (text, size) = backend.fitLabel(headers[c], size: headerSize(plot.rect),
                                                width: layout.headerWidths[c])
            backend.drawLabel(text, at: Point(x: layout.headerCentres[c], y: plot.rect.minY), size: size,
                              color: palette.text, anchor: .topCenter)
        }
        let keySize = max(textFloor, Self.textSize)
        let swatch = 2.2 * keySize, gap = 0.5 * keySize
        let parts: [(Color?, Double, String)] = [
            (positiveColor, 3, "weight > 0"), (negativeColor, 3, "weight < 0"),
            (nil, 0, "width ∝ |weight|, widest \(Self.format(largestWeight))\(sharedScale ? " in every panel" : "")"
                + " · number: weight · b: bias"),
            (lineColor, 1.2, "w·x + b = 0"),
        ]
        let natural = parts.reduce(0) { sum, part in
            sum + (part.0 == nil ? 0 : swatch + gap) + backend.measureLabel(part.2, size: keySize).width + 2 * gap
        }
        // The key is one line the panel's width: it alone may go below the floor rather than be cut off.
        let scale = min(textFloor > 0 ? 1 : textScale(plot.rect), plot.rect.width / natural)
        let size = keySize * scale
        var x = plot.rect.midX - natural * scale / 2
        let y = plot.rect.maxY - backend.measureText("0", size: size).height / 2 - 2
        for (color, width, text) in parts {
            if let color {
                backend.strokeLine(from: Point(x: x, y: y), to: Point(x: x + swatch * scale, y: y), color: color, width: width)
                x += (swatch + gap) * scale
            }
            backend.drawLabel(text, at: Point(x: x, y: y), size: size, color: palette.text, anchor: .middleLeft)
            x += backend.measureLabel(text, size: size).width + 2 * gap * scale
        }
    }
}

extension RunCharts {
    /// The network as a picture: its units as maps over the input square, its weights as edges.
    static func network(_ parameters: Parameters, run: TrainingRun, title: String?) -> Figure {
        Figure(networkChart(parameters, run: run, title: title))
    }

    /// ``network(_:run:title:)`` as one chart, to sit beside others in a figure's grid; `largestWeight`
    /// is the |weight| drawn widest when the width scale is shared with other panels.
    static func networkChart(_ parameters: Parameters, run: TrainingRun, title: String?,
                             largestWeight: Double? = nil, textFloor: Double = 0) -> Chart {
        var diagram = NetworkDiagram(parameters, activation: run.recipe.activation, data: run.data,
                                     domain: paddedDomain(run.data), largestWeight: largestWeight)
        diagram.textFloor = textFloor
        return Chart(title: title, xAxis: Axis(range: 0...1), yAxis: Axis(range: 0...1), elements: [diagram],
                     showLegend: false, showsAxes: false)
    }
}

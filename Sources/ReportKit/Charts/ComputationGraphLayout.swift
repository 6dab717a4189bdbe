import Glibc
import Plotting

/// Where a ``ComputationGraph``'s boxes, operation nodes and edges go: columns by depth, left to
/// right, with a value's box one column before the operation that uses it (Graphviz's `dot`
/// does the same to keep edges short), each node level with its neighbours where it can be.
///
/// Every length is a multiple of the font size or a measured text width, and text widths scale
/// exactly with size, so a layout at size `k·s` is the layout at `s` scaled by `k`: fitting a
/// canvas is one more layout at the size that fits.
struct ComputationGraphLayout {
    /// Text placed by its block's top edge (`TextAnchor` `.top`), so its measured extent is known.
    struct PlacedText: Equatable {
        var text: String
        var point: Point
        var horizontal: TextAnchor.Horizontal
        var size: Double
        var role: TextRole
    }

    enum TextRole: Equatable { case name, rowLabel, data, grad, symbol }

    struct ValueBox {
        var rect: Rect
        var texts: [PlacedText]
        /// The y of the lines between the name, data and grad rows.
        var separators: [Double]
    }

    struct OperationNode {
        var center: Point
        var radii: (x: Double, y: Double)
        var symbol: PlacedText
    }

    struct EdgePath {
        var edge: ComputationGraph.Edge
        /// From the source's edge to the base of the arrowhead.
        var line: [Point]
        /// The arrowhead's tip, then its two back corners.
        var head: [Point]
    }

    let fontSize: Double
    var boxes: [ValueBox]
    var operations: [OperationNode]
    var edges: [EdgePath]
    /// Everything drawn lies in it.
    var bounds: Rect

    // Lengths in ems of `fontSize`.
    static let padding = 0.35, rowGap = 0.6, columnGap = 1.8, nodeGap = 0.9, arrowLength = 0.6, arrowHalfWidth = 0.25

    /// The layout at the largest size up to `fontSize` that fits `rect`, centred in it.
    static func fitted(_ graph: ComputationGraph, in rect: Rect, fontSize: Double, backend: any DrawingBackend) -> Self {
        let natural = Self(graph, fontSize: fontSize, backend: backend)
        let scale = min(1, rect.width / natural.bounds.width, rect.height / natural.bounds.height)
        var layout = scale < 1 ? Self(graph, fontSize: fontSize * scale, backend: backend) : natural
        layout.move(by: Point(x: rect.midX - layout.bounds.midX, y: rect.midY - layout.bounds.midY))
        return layout
    }

    init(_ graph: ComputationGraph, fontSize s: Double, backend: any DrawingBackend) {
        fontSize = s
        func measure(_ text: String) -> TextMetrics { backend.measureLabel(text, size: s) }

        // Each value's box, at the origin: the name centred on top, then data and grad rows.
        let labelWidth = max(measure("data").width, measure("grad").width)
        var boxes = graph.values.map { value -> ValueBox in
            let rows = [("data", value.data.compactLines.joined(separator: "\n"), TextRole.data)]
                + (value.grad.map { [("grad", $0.compactLines.joined(separator: "\n"), TextRole.grad)] } ?? [])
            let name = measure(value.name)
            let inner = max(name.width, rows.map { labelWidth + Self.rowGap * s + measure($0.1).width }.max() ?? 0)
            let width = inner + 2 * Self.padding * s
            var texts = [PlacedText(text: value.name, point: Point(x: width / 2, y: Self.padding * s), horizontal: .center,
                                    size: s, role: .name)]
            var y = 2 * Self.padding * s + name.height, separators: [Double] = []
            for (label, text, role) in rows {
                separators.append(y)
                let top = y + Self.padding * s
                texts.append(PlacedText(text: label, point: Point(x: Self.padding * s, y: top), horizontal: .left, size: s,
                                        role: .rowLabel))
                texts.append(PlacedText(text: text, point: Point(x: (Self.padding + Self.rowGap) * s + labelWidth, y: top),
                                        horizontal: .left, size: s, role: role))
                y = top + measure(text).height + Self.padding * s
            }
            return ValueBox(rect: Rect(x: 0, y: 0, width: width, height: y), texts: texts, separators: separators)
        }
        // An ellipse around the symbol with room to spare; wide symbols ("tanh") stretch it.
        var operations = graph.steps.map { step -> OperationNode in
            let text = measure(step.operation.symbol)
            let radii = (x: max(text.width / 2 + 0.55 * s, 0.85 * s), y: 0.8 * s)
            return OperationNode(center: Point(x: 0, y: 0), radii: radii,
                                 symbol: PlacedText(text: step.operation.symbol, point: Point(x: 0, y: 0), horizontal: .center,
                                                    size: s, role: .symbol))
        }

        // Columns: a result one after its step, a step one after its latest operand; then each
        // leaf moves right to just before the first step that uses it.
        let nodes = graph.values.indices.map(ComputationGraph.Node.value) + graph.steps.indices.map(ComputationGraph.Node.step)
        var column = [ComputationGraph.Node: Int]()
        for k in graph.values.indices { column[.value(k)] = 0 }
        for (k, step) in graph.steps.enumerated() {
            column[.step(k)] = step.operands.map { column[.value($0)]! }.max()! + 1
            column[.value(step.result)] = column[.step(k)]! + 1
        }
        let results = Set(graph.steps.map(\.result))
        for k in graph.values.indices where !results.contains(k) {
            let users = graph.steps.indices.filter { graph.steps[$0].operands.contains(k) }.map { column[.step($0)]! }
            if let first = users.min() { column[.value(k)] = first - 1 }
        }
        var predecessors = [ComputationGraph.Node: [ComputationGraph.Node]](), successors = predecessors
        for edge in graph.edges {
            predecessors[edge.to, default: []].append(edge.from)
            successors[edge.from, default: []].append(edge.to)
        }
        func size(_ node: ComputationGraph.Node) -> (width: Double, height: Double) {
            switch node {
            case let .value(k): (boxes[k].rect.width, boxes[k].rect.height)
            case let .step(k): (2 * operations[k].radii.x, 2 * operations[k].radii.y)
            }
        }
        let columnCount = (column.values.max() ?? 0) + 1
        let members = (0..<columnCount).map { c in nodes.filter { column[$0] == c } }

        // x: each column as wide as its widest node, nodes centred in it.
        var centerX = [ComputationGraph.Node: Double](), left = 0.0
        for group in members {
            let width = group.map { size($0).width }.max() ?? 0
            for node in group { centerX[node] = left + width / 2 }
            left += width + Self.columnGap * s
        }

        // y: stacked in order at first, then moved towards the mean of their neighbours, a few
        // sweeps each way, kept apart by the least movement that removes overlaps.
        var centerY = [ComputationGraph.Node: Double]()
        for group in members {
            var top = 0.0
            for node in group {
                centerY[node] = top + size(node).height / 2
                top += size(node).height + Self.nodeGap * s
            }
        }
        func settle(_ group: [ComputationGraph.Node], towards neighbours: (ComputationGraph.Node) -> [ComputationGraph.Node]) {
            let desired = group.map { node -> Double in
                let around = neighbours(node).isEmpty ? (predecessors[node] ?? []) + (successors[node] ?? []) : neighbours(node)
                return around.isEmpty ? centerY[node]! : around.map { centerY[$0]! }.reduce(0, +) / Double(around.count)
            }
            let placed = Self.separated(desired: desired, heights: group.map { size($0).height }, gap: Self.nodeGap * s)
            for (node, y) in zip(group, placed) { centerY[node] = y }
        }
        for _ in 0..<4 {
            for group in members.dropFirst() { settle(group) { predecessors[$0] ?? [] } }
            for group in members.reversed().dropFirst() { settle(group) { successors[$0] ?? [] } }
        }
        // The forward pass last, so each result sits level with its operation.
        for group in members.dropFirst() { settle(group) { predecessors[$0] ?? [] } }

        for k in boxes.indices {
            let (x, y) = (centerX[.value(k)]!, centerY[.value(k)]!)
            boxes[k].move(by: Point(x: x - boxes[k].rect.width / 2, y: y - boxes[k].rect.height / 2))
        }
        for k in operations.indices {
            let center = Point(x: centerX[.step(k)]!, y: centerY[.step(k)]!)
            operations[k].center = center
            // `.top` anchored, so that the symbol's block is centred on the node.
            operations[k].symbol.point = Point(x: center.x, y: center.y - measure(operations[k].symbol.text).height / 2)
        }

        // Edges: into a step at points spread over its left side, top operand highest, so that
        // edges into one node neither cross nor share an arrowhead; out of it at its right end.
        var paths: [EdgePath] = []
        for (k, step) in graph.steps.enumerated() {
            let node = operations[k]
            let order = step.operands.indices.sorted { (boxes[step.operands[$0]].rect.midY, $0) < (boxes[step.operands[$1]].rect.midY, $1) }
            for (slot, operand) in order.enumerated() {
                let spread = step.operands.count == 1 ? 0 : (Double(slot) / Double(step.operands.count - 1) - 0.5) * 1.1
                let box = boxes[step.operands[operand]].rect
                let port = Point(x: node.center.x - node.radii.x * cos(spread), y: node.center.y + node.radii.y * sin(spread))
                paths.append(Self.arrow(from: Point(x: box.maxX, y: box.midY), to: port, size: s,
                                        edge: .init(from: .value(step.operands[operand]), to: .step(k))))
            }
            let result = boxes[step.result].rect
            paths.append(Self.arrow(from: Point(x: node.center.x + node.radii.x, y: node.center.y),
                                    to: Point(x: result.minX, y: result.midY), size: s,
                                    edge: .init(from: .step(k), to: .value(step.result))))
        }
        // In the graph's edge order, so that drawings and tests see them the same way.
        let index = Dictionary(uniqueKeysWithValues: graph.edges.enumerated().map { ($1, $0) })
        paths.sort { index[$0.edge]! < index[$1.edge]! }

        self.boxes = boxes
        self.operations = operations
        self.edges = paths
        let rects = boxes.map(\.rect) + operations.map {
            Rect(x: $0.center.x - $0.radii.x, y: $0.center.y - $0.radii.y, width: 2 * $0.radii.x, height: 2 * $0.radii.y)
        }
        let minX = rects.map(\.minX).min() ?? 0, minY = rects.map(\.minY).min() ?? 0
        bounds = Rect(x: minX, y: minY, width: (rects.map(\.maxX).max() ?? 0) - minX, height: (rects.map(\.maxY).max() ?? 0) - minY)
    }

    /// Centres as close to `desired` as they can be, in the desired order (ties by index), with
    /// `gap` between neighbours: overlapping neighbours join a block, placed at the mean of what
    /// its members want (the least-squares placement).
    static func separated(desired: [Double], heights: [Double], gap: Double) -> [Double] {
        let order = desired.indices.sorted { (desired[$0], $0) < (desired[$1], $1) }
        // Each block: its members in order, their offsets from the block's top, its top and height.
        var blocks: [(members: [Int], offsets: [Double], top: Double, height: Double)] = []
        for k in order {
            blocks.append(([k], [0], desired[k] - heights[k] / 2, heights[k]))
            while blocks.count > 1, blocks[blocks.count - 2].top + blocks[blocks.count - 2].height + gap > blocks[blocks.count - 1].top {
                let upper = blocks.removeLast(), lower = blocks.removeLast()
                let shift = lower.height + gap
                let members = lower.members + upper.members, offsets = lower.offsets + upper.offsets.map { $0 + shift }
                let top = zip(members, offsets).map { desired[$0] - heights[$0] / 2 - $1 }.reduce(0, +) / Double(members.count)
                blocks.append((members, offsets, top, shift + upper.height))
            }
        }
        var centers = desired
        for block in blocks {
            for (k, offset) in zip(block.members, block.offsets) { centers[k] = block.top + offset + heights[k] / 2 }
        }
        return centers
    }

    /// A gentle S from `start` to `end`, level at both ends, with its arrowhead at `end`.
    static func arrow(from start: Point, to end: Point, size s: Double, edge: ComputationGraph.Edge) -> EdgePath {
        let base = Point(x: end.x - arrowLength * s, y: end.y)
        let reach = (base.x - start.x) / 2
        // A cubic Bézier whose control points pull along the horizontal, flattened finely enough
        // that no facet shows at any scale the charts are drawn at.
        let line = (0...24).map { i -> Point in
            let t = Double(i) / 24, u = 1 - t
            let (a, b, c, d) = (u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t)
            return Point(x: a * start.x + b * (start.x + reach) + c * (base.x - reach) + d * base.x,
                         y: a * start.y + b * start.y + c * base.y + d * base.y)
        }
        let head = [end, Point(x: base.x, y: base.y - arrowHalfWidth * s), Point(x: base.x, y: base.y + arrowHalfWidth * s)]
        return EdgePath(edge: edge, line: line, head: head)
    }

    mutating func move(by offset: Point) {
        for k in boxes.indices { boxes[k].move(by: offset) }
        for k in operations.indices {
            operations[k].center = operations[k].center + offset
            operations[k].symbol.point = operations[k].symbol.point + offset
        }
        for k in edges.indices {
            edges[k].line = edges[k].line.map { $0 + offset }
            edges[k].head = edges[k].head.map { $0 + offset }
        }
        bounds = Rect(x: bounds.x + offset.x, y: bounds.y + offset.y, width: bounds.width, height: bounds.height)
    }
}

extension ComputationGraphLayout.ValueBox {
    mutating func move(by offset: Point) {
        rect = Rect(x: rect.x + offset.x, y: rect.y + offset.y, width: rect.width, height: rect.height)
        for k in texts.indices { texts[k].point = texts[k].point + offset }
        separators = separators.map { $0 + offset.y }
    }
}

private func + (a: Point, b: Point) -> Point { Point(x: a.x + b.x, y: a.y + b.y) }

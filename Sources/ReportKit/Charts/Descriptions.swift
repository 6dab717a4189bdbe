import Backprop
import Glibc
import Plotting

/// Each image's description in words, written from the numbers it draws: the alt text of report.md,
/// the PNG's Description chunk, the SVG's `<desc>` and the PDF's subject. A description reads the
/// run's own data (the loss curve's shape, the network's field and units, a sweep's verdicts), so
/// two runs that learn differently are described differently.
enum Descriptions {
    // MARK: - Numbers in words

    /// Two significant digits, keeping a trailing zero (0.80), as a reader rounds a loss.
    static func short(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : value > 0 ? "inf" : "-inf" }
        let magnitude = abs(value)
        if magnitude >= 100 { return grouped(Int(value.rounded())) }
        let text = NumpyFormat.printf(magnitude >= 0.1 || magnitude == 0 ? "%.2f" : "%.2g", value)
        // A typographic minus, as the charts print it; an exponent keeps its hyphen.
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// An integer with thousands separators, 10,000.
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (k, digit) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (value < 0 ? "−" : "") + out
    }

    /// An epoch rounded to two significant digits, for where something happens "around".
    static func roughly(_ epoch: Int) -> String {
        guard epoch >= 100 else { return grouped(epoch) }
        let unit = Int(pow(10, (log10(Double(epoch))).rounded(.down) - 1))
        return grouped((epoch + unit / 2) / unit * unit)
    }

    static func point(_ data: Dataset, _ j: Int) -> String {
        "(\(NumpyFormat.printf("%g", data.x0[j])), \(NumpyFormat.printf("%g", data.x1[j])))"
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return "none"
        case 1: return items[0]
        case 2: return "\(items[0]) and \(items[1])"
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    // MARK: - The loss curve

    /// What the loss does, in order: where it starts, its plateaus, its steepest fall, where it ends.
    struct LossShape: Equatable {
        struct Plateau: Equatable { var level: Double, from: Int, to: Int }
        struct Fall: Equatable { var from: Int, to: Int, high: Double, low: Double, steepest: Int }
        var iterations: Int
        var first: Double, last: Double
        var plateaus: [Plateau]
        var fall: Fall?
    }

    /// The curve at about 1 % steps of the run, interpolated between the envelope's vertices.
    static func samples(_ curve: MinMaxEnvelope, steps: Int = 100) -> [(epoch: Int, loss: Double)] {
        let vertices = curve.vertices
        guard let last = vertices.last else { return [] }
        let n = min(steps, Int(last.x))
        guard n > 0 else { return [(0, vertices[0].y)] }
        var out: [(Int, Double)] = [], v = 0
        for k in 0...n {
            let x = (last.x * Double(k) / Double(n)).rounded()
            while v + 1 < vertices.count, vertices[v + 1].x <= x { v += 1 }
            let a = vertices[v], b = v + 1 < vertices.count ? vertices[v + 1] : a
            let y = b.x > a.x ? a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x) : a.y
            out.append((Int(x), y))
        }
        return out
    }

    static func lossShape(_ curve: MinMaxEnvelope, finalLoss: Double) -> LossShape {
        let s = samples(curve)
        var shape = LossShape(iterations: curve.count, first: s.first?.loss ?? finalLoss, last: finalLoss, plateaus: [], fall: nil)
        guard s.count > 2 else { return shape }
        let losses = s.map(\.loss)
        let range = losses.max()! - losses.min()!
        let n = s.count - 1
        // The fall that loses the most: consecutive steps that each drop at least 2 % of the curve's range.
        if range > 0 {
            var best: LossShape.Fall?, k = 0
            while k < n {
                guard losses[k] - losses[k + 1] >= 0.02 * range else { k += 1; continue }
                var end = k, steepest = k
                while end < n, losses[end] - losses[end + 1] >= 0.02 * range {
                    if losses[end] - losses[end + 1] > losses[steepest] - losses[steepest + 1] { steepest = end }
                    end += 1
                }
                let fall = LossShape.Fall(from: s[k].epoch, to: s[end].epoch, high: losses[k], low: losses[end],
                                          steepest: (s[steepest].epoch + s[steepest + 1].epoch) / 2)
                if best.map({ fall.high - fall.low > $0.high - $0.low }) ?? true { best = fall }
                k = end
            }
            // A fall of under a tenth of where the loss started is noise on a plateau, not a phase of learning.
            if let best, best.high - best.low >= 0.1 * abs(shape.first) { shape.fall = best }
        }
        // Plateaus: at least 3 % of the run within 10 % of one level, and not the slow creep of a loss
        // already near zero (a tenth of where it started or less). Neighbours at one level are one plateau.
        var i = 0
        let floor = 0.1 * shape.first
        var stretches: [(from: Int, to: Int)] = []
        while i < n {
            var j = i, low = losses[i], high = losses[i]
            while j < n {
                let next = losses[j + 1]
                guard max(high, next) <= 1.1 * min(low, next) else { break }
                (low, high) = (min(low, next), max(high, next))
                j += 1
            }
            if j - i >= max(n / 30, 2), low > floor {
                if let last = stretches.last, last.to >= i - 1,
                   max(losses[last.to], losses[j]) <= 1.1 * min(losses[last.to], losses[j]) {
                    stretches[stretches.count - 1].to = j
                } else {
                    stretches.append((i, j))
                }
                i = j + 1
            } else {
                i += 1
            }
        }
        shape.plateaus = stretches.map { stretch in
            let level = losses[stretch.from...stretch.to].sorted()[(stretch.to - stretch.from) / 2]
            return .init(level: level, from: s[stretch.from].epoch, to: s[stretch.to].epoch)
        }
        return shape
    }

    static func losses(_ run: TrainingRun) -> String {
        let shape = lossShape(run.lossCurve, finalLoss: run.finalLoss)
        let end = max(shape.iterations - 1, 0)
        var events: [(epoch: Int, text: String)] = [(0, "\(short(shape.first)) at epoch 0")]
        for plateau in shape.plateaus {
            let until = plateau.to >= end ? "to the end" : "until epoch \(roughly(plateau.to))"
            let from = plateau.from == 0 ? "" : " from epoch \(roughly(plateau.from))"
            events.append((plateau.from, "a plateau near \(short(plateau.level))\(from) \(until)"))
        }
        if let fall = shape.fall {
            events.append((fall.steepest, "a fall around epoch \(roughly(fall.steepest)) (from \(short(fall.high)) to "
                + "\(short(fall.low)) between epochs \(grouped(fall.from)) and \(grouped(fall.to)))"))
        } else if shape.last >= 0.9 * shape.first {
            events.append((end, "no real fall"))
        }
        let middle = events.dropFirst().sorted { $0.epoch < $1.epoch }.map(\.text)
        let all = [events[0].text] + middle + ["\(short(run.finalLoss)) at the end"]
        return "Loss over \(grouped(shape.iterations)) epochs: " + all.joined(separator: ", ")
    }

    // MARK: - The boundary

    /// Which training points the network puts in which class, and whether that is right.
    static func classification(_ parameters: Parameters, run: TrainingRun, subject: String = "The network") -> String {
        let data = run.data
        let predicted = parameters.predictions(on: data, activation: run.recipe.activation)
        let wrong = (0..<data.count).filter { Double(predicted[$0]) != data.y[$0] }
        guard data.count <= 8 else {
            let right = data.count - wrong.count
            return "\(subject) classifies \(right) of \(data.count) training points right "
                + "(\(NumpyFormat.printf("%.0f", 100 * Double(right) / Double(data.count)))%)"
        }
        func members(_ label: Int) -> [String] { (0..<data.count).filter { predicted[$0] == label }.map { point(data, $0) } }
        let classes = [0, 1].filter { !members($0).isEmpty }.map { "\(list(members($0))) as \($0)" }
        let verdict = wrong.isEmpty ? "all \(data.count) right"
            : "\(data.count - wrong.count) of \(data.count) right, \(list(wrong.map { point(data, $0) })) wrong"
        return "\(subject) classifies \(list(classes)): \(verdict)"
    }

    /// The shape of the region the network calls class 1, from its field sampled over the chart's square.
    static func region(_ parameters: Parameters, run: TrainingRun) -> String {
        let domain = RunCharts.paddedDomain(run.data)
        let n = 81
        func x(_ i: Int) -> Double { domain.x.lowerBound + (domain.x.upperBound - domain.x.lowerBound) * Double(i) / Double(n - 1) }
        func y(_ j: Int) -> Double { domain.y.lowerBound + (domain.y.upperBound - domain.y.lowerBound) * Double(j) / Double(n - 1) }
        var mask = [Bool](repeating: false, count: n * n)
        for j in 0..<n { for i in 0..<n { mask[j * n + i] = parameters.predict(x(i), y(j), activation: run.recipe.activation) == 1 } }
        let share = Double(mask.count { $0 }) / Double(mask.count)
        let covering = "\(NumpyFormat.printf("%.0f", 100 * share))% of the square"
        if share == 0 { return "class 1 appears nowhere in the square" }
        if share == 1 { return "class 1 covers the whole square" }
        let ones = components(mask, n: n, of: true), zeros = components(mask, n: n, of: false)
        // Cells on the border between the class-1 region and one class-0 component, in plot units.
        func border(_ zero: [Int]) -> [(Double, Double)] {
            let members = Set(zero)
            func touchesClassOne(_ a: Int, _ b: Int) -> Bool {
                guard a >= 0, a < n, b >= 0, b < n else { return false }
                let d = b * n + a
                return mask[d] && !members.contains(d)
            }
            return zero.filter { (c: Int) -> Bool in
                let i = c % n, j = c / n
                return touchesClassOne(i - 1, j) || touchesClassOne(i + 1, j) || touchesClassOne(i, j - 1) || touchesClassOne(i, j + 1)
            }.map { (Double($0 % n) / Double(n - 1), Double($0 / n) / Double(n - 1)) }
        }
        func centroid(_ cells: [Int]) -> (Double, Double) {
            let count = Double(cells.count)
            return (cells.reduce(0) { $0 + Double($1 % n) } / count / Double(n - 1),
                    cells.reduce(0) { $0 + Double($1 / n) } / count / Double(n - 1))
        }
        if ones.count == 1, zeros.count == 1 {
            let line = fit(border(zeros[0]))
            let (a, b) = (centroid(ones[0]), centroid(zeros[0]))
            let side = direction(a.0 - b.0, a.1 - b.1)
            return line.straight ? "class 1 is the side of one straight line towards the \(side) (\(covering))"
                : "class 1 is one region bounded by a curve, towards the \(side) (\(covering))"
        }
        if ones.count == 1, zeros.count == 2 {
            let lines = zeros.map { fit(border($0)) }
            let angle = abs(lines[0].angle - lines[1].angle).truncatingRemainder(dividingBy: Double.pi)
            let apart = min(angle, Double.pi - angle) * 180 / Double.pi
            let between = !lines.allSatisfy(\.straight) ? "two curves"
                : apart < 5 ? "two parallel lines"
                : "two straight lines \(NumpyFormat.printf("%.0f", apart))° apart"
            return "class 1 is a band between \(between) (\(covering)), class 0 on both sides"
        }
        if ones.count == 2, zeros.count == 1 {
            let sides = ones.map { c -> String in
                let (cx, cy) = centroid(c)
                return direction(cx - 0.5, cy - 0.5)
            }
            return "class 1 is two separate regions, towards the \(sides[0]) and the \(sides[1]) (\(covering))"
        }
        return "class 1 is \(ones.count) separate region\(ones.count == 1 ? "" : "s") with class 0 in "
            + "\(zeros.count) (\(covering))"
    }

    /// The 4-connected components of the cells equal to `value`, each as its cell indices.
    static func components(_ mask: [Bool], n: Int, of value: Bool) -> [[Int]] {
        var seen = [Bool](repeating: false, count: mask.count), found: [[Int]] = []
        for start in mask.indices where mask[start] == value && !seen[start] {
            var stack = [start], cells: [Int] = []
            seen[start] = true
            while let c = stack.popLast() {
                cells.append(c)
                let (i, j) = (c % n, c / n)
                for (a, b) in [(i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)] where a >= 0 && a < n && b >= 0 && b < n {
                    let d = b * n + a
                    if mask[d] == value, !seen[d] { seen[d] = true; stack.append(d) }
                }
            }
            found.append(cells)
        }
        // Specks a cell or two wide are sampling noise where the boundary grazes a corner.
        return found.filter { $0.count > 2 }
    }

    /// The principal direction of points and whether they lie along it (within 2 % of the square).
    static func fit(_ points: [(Double, Double)]) -> (angle: Double, straight: Bool) {
        guard points.count > 2 else { return (0, true) }
        let count = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.0 } / count, my = points.reduce(0) { $0 + $1.1 } / count
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for (px, py) in points { sxx += (px - mx) * (px - mx); syy += (py - my) * (py - my); sxy += (px - mx) * (py - my) }
        let angle = 0.5 * atan2(2 * sxy, sxx - syy)
        let (ux, uy) = (cos(angle), sin(angle))
        let spread = points.reduce(0) { $0 + pow(-($1.0 - mx) * uy + ($1.1 - my) * ux, 2) } / count
        return (angle, spread.squareRoot() < 0.02)
    }

    static func direction(_ dx: Double, _ dy: Double) -> String {
        let names = ["right", "upper right", "top", "upper left", "left", "lower left", "bottom", "lower right"]
        let sector = Int(((atan2(dy, dx) / (Double.pi / 4)).rounded() + 8).truncatingRemainder(dividingBy: 8))
        return names[sector]
    }

    static func boundary(_ run: TrainingRun) -> String { probability(run.final, run: run) }

    /// The probability view of `parameters`: where the training points fall, and the class-1 region's shape.
    static func probability(_ parameters: Parameters, run: TrainingRun) -> String {
        "\(classification(parameters, run: run)); \(region(parameters, run: run))"
    }

    static func evolution(_ run: TrainingRun, epochs: [Int]) -> String {
        let panels = run.snapshots.filter { epochs.contains($0.epoch) }.map { snapshot -> String in
            let right = snapshot.parameters.predictions(on: run.data, activation: run.recipe.activation).enumerated()
                .count { Double($0.element) == run.data.y[$0.offset] }
            return "epoch \(grouped(snapshot.epoch)) (loss \(short(snapshot.loss))): \(right) of \(run.data.count) right, "
                + region(snapshot.parameters, run: run)
        }
        return "The decision boundary at \(panels.count) epochs: " + panels.joined(separator: "; ")
    }

    /// training.png: where the frames start and end, and from which frame every point is right.
    static func animation(_ replay: TrainingRun, run: TrainingRun, network: Bool) -> String {
        let snapshots = replay.snapshots
        guard let first = snapshots.first, let last = snapshots.last else { return losses(run) }
        let right = snapshots.map { $0.parameters.accuracy(on: replay.data, activation: replay.recipe.activation) == 1 }
        var settled: Int?
        if right.last == true { settled = snapshots[right.lastIndex(of: false).map { $0 + 1 } ?? 0].epoch }
        let panels = network ? "the network, the probability view and the loss" : "the probability view and the loss"
        let start = region(first.parameters, run: replay)
        let end = classification(last.parameters, run: replay, subject: "the network") + ", " + region(last.parameters, run: replay)
        let verdict = settled.map { "every point is right from epoch \(grouped($0)) on" } ?? "some point stays wrong to the end"
        let frames = "An animation of \(snapshots.count) frames, \(panels) from epoch \(grouped(first.epoch)) to \(grouped(last.epoch))"
        return "\(frames): at the start \(start); at the end \(end); \(verdict). \(losses(run))"
    }

    // MARK: - The network

    /// Whether a hidden unit counts as on: past the middle of its activation's range.
    static func isOn(_ value: Double, _ activation: Activation) -> Bool {
        switch activation {
        case .sigmoid: return value > 0.5
        case .tanh, .relu: return value > 0
        }
    }

    static let gateNames: [[Bool]: String] = [
        [false, true, true, true]: "OR", [false, false, false, true]: "AND", [false, true, true, false]: "XOR",
        [true, false, false, false]: "NOR", [true, true, true, false]: "NAND", [true, false, false, true]: "XNOR",
        [false, false, true, true]: "x0", [false, true, false, true]: "x1",
        [true, true, false, false]: "NOT x0", [true, false, true, false]: "NOT x1",
        [false, true, false, false]: "x1 AND NOT x0", [false, false, true, false]: "x0 AND NOT x1",
        [true, true, false, true]: "NOT x0 OR x1", [true, false, true, true]: "x0 OR NOT x1",
        [false, false, false, false]: "never on", [true, true, true, true]: "always on",
    ]

    static func network(_ parameters: Parameters, run: TrainingRun) -> String {
        let data = run.data, activation = run.recipe.activation
        var units: [String] = []
        for i in 0..<parameters.hidden {
            let on = (0..<data.count).map { j in
                isOn(activation.forward(parameters.w1[2 * i] * data.x0[j] + parameters.w1[2 * i + 1] * data.x1[j] + parameters.b1[i]),
                     activation)
            }
            let numbers = "bias \(short(parameters.b1[i])), weights \(short(parameters.w1[2 * i])) and \(short(parameters.w1[2 * i + 1]))"
            let what: String
            if run.isGate, data.count == 4 {
                let points = (0..<4).filter { on[$0] }.map { point(data, $0) }
                let name = gateNames[(0..<4).map { on[$0] }]!
                what = points.isEmpty ? "h\(i + 1) is on for no point (\(name))"
                    : "h\(i + 1) is on for \(list(points)): \(name)"
            } else {
                what = "h\(i + 1) is on for \(on.count { $0 }) of \(data.count) points"
            }
            units.append("\(what) (\(numbers))")
        }
        let output = "ŷ weighs " + list((0..<parameters.hidden).map { "h\($0 + 1) by \(short(parameters.w2[$0]))" })
            + " with bias \(short(parameters.b2))"
        var weights: [(String, Double)] = []
        for i in 0..<parameters.hidden {
            weights += [("x0→h\(i + 1)", parameters.w1[2 * i]), ("x1→h\(i + 1)", parameters.w1[2 * i + 1]),
                        ("h\(i + 1)→ŷ", parameters.w2[i])]
        }
        let strongest = weights.sorted { (abs($0.1), $1.0) > (abs($1.1), $0.0) }.prefix(3).map { "\($0.0) \(short($0.1))" }
        return "A 2-\(parameters.hidden)-1 network, \(activation.rawValue) hidden units: " + units.joined(separator: "; ")
            + "; \(output). The strongest weights: \(list(strongest))"
    }

    static func networkEvolution(_ run: TrainingRun, epochs: [Int]) -> String {
        let panels = run.snapshots.filter { epochs.contains($0.epoch) }.map { snapshot -> String in
            let data = run.data, activation = run.recipe.activation, p = snapshot.parameters
            let units = (0..<p.hidden).map { i -> String in
                let on = (0..<data.count).map { j in
                    isOn(activation.forward(p.w1[2 * i] * data.x0[j] + p.w1[2 * i + 1] * data.x1[j] + p.b1[i]), activation)
                }
                guard run.isGate, data.count == 4 else { return "h\(i + 1) on for \(on.count { $0 })" }
                return "h\(i + 1) \(gateNames[on]!)"
            }
            return "epoch \(grouped(snapshot.epoch)): \(units.joined(separator: ", "))"
        }
        return "The hidden units at \(panels.count) epochs, as truth tables on the training points: "
            + panels.joined(separator: "; ")
    }

    // MARK: - One iteration

    static func backprop(_ sample: ComputationGraph.SampleArrays, epoch: Int, index: Int) -> String {
        var gradients: [(String, Double)] = [("b2", sample.db2)]
        for i in 0..<sample.hidden {
            gradients += [("w1[\(i),0]", sample.dw1[2 * i]), ("w1[\(i),1]", sample.dw1[2 * i + 1]),
                          ("b1[\(i)]", sample.db1[i]), ("w2[\(i)]", sample.dw2[i])]
        }
        let largest = gradients.sorted { (abs($0.1), $1.0) > (abs($1.1), $0.0) }.prefix(3).map { "\($0.0) \(short($0.1))" }
        let x = "(\(NumpyFormat.printf("%g", sample.x[0])), \(NumpyFormat.printf("%g", sample.x[1])))"
        let zeroInputs = (0..<2).filter { sample.x[$0] == 0 }.map { "x\($0)" }
        let note = zeroInputs.isEmpty ? ""
            : "; the gradients of the weights on \(list(zeroInputs)) are zero, since \(zeroInputs.count == 1 ? "that input is" : "both inputs are") 0"
        return "One iteration of backpropagation at epoch \(grouped(epoch)) for sample \(index), x = \(x), y = "
            + "\(NumpyFormat.printf("%g", sample.y)): ŷ = \(short(sample.yHat)), loss term \(short(sample.loss)), "
            + "dz2 = ŷ − y = \(short(sample.dz2)); the largest gradients: \(list(largest))\(note)"
    }

    // MARK: - Sweeps and atlases

    static func sweep(_ result: SweepResult) -> String {
        let tally = result.tally
        func share(_ count: Int) -> String { "\(grouped(count)) (\(NumpyFormat.printf("%.1f", 100 * Double(count) / Double(tally.seeds)))%)" }
        let stuck = result.seeds.filter { !$0.converged && !$0.diverged }.map(\.finalLoss).sorted()
        // Stuck seeds gather at a few losses (one point wrong, two points at ½): runs of losses within 15 %.
        var levels: [[Double]] = []
        for loss in stuck {
            if let last = levels.last?.last, loss <= 1.15 * last { levels[levels.count - 1].append(loss) } else { levels.append([loss]) }
        }
        let named = levels.sorted { $0.count > $1.count }.prefix(3)
        var stuckText = "\(share(stuck.count)) stuck"
        if !named.isEmpty {
            stuckText += " (" + named.map { "\(grouped($0.count)) near loss \(short($0[$0.count / 2]))" }.joined(separator: ", ")
            let rest = stuck.count - named.reduce(0) { $0 + $1.count }
            stuckText += rest > 0 ? ", \(grouped(rest)) elsewhere)" : ")"
        }
        let converged = result.seeds.filter(\.converged).map(\.finalLoss)
        let range = converged.isEmpty ? ""
            : "; the converged end between loss \(short(converged.min()!)) and \(short(converged.max()!))"
        let options = result.configuration
        let width = options.hidden.map { "\($0) hidden, " } ?? ""
        let rate = options.learningRate.map { ", learning rate \(NumpyFormat.printf("%g", $0))" } ?? ""
        return "Final losses of \(grouped(tally.seeds)) seeds (\(options.task?.uppercased() ?? "the data"), \(width)\(options.activation), "
            + "\(grouped(options.iterations)) iterations\(rate)): \(share(tally.converged)) converge, \(stuckText), "
            + "\(share(tally.diverged)) diverged\(range)"
    }

    static func atlas(_ result: AtlasResult) -> String {
        let cells = result.cells
        guard !cells.isEmpty else { return "An empty atlas" }
        func at(_ cell: AtlasResult.Cell) -> String {
            "\(cell.tally.percent) at learning rate \(NumpyFormat.printf("%g", cell.learningRate)) with \(cell.hidden) hidden unit"
                + (cell.hidden == 1 ? "" : "s")
        }
        let best = cells.max { $0.tally.convergenceRate < $1.tally.convergenceRate }!
        let worst = cells.min { $0.tally.convergenceRate < $1.tally.convergenceRate }!
        let all = cells.count { $0.tally.converged == $0.tally.seeds }, none = cells.count { $0.tally.converged == 0 }
        let diverged = cells.count { $0.tally.diverged > 0 }
        let seeds = cells[0].seeds.count
        return "Share of seeds (of \(seeds) each) that converge in \(cells.count) cells, learning rates "
            + list(result.learningRates.map { NumpyFormat.printf("%g", $0) }) + " across and " + list(result.hidden.map(String.init))
            + " hidden units up: best \(at(best)), worst \(at(worst)); \(all) cell\(all == 1 ? "" : "s") converge for every seed, "
            + "\(none) for none\(diverged > 0 ? ", \(diverged) with diverged seeds" : "")"
    }
}

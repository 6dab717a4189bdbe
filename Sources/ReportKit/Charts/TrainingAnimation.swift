import Backprop
import Glibc
import Parallel
import Plotting

/// training.png: the run as an animation, the probability view beside the loss curve up to each frame's epoch.
enum TrainingAnimation {
    /// The epochs of `count` frames, from 0 to the end, spaced evenly along the loss curve as
    /// drawn (epochs across, the loss up on `scale`, each scaled to the unit square), so that a
    /// steep fall gets as many frames as a plateau of the same drawn length and neither is skipped.
    static func epochs(of curve: MinMaxEnvelope, iterations: Int, count: Int, scale: AxisScale) -> [Int] {
        precondition(count >= 2 && count <= iterations + 1, "an animation needs 2 to iterations + 1 frames")
        let points = curve.vertices.compactMap { p -> (x: Double, y: Double)? in
            guard scale == .log else { return p }
            return p.y > 0 ? (p.x, log10(p.y)) : nil
        }
        let low = points.map(\.y).min() ?? 0, high = points.map(\.y).max() ?? 1
        let height = high > low ? high - low : 1
        func scaled(_ p: (x: Double, y: Double)) -> (x: Double, y: Double) {
            (p.x / Double(iterations), (p.y - low) / height)
        }
        var lengths = [0.0]
        for (a, b) in zip(points, points.dropFirst()) {
            let (p, q) = (scaled(a), scaled(b))
            lengths.append(lengths.last! + ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot())
        }
        var epochs: [Int] = []
        var segment = 0
        for k in 0..<count {
            let target = lengths.last! * Double(k) / Double(count - 1)
            while segment + 1 < lengths.count - 1, lengths[segment + 1] < target { segment += 1 }
            var epoch = points.first.map { Int($0.x) } ?? 0
            if segment + 1 < points.count, lengths[segment + 1] > lengths[segment] {
                let t = min(1, (target - lengths[segment]) / (lengths[segment + 1] - lengths[segment]))
                epoch = Int((points[segment].x + t * (points[segment + 1].x - points[segment].x)).rounded())
            }
            epochs.append(k == 0 ? 0 : max(epoch, epochs[k - 1] + 1))
        }
        // The last frame is the trained network; earlier ones make room for it, one epoch each.
        epochs[count - 1] = iterations
        for k in stride(from: count - 2, through: 0, by: -1) { epochs[k] = min(epochs[k], epochs[k + 1] - 1) }
        return epochs
    }

    /// The animation of `run`, whose snapshots are the frames' epochs, its loss axis on `scale`; with `network`,
    /// the network beside the boundary, so that the hidden units can be watched forming.
    static func animation(_ run: TrainingRun, milliseconds: [Int], scale: AxisScale, title: String?,
                          network: Bool = false) -> Animation {
        // Both axes hold the whole run, so that they stay still while the curve grows.
        let vertices = run.lossCurve.vertices.filter { scale == .linear || $0.y > 0 }
        let lossAxis = Axis(label: "loss", scale: scale)
        let lossRange = vertices.map(\.y).min().map { lossAxis.range(fitting: $0...vertices.map(\.y).max()!) }
        // Built on every core: each frame samples its probability field, tens of thousands of network evaluations.
        // The workers are no tasks of ours and would not see the palette bound around this call: it goes with them.
        let (palette, snapshots) = (Palette.current, run.snapshots)
        let frames = ParallelMap.map(snapshots.indices) { k in Palette.$current.withValue(palette) {
            let snapshot = snapshots[k]
            let drawn = vertices.prefix { $0.x <= Double(snapshot.epoch) }
            let losses = Chart(
                xAxis: Axis(label: "epoch", range: 0...Double(run.recipe.iterations)),
                yAxis: Axis(label: "loss", scale: scale, range: lossRange),
                lines: [LineSeries(x: drawn.map(\.x), y: drawn.map(\.y), color: Palette.current.lossLine, width: 1.5 * 100 / 72)],
                scatters: [ScatterSeries(points: [(Double(snapshot.epoch), snapshot.loss)], color: Palette.current.lossLine, radius: 4)],
                showLegend: false)
            let caption = "epoch \(snapshot.epoch) · loss \(NumpyFormat.printf("%.4f", snapshot.loss))"
            let boundary = RunCharts.probabilityChart(snapshot.parameters, run: run, title: nil, colorBar: true)
            let panels = network ? [RunCharts.networkChart(snapshot.parameters, run: run, title: nil,
                                                           textFloor: ChartStyle.matplotlib.tickLabelSize), boundary, losses]
                : [boundary, losses]
            return Figure(grid: panels, columns: panels.count, title: title.map { "\($0)\n\(caption)" } ?? caption)
        } }
        return Animation(frames: frames, milliseconds: milliseconds, still: frames.count - 1)
    }
}

import Backprop
import Glibc
import Plotting

/// The charts of a run, described for `Plotting`, which knows nothing of networks.
enum RunCharts {
    /// The current palette's class colours: in the light theme matplotlib's named colours 'red' and 'blue', as the
    /// notebook's scatter uses them.
    static var classColors: [Color] { Palette.current.classColors }
    /// Red for class 0 through the background (white in the light theme) at ŷ = 0.5 to blue for class 1.
    static var probabilityColormap: Colormap { Palette.current.probabilityColormap }

    /// The notebook's `plt.plot(losses)`, with its axis labels.
    static func losses(_ run: TrainingRun, scale: AxisScale, title: String?) -> Figure {
        // A one-iteration run is a single point, which a line cannot show: mark it.
        let lone = run.lossCurve.count == 1
            ? [ScatterSeries(points: [(0, run.finalLoss)], color: Palette.current.lossLine, radius: 3)] : []
        return Figure(Chart(
            title: title, xAxis: Axis(label: "EPOCHS"), yAxis: Axis(label: "Loss value", scale: scale),
            // matplotlib's default line is 1.5 pt at 100 dpi.
            lines: [LineSeries(envelope: run.lossCurve, color: Palette.current.lossLine, width: 1.5 * 100 / 72)],
            scatters: lone, showLegend: false))
    }

    /// The square the boundary charts cover: the unit square for a gate, the data's range with a margin otherwise.
    static func domain(_ data: Dataset, isGate: Bool) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        isGate ? (0...1, 0...1) : paddedDomain(data)
    }

    /// The data's range with a 10% margin, so that points on the edge are drawn whole.
    static func paddedDomain(_ data: Dataset) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        func padded(_ values: [Double]) -> ClosedRange<Double> {
            let low = values.min()!, high = values.max()!
            let margin = high > low ? (high - low) * 0.1 : 0.5
            return (low - margin)...(high + margin)
        }
        return (padded(data.x0), padded(data.x1))
    }

    /// The notebook's grid of `predict`: red for 0, blue for 1, half transparent.
    static func boundaryScatter(_ run: TrainingRun, step: Double, legend: Bool, title: String?) -> Figure {
        let domain = Self.domain(run.data, isGate: run.isGate)
        // np.arange's length is ceil((stop - start) / step): 20 points for 0.05.
        let count = Int((1 / step).rounded(.up))
        var classes: [[(x: Double, y: Double)]] = [[], []]
        for i in 0..<count {
            for j in 0..<count {
                // np.arange(0, 1, 0.05) computes i * step, not a running sum.
                let x0 = domain.x.lowerBound + Double(i) * step * (domain.x.upperBound - domain.x.lowerBound)
                let x1 = domain.y.lowerBound + Double(j) * step * (domain.y.upperBound - domain.y.lowerBound)
                classes[run.final.predict(x0, x1, activation: run.recipe.activation)].append((x0, x1))
            }
        }
        return Figure(Chart(
            title: title, xAxis: Axis(label: "x0"), yAxis: Axis(label: "x1"),
            scatters: (0..<2).map {
                // matplotlib's default marker: 36 pt² at 100 dpi, its edge stroked in the face's colour.
                ScatterSeries(points: classes[$0], color: classColors[$0], alpha: Palette.current.scatterAlpha, radius: 4.2, label: legend ? "class \($0)" : nil,
                              marker: .edged(color: classColors[$0].withAlpha(Palette.current.scatterAlpha), width: 100.0 / 72))
            },
            showLegend: legend))
    }

    /// The network's ŷ as a colour field, its 0.5 contour, the training points and a colour bar.
    static func boundaryProbability(_ run: TrainingRun, title: String?) -> Figure {
        Figure(probabilityChart(run.final, run: run, title: title, colorBar: true))
    }

    /// One probability view of `parameters`; shared by the boundary chart and the evolution panels.
    static func probabilityChart(_ parameters: Parameters, run: TrainingRun, title: String?, colorBar: Bool) -> Chart {
        let domain = paddedDomain(run.data)
        let activation = run.recipe.activation
        let samples = 161
        let field = ScalarField(
            xRange: domain.x, yRange: domain.y, nx: samples, ny: samples,
            values: ScalarField.values(xRange: domain.x, yRange: domain.y, nx: samples, ny: samples) {
                parameters.probabilities($0, $1, activation: activation)
            },
            colormap: probabilityColormap, valueRange: 0...1, contourLevels: [0.5],
            contourColor: Palette.current.lineColor
        )
        let points = trainingPoints(run.data)
        return Chart(
            title: title, xAxis: Axis(label: "x0", range: domain.x), yAxis: Axis(label: "x1", range: domain.y),
            scatters: (0..<2).map {
                ScatterSeries(points: points[$0], color: classColors[$0], radius: run.data.count > 50 ? 2.5 : 6,
                              label: "class \($0)", marker: .edged(color: Palette.current.markerEdge, width: 1.2))
            },
            field: field,
            colorBar: colorBar ? ColorBar(label: "ŷ", colormap: probabilityColormap, range: 0...1, markedLevels: [0.5],
                                          markColor: Palette.current.lineColor) : nil,
            showLegend: false)
    }

    /// The training points, split by their true label.
    static func trainingPoints(_ data: Dataset) -> [[(x: Double, y: Double)]] {
        var classes: [[(x: Double, y: Double)]] = [[], []]
        for j in 0..<data.count { classes[data.y[j] == 1 ? 1 : 0].append((data.x0[j], data.x1[j])) }
        return classes
    }

    /// Small multiples of the probability view at `epochs` of the run (a snapshot each).
    static func evolution(_ run: TrainingRun, epochs: [Int], title: String? = nil) -> Figure {
        let panels = run.snapshots.filter { epochs.contains($0.epoch) }.map { snapshot in
            let loss = NumpyFormat.printf(snapshot.loss >= 0.01 ? "%.3f" : "%.2e", snapshot.loss)
            return probabilityChart(snapshot.parameters, run: run, title: "epoch \(snapshot.epoch) · loss \(loss)",
                                    colorBar: false)
        }
        return Figure(grid: panels, columns: evolutionLayout(panels: panels.count).columns,
                      title: titled("How the decision boundary forms", title))
    }

    /// The network at `epochs` of the run, as the evolution view shows the boundary; each panel is
    /// drawn on a canvas of its own `--size` (``ChartSettings/panelGridSettings(panels:)``).
    static func networkEvolution(_ run: TrainingRun, epochs: [Int], title: String? = nil) -> Figure {
        let snapshots = run.snapshots.filter { epochs.contains($0.epoch) }
        // One width scale for every panel: scaled each to its own largest weight, an edge of 1 at
        // epoch 0 would look as wide as one of 13 at the end, and the weights' growth would not show.
        let largest = snapshots.map { NetworkDiagram.largestWeight($0.parameters) }.max() ?? 0
        let panels = snapshots.map { snapshot in
            networkChart(snapshot.parameters, run: run, title: "epoch \(snapshot.epoch)", largestWeight: largest)
        }
        return Figure(grid: panels, columns: evolutionLayout(panels: panels.count).columns,
                      title: titled("How the hidden units form", title))
    }

    /// A figure's own heading under the `--title`, when there is one.
    static func titled(_ heading: String, _ title: String?) -> String {
        title.map { "\($0)\n\(heading)" } ?? heading
    }

    /// The evolution view's grid: one row of up to four panels, else two rows.
    static func evolutionLayout(panels: Int) -> (columns: Int, rows: Int) {
        let columns = max(panels <= 4 ? panels : (panels + 1) / 2, 1)
        return (columns, (panels + columns - 1) / columns)
    }

    /// Every seed's final loss, sorted, on a log axis; converged and stuck seeds apart.
    static func sweep(_ result: SweepResult, title: String?) -> Figure {
        // A NaN loss has no place in a sort or on a log axis: diverged seeds are counted, not drawn.
        let sorted = result.seeds.filter { !$0.diverged }.sorted { ($0.finalLoss, $0.seed) < ($1.finalLoss, $1.seed) }
        let diverged = result.seeds.count - sorted.count
        // A loss of exactly 0 (every ŷ rounded to its label) has no place on a log axis, which would drop it
        // and leave a sweep of perfect seeds an empty chart. It is drawn at a floor a decade below the
        // smallest real loss, so it reads as lower than all of them and apart from them, and never above
        // 1e-16, about what the notebook's formula can resolve beside 1; the axis label says so.
        let zeros = sorted.filter { $0.finalLoss == 0 }.count
        let smallest = sorted.lazy.map(\.finalLoss).first { $0 > 0 }
        let decadeBelow = smallest.map { max(pow(10, log10($0).rounded(.down) - 1), .leastNonzeroMagnitude) }
        let floor = min(1e-16, decadeBelow ?? 1e-16)
        var converged: [(x: Double, y: Double)] = [], stuck: [(x: Double, y: Double)] = []
        for (rank, seed) in sorted.enumerated() {
            let point = (x: Double(rank), y: seed.finalLoss == 0 ? floor : seed.finalLoss)
            if seed.converged { converged.append(point) } else { stuck.append(point) }
        }
        let zeroNote = zeros == 0 ? ""
            : " (\(zeros) seed\(zeros == 1 ? "" : "s") at loss 0, drawn at \(NumpyFormat.printf("%g", floor)))"
        let heading = title ?? result.headline + (diverged > 0 ? ", \(diverged) diverged" : "")
        return Figure(Chart(
            title: heading,
            xAxis: Axis(label: "seeds, sorted by final loss" + (diverged > 0 ? " (\(diverged) diverged, not shown)" : "")),
            yAxis: Axis(label: "final loss" + zeroNote, scale: .log),
            scatters: [
                ScatterSeries(points: converged, color: Palette.current.converged, alpha: Palette.current.sweepAlpha, radius: 2.5, label: converged.isEmpty ? nil : "converged"),
                ScatterSeries(points: stuck, color: Palette.current.stuck, alpha: Palette.current.sweepAlpha, radius: 2.5, label: stuck.isEmpty ? nil : "stuck"),
            ],
            showLegend: true, legendPosition: .upperLeft))
    }

    /// The share of seeds that converge per learning rate (across) and hidden width (up), printed in each cell.
    static func atlas(_ result: AtlasResult, title: String?) -> Figure {
        let shares = result.cells.map(\.tally.convergenceRate)
        let cells = CellGrid(columns: result.learningRates.count, rows: result.hidden.count, values: shares,
                             labels: result.cells.map(\.tally.percent),
                             colormap: probabilityColormap, valueRange: 0...1)
        func categories(_ names: [String]) -> AxisTicks { AxisTicks(major: names.indices.map(Double.init), labels: names) }
        let seeds = result.cells.first?.seeds.count ?? 0
        let options = result.configuration
        return Figure(Chart(
            title: title ?? "Seeds that learn \(options.task?.uppercased() ?? "the data") (of \(seeds) each, "
                + "\(options.iterations) iterations, \(options.activation))",
            xAxis: Axis(label: "learning rate", range: cells.xRange, ticks: categories(result.learningRates.map { NumpyFormat.printf("%g", $0) })),
            yAxis: Axis(label: "hidden units", range: cells.yRange, ticks: categories(result.hidden.map(String.init))),
            cells: cells,
            colorBar: ColorBar(label: "share of seeds that converge", colormap: probabilityColormap, range: 0...1),
            showLegend: false))
    }
}

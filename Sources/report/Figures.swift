import Backprop
import Plotting

/// The charts of a run, described for `Plotting`, which knows nothing of networks.
enum Figures {
    /// The notebook's `plt.plot(losses)`, with its axis labels.
    static func losses(_ run: TrainingRun) -> Figure {
        var chart = Chart(xAxis: Axis(label: "EPOCHS"), yAxis: Axis(label: "Loss value"))
        chart.lines = [LineSeries(envelope: run.lossCurve, color: .tabBlue)]
        return Figure(chart)
    }

    /// The notebook's 20×20 grid of `predict`, red for 0 and blue for 1, half transparent.
    static func boundary(_ run: TrainingRun, step: Double = 0.05) -> Figure {
        // np.arange(0, 1, 0.05) computes i * step, not a running sum.
        let count = Int((1 / step).rounded(.up))
        var classes: [[(x: Double, y: Double)]] = [[], []]
        for i in 0..<count {
            for j in 0..<count {
                let x0 = Double(i) * step, x1 = Double(j) * step
                classes[run.final.predict(x0, x1, activation: run.options.activation)].append((x0, x1))
            }
        }
        var chart = Chart(xAxis: Axis(label: "x0"), yAxis: Axis(label: "x1"))
        chart.scatters = [
            ScatterSeries(points: classes[0], color: .red, alpha: 0.5, label: "class 0"),
            ScatterSeries(points: classes[1], color: .blue, alpha: 0.5, label: "class 1"),
        ]
        return Figure(chart)
    }
}

import Backprop
import Testing

@Suite("back_prop against central finite differences of the loss")
struct GradientCheckTests {
    /// The loss at `parameters`, without changing them.
    private func loss(_ parameters: Parameters, _ activation: Activation, _ data: Dataset) -> Double {
        Network(parameters: parameters, data: data, activation: activation).lossAndGradients().loss
    }

    /// Every gradient component against a central difference of the loss, times `m` since back_prop sums.
    ///
    /// The five-point stencil's O(h⁴) error lets `h` stay large enough that the loss's rounding
    /// (amplified by `log(1 - y_hat)` near saturation) stays far below the 1e-6 tolerance.
    private func check(_ parameters: Parameters, _ activation: Activation, _ data: Dataset) {
        let analytic = Network(parameters: parameters, data: data, activation: activation).lossAndGradients().gradients
        let m = Double(data.count)
        let h = 1e-3
        func numeric(_ nudge: (inout Parameters, Double) -> Void) -> Double {
            func lossNudged(by delta: Double) -> Double {
                var nudged = parameters
                nudge(&nudged, delta)
                return loss(nudged, activation, data)
            }
            let near = lossNudged(by: h) - lossNudged(by: -h)
            let far = lossNudged(by: 2 * h) - lossNudged(by: -2 * h)
            return m * (8 * near - far) / (12 * h)
        }
        var pairs: [(name: String, analytic: Double, numeric: Double)] = []
        for k in 0..<parameters.w1.count {
            pairs.append(("w1[\(k)]", analytic.w1[k], numeric { $0.w1[k] += $1 }))
        }
        for i in 0..<parameters.hidden {
            pairs.append(("w2[\(i)]", analytic.w2[i], numeric { $0.w2[i] += $1 }))
            pairs.append(("b1[\(i)]", analytic.b1[i], numeric { $0.b1[i] += $1 }))
        }
        pairs.append(("b2", analytic.b2, numeric { $0.b2 += $1 }))
        for pair in pairs {
            let scale = max(abs(pair.analytic), abs(pair.numeric), 1e-3)
            let relativeError = abs(pair.analytic - pair.numeric) / scale
            #expect(relativeError < 1e-6, "\(activation) n_h=\(parameters.hidden) \(pair.name): \(pair.analytic) vs \(pair.numeric)")
        }
    }

    @Test(arguments: Activation.allCases, [1, 2, 3, 8])
    func gradientsMatchFiniteDifferences(activation: Activation, hidden: Int) {
        var random = NumpyRandom(seed: UInt32(100 + hidden))
        for _ in 0..<5 {
            // Weights in [-2, 2): large enough to leave the sigmoid's linear middle.
            var parameters = Parameters(hidden: hidden, initialization: .uniform, random: &random)
            parameters.w1 = parameters.w1.map { 4 * $0 - 2 }
            parameters.w2 = parameters.w2.map { 4 * $0 - 2 }
            parameters.b1 = parameters.b1.map { 4 * $0 - 2 }
            parameters.b2 = 4 * parameters.b2 - 2
            check(parameters, activation, .xor)
        }
    }

    @Test func gradientsMatchOnNonBinaryInputs() {
        var random = NumpyRandom(seed: 9)
        let points = (0..<10).map { _ in (random.nextDouble() * 3 - 1, random.nextDouble() * 3 - 1) }
        let data = Dataset(x0: points.map(\.0), x1: points.map(\.1), y: points.map { $0.0 * $0.1 > 0 ? 1 : 0 })
        let parameters = Parameters(hidden: 4, initialization: .xavier, random: &random)
        for activation in Activation.allCases { check(parameters, activation, data) }
    }
}

import Backprop
import Foundation
import Testing

@Suite("The loss when ŷ saturates")
struct CrossEntropyTests {
    /// A network whose output is the same `z2` for every sample: one hidden unit with zero weights.
    private func constantOutput(z2: Double) -> Network {
        // h1 = sigmoid(0) = 0.5 everywhere, and w2 = 0, so z2 = b2.
        Network(parameters: Parameters(hidden: 1, w1: [0, 0], w2: [0], b1: [0], b2: z2))
    }

    @Test func outputRoundedToOneGivesTheTrueLossNotNaN() {
        // ŷ = 1/(1+exp(-40)) is exactly 1.0: numpy's 0*log(0) is nan for the y=1 samples and
        // log(0) is -inf for the y=0 ones; the true loss is the mean of softplus(±40): 20.
        let loss = constantOutput(z2: 40).lossAndGradients().loss
        #expect(loss == 20)
    }

    @Test func outputRoundedToZeroGivesTheTrueLoss() {
        // exp(800) overflows, so ŷ = 0 exactly; XOR's two y=1 samples each cost softplus(800) = 800.
        let loss = constantOutput(z2: -800).lossAndGradients().loss
        #expect(loss == 400)
    }

    @Test func unsaturatedLossIsTheNotebooksFormulaBitForBit() {
        // z2 = 2: ŷ is not 0 or 1, so the term is y*log(ŷ) + (1-y)*log(1-ŷ), unchanged.
        let yHat = 1 / (1 + Elementary.exp(-2.0))
        let terms = [0.0, 1, 1, 0].map { y in y * Elementary.log(yHat) + (1 - y) * Elementary.log(1 - yHat) }
        let notebook = -(1 / 4.0) * (((terms[0] + terms[1]) + terms[2]) + terms[3])
        #expect(constantOutput(z2: 2).lossAndGradients().loss == notebook)
    }

    @Test func nonFiniteOutputStaysNonFinite() {
        let loss = constantOutput(z2: .nan).lossAndGradients().loss
        #expect(loss.isNaN, "a network whose weights are gone must not look trained")
    }
}

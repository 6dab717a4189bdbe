import Testing
@testable import Backprop

@Suite("Predictions, accuracy and finiteness")
struct PredictionTests {
    /// The notebook's trained network (seed 4 with 27 skipped draws prints these to 8 decimals).
    static let trained = Parameters(hidden: 2, w1: [7.45239535, 7.4485394, 5.67564407, 5.67490743],
                                    w2: [12.98812417, -13.76741383], b1: [-3.41219149, -8.67843908], b2: -6.09160319)

    @Test("the trained network predicts XOR on its four points: accuracy 1")
    func trainedNetwork() {
        let predictions = Self.trained.predictions(on: .xor)
        #expect(predictions == [0, 1, 1, 0])
        #expect(Self.trained.accuracy(on: .xor) == 1)
        #expect(predictions == (0..<4).map { Self.trained.predict(Dataset.xor.x0[$0], Dataset.xor.x1[$0]) })
    }

    @Test("ŷ at four points, lane by lane, is the bits of ŷ at each point", arguments: Activation.allCases)
    func fourPoints(activation: Activation) {
        // The trained network, and one whose large weights send exp past ±512, to Elementary's scalar path.
        var steep = Self.trained
        steep.w1 = steep.w1.map { $0 * 100 }
        steep.w2 = steep.w2.map { $0 * 100 }
        for parameters in [Self.trained, steep] {
            for j in 0..<25 {
                let x0 = SIMD4<Double>(-0.1, 0.35, 0.8, 1.1) + Double(j) * 0.05, x1 = SIMD4<Double>(1.1, 0.5, -0.1, 0.25) - Double(j) * 0.05
                let lanes = parameters.probabilities(x0, x1, activation: activation)
                for lane in 0..<4 {
                    let scalar = parameters.probability(x0[lane], x1[lane], activation: activation)
                    #expect(lanes[lane].bitPattern == scalar.bitPattern, "(\(x0[lane]), \(x1[lane]))")
                }
            }
        }
    }

    @Test("a network that answers 1 everywhere gets half of XOR right")
    func constantNetwork() {
        var always = Self.trained
        always.b2 = 100
        #expect(always.predictions(on: .xor) == [1, 1, 1, 1])
        #expect(always.accuracy(on: .xor) == 0.5)
    }

    @Test("one weight that is not a number makes the parameters not finite")
    func finiteness() {
        #expect(Self.trained.isFinite)
        for field in 0..<4 {
            var broken = Self.trained
            switch field {
            case 0: broken.w1[3] = .nan
            case 1: broken.w2[0] = .infinity
            case 2: broken.b1[1] = -.infinity
            default: broken.b2 = .nan
            }
            #expect(!broken.isFinite, "field \(field)")
        }
    }

    @Test("an observer that returns false stops the loop after that step", arguments: [Dataset.xor, Dataset(x0: [0, 1, 2], x1: [1, 0, 2], y: [0, 1, 1])])
    func observerStops(data: Dataset) {
        let stopped = Network(parameters: Parameters(seed: 4), data: data)
        var calls = 0
        stopped.train(iterations: 100, observing: { n, _ in
            calls += 1
            return n < 9
        })
        #expect(calls == 10)
        let stepped = Network(parameters: Parameters(seed: 4), data: data)
        for _ in 0..<10 { _ = stepped.step() }
        #expect(stopped.parameters == stepped.parameters, "ten full steps, the tenth's update included")
    }
}

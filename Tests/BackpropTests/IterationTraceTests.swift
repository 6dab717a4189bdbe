import Backprop
import Testing

/// One case of `scripts/fixtures/iteration_trace.py`: a run of the notebook's loop and its iterations at chosen epochs.
struct TraceFixture: Decodable, CustomStringConvertible {
    struct NumpyArray: Decodable {
        let shape: [Int]
        let bits: [String]
    }
    struct Points: Decodable {
        let x, y: NumpyArray
    }
    struct Iteration: Decodable {
        let epoch: Int
        let loss: String
        let arrays: [String: NumpyArray]
        let printed: [String]
    }
    let seed: UInt32
    let skip: Int
    let hidden: Int
    let learningRate: Double
    let iterations: Int
    let activation: String
    let initialization: String
    let task: String?
    let data: Points?
    let traces: [Iteration]

    var description: String {
        let source = task ?? "\(data.map { $0.y.bits.count } ?? 0) points"
        return "seed \(seed) skip \(skip) n_h \(hidden) lr \(learningRate) \(activation) \(initialization) \(source)"
    }

    var dataset: Dataset {
        if let data {
            let x = Fixture.doubles(data.x.bits), m = data.y.bits.count
            return Dataset(x0: Array(x.prefix(m)), x1: Array(x.suffix(m)), y: Fixture.doubles(data.y.bits))
        }
        return Dataset(gate: Gate(rawValue: task!)!)
    }
}

@Suite("One iteration's arrays (--trace) against the notebook's numpy loop")
struct IterationTraceTests {
    private static let fixtures: [TraceFixture] = try! Fixture.load("trace")

    private static func network(_ fixture: TraceFixture) -> Network {
        let start = Parameters(seed: fixture.seed, skipDraws: fixture.skip, hidden: fixture.hidden,
                               initialization: Initialization(rawValue: fixture.initialization)!)
        return Network(parameters: start, data: fixture.dataset, learningRate: fixture.learningRate,
                       activation: Activation(rawValue: fixture.activation)!)
    }

    /// The trace's arrays under the fixture's (numpy's) names.
    private static func arrays(_ trace: IterationTrace) -> [String: Matrix] {
        var arrays = Dictionary(uniqueKeysWithValues: trace.printedArrays.map { ($0.name, $0.array) })
        for (name, array) in [("w1", trace.w1), ("b1", trace.b1), ("w2", trace.w2), ("b2", trace.b2)] { arrays[name] = array }
        return arrays
    }

    @Test func fixturesCoverTheIssuesCases() {
        let cases = Self.fixtures
        let widths = Set(cases.map(\.hidden))
        #expect(widths.isSuperset(of: [1, 2, 3, 8, 256]))
        #expect(Set(cases.map(\.activation)) == Set(Activation.allCases.map(\.rawValue)))
        #expect(Set(cases.map(\.initialization)) == Set(Initialization.allCases.map(\.rawValue)))
        #expect(cases.contains { $0.task != nil && $0.task != "xor" }, "a gate other than XOR")
        #expect(cases.contains { $0.data != nil && $0.data!.y.bits.count % 2 == 1 }, "--data with an odd m")
        #expect(Set(cases.map(\.seed)).count >= 10)
        for fixture in cases {
            let epochs = fixture.traces.map(\.epoch)
            #expect(epochs.first == 0 && epochs.last == fixture.iterations && epochs.count >= 2, "\(fixture)")
        }
        #expect(cases.filter { $0.traces.count >= 3 }.count >= 10, "a middle epoch")
        #expect(cases.contains { $0.traces.contains { $0.printed.contains { $0.contains("e-") } } }, "scientific notation")
        #expect(cases.contains { $0.traces.contains { $0.printed.contains { $0.contains("...") } } }, "summarised arrays")
    }

    /// Trains to each epoch, traces, then takes the step the trace describes: every array, the
    /// printed lines and the loss against numpy, and the trace against what training does next.
    @Test(arguments: fixtures)
    func traceMatchesNumpy(_ fixture: TraceFixture) {
        let network = Self.network(fixture)
        var done = 0
        for expected in fixture.traces {
            network.train(iterations: expected.epoch - done, observing: { _, _ in true })
            let trace = network.trace()
            let context = "\(fixture), epoch \(expected.epoch)"
            #expect(trace.parameters == network.parameters, "tracing leaves the parameters: \(context)")

            let actual = Self.arrays(trace)
            #expect(Set(actual.keys) == Set(expected.arrays.keys), "\(context)")
            for (name, numpy) in expected.arrays {
                guard let array = actual[name] else { continue }
                #expect([array.rows, array.columns] == numpy.shape, "\(name)'s shape, \(context)")
                let values = Fixture.doubles(numpy.bits)
                // Relative to the larger value, or to the array's largest where a sum cancels to near 0.
                let scale = values.map(\.magnitude).max() ?? 0
                let mismatches = zip(array.values, values).enumerated().filter { _, pair in
                    pair.0 != pair.1 && abs(pair.0 - pair.1) > 1e-12 * max(abs(pair.0), abs(pair.1), scale)
                }
                #expect(mismatches.isEmpty, "\(name): \(mismatches.prefix(3).map { "[\($0.offset)] \($0.element.0) vs numpy \($0.element.1)" }), \(context)")
                // numpy made the fixtures with glibc's exp, log and tanh (iteration_trace.py), which differ from
                // Elementary's in the last bit for about one input in 2,000 (exp), 20,000 (log) and 4 (tanh), and
                // training carries such bits on; only the initial parameters (numpy's random stream, through our log)
                // are numpy's bit for bit.
                if expected.epoch == 0 && ["w1", "b1", "w2", "b2"].contains(name) {
                    let inexact = zip(array.values, values).filter { $0.bitPattern != $1.bitPattern }.count
                    #expect(inexact == 0, "\(name): \(inexact) of \(values.count) values differ in their bits, \(context)")
                }
            }
            #expect(trace.printedLines == expected.printed, "\(context)")

            let numpyLoss = Fixture.doubles([expected.loss])[0]
            if numpyLoss.isFinite {
                #expect(closeEnough(trace.loss, numpyLoss, relative: 1e-12), "loss \(trace.loss) vs numpy \(numpyLoss), \(context)")
            } else {
                // ŷ rounded to 0 or 1 where the label says otherwise: numpy's formula gives nan, training's stable one a number.
                #expect(trace.loss.isFinite && trace.yHat.values.contains { $0 == 0 || $0 == 1 }, "\(context)")
            }

            // The iteration training runs next: its recorded loss, and its update is `params - lr*grad`.
            let recorded = network.step()
            done = expected.epoch + 1
            #expect(trace.loss.bitPattern == recorded.bitPattern, "the loss training records, \(context)")
            let lr = fixture.learningRate
            let p = trace.parameters, g = trace.gradients
            let stepped = Parameters(hidden: p.hidden, w1: zip(p.w1, g.w1).map { $0 - lr * $1 },
                                     w2: zip(p.w2, g.w2).map { $0 - lr * $1 },
                                     b1: zip(p.b1, g.b1).map { $0 - lr * $1 }, b2: p.b2 - lr * g.b2)
            #expect(bits(stepped) == bits(network.parameters), "one more step applies the traced gradient, \(context)")
        }
    }

    private func bits(_ p: Parameters) -> [UInt64] { (p.w1 + p.w2 + p.b1 + [p.b2]).map(\.bitPattern) }

    /// For four samples training runs `FourSamples`; the trace runs the general loop. They must agree.
    @Test(arguments: Activation.allCases, [1, 2, 3, 8])
    func traceAgreesWithTheFourSampleLoop(activation: Activation, hidden: Int) {
        for gate in [Gate.xor, .nand] {
            let network = Network(parameters: Parameters(seed: UInt32(40 + hidden), hidden: hidden, initialization: .xavier),
                                  data: Dataset(gate: gate), learningRate: 0.5, activation: activation)
            network.train(iterations: 300, observing: { _, _ in true })
            let trace = network.trace()
            let (loss, gradients) = network.lossAndGradients()
            #expect(trace.loss.bitPattern == loss.bitPattern, "\(activation) n_h \(hidden) \(gate)")
            #expect(bits(trace.gradients) == bits(gradients), "\(activation) n_h \(hidden) \(gate)")
        }
    }

    @Test func staticConstructorTracesTheFirstIteration() {
        let start = Parameters(seed: 4)
        let trace = IterationTrace(parameters: start)
        #expect(trace.parameters == start)
        #expect(trace.loss == Network(parameters: start).step())
        #expect(trace.x.nested == [[0, 0, 1, 1], [0, 1, 0, 1]])
        #expect(trace.y.nested == [[0, 1, 1, 0]])
        #expect(trace.z1.rows == 2 && trace.z1.columns == 4 && trace.dw1.columns == 2 && trace.db2.values.count == 1)
        #expect(trace.printedLines.map { String($0.prefix { $0 != ":" }) } == IterationTrace.printedNames)
    }

    /// Where ŷ rounds to 1 the notebook's formula gives nan; the trace's loss is training's stable one.
    @Test func saturatedLossIsTheStableOneTrainingRecords() {
        let saturated = Parameters(hidden: 2, w1: [40, 40, -40, -40], w2: [80, 80], b1: [-20, 60], b2: -10)
        let network = Network(parameters: saturated, activation: .sigmoid)
        let trace = network.trace()
        #expect(trace.yHat.values.contains(1), "a prediction that rounds to 1")
        #expect(trace.loss.isFinite && trace.loss > 0)
        #expect(trace.loss.bitPattern == network.step().bitPattern)
    }

    /// Backprop against central differences of the summed loss, at every traced epoch of the fixtures.
    /// Measured: at most 8.7e-9 for sigmoid and 1.0e-8 for tanh; relu reaches 1.7 where units sit at their kink.
    @Test(arguments: fixtures.filter { $0.hidden <= 8 })
    func gradientCheck(_ fixture: TraceFixture) {
        let network = Self.network(fixture)
        var done = 0
        for epoch in fixture.traces.map(\.epoch) {
            network.train(iterations: epoch - done, observing: { _, _ in true })
            done = epoch
            let check = network.trace().gradientCheck()
            #expect(check.components.count == 4 * fixture.hidden + 1)
            let worst = check.worst.map { "\($0.name): \($0.backprop) vs \($0.numeric)" } ?? ""
            if fixture.activation != "relu" {
                #expect(check.maxRelativeError < 1e-6, "\(fixture) epoch \(epoch): \(worst)")
            }
        }
    }

    /// Xavier's zero biases put every relu unit at its kink on (0, 0): there the check must fail,
    /// since backprop takes relu'(0) = 0 and the difference averages the two one-sided slopes.
    @Test func reluAtItsKinkFailsTheCheck() {
        let start = Parameters(seed: 10, hidden: 3, initialization: .xavier)
        let trace = IterationTrace(parameters: start, activation: .relu)
        #expect(trace.z1.nested.allSatisfy { $0[0] == 0 })
        #expect(trace.gradientCheck().maxRelativeError > 1e-6)
        #expect(IterationTrace(parameters: start, activation: .tanh).gradientCheck().maxRelativeError < 1e-6)
    }

    /// The summed loss's gradient is m times the recorded mean loss's: the check fails against the mean.
    @Test func gradientsAreTheSummedLosss() {
        let trace = IterationTrace(parameters: Parameters(seed: 4))
        let check = trace.gradientCheck()
        #expect(check.maxRelativeError < 1e-6)
        for component in check.components where component.backprop != 0 {
            #expect(abs(component.numeric / component.backprop - 1) < 1e-6)
        }
        #expect(check.components.map(\.name).prefix(5) == ["w1[0,0]", "w1[0,1]", "w1[1,0]", "w1[1,1]", "b1[0,0]"])
        #expect(check.components.last?.name == "b2[0,0]")
    }
}

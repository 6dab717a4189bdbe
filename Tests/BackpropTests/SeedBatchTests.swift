import Backprop
import Foundation
import Testing

/// Networks trained four to a vector (what sweeps and atlases run) end bit for bit as each does alone, with
/// each compiled copy of the loop this processor runs; and, through the numpy fixtures, as numpy ends them.
@Suite("SeedBatch: four networks to a vector, each bit for bit its run alone")
struct SeedBatchTests {
    static let kernels = SeedBatch.Kernel.allCases.filter(\.isSupported)

    /// Each network trained alone by the general loop's entry point: loss and parameters.
    func alone(_ initial: [Parameters], data: Dataset, learningRate: Double, activation: Activation,
               iterations: Int) -> [(loss: Double, parameters: Parameters)] {
        initial.map { start in
            let network = Network(parameters: start, data: data, learningRate: learningRate, activation: activation)
            let loss = network.trainReturningLastLoss(iterations: iterations)
            return (loss, network.parameters)
        }
    }

    func bits(_ run: (loss: Double, parameters: Parameters)) -> [UInt64] {
        ([run.loss] + run.parameters.w1 + run.parameters.w2 + run.parameters.b1 + [run.parameters.b2]).map(\.bitPattern)
    }

    @Test("every activation, width, gate and group size", arguments: kernels)
    func sameBitsAsAlone(_ kernel: SeedBatch.Kernel) {
        // Widths 1 (numpy's 1×1 products, summed as ddot), 2 (the compiled-for loop) and 3, 4 and 5 (any width);
        // 7 and 3 networks leave a short last vector (of 3, which either kernel trains as a vector), 5 and 9 a last
        // network alone.
        for (activation, hidden, gate, count, learningRate) in [
            (Activation.sigmoid, 2, Gate.xor, 7, 0.1), (.tanh, 2, .xor, 5, 0.5), (.relu, 2, .and, 4, 0.3),
            (.sigmoid, 1, .or, 3, 1.0), (.tanh, 3, .nand, 6, 0.2), (.relu, 5, .xnor, 9, 0.05), (.sigmoid, 4, .nor, 7, 2.0),
            (.tanh, 4, .and, 3, 0.7),
        ] {
            let initial = (0..<UInt32(count)).map { Parameters(seed: 100 + $0, hidden: hidden) }
            let data = Dataset(gate: gate)
            let batch = SeedBatch.trainReturningLastLoss(from: initial, data: data, learningRate: learningRate,
                                                         activation: activation, iterations: 700, kernel: kernel)
            let single = alone(initial, data: data, learningRate: learningRate, activation: activation, iterations: 700)
            #expect(batch.count == count)
            for (k, (a, b)) in zip(batch, single).enumerated() {
                #expect(bits(a) == bits(b), "\(kernel) \(activation) n_h \(hidden) \(gate) network \(k): \(a.loss) vs \(b.loss)")
            }
        }
    }

    @Test("diverging networks: infinities and NaN", arguments: kernels)
    func divergingLanes(_ kernel: SeedBatch.Kernel) {
        // A learning rate of 1e300 sends live relu units' weights to infinity within a few steps, and then to NaN
        // (Xavier's weights of both signs keep some units live; saturated sigmoids would stop the gradient).
        let initial = (0..<UInt32(8)).map { Parameters(seed: $0, hidden: 3, initialization: .xavier) }
        let batch = SeedBatch.trainReturningLastLoss(from: initial, data: .xor, learningRate: 1e300, activation: .relu,
                                                     iterations: 50, kernel: kernel)
        let single = alone(initial, data: .xor, learningRate: 1e300, activation: .relu, iterations: 50)
        #expect(single.contains { !$0.loss.isFinite || !$0.parameters.isFinite }, "the runs should diverge")
        for (a, b) in zip(batch, single) {
            // NaN's payload aside (its sign and bits are the hardware's choice), every value is the same.
            #expect(zip(bits(a), bits(b)).allSatisfy { $0 == $1 || (Double(bitPattern: $0).isNaN && Double(bitPattern: $1).isNaN) },
                    "\(a) vs \(b)")
        }
    }

    /// Whether the forward pass of `p` on XOR has an exponential whose argument needs care (|x| >= 512, or NaN):
    /// a sigmoid hidden unit's z, or the output's z2; computed here with Foundation's functions.
    func needsCare(_ p: Parameters, activation: Activation) -> Bool {
        let data = Dataset.xor
        func outside(_ z: Double) -> Bool { !(abs(z) < 512) }
        return data.x0.indices.contains { j in
            let z = (0..<p.hidden).map { i in (p.w1[2 * i] * data.x0[j] + p.w1[2 * i + 1] * data.x1[j]) + p.b1[i] }
            let h = z.map { z in activation == .sigmoid ? 1 / (1 + Foundation.exp(-z)) : activation == .tanh ? Foundation.tanh(z) : max(z, 0) }
            let z2 = zip(p.w2, h).reduce(0) { $0 + $1.0 * $1.1 } + p.b2
            return (activation == .sigmoid && z.contains(where: outside)) || outside(z2)
        }
    }

    @Test("lanes whose exponentials need care (|z| ≥ 512) beside ordinary ones, before and after", arguments: kernels)
    func exponentialsThatNeedCare(_ kernel: SeedBatch.Kernel) {
        // The batch tests its exponentials' lanes once a pass and runs a pass again exactly when one needs care,
        // and starts its next passes exact until one needs none. In the first vector, networks that need care
        // throughout (hidden weights of ±1000 give z of about ±1000 on samples (1, 0) and (0, 1); an output weight
        // of 2000 with hidden units near 1 gives z2 of about 2000); in the short last one, a network that needs
        // care only at first (an output bias of -520, which the first updates raise), among ordinary ones.
        for activation in Activation.allCases {
            for hidden in [1, 2, 3] {
                var initial = (0..<UInt32(7)).map { Parameters(seed: 40 + $0, hidden: hidden) }
                func replace(_ k: Int, w1 head: [Double]? = nil, w2 first: Double? = nil, b2: Double? = nil) {
                    let p = initial[k]
                    initial[k] = Parameters(hidden: hidden, w1: (head ?? []) + p.w1.dropFirst(head?.count ?? 0),
                                            w2: (first.map { [$0] } ?? []) + p.w2.dropFirst(first == nil ? 0 : 1), b1: p.b1,
                                            b2: b2 ?? p.b2)
                }
                replace(0, w1: [1000, -1000])
                replace(3, w1: [5, 5], w2: 2000)
                replace(5, b2: -520)
                let iterations = 40, learningRate = 10.0
                let batch = SeedBatch.trainReturningLastLoss(from: initial, data: .xor, learningRate: learningRate,
                                                             activation: activation, iterations: iterations, kernel: kernel)
                let single = alone(initial, data: .xor, learningRate: learningRate, activation: activation, iterations: iterations)
                for (k, (a, b)) in zip(batch, single).enumerated() {
                    // NaN's payload aside, as with the diverging networks.
                    #expect(zip(bits(a), bits(b)).allSatisfy { $0 == $1 || (Double(bitPattern: $0).isNaN && Double(bitPattern: $1).isNaN) },
                            "\(kernel) \(activation) n_h \(hidden) network \(k): \(a.loss) vs \(b.loss)")
                }
                // That the runs do go through every path: each vector's passes, pass by pass, as the networks alone
                // see them (vectors of 4; the last one short).
                var passes: [[Bool]] = [[], []]
                var parameters = initial
                for _ in 0..<iterations {
                    for (group, range) in [0..<4, 4..<7].enumerated() {
                        passes[group].append(parameters[range].contains { needsCare($0, activation: activation) })
                    }
                    parameters = alone(parameters, data: .xor, learningRate: learningRate, activation: activation,
                                       iterations: 1).map(\.parameters)
                }
                #expect(passes[0][0] && passes[1][0], "\(activation) n_h \(hidden): both vectors need care at first")
                #expect(passes.contains { zip($0, $0.dropFirst()).contains { $0 && !$1 } },
                        "\(activation) n_h \(hidden): a vector that needed care no longer does: \(passes)")
            }
        }
    }

    @Test("the numpy fixtures' runs, trained together, end as numpy ends them", arguments: kernels)
    func numpyFixtures(_ kernel: SeedBatch.Kernel) throws {
        let fixtures: [TrainingFixture] = try Fixture.load("training")
        for fixture in fixtures {
            let initialization = try #require(Initialization(rawValue: fixture.initialization))
            let activation = try #require(Activation(rawValue: fixture.activation))
            let data = Dataset(gate: try #require(Gate(rawValue: fixture.task)))
            let start = Parameters(seed: fixture.seed, skipDraws: fixture.skip, hidden: fixture.hidden, initialization: initialization)
            // The fixture's network in every lane but one, beside three others.
            let others = (1...3).map { Parameters(seed: fixture.seed &+ UInt32($0), hidden: fixture.hidden, initialization: initialization) }
            let run = SeedBatch.trainReturningLastLoss(from: others + [start], data: data, learningRate: fixture.learningRate,
                                                       activation: activation, iterations: fixture.iterations, kernel: kernel)[3]
            let expected = Fixture.doubles(fixture.final.w1 + fixture.final.w2 + fixture.final.b1 + fixture.final.b2)
            let actual = run.parameters.w1 + run.parameters.w2 + run.parameters.b1 + [run.parameters.b2]
            for (a, e) in zip(actual, expected) {
                #expect(closeEnough(a, e, relative: 1e-12), "final parameter \(a) vs numpy \(e), \(fixture), \(kernel)")
            }
            if let last = fixture.lossCheckpoints.first(where: { $0.iteration == fixture.iterations - 1 }) {
                #expect(closeEnough(run.loss, Fixture.doubles([last.loss])[0], relative: 1e-12), "last loss, \(fixture), \(kernel)")
            }
        }
    }

    @Test("data of other than four samples trains through the general loop, with the same results")
    func otherSampleCounts() {
        let data = Dataset(x0: [0, 0, 1, 1, 0.5], x1: [0, 1, 0, 1, 0.5], y: [0, 1, 1, 0, 1])
        let initial = (0..<UInt32(3)).map { Parameters(seed: $0) }
        let batch = SeedBatch.trainReturningLastLoss(from: initial, data: data, learningRate: 0.5, activation: .sigmoid, iterations: 300)
        let single = alone(initial, data: data, learningRate: 0.5, activation: .sigmoid, iterations: 300)
        #expect(zip(batch, single).allSatisfy { bits($0) == bits($1) })
    }

    @Test("the kernel cpuid picks agrees with the flags Linux reads from the processor")
    func fastestMatchesTheProcessorsFlags() throws {
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let line = try #require(cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") })
        let flags = Set(line.split(separator: " ").map(String.init))
        // x86-64-v3 in Linux's names (abm is LZCNT; lahf_lm, LAHF in 64-bit mode; cx16, CMPXCHG16B).
        let v3 = ["avx", "avx2", "fma", "bmi1", "bmi2", "abm", "movbe", "f16c", "popcnt", "sse4_2", "sse4_1", "ssse3", "pni",
                  "cx16", "lahf_lm", "xsave"]
        #expect(SeedBatch.Kernel.fastest == (v3.allSatisfy(flags.contains) ? .haswell : .portable), "\(v3.filter { !flags.contains($0) })")
    }
}

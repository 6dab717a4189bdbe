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

    @Test("lanes whose exponentials need care (|z| ≥ 512) beside ordinary ones", arguments: kernels)
    func exponentialsThatNeedCare(_ kernel: SeedBatch.Kernel) {
        // A hidden unit with weights of ±1000 gives z of about ±1000 on samples (1, 0) and (0, 1), whose exp
        // overflows or underflows, and an output weight of 1000 does the same to z2. The batch tests such lanes
        // once a pass and then runs the pass again with every exponential exact; these lanes sit among ordinary
        // networks, in the first vector and the second.
        for activation in [Activation.sigmoid, .tanh] {
            for hidden in [2, 3] {
                var initial = (0..<UInt32(8)).map { Parameters(seed: 40 + $0, hidden: hidden) }
                for k in [0, 6] {
                    let p = initial[k]
                    initial[k] = Parameters(hidden: hidden, w1: [1000, -1000] + p.w1.dropFirst(2), w2: p.w2, b1: p.b1, b2: p.b2)
                }
                let p = initial[3]
                initial[3] = Parameters(hidden: hidden, w1: p.w1, w2: [1000] + p.w2.dropFirst(), b1: p.b1, b2: p.b2)
                let batch = SeedBatch.trainReturningLastLoss(from: initial, data: .xor, learningRate: 0.5, activation: activation,
                                                             iterations: 40, kernel: kernel)
                let single = alone(initial, data: .xor, learningRate: 0.5, activation: activation, iterations: 40)
                for (k, (a, b)) in zip(batch, single).enumerated() {
                    #expect(bits(a) == bits(b), "\(kernel) \(activation) n_h \(hidden) network \(k): \(a.loss) vs \(b.loss)")
                }
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

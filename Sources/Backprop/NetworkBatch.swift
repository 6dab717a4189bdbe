/// Several networks of one recipe trained at once on a gate's four samples, a network per lane:
/// what a sweep's seeds and an atlas cell's seeds run.
///
/// Each lane performs, for its network, exactly the operations of ``FourSamples`` for one sample
/// after another, in the same order (the samples' sums in BLAS's orders, written out below), and
/// ``Elementary``'s functions give each lane the scalar bits, so every network ends bit for bit as
/// ``Network/trainReturningLastLoss(iterations:)`` leaves it when trained alone. With the networks in
/// the lanes no sum crosses lanes, and one call of `exp` serves four networks.
public enum NetworkBatch {
    /// The networks trained together in one vector.
    typealias Lanes = SIMD4<Double>
    public static let lanes = Lanes.scalarCount

    /// Trains a network from each of `initial` for `iterations` steps on `data`; returns each one's last
    /// loss (before its last update, computed only then) and its final parameters.
    public static func trainReturningLastLoss(
        from initial: [Parameters], data: Dataset, learningRate: Double, activation: Activation, iterations: Int
    ) -> [(loss: Double, parameters: Parameters)] {
        precondition(iterations > 0, "a run needs at least one iteration to record a loss")
        guard data.count == 4, let hidden = initial.first?.hidden else {
            return initial.map { parameters in
                let network = Network(parameters: parameters, data: data, learningRate: learningRate, activation: activation)
                let loss = network.trainReturningLastLoss(iterations: iterations)
                return (loss, network.parameters)
            }
        }
        precondition(initial.allSatisfy { $0.hidden == hidden }, "a batch shares its hidden width")
        var results: [(loss: Double, parameters: Parameters)] = []
        results.reserveCapacity(initial.count)
        for start in stride(from: 0, to: initial.count, by: Lanes.scalarCount) {
            // A short last group repeats its first network in the spare lanes, whose results are dropped.
            let group = (0..<Lanes.scalarCount).map { initial[min(start + $0, initial.count - 1)] }
            var batch = Batch(group, data: data, learningRate: learningRate)
            let loss: Lanes = switch (hidden, activation) {
            case (2, .sigmoid): batch.run(iterations, NotebookSigmoid())
            case (2, .tanh): batch.run(iterations, NotebookTanh())
            case (2, .relu): batch.run(iterations, NotebookReLU())
            case let (units, activation): batch.run(iterations, AnyHiddenLayer(units: units, activation: activation))
            }
            for lane in 0..<min(Lanes.scalarCount, initial.count - start) {
                results.append((loss[lane], batch.parameters(lane: lane)))
            }
        }
        return results
    }

    /// One vector of networks: parameters as `Network.state` lays them out, a vector per value.
    struct Batch {
        let hidden: Int
        let x0, x1, y: [Double]
        let lr: Double
        /// `w1` (2 per unit), `w2`, `b1`, then `b2`.
        var parameters: [Lanes]

        init(_ group: [Parameters], data: Dataset, learningRate: Double) {
            hidden = group[0].hidden
            (x0, x1, y, lr) = (data.x0, data.x1, data.y, learningRate)
            func lanes(_ value: (Parameters) -> Double) -> Lanes { Lanes(group.map(value)) }
            parameters = (0..<2 * hidden).map { k in lanes { $0.w1[k] } } + (0..<hidden).map { i in lanes { $0.w2[i] } }
                + (0..<hidden).map { i in lanes { $0.b1[i] } } + [lanes(\.b2)]
        }

        func parameters(lane: Int) -> Parameters {
            let n = hidden
            return Parameters(hidden: n, w1: (0..<2 * n).map { parameters[$0][lane] }, w2: (0..<n).map { parameters[2 * n + $0][lane] },
                              b1: (0..<n).map { parameters[3 * n + $0][lane] }, b2: parameters[4 * n][lane])
        }

        /// Runs `count` iterations, the loss computed in the last; returns it.
        mutating func run<Layer: HiddenLayer>(_ count: Int, _ layer: Layer) -> Lanes {
            let n = layer.units
            let samples = (SIMD4(x0), SIMD4(x1), SIMD4(y))
            return parameters.withUnsafeMutableBufferPointer { state in
                withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 8 * n + 8) { rows in
                    let rows = rows.baseAddress!
                    let loop = Loop(state: state.baseAddress!, z1: rows, h1: rows + 4 * n, dz2: rows + 8 * n, terms: rows + 8 * n + 4,
                                    x0: samples.0, x1: samples.1, y: samples.2, lr: lr)
                    for _ in 1..<count { loop.iterate(layer, computesLoss: false) }
                    return loop.iterate(layer, computesLoss: true)
                }
            }
        }
    }

    /// The iteration, on memory the caller owns.
    struct Loop {
        let state: UnsafeMutablePointer<Lanes>
        /// `z1` and `h1`: unit `i`, sample `j` at `4 i + j`; `dz2` and the loss's terms: sample `j` at `j`.
        let z1, h1, dz2, terms: UnsafeMutablePointer<Lanes>
        let x0, x1, y: SIMD4<Double>
        let lr: Double

        @inline(__always)
        @discardableResult
        func iterate<Layer: HiddenLayer>(_ layer: Layer, computesLoss: Bool) -> Lanes {
            let n = layer.units
            let activation = layer.activation
            let w1 = state, w2 = state + 2 * n, b1 = state + 3 * n, b2 = state + 4 * n

            // forward_prop, sample by sample, as FourSamples computes each lane.
            var loss = Lanes()
            for j in 0..<4 {
                var dot = Lanes()
                for i in 0..<n {
                    let z = (w1[2 * i] * x0[j] + w1[2 * i + 1] * x1[j]) + b1[i]
                    let h = activation.forward(z)
                    z1[4 * i + j] = z
                    h1[4 * i + j] = h
                    dot += w2[i] * h
                }
                let z2 = dot + b2.pointee
                let yHat = Elementary.sigmoid(z2)
                if computesLoss { terms[j] = CrossEntropy.terms(y: Lanes(repeating: y[j]), yHat: yHat, z2: z2) }
                dz2[j] = yHat - y[j]
            }
            if computesLoss {
                // ddot's order over the samples.
                loss = -(1 / Double(4)) * Self.ddot(terms[0], terms[1], terms[2], terms[3])
            }

            // back_prop: db2 by ddot; dw2, dw1, db1 by dgemv's order, ((0 + t0) + t2) + ((0 + t1) + t3),
            // or ddot's for one unit (1×1 products).
            let dz2 = (dz2[0], dz2[1], dz2[2], dz2[3])
            let db2 = Self.ddot(dz2.0, dz2.1, dz2.2, dz2.3)
            let oneUnit = n == 1
            for i in 0..<n {
                let h = (h1[4 * i], h1[4 * i + 1], h1[4 * i + 2], h1[4 * i + 3])
                let z = (z1[4 * i], z1[4 * i + 1], z1[4 * i + 2], z1[4 * i + 3])
                let dw2 = oneUnit ? Self.ddot(dz2.0 * h.0, dz2.1 * h.1, dz2.2 * h.2, dz2.3 * h.3)
                    : Self.gemv(dz2.0 * h.0, dz2.1 * h.1, dz2.2 * h.2, dz2.3 * h.3)
                // numpy's `w2.T @ dz2` accumulates from +0.
                let g = w2[i]
                let dz1 = (activation.backward(0 + g * dz2.0, z: z.0, h: h.0), activation.backward(0 + g * dz2.1, z: z.1, h: h.1),
                           activation.backward(0 + g * dz2.2, z: z.2, h: h.2), activation.backward(0 + g * dz2.3, z: z.3, h: h.3))
                let dw1a = Self.gemv(dz1.0 * x0[0], dz1.1 * x0[1], dz1.2 * x0[2], dz1.3 * x0[3])
                let dw1b = Self.gemv(dz1.0 * x1[0], dz1.1 * x1[1], dz1.2 * x1[2], dz1.3 * x1[3])
                let db1 = oneUnit ? Self.ddot(dz1.0, dz1.1, dz1.2, dz1.3) : Self.gemv(dz1.0, dz1.1, dz1.2, dz1.3)
                // The update reads no gradient of another unit, so each unit's parameters can change here: the
                // notebook's order of updates (w2, w1, b2, b1) only orders independent subtractions.
                w2[i] = w2[i] - lr * dw2
                w1[2 * i] = w1[2 * i] - lr * dw1a
                w1[2 * i + 1] = w1[2 * i + 1] - lr * dw1b
                b1[i] = b1[i] - lr * db1
            }
            b2.pointee = b2.pointee - lr * db2
            return loss
        }

        @inline(__always)
        static func ddot(_ t0: Lanes, _ t1: Lanes, _ t2: Lanes, _ t3: Lanes) -> Lanes { (((Lanes() + t0) + t1) + t2) + t3 }

        @inline(__always)
        static func gemv(_ t0: Lanes, _ t1: Lanes, _ t2: Lanes, _ t3: Lanes) -> Lanes {
            ((Lanes() + t0) + t2) + ((Lanes() + t1) + t3)
        }
    }
}

import Foundation

/// An activation fixed at compile time, so that ``FourSamples`` is compiled once for each.
protocol FixedActivation {
    static var activation: Activation { get }
}

enum SigmoidUnits: FixedActivation { static var activation: Activation { .sigmoid } }
enum TanhUnits: FixedActivation { static var activation: Activation { .tanh } }
enum ReLUUnits: FixedActivation { static var activation: Activation { .relu } }

/// One value per sample: a row of the notebook's 1×4 arrays (`y`, `z2`, `y_hat`, `dz2`).
typealias Samples = SIMD4<Double>

/// The notebook's loop on four samples with the hidden layer as one SIMD vector, a lane per unit.
///
/// The parameters are held as vectors over the hidden units (`w1`'s two columns, `w2`, `b1`)
/// and each n_h×4 array (`z1`, `h1`, `dz1`) as its four columns, one vector per sample. Each
/// lane performs exactly the operations of the general loops, in their order: the same sums
/// (``ddotSum`` and ``gemvSum(_:)``), the same products, glibc's `exp` and `log`.
struct FourSamples<Units: SIMD, F: FixedActivation> where Units.Scalar == Double {
    /// The columns of an n_h×4 array, one per sample.
    typealias Columns = InlineArray<4, Units>

    let x0, x1, y: Samples
    let lr: Double
    /// `w1[:, 0]` and `w1[:, 1]`: the weights from `x0` and from `x1`.
    var w1x0, w1x1: Units
    var w2, b1: Units
    var b2: Double
    /// The last iteration's gradients, as `back_prop` returns them.
    var dw1x0 = Units(), dw1x1 = Units(), dw2 = Units(), db1 = Units(), db2 = 0.0

    /// Runs `count` iterations of `network`'s loop, then writes the parameters and gradients back.
    static func run(
        _ network: Network, _ count: Int, losses: Network.Losses, updates: Bool, record: (Int, Double) -> Void
    ) -> Double {
        var loop = FourSamples(network)
        var loss = 0.0
        switch losses {
        case .none:
            for _ in 0..<count { loop.iterate(computesLoss: false, updates: updates) }
        case .last:
            for _ in 1..<count { loop.iterate(computesLoss: false, updates: updates) }
            loss = loop.iterate(computesLoss: true, updates: updates)
            record(count - 1, loss)
        case .every:
            for n in 0..<count {
                loss = loop.iterate(computesLoss: true, updates: updates)
                record(n, loss)
            }
        }
        loop.store(in: network)
        return loss
    }

    /// One iteration; returns the loss before the update, or 0 unless `computesLoss`.
    @inline(__always)
    @discardableResult
    mutating func iterate(computesLoss: Bool, updates: Bool) -> Double {
        let f = F.activation

        // forward_prop: z1 = w1 @ x + b1; h1 = f(z1); z2 = w2 @ h1 + b2; y_hat = sigmoid(z2)
        let z1 = Columns { j in (w1x0 * x0[j] + w1x1 * x1[j]) + b1 }
        let h1 = Columns { j in f.forward(z1[j]) }
        let z2 = Samples { j in (w2 * h1[j]).ddotSum + b2 }
        let yHat = Samples { j in Activation.sigmoid(z2[j]) }

        // loss = -(1/m)*np.sum(y*np.log(y_hat) + (1-y)*np.log(1-y_hat)), summed left to right
        var loss = 0.0
        if computesLoss {
            var sum = 0.0
            for j in 0..<4 { sum += CrossEntropy.term(y: y[j], yHat: yHat[j], z2: z2[j]) }
            loss = -(1 / Double(4)) * sum
        }

        // back_prop: dz2 = y_hat - y; dw2 = dz2 @ h1.T; db2 = dz2 @ 1;
        //            dz1 = w2.T @ dz2 * f'(z1); dw1 = dz1 @ x.T; db1 = dz1 @ 1
        let dz2 = yHat - y
        dw2 = gemvSum { j in dz2[j] * h1[j] }
        db2 = dz2.ddotSum
        let dz1 = Columns { j in f.backward(w2 * dz2[j], z: z1[j], h: h1[j]) }
        dw1x0 = gemvSum { j in dz1[j] * x0[j] }
        dw1x1 = gemvSum { j in dz1[j] * x1[j] }
        db1 = gemvSum { j in dz1[j] }

        // w2 -= lr*dw2; w1 -= lr*dw1; b2 -= lr*db2; b1 -= lr*db1
        if updates {
            w2 = w2 - lr * dw2
            w1x0 = w1x0 - lr * dw1x0
            w1x1 = w1x1 - lr * dw1x1
            b2 = b2 - lr * db2
            b1 = b1 - lr * db1
        }
        return loss
    }

    /// Sums four samples' vectors as BLAS's `dgemv` does: `((0 + t0) + t2) + ((0 + t1) + t3)`.
    @inline(__always)
    private func gemvSum(_ term: (Int) -> Units) -> Units {
        let zero = Units()
        return ((zero + term(0)) + term(2)) + ((zero + term(1)) + term(3))
    }

    /// Takes `network`'s data and parameters.
    private init(_ network: Network) {
        precondition(network.m == 4 && network.hidden == Units.scalarCount)
        x0 = Samples { j in network.x0[j] }
        x1 = Samples { j in network.x1[j] }
        y = Samples { j in network.y[j] }
        lr = network.learningRate
        w1x0 = Units(); w1x1 = Units(); w2 = Units(); b1 = Units()
        for i in 0..<Units.scalarCount {
            w1x0[i] = network.w1[2 * i]
            w1x1[i] = network.w1[2 * i + 1]
            w2[i] = network.w2[i]
            b1[i] = network.b1[i]
        }
        b2 = network.b2
    }

    /// Writes the parameters and the last gradients back into `network`'s buffers.
    private func store(in network: Network) {
        for i in 0..<Units.scalarCount {
            network.w1[2 * i] = w1x0[i]
            network.w1[2 * i + 1] = w1x1[i]
            network.w2[i] = w2[i]
            network.b1[i] = b1[i]
            network.dw1[2 * i] = dw1x0[i]
            network.dw1[2 * i + 1] = dw1x1[i]
            network.dw2[i] = dw2[i]
            network.db1[i] = db1[i]
        }
        network.b2 = b2
        network.db2 = db2
    }
}

private extension SIMD where Scalar == Double {
    /// The lanes summed left to right from 0, as BLAS's `ddot` does: `((0 + t0) + t1) + ...`.
    @inline(__always)
    var ddotSum: Double {
        var sum = 0.0
        for i in indices { sum += self[i] }
        return sum
    }
}

private extension SIMD4 where Scalar == Double {
    /// The four samples' values of `value(j)`.
    @inline(__always)
    init(_ value: (Int) -> Double) {
        self.init(value(0), value(1), value(2), value(3))
    }
}

private extension Activation {
    /// `f(z)` lane by lane.
    @inline(__always)
    func forward<V: SIMD>(_ z: V) -> V where V.Scalar == Double {
        var h = V()
        for i in z.indices { h[i] = forward(z[i]) }
        return h
    }

    /// The gradient with respect to `z`, lane by lane.
    @inline(__always)
    func backward<V: SIMD>(_ g: V, z: V, h: V) -> V where V.Scalar == Double {
        var dz = V()
        for i in g.indices { dz[i] = backward(g[i], z: z[i], h: h[i]) }
        return dz
    }
}

/// One value per sample: a row of one of the notebook's n×4 arrays, lane `j` for sample `j`.
typealias Samples = SIMD4<Double>

/// The notebook's loop on four samples (a gate's truth table), every loop over the samples one
/// vector operation with a lane per sample.
///
/// It performs the general loops' operations in their order, unit by unit (see ``Network``): each
/// lane computes what the general loop computes for its sample, with the same sums and products,
/// and ``Elementary``'s `exp`, `log` and `tanh` on the four lanes at once, which give each lane the
/// scalar functions' bits, so the two loops give the same bits. Only the samples are vectorised and
/// `n_h` is an ordinary loop bound, so one short loop serves every width and activation. The
/// compiler builds it four times (see ``HiddenLayer``): for the notebook's two units with each
/// activation, where it unrolls the units and keeps the whole state in registers, and once for any
/// width and activation. (Building the loop for every width and activation took most of the
/// package's build time.)
struct FourSamples {
    let x0, x1, y: Samples
    let lr: Double
    /// `w1`, `w2`, `b1` and their gradients, laid out as ``Network/state``.
    let parameters: UnsafeMutablePointer<Double>
    /// `z1` and `h1`, a row of four samples per unit.
    let z1, h1: UnsafeMutablePointer<Samples>
    var b2: Double
    var db2 = 0.0

    /// Runs `count` iterations of `network`'s loop, then writes the parameters and gradients back.
    static func run(
        _ network: Network, _ count: Int, losses: Network.Losses, updates: Bool, record: (Int, Double) -> Bool
    ) -> Double {
        /// The loop with its state in stack memory, which the compiler promotes to registers when
        /// `layer.units` is a constant.
        @inline(__always)
        func run<Layer: HiddenLayer>(_ layer: Layer) -> Double {
            let n = layer.units
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: 8 * n) { parameterBlock in
                withUnsafeTemporaryAllocation(of: Samples.self, capacity: 2 * n) { rowBlock in
                    let parameters = parameterBlock.baseAddress!, rows = rowBlock.baseAddress!
                    parameters.update(from: network.state.base, count: 8 * n)
                    var loop = FourSamples(
                        x0: lanes(network.x0), x1: lanes(network.x1), y: lanes(network.y), lr: network.learningRate,
                        parameters: parameters, z1: rows, h1: rows + n, b2: network.b2)
                    let loss = loop.run(count, layer, losses: losses, updates: updates, record: record)
                    network.state.base.update(from: loop.parameters, count: 8 * n)
                    (network.b2, network.db2) = (loop.b2, loop.db2)
                    return loss
                }
            }
        }
        func lanes(_ buffer: Buffer) -> Samples { Samples(buffer[0], buffer[1], buffer[2], buffer[3]) }
        precondition(network.m == 4)
        switch (network.hidden, network.activation) {
        case (2, .sigmoid): return run(NotebookSigmoid())
        case (2, .tanh): return run(NotebookTanh())
        case (2, .relu): return run(NotebookReLU())
        case let (units, activation): return run(AnyHiddenLayer(units: units, activation: activation))
        }
    }

    @inline(__always)
    private mutating func run<Layer: HiddenLayer>(
        _ count: Int, _ layer: Layer, losses: Network.Losses, updates: Bool, record: (Int, Double) -> Bool
    ) -> Double {
        var loss = 0.0
        switch losses {
        case .last:
            for _ in 1..<count { iterate(layer, computesLoss: false, updates: updates) }
            loss = iterate(layer, computesLoss: true, updates: updates)
            _ = record(count - 1, loss)
        case .every:
            for n in 0..<count {
                loss = iterate(layer, computesLoss: true, updates: updates)
                if !record(n, loss) { break }
            }
        }
        return loss
    }

    /// One iteration; returns the loss before the update, or 0 unless `computesLoss`.
    @inline(__always)
    @discardableResult
    private mutating func iterate<Layer: HiddenLayer>(_ layer: Layer, computesLoss: Bool, updates: Bool) -> Double {
        let n = layer.units
        let activation = layer.activation
        let w1 = parameters, w2 = parameters + 2 * n, b1 = parameters + 3 * n
        let dw1 = parameters + 4 * n, dw2 = parameters + 6 * n, db1 = parameters + 7 * n

        // forward_prop: z1 = w1 @ x + b1; h1 = f(z1); z2 = w2 @ h1 + b2; y_hat = sigmoid(z2)
        var dot = Samples()
        for i in 0..<n {
            z1[i] = (w1[2 * i] * x0 + w1[2 * i + 1] * x1) + b1[i]
            h1[i] = activation.forward(z1[i])
            dot += w2[i] * h1[i]
        }
        let z2 = dot + b2
        let yHat = Elementary.sigmoid(z2)

        // loss = -(1/m)*np.sum(y*np.log(y_hat) + (1-y)*np.log(1-y_hat)), summed left to right
        var loss = 0.0
        if computesLoss {
            let terms = CrossEntropy.terms(y: y, yHat: yHat, z2: z2)
            loss = -(1 / Double(4)) * terms.ddotSum
        }

        // back_prop: dz2 = y_hat - y; dw2 = dz2 @ h1.T; db2 = dz2 @ 1;
        //            dz1 = w2.T @ dz2 * f'(z1); dw1 = dz1 @ x.T; db1 = dz1 @ 1
        let dz2 = yHat - y
        db2 = dz2.ddotSum
        // With one hidden unit, `dz2 @ h1.T` and `dz1 @ ones` are 1×1: numpy hands them to ddot.
        let oneUnit = n == 1
        for i in 0..<n {
            dw2[i] = oneUnit ? (dz2 * h1[i]).ddotSum : (dz2 * h1[i]).gemvSum
            // numpy's `w2.T @ dz2` accumulates from +0, so a zero product is +0 whatever its factors' signs.
            let dz1 = activation.backward(0 + w2[i] * dz2, z: z1[i], h: h1[i])
            dw1[2 * i] = (dz1 * x0).gemvSum
            dw1[2 * i + 1] = (dz1 * x1).gemvSum
            db1[i] = oneUnit ? dz1.ddotSum : dz1.gemvSum
        }

        // w2 -= lr*dw2; w1 -= lr*dw1; b2 -= lr*db2; b1 -= lr*db1
        if updates {
            for i in 0..<n { w2[i] = w2[i] - lr * dw2[i] }
            for k in 0..<2 * n { w1[k] = w1[k] - lr * dw1[k] }
            b2 = b2 - lr * db2
            for i in 0..<n { b1[i] = b1[i] - lr * db1[i] }
        }
        return loss
    }
}

private extension Samples {
    /// The lanes summed left to right from 0, as BLAS's `ddot` does: `((0 + t0) + t1) + ...`.
    @inline(__always)
    var ddotSum: Double { (((0 + self[0]) + self[1]) + self[2]) + self[3] }

    /// The lanes summed as OpenBLAS's `dgemv` kernel sums four samples on the machines the
    /// fixtures came from: `((0 + t0) + t2) + ((0 + t1) + t3)`. Checked only at m = 4, which is
    /// all this loop runs; other sample counts go through ``Network``'s general loop.
    @inline(__always)
    var gemvSum: Double { ((0 + self[0]) + self[2]) + ((0 + self[1]) + self[3]) }
}

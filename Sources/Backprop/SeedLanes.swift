/// The notebook's loop with a network in each lane: what a sweep's seeds and an atlas cell's seeds run,
/// four networks of one recipe at a time.
///
/// ``FourSamples`` puts a network's four samples in the lanes, so every iteration waits on one chain of
/// dependent operations (forward, twelve exponentials, backward, update); here the lanes are four
/// independent networks and every sum over the samples is an ordinary addition of vectors. Each lane
/// performs, for its network, exactly the operations ``FourSamples`` performs (each sample's row in its
/// turn, the sums over samples in BLAS's orders), and ``Elementary``'s functions give every lane the scalar
/// bits, so each network ends bit for bit as it does when trained alone.
///
/// This file is compiled twice (see Package.swift): into `Backprop` for any x86-64, and into
/// `BackpropHaswell` with AVX2, where a vector of four doubles is one register; ``SeedBatch`` picks
/// the copy the processor can run. It may use only the files compiled with it (the links in
/// `Sources/BackpropHaswell`), and whatever code of the Haswell copy the linker could share with other
/// modules (the standard library's generic code left uninlined) must use no AVX2, which
/// `scripts/check-haswell-symbols` verifies.
package enum SeedLanes {
    /// A value of each of the four networks.
    package typealias Lanes = SIMD4<Double>

    /// The four samples: their x0, x1 and labels, one number each, the same for every network.
    package typealias Samples = (x0: SIMD4<Double>, x1: SIMD4<Double>, y: SIMD4<Double>)

    /// Trains four networks with `hidden` units for `iterations` steps on four samples, the parameters in
    /// `state` as ``Parameters`` orders them (`w1`, then `w2`, `b1` and `b2`), a vector of lanes each; returns
    /// each network's loss before its last update.
    package static func train(
        _ state: UnsafeMutablePointer<Lanes>, hidden: Int, activation name: String,
        samples: Samples, learningRate: Double, iterations: Int
    ) -> Lanes {
        precondition(iterations > 0, "a run needs at least one iteration to record a loss")
        guard let activation = Activation(rawValue: name) else { preconditionFailure("no activation named \(name)") }
        func run<Layer: HiddenLayer>(_ layer: Layer) -> Lanes {
            Loop.run(iterations, layer, state: state, x0: samples.x0, x1: samples.x1, y: samples.y, lr: learningRate)
        }
        switch (hidden, activation) {
        case (2, .sigmoid): return run(NotebookSigmoid())
        case (2, .tanh): return run(NotebookTanh())
        case (2, .relu): return run(NotebookReLU())
        case let (units, activation): return run(AnyHiddenLayer(units: units, activation: activation))
        }
    }

    /// The loop's functions, with the samples (one number each, the same for every network) and the learning
    /// rate passed to each rather than kept in a structure: a type of 16 bytes or more makes the compiler emit
    /// a copying function named by its size alone (`__swift_memcpy32_16`), which the linker may share between
    /// modules and which this module would build with AVX (scripts/check-haswell-symbols finds such functions).
    enum Loop {
        /// The loop with its state in stack memory, which the compiler promotes to registers when
        /// `layer.units` is a constant.
        @inline(__always)
        static func run<Layer: HiddenLayer>(
            _ count: Int, _ layer: Layer, state: UnsafeMutablePointer<Lanes>, x0: SIMD4<Double>, x1: SIMD4<Double>,
            y: SIMD4<Double>, lr: Double
        ) -> Lanes {
            let n = layer.units
            return withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 4 * n + 1) { block in
                // w1 (two per unit), w2, b1, b2; and a second block for z1 and h1, four samples per unit.
                let parameters = block.baseAddress!
                parameters.update(from: state, count: 4 * n + 1)
                let loss = withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 8 * n) { rows in
                    let z1 = rows.baseAddress!, h1 = z1 + 4 * n
                    var remaining = count - 1
                    while remaining > 0 {
                        remaining -= 1
                        if iterate(layer, parameters, z1: z1, h1: h1, x0: x0, x1: x1, y: y, lr: lr, startsExact: false,
                                   computesLoss: false).neededCare {
                            remaining -= exactUntilNoneNeedsCare(remaining, layer, parameters, z1: z1, h1: h1, x0: x0, x1: x1,
                                                                 y: y, lr: lr)
                        }
                    }
                    return iterate(layer, parameters, z1: z1, h1: h1, x0: x0, x1: x1, y: y, lr: lr, startsExact: true,
                                   computesLoss: true).loss
                }
                state.update(from: parameters, count: 4 * n + 1)
                return loss
            }
        }

        /// Up to `count` iterations whose forward passes start exact, until one has no exponential that needs care;
        /// returns how many it ran. A saturated or diverged network stays so: testing its passes once and running
        /// them again would cost two passes each time. Not inlined, so that the loop of ordinary passes keeps the
        /// registers to itself (inlined, it took 259 instructions a network-iteration to 298).
        @inline(never)
        static func exactUntilNoneNeedsCare<Layer: HiddenLayer>(
            _ count: Int, _ layer: Layer, _ parameters: UnsafeMutablePointer<Lanes>, z1: UnsafeMutablePointer<Lanes>,
            h1: UnsafeMutablePointer<Lanes>, x0: SIMD4<Double>, x1: SIMD4<Double>, y: SIMD4<Double>, lr: Double
        ) -> Int {
            for done in 0..<count {
                let (_, neededCare) = iterate(layer, parameters, z1: z1, h1: h1, x0: x0, x1: x1, y: y, lr: lr,
                                              startsExact: true, computesLoss: false)
                if !neededCare { return done + 1 }
            }
            return count
        }

        /// One iteration; returns the loss before the update (0 unless `computesLoss`), and whether an exponential
        /// of the forward pass needed care. That pass starts exact, or tests its exponentials' lanes once and runs
        /// again exactly when one needed care; either way the results are exact.
        @inline(__always)
        static func iterate<Layer: HiddenLayer>(
            _ layer: Layer, _ parameters: UnsafeMutablePointer<Lanes>, z1: UnsafeMutablePointer<Lanes>,
            h1: UnsafeMutablePointer<Lanes>, x0: SIMD4<Double>, x1: SIMD4<Double>, y: SIMD4<Double>, lr: Double,
            startsExact: Bool, computesLoss: Bool
        ) -> (loss: Lanes, neededCare: Bool) {
            let n = layer.units
            let activation = layer.activation
            let w1 = parameters, w2 = parameters + 2 * n, b1 = parameters + 3 * n, b2 = parameters + 4 * n
            // Unit i's value for sample j is at 4 i + j.

            // The exponentials' lanes that need care: an argument beyond ±512, or NaN.
            var outside = SIMDMask<Lanes.MaskStorage>(repeating: false)
            var (z2, yHat) = forward(layer, parameters, z1: z1, h1: h1, x0: x0, x1: x1, exact: startsExact, outside: &outside)
            let neededCare = any(outside)
            if !startsExact && neededCare {
                (z2, yHat) = forward(layer, parameters, z1: z1, h1: h1, x0: x0, x1: x1, exact: true, outside: &outside)
            }

            // loss = -(1/m)*np.sum(y*np.log(y_hat) + (1-y)*np.log(1-y_hat)), summed left to right
            var loss = Lanes()
            if computesLoss {
                func term(_ j: Int, _ yHat: Lanes, _ z2: Lanes) -> Lanes {
                    CrossEntropy.terms(y: Lanes(repeating: y[j]), yHat: yHat, z2: z2)
                }
                loss = -(1 / Double(4)) * Self.ddot(term(0, yHat.0, z2.0), term(1, yHat.1, z2.1), term(2, yHat.2, z2.2), term(3, yHat.3, z2.3))
            }

            // back_prop: dz2 = y_hat - y; dw2 = dz2 @ h1.T; db2 = dz2 @ 1;
            //            dz1 = w2.T @ dz2 * f'(z1); dw1 = dz1 @ x.T; db1 = dz1 @ 1
            let dz2 = (yHat.0 - y[0], yHat.1 - y[1], yHat.2 - y[2], yHat.3 - y[3])
            let db2 = Self.ddot(dz2.0, dz2.1, dz2.2, dz2.3)
            // With one hidden unit, `dz2 @ h1.T` and `dz1 @ ones` are 1×1: numpy hands them to ddot.
            let oneUnit = n == 1
            for i in 0..<n {
                let h = (h1[4 * i], h1[4 * i + 1], h1[4 * i + 2], h1[4 * i + 3])
                let z = (z1[4 * i], z1[4 * i + 1], z1[4 * i + 2], z1[4 * i + 3])
                let dw2 = Self.sum(dz2.0 * h.0, dz2.1 * h.1, dz2.2 * h.2, dz2.3 * h.3, ddot: oneUnit)
                // numpy's `w2.T @ dz2` accumulates from +0, so a zero product is +0 whatever its factors' signs.
                let g = w2[i]
                let dz1 = (activation.backward(0 + g * dz2.0, z: z.0, h: h.0), activation.backward(0 + g * dz2.1, z: z.1, h: h.1),
                           activation.backward(0 + g * dz2.2, z: z.2, h: h.2), activation.backward(0 + g * dz2.3, z: z.3, h: h.3))
                let dw1a = Self.gemv(dz1.0 * x0[0], dz1.1 * x0[1], dz1.2 * x0[2], dz1.3 * x0[3])
                let dw1b = Self.gemv(dz1.0 * x1[0], dz1.1 * x1[1], dz1.2 * x1[2], dz1.3 * x1[3])
                let db1 = Self.sum(dz1.0, dz1.1, dz1.2, dz1.3, ddot: oneUnit)
                // w2 -= lr*dw2; w1 -= lr*dw1; b1 -= lr*db1: no gradient of another unit is read, so each
                // unit's parameters may change here; the notebook's order only orders independent subtractions.
                w2[i] = w2[i] - lr * dw2
                w1[2 * i] = w1[2 * i] - lr * dw1a
                w1[2 * i + 1] = w1[2 * i + 1] - lr * dw1b
                b1[i] = b1[i] - lr * db1
            }
            b2.pointee = b2.pointee - lr * db2
            return (loss, neededCare)
        }

        /// forward_prop: z1 = w1 @ x + b1; h1 = f(z1); z2 = w2 @ h1 + b2; y_hat = sigmoid(z2). Writes z1 and h1;
        /// returns z2 and y_hat for each sample. The exponentials' lanes that need care are set in `outside`, and
        /// unless `exact` their results are left wrong (``Elementary/exp(_:flagging:exact:)``).
        ///
        /// Transparent, not merely always inlined: called twice in `iterate`, it was compiled once as a function
        /// of its own, with `outside` in memory.
        @_transparent
        static func forward<Layer: HiddenLayer>(
            _ layer: Layer, _ parameters: UnsafeMutablePointer<Lanes>, z1: UnsafeMutablePointer<Lanes>,
            h1: UnsafeMutablePointer<Lanes>, x0: SIMD4<Double>, x1: SIMD4<Double>,
            exact: Bool, outside: inout SIMDMask<Lanes.MaskStorage>
        ) -> (z2: (Lanes, Lanes, Lanes, Lanes), yHat: (Lanes, Lanes, Lanes, Lanes)) {
            let n = layer.units
            let activation = layer.activation
            let w1 = parameters, w2 = parameters + 2 * n, b1 = parameters + 3 * n, b2 = parameters + 4 * n
            var dot = (Lanes(), Lanes(), Lanes(), Lanes())
            for i in 0..<n {
                /// Unit i on sample j: z, h, and h's term of the output's sum. Called four times rather than looped,
                /// so that the samples' independent exponentials stand side by side in the code.
                @inline(__always)
                func unit(_ j: Int) -> Lanes {
                    let z = (w1[2 * i] * x0[j] + w1[2 * i + 1] * x1[j]) + b1[i]
                    let h = activation.forward(z, flagging: &outside, exact: exact)
                    (z1[4 * i + j], h1[4 * i + j]) = (z, h)
                    return w2[i] * h
                }
                dot.0 += unit(0)
                dot.1 += unit(1)
                dot.2 += unit(2)
                dot.3 += unit(3)
            }
            let z2 = (dot.0 + b2.pointee, dot.1 + b2.pointee, dot.2 + b2.pointee, dot.3 + b2.pointee)
            func sigmoid(_ z: Lanes) -> Lanes { Elementary.sigmoid(z, flagging: &outside, exact: exact) }
            return (z2, (sigmoid(z2.0), sigmoid(z2.1), sigmoid(z2.2), sigmoid(z2.3)))
        }

        /// `ddot`'s sum, or `dgemv`'s.
        @inline(__always)
        static func sum(_ t0: Lanes, _ t1: Lanes, _ t2: Lanes, _ t3: Lanes, ddot: Bool) -> Lanes {
            ddot ? Self.ddot(t0, t1, t2, t3) : gemv(t0, t1, t2, t3)
        }

        /// Four samples' terms summed as BLAS's `ddot` sums them, left to right from 0.
        @inline(__always)
        static func ddot(_ t0: Lanes, _ t1: Lanes, _ t2: Lanes, _ t3: Lanes) -> Lanes { (((Lanes() + t0) + t1) + t2) + t3 }

        /// Four samples' terms summed as OpenBLAS's `dgemv` kernel sums them: `((0 + t0) + t2) + ((0 + t1) + t3)`.
        @inline(__always)
        static func gemv(_ t0: Lanes, _ t1: Lanes, _ t2: Lanes, _ t3: Lanes) -> Lanes { ((Lanes() + t0) + t2) + ((Lanes() + t1) + t3) }
    }
}

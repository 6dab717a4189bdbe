/// A 2-n_h-1 network being trained by the notebook's full-batch gradient descent.
///
/// Every array of the notebook's loop (`z1`, `h1`, `z2`, `y_hat`, `dz2`, `dz1` and the
/// gradients) is allocated once, so an iteration allocates nothing. Each operation keeps
/// numpy's order of floating-point operations, so results agree with numpy to the last bit
/// or very nearly: numpy hands a product with a 1×1 result to BLAS's `ddot`, which sums the
/// samples left to right, and larger ones to `dgemv`, which sums four samples as
/// `(a0 + a2) + (a1 + a3)`; ``dotSum(_:)`` and ``gemvSum(_:)`` keep those orders.
///
/// The loop is written twice, with the same operations in the same order: ``FourSamples`` for the
/// four samples of a gate, where an iteration of the notebook's network costs little more than its
/// twelve exponentials (three calls of ``Elementary``'s on four lanes), which no reordering may
/// remove, and the general loops for any `m`.
public final class Network {
    /// The hidden layer's width, `n_h`.
    public let hidden: Int
    /// The hidden layer's activation; the output is always a sigmoid.
    public let activation: Activation
    /// The step size, the notebook's `lr`.
    public let learningRate: Double

    let m: Int
    let x0, x1, y: Buffer
    /// `w1` (n_h×2, row-major), `w2`, `b1`, then `dw1`, `dw2`, `db1`: one block, which
    /// ``FourSamples`` copies in and out whole, viewed by the buffers below.
    let state: Buffer
    let w1, w2, b1, dw1, dw2, db1: Buffer
    var b2: Double
    var db2: Double = 0
    /// The loop's other arrays, which only the general loop keeps (``FourSamples`` holds them in registers).
    let z1, h1, z2, yHat, dz2, dz1: Buffer

    /// Starts training from `parameters` on `data`.
    public init(parameters: Parameters, data: Dataset = .xor, learningRate: Double = 0.1, activation: Activation = .sigmoid) {
        precondition(learningRate.isFinite && learningRate > 0, "the learning rate must be finite and positive")
        let nh = parameters.hidden, m = data.count
        hidden = nh
        self.activation = activation
        self.learningRate = learningRate
        self.m = m
        x0 = Buffer(data.x0)
        x1 = Buffer(data.x1)
        y = Buffer(data.y)
        let state = Buffer(parameters.w1 + parameters.w2 + parameters.b1 + Array(repeating: 0, count: 4 * nh))
        self.state = state
        (w1, w2, b1) = (state.slice(0, 2 * nh), state.slice(2 * nh, nh), state.slice(3 * nh, nh))
        (dw1, dw2, db1) = (state.slice(4 * nh, 2 * nh), state.slice(6 * nh, nh), state.slice(7 * nh, nh))
        b2 = parameters.b2
        z1 = Buffer(count: nh * m)
        h1 = Buffer(count: nh * m)
        z2 = Buffer(count: m)
        yHat = Buffer(count: m)
        dz2 = Buffer(count: m)
        dz1 = Buffer(count: nh * m)
    }

    deinit { for buffer in [x0, x1, y, state, z1, h1, z2, yHat, dz2, dz1] { buffer.free() } }

    /// The current weights and biases.
    public var parameters: Parameters {
        Parameters(hidden: hidden, w1: w1.array, w2: w2.array, b1: b1.array, b2: b2)
    }

    // MARK: - The notebook's loop

    /// Runs one iteration: forward, loss, backward and update; returns the loss before the update.
    @discardableResult
    public func step() -> Double { iterate(1, losses: .every) { _, _ in true } }

    /// Runs `iterations` steps and returns the last recorded loss, computing no other.
    public func trainReturningLastLoss(iterations: Int) -> Double {
        precondition(iterations > 0, "a run needs at least one iteration to record a loss")
        return iterate(iterations, losses: .last) { _, _ in true }
    }

    /// The loss at the current parameters and its gradients, as `back_prop` returns them, without a step.
    ///
    /// The gradients are summed over the samples, not averaged: they are `m` times the loss's derivatives.
    public func lossAndGradients() -> (loss: Double, gradients: Parameters) {
        let loss = iterate(1, losses: .every, updates: false) { _, _ in true }
        return (loss, Parameters(hidden: hidden, w1: dw1.array, w2: dw2.array, b1: db1.array, b2: db2))
    }

    /// Runs up to `iterations` steps, handing each loss (before its update) to `observe`, and
    /// stops after the step for which `observe` returns false: a run that diverged stops there.
    public func train(iterations: Int, observing observe: (_ iteration: Int, _ loss: Double) -> Bool) {
        precondition(iterations >= 0, "the number of iterations cannot be negative")
        iterate(iterations, losses: .every, record: observe)
    }

    /// Runs `iterations` steps and returns the notebook's `losses` list.
    public func train(iterations: Int) -> [Double] {
        var losses: [Double] = []
        losses.reserveCapacity(iterations)
        train(iterations: iterations, observing: { _, loss in
            losses.append(loss)
            return true
        })
        return losses
    }

    // MARK: - Choosing the loop

    /// Which iterations compute the loss; nothing in an update depends on it.
    enum Losses { case last, every }

    /// Runs `count` iterations, handing `record` the losses that `losses` asks for, and returns the last one.
    ///
    /// Without `updates`, an iteration leaves the parameters as they are (and only its gradients).
    @discardableResult
    private func iterate(_ count: Int, losses: Losses, updates: Bool = true, record: (Int, Double) -> Bool) -> Double {
        guard count > 0 else { return 0 }
        if m == 4 { return FourSamples.run(self, count, losses: losses, updates: updates, record: record) }
        var loss = 0.0
        for n in 0..<count {
            forwardProp()
            var goesOn = true
            if losses == .every || n == count - 1 {
                loss = crossEntropy()
                goesOn = record(n, loss)
            }
            backProp()
            if updates { update() }
            if !goesOn { break }
        }
        return loss
    }

    // MARK: - The general loops, for any m and n_h

    /// `z1 = w1 @ x + b1; h1 = f(z1); z2 = w2 @ h1 + b2; y_hat = sigmoid(z2)`.
    func forwardProp() {
        for i in 0..<hidden {
            for j in 0..<m {
                let z = (w1[2 * i] * x0[j] + w1[2 * i + 1] * x1[j]) + b1[i]
                z1[i * m + j] = z
                h1[i * m + j] = activation.forward(z)
            }
        }
        for j in 0..<m {
            var dot = 0.0
            for i in 0..<hidden { dot += w2[i] * h1[i * m + j] }
            z2[j] = dot + b2
            yHat[j] = Activation.sigmoid(z2[j])
        }
    }

    /// `-(1/m) * np.sum(y*np.log(y_hat) + (1-y)*np.log(1-y_hat))`, summed left to right as numpy does.
    func crossEntropy() -> Double { -(1 / Double(m)) * crossEntropyTermSum() }

    /// `np.sum(y*np.log(y_hat) + (1-y)*np.log(1-y_hat))`: minus the summed loss whose gradient `back_prop` computes.
    func crossEntropyTermSum() -> Double {
        dotSum { CrossEntropy.term(y: y[$0], yHat: yHat[$0], z2: z2[$0]) }
    }

    /// `dz2 = y_hat - y; dw2 = dz2 @ h1.T; db2 = dz2 @ 1; dz1 = w2.T @ dz2 * f'(z1); dw1 = dz1 @ x.T; db1 = dz1 @ 1`.
    func backProp() {
        for j in 0..<m { dz2[j] = yHat[j] - y[j] }
        db2 = dotSum { dz2[$0] }
        // With one hidden unit, `dz2 @ h1.T` and `dz1 @ ones` are 1×1 as well: ddot again.
        let oneUnit = hidden == 1
        for i in 0..<hidden {
            let h1Row = h1.base + i * m, dz1Row = dz1.base + i * m
            dw2[i] = oneUnit ? dotSum { dz2[$0] * h1Row[$0] } : gemvSum { dz2[$0] * h1Row[$0] }
            for j in 0..<m {
                let k = i * m + j
                // numpy's `w2.T @ dz2` accumulates from +0, so a zero product is +0 whatever its factors' signs.
                dz1[k] = activation.backward(0 + w2[i] * dz2[j], z: z1[k], h: h1[k])
            }
            dw1[2 * i] = gemvSum { dz1Row[$0] * x0[$0] }
            dw1[2 * i + 1] = gemvSum { dz1Row[$0] * x1[$0] }
            db1[i] = oneUnit ? dotSum { dz1Row[$0] } : gemvSum { dz1Row[$0] }
        }
    }

    /// `w2 -= lr*dw2; w1 -= lr*dw1; b2 -= lr*db2; b1 -= lr*db1`, in the notebook's order.
    private func update() {
        let lr = learningRate
        for i in 0..<hidden { w2[i] = w2[i] - lr * dw2[i] }
        for k in 0..<2 * hidden { w1[k] = w1[k] - lr * dw1[k] }
        b2 = b2 - lr * db2
        for i in 0..<hidden { b1[i] = b1[i] - lr * db1[i] }
    }

    /// Sums a per-sample term left to right, as BLAS's `ddot` does for a 1×1 product.
    @inline(__always)
    private func dotSum(_ term: (Int) -> Double) -> Double {
        var sum = 0.0
        for j in 0..<m { sum += term(j) }
        return sum
    }

    /// Sums a per-sample term as BLAS's `dgemv` kernels do: even and odd samples apart, then together.
    @inline(__always)
    private func gemvSum(_ term: (Int) -> Double) -> Double {
        var even = 0.0, odd = 0.0
        var j = 0
        while j + 1 < m {
            even += term(j)
            odd += term(j + 1)
            j += 2
        }
        if j < m { even += term(j) }
        return even + odd
    }
}

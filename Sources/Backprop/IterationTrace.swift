/// A 2-D float64 array as numpy holds it: a shape and its values in row-major order.
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    /// The values row by row: what `arr.flatten()` lists.
    public let values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns, "values must fill rows × columns")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public subscript(row: Int, column: Int) -> Double { values[row * columns + column] }

    /// The rows as nested arrays, as `arr.tolist()` gives them.
    public var nested: [[Double]] { (0..<rows).map { Array(values[$0 * columns..<($0 + 1) * columns]) } }

    /// What the notebook's `print(f"{name}: {arr.flatten()}")` prints.
    public func printed(as name: String) -> String { name + ": " + NumpyFormat.array(values) }
}

/// One iteration of the notebook's loop, every array of it, computed from a network's current
/// parameters: the iteration training runs next, before its update.
///
/// The arrays come from the network's own loop (``Network/forwardProp()``, ``Network/backProp()``), so
/// they are the bits training computes. The gradients are those of the loss *summed* over the
/// samples, `-Σ y·log ŷ + (1-y)·log(1-ŷ)`, not of the recorded mean: `back_prop` starts from
/// `dz2 = y_hat - y`, the sum's derivative with respect to `z2`, and never divides by `m`.
public struct IterationTrace: Sendable {
    /// The hidden layer's activation; the output is a sigmoid.
    public let activation: Activation
    /// The inputs `X` (2×m) and labels `y` (1×m).
    public let x, y: Matrix
    /// The parameters the iteration starts from: `w1` (n_h×2), `b1` (n_h×1), `w2` (1×n_h), `b2` (1×1).
    public let w1, b1, w2, b2: Matrix
    /// `forward_prop`'s arrays: `z1`, `h1` (n_h×m), `z2`, `y_hat` (1×m).
    public let z1, h1, z2, yHat: Matrix
    /// The mean cross-entropy, as training records it for this iteration (with its stable fallback
    /// where ŷ saturates; see `CrossEntropy`).
    public let loss: Double
    /// `back_prop`'s arrays: `dz2` (1×m), `dw2` (1×n_h), `db2` (1×1), `dz1` (n_h×m), `dw1` (n_h×2), `db1` (n_h×1).
    public let dz2, dw2, db2, dz1, dw1, db1: Matrix

    /// The names the arrays are printed under, in the order they are printed.
    public static let printedNames = ["z1", "h1", "z2", "y_hat", "dz2", "dw2", "db2", "dz1", "dw1", "db1"]

    /// The forward and backward arrays under their printed names, in printing order.
    public var printedArrays: [(name: String, array: Matrix)] {
        Array(zip(Self.printedNames, [z1, h1, z2, yHat, dz2, dw2, db2, dz1, dw1, db1]))
    }

    /// Each array as the notebook prints `w1`: `z1: [...]`, ..., `db1: [...]`, numpy's formatting exactly.
    public var printedLines: [String] { printedArrays.map { $0.array.printed(as: $0.name) } }

    /// The parameters the iteration starts from.
    public var parameters: Parameters {
        Parameters(hidden: w1.rows, w1: w1.values, w2: w2.values, b1: b1.values, b2: b2.values[0])
    }

    /// The gradients `back_prop` returns, of the summed loss; an update subtracts `lr` times them.
    public var gradients: Parameters {
        Parameters(hidden: w1.rows, w1: dw1.values, w2: dw2.values, b1: db1.values, b2: db2.values[0])
    }

    /// The data the iteration runs on.
    public var data: Dataset {
        Dataset(x0: Array(x.values.prefix(x.columns)), x1: Array(x.values.suffix(x.columns)), y: y.values)
    }

    /// The iteration a network with `parameters` on `data` would run first.
    public init(parameters: Parameters, data: Dataset = .xor, activation: Activation = .sigmoid) {
        self = Network(parameters: parameters, data: data, activation: activation).trace()
    }

    fileprivate init(_ network: Network, loss: Double) {
        let nh = network.hidden, m = network.m
        func matrix(_ rows: Int, _ columns: Int, _ buffer: Buffer) -> Matrix {
            Matrix(rows: rows, columns: columns, values: buffer.array)
        }
        activation = network.activation
        x = Matrix(rows: 2, columns: m, values: network.x0.array + network.x1.array)
        y = matrix(1, m, network.y)
        w1 = matrix(nh, 2, network.w1)
        b1 = matrix(nh, 1, network.b1)
        w2 = matrix(1, nh, network.w2)
        b2 = Matrix(rows: 1, columns: 1, values: [network.b2])
        z1 = matrix(nh, m, network.z1)
        h1 = matrix(nh, m, network.h1)
        z2 = matrix(1, m, network.z2)
        yHat = matrix(1, m, network.yHat)
        self.loss = loss
        dz2 = matrix(1, m, network.dz2)
        dw2 = matrix(1, nh, network.dw2)
        db2 = Matrix(rows: 1, columns: 1, values: [network.db2])
        dz1 = matrix(nh, m, network.dz1)
        dw1 = matrix(nh, 2, network.dw1)
        db1 = matrix(nh, 1, network.db1)
    }
}

extension Network {
    /// The iteration the loop runs next, from the current parameters, without its update: after
    /// `train(iterations: E)`, the notebook's iteration E (E = the run's length: the trained network
    /// and the gradient a further step would take). The parameters stay as they are.
    ///
    /// It runs the general loop, which keeps every array; for four samples training runs
    /// ``FourSamples``, which performs the same operations in the same order, so the bits agree
    /// (the tests hold the two to each other).
    public func trace() -> IterationTrace {
        forwardProp()
        let loss = crossEntropy()
        backProp()
        return IterationTrace(self, loss: loss)
    }

    /// Makes `parameters` this network's, keeping its data and activation.
    fileprivate func load(_ parameters: Parameters) {
        precondition(parameters.hidden == hidden, "the parameters must have this network's width")
        for k in 0..<2 * hidden { w1[k] = parameters.w1[k] }
        for i in 0..<hidden { (w2[i], b1[i]) = (parameters.w2[i], parameters.b1[i]) }
        b2 = parameters.b2
    }

    /// The summed cross-entropy at the current parameters, through the loop's own forward pass and loss terms.
    fileprivate func summedCrossEntropy() -> Double {
        forwardProp()
        return -crossEntropyTermSum()
    }
}

// MARK: - Gradient check

/// Backprop's gradients beside central differences of the loss, component by component.
public struct GradientCheck: Sendable {
    /// One parameter: `w1[i,j]`, `b1[i,0]`, `w2[0,i]` or `b2[0,0]`.
    public struct Component: Sendable {
        public let name: String
        /// What `back_prop` computed.
        public let backprop: Double
        /// The five-point central difference of the summed loss.
        public let numeric: Double

        /// `|a - b| / max(|a|, |b|, negligible)`: relative where the gradients are large enough to
        /// measure, and never exploding only because both sides are tiny (see ``GradientCheck/negligible``).
        public var relativeError: Double {
            abs(backprop - numeric) / max(abs(backprop), abs(numeric), GradientCheck.negligible)
        }
    }

    /// Below this size a gradient counts as zero: the differences' rounding (about 1e-13 / h of the
    /// loss) leaves them no finer, so a gradient of 1e-45 beside a difference of exactly 0 agrees.
    public static let negligible = 1e-8

    /// Where the check passes: backprop agrees with the differences to this relative error.
    public static let tolerance = 1e-6

    /// Whether every parameter's gradient agrees with its differences within ``tolerance``.
    public var passes: Bool { maxRelativeError <= Self.tolerance }

    /// The step `h` of the differences.
    public let step: Double
    /// Every parameter, in the order w1 (row-major), b1, w2, b2.
    public let components: [Component]

    /// The largest relative error over all parameters: the check's verdict.
    public var maxRelativeError: Double { components.map(\.relativeError).max() ?? 0 }

    /// The component with the largest relative error.
    public var worst: Component? { components.max { $0.relativeError < $1.relativeError } }
}

extension IterationTrace {
    /// Compares the backprop gradients with differences of the summed cross-entropy (the quantity
    /// whose gradient `back_prop` computes: `dz2 = y_hat - y` is the sum's derivative, `m` times the
    /// mean's) with respect to every parameter.
    ///
    /// The stencil is the five-point central difference `(8(L(p+h) - L(p-h)) - (L(p+2h) - L(p-2h))) / 12h`:
    /// its truncation error is O(h⁴), so `h` can stay at 1e-3, where the loss's rounding (about 1e-16
    /// of it, amplified by `log(1 - ŷ)` near saturation) costs ~1e-13 / h; the plain two-point
    /// difference would need a smaller `h` and lose more to rounding. Measured on the trace fixtures,
    /// sigmoid and tanh stay below 1e-7 from the first epoch to the trained network.
    ///
    /// relu can exceed any tolerance: at a kink (`z1` exactly 0, as Xavier's zero biases give on the
    /// point (0, 0), or within 2h of 0) the loss has two one-sided slopes, backprop takes relu'(0) = 0
    /// as numpy's `z1 > 0` does, and the difference straddles the kink and averages the two.
    public func gradientCheck(step h: Double = 1e-3) -> GradientCheck {
        precondition(h > 0 && h.isFinite, "the step must be positive")
        let start = parameters, analytic = gradients
        let scratch = Network(parameters: start, data: data, activation: activation)
        func numeric(_ nudge: (inout Parameters, Double) -> Void) -> Double {
            func loss(_ delta: Double) -> Double {
                var nudged = start
                nudge(&nudged, delta)
                scratch.load(nudged)
                return scratch.summedCrossEntropy()
            }
            return (8 * (loss(h) - loss(-h)) - (loss(2 * h) - loss(-2 * h))) / (12 * h)
        }
        var components: [GradientCheck.Component] = []
        for i in 0..<start.hidden {
            for j in 0..<2 {
                let k = 2 * i + j
                components.append(.init(name: "w1[\(i),\(j)]", backprop: analytic.w1[k], numeric: numeric { $0.w1[k] += $1 }))
            }
        }
        for i in 0..<start.hidden {
            components.append(.init(name: "b1[\(i),0]", backprop: analytic.b1[i], numeric: numeric { $0.b1[i] += $1 }))
        }
        for i in 0..<start.hidden {
            components.append(.init(name: "w2[0,\(i)]", backprop: analytic.w2[i], numeric: numeric { $0.w2[i] += $1 }))
        }
        components.append(.init(name: "b2[0,0]", backprop: analytic.b2, numeric: numeric { $0.b2 += $1 }))
        return GradientCheck(step: h, components: components)
    }
}

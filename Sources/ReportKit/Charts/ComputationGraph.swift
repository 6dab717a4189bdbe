import Backprop

/// One training point's pass through the network as a computation graph, the picture micrograd's
/// `draw_dot` gives: every value (a parameter, an input, an intermediate array, the loss) with its
/// data and its gradient, and every operation between its operands and its result.
///
/// It holds numbers, never computes them: the caller fills it from the iteration it traces, so
/// the picture shows exactly the arrays the numbers elsewhere in the report came from.
public struct ComputationGraph: Sendable, Equatable {
    /// An array in numpy's shape: `[]` a scalar, `[n]` a vector, `[r, c]` a matrix (row-major).
    public struct Tensor: Sendable, Equatable {
        public var shape: [Int]
        public var values: [Double]

        public init(_ values: [Double], shape: [Int]) {
            precondition(shape.count <= 2 && shape.reduce(1, *) == values.count, "a tensor's values must fill its shape")
            self.shape = shape
            self.values = values
        }

        public static func scalar(_ value: Double) -> Tensor { Tensor([value], shape: []) }
        public static func vector(_ values: [Double]) -> Tensor { Tensor(values, shape: [values.count]) }
        public static func matrix(_ values: [Double], rows: Int, columns: Int) -> Tensor {
            Tensor(values, shape: [rows, columns])
        }
    }

    /// What a value is, which sets its box's colour.
    public enum Role: Sendable, Equatable {
        case input, parameter, intermediate, loss
    }

    public struct Value: Sendable, Equatable {
        public var name: String
        public var role: Role
        public var data: Tensor
        /// Nil for what backpropagation does not differentiate, such as the inputs and the label.
        public var grad: Tensor?

        public init(name: String, role: Role, data: Tensor, grad: Tensor?) {
            self.name = name
            self.role = role
            self.data = data
            self.grad = grad
        }
    }

    public enum Operation: Sendable, Equatable {
        case matmul, add, sigmoid, tanh, relu
        /// The per-sample binary cross-entropy `−(y log ŷ + (1−y) log(1−ŷ))`.
        case crossEntropy

        /// What the operation's node shows.
        public var symbol: String {
            switch self {
            case .matmul: "@"
            case .add: "+"
            case .sigmoid: "σ"
            case .tanh: "tanh"
            case .relu: "relu"
            case .crossEntropy: "BCE"
            }
        }

        /// The hidden layer's activation as an operation.
        public init(_ activation: Activation) {
            switch activation {
            case .sigmoid: self = .sigmoid
            case .tanh: self = .tanh
            case .relu: self = .relu
            }
        }
    }

    public struct Step: Sendable, Equatable {
        public var operation: Operation
        /// Indices into ``ComputationGraph/values``, in the operation's argument order.
        public var operands: [Int]
        public var result: Int

        public init(operation: Operation, operands: [Int], result: Int) {
            self.operation = operation
            self.operands = operands
            self.result = result
        }
    }

    /// One end of an edge: a value's box or an operation's node.
    public enum Node: Sendable, Hashable {
        case value(Int)
        case step(Int)
    }

    public struct Edge: Sendable, Hashable {
        public var from: Node
        public var to: Node
    }

    public var values: [Value]
    /// In the order they are computed: each operand is a leaf or the result of an earlier step,
    /// so the graph is acyclic by construction.
    public var steps: [Step]

    public init(values: [Value], steps: [Step]) {
        var computed = Set<Int>()
        for step in steps {
            precondition(values.indices.contains(step.result) && !computed.contains(step.result),
                         "each value is the result of at most one step")
            precondition(step.operands.allSatisfy { values.indices.contains($0) && $0 != step.result },
                         "a step's operands are values of the graph")
            precondition(step.operands.allSatisfy { k in computed.contains(k) || !steps.contains { $0.result == k } },
                         "steps come in the order they are computed")
            computed.insert(step.result)
        }
        self.values = values
        self.steps = steps
    }

    /// Operand → operation → result, in the order of the steps.
    public var edges: [Edge] {
        steps.indices.flatMap { k in
            steps[k].operands.map { Edge(from: .value($0), to: .step(k)) } + [Edge(from: .step(k), to: .value(steps[k].result))]
        }
    }
}

extension ComputationGraph {
    /// Every array of the notebook's loop for one training point `j` of a 2-n_h-1 network, as
    /// the caller computed it; gradients are those of this point's loss term `L`.
    public struct SampleArrays: Sendable, Equatable {
        /// `x[:, j]` and `y[j]`.
        public var x: [Double], y: Double
        /// `w1` is n_h×2, row-major; `w2` has n_h entries (numpy's 1×n_h).
        public var w1: [Double], b1: [Double], w2: [Double], b2: Double
        /// `w1 @ x`, before `b1` is added, and `w2 @ h1`, before `b2`.
        public var w1x: [Double], z1: [Double], h1: [Double], w2h1: Double, z2: Double, yHat: Double, loss: Double
        /// The gradients of `L` with respect to each array. `w1 @ x` and `w2 @ h1` show `dz1` and
        /// `dz2`, since adding the bias passes the gradient on unchanged.
        public var dw1: [Double], db1: [Double], dz1: [Double], dh1: [Double], dw2: [Double]
        public var db2: Double, dz2: Double, dyHat: Double

        public init(
            x: [Double], y: Double, w1: [Double], b1: [Double], w2: [Double], b2: Double,
            w1x: [Double], z1: [Double], h1: [Double], w2h1: Double, z2: Double, yHat: Double, loss: Double,
            dw1: [Double], db1: [Double], dz1: [Double], dh1: [Double], dw2: [Double], db2: Double, dz2: Double, dyHat: Double
        ) {
            (self.x, self.y, self.w1, self.b1, self.w2, self.b2) = (x, y, w1, b1, w2, b2)
            (self.w1x, self.z1, self.h1, self.w2h1, self.z2, self.yHat, self.loss) = (w1x, z1, h1, w2h1, z2, yHat, loss)
            (self.dw1, self.db1, self.dz1, self.dh1, self.dw2) = (dw1, db1, dz1, dh1, dw2)
            (self.db2, self.dz2, self.dyHat) = (db2, dz2, dyHat)
        }

        /// n_h, the hidden layer's width.
        public var hidden: Int { b1.count }
    }

    /// The notebook's forward pass and loss for one training point:
    /// `z1 = w1 @ x + b1`, `h1 = f(z1)`, `z2 = w2 @ h1 + b2`, `ŷ = σ(z2)`, `L = BCE(ŷ, y)`.
    public static func notebook(_ a: SampleArrays, activation: Activation) -> ComputationGraph {
        let n = a.hidden
        precondition(n >= 1 && a.x.count == 2 && a.w1.count == 2 * n && a.w2.count == n, "a 2-n_h-1 network's arrays")
        precondition([a.w1x, a.z1, a.h1, a.dz1, a.dh1, a.db1].allSatisfy { $0.count == n } && a.dw1.count == 2 * n
                     && a.dw2.count == n, "every hidden array has n_h entries")
        typealias T = Tensor
        let values: [Value] = [
            Value(name: "x", role: .input, data: .vector(a.x), grad: nil),                                      // 0
            Value(name: "w1", role: .parameter, data: .matrix(a.w1, rows: n, columns: 2),
                  grad: .matrix(a.dw1, rows: n, columns: 2)),                                                   // 1
            Value(name: "w1 @ x", role: .intermediate, data: .vector(a.w1x), grad: .vector(a.dz1)),             // 2
            Value(name: "b1", role: .parameter, data: .vector(a.b1), grad: .vector(a.db1)),                     // 3
            Value(name: "z1", role: .intermediate, data: .vector(a.z1), grad: .vector(a.dz1)),                  // 4
            Value(name: "h1", role: .intermediate, data: .vector(a.h1), grad: .vector(a.dh1)),                  // 5
            Value(name: "w2", role: .parameter, data: .matrix(a.w2, rows: 1, columns: n),
                  grad: .matrix(a.dw2, rows: 1, columns: n)),                                                   // 6
            Value(name: "w2 @ h1", role: .intermediate, data: .scalar(a.w2h1), grad: .scalar(a.dz2)),           // 7
            Value(name: "b2", role: .parameter, data: .scalar(a.b2), grad: .scalar(a.db2)),                     // 8
            Value(name: "z2", role: .intermediate, data: .scalar(a.z2), grad: .scalar(a.dz2)),                  // 9
            Value(name: "ŷ", role: .intermediate, data: .scalar(a.yHat), grad: .scalar(a.dyHat)),               // 10
            Value(name: "y", role: .input, data: .scalar(a.y), grad: nil),                                      // 11
            // dL/dL: the loss is where backpropagation starts.
            Value(name: "L", role: .loss, data: .scalar(a.loss), grad: .scalar(1)),                             // 12
        ]
        return ComputationGraph(values: values, steps: [
            Step(operation: .matmul, operands: [1, 0], result: 2),
            Step(operation: .add, operands: [2, 3], result: 4),
            Step(operation: Operation(activation), operands: [4], result: 5),
            Step(operation: .matmul, operands: [6, 5], result: 7),
            Step(operation: .add, operands: [7, 8], result: 9),
            Step(operation: .sigmoid, operands: [9], result: 10),
            Step(operation: .crossEntropy, operands: [10, 11], result: 12),
        ])
    }
}

extension ComputationGraph.Tensor {
    /// The tensor as short lines of text, numpy's repr abbreviated: each number `%.4g`, a vector
    /// of more than three shown by its first two and last (`[a b … z]`), a matrix of more than
    /// three rows by its first two and last, one row a line. Wide layers stay narrow enough to read.
    var compactLines: [String] {
        // A product with a zero input is often -0, which says nothing a reader needs: shown as 0.
        func number(_ v: Double) -> String { NumpyFormat.printf("%.4g", v == 0 ? 0 : v) }
        func row(_ items: ArraySlice<Double>) -> String {
            let shown = items.count > 3 ? [number(items.first!), number(items[items.startIndex + 1]), "…", number(items.last!)]
                : items.map(number)
            return "[" + shown.joined(separator: " ") + "]"
        }
        switch shape.count {
        case 0: return [number(values[0])]
        case 1: return [row(values[...])]
        default:
            let (rows, columns) = (shape[0], shape[1])
            let all = (0..<rows).map { row(values[($0 * columns)..<(($0 + 1) * columns)]) }
            let shown = rows > 3 ? [all[0], all[1], "…", all[rows - 1]] : all
            return shown.enumerated().map { k, line in
                (k == 0 ? "[" : " ") + line + (k == shown.count - 1 ? "]" : "")
            }
        }
    }
}

extension ComputationGraph.SampleArrays {
    /// Sample `j`'s part of `trace`: its column of every forward array, and the gradients of its own loss
    /// term, `-(y·log ŷ + (1-y)·log(1-ŷ))`, whose sum over the samples is what `back_prop` returns (the
    /// trace's `dz2` and `dz1` columns are already per sample; the products are formed here, for display).
    init(_ trace: IterationTrace, sample j: Int) {
        let n = trace.w1.rows
        let x = [trace.x[0, j], trace.x[1, j]], y = trace.y[0, j]
        let w1 = trace.w1.values, w2 = trace.w2.values
        let z1 = (0..<n).map { trace.z1[$0, j] }, h1 = (0..<n).map { trace.h1[$0, j] }
        let yHat = trace.yHat[0, j], dz2 = trace.dz2[0, j]
        let dz1 = (0..<n).map { trace.dz1[$0, j] }
        self.init(
            x: x, y: y, w1: w1, b1: trace.b1.values, w2: w2, b2: trace.b2.values[0],
            w1x: (0..<n).map { w1[2 * $0] * x[0] + w1[2 * $0 + 1] * x[1] }, z1: z1, h1: h1,
            w2h1: zip(w2, h1).map(*).reduce(0, +), z2: trace.z2[0, j], yHat: yHat,
            loss: -CrossEntropy.term(y: y, yHat: yHat, z2: trace.z2[0, j]),
            dw1: (0..<n).flatMap { i in [dz1[i] * x[0], dz1[i] * x[1]] }, db1: dz1, dz1: dz1,
            dh1: w2.map { $0 * dz2 }, dw2: h1.map { dz2 * $0 }, db2: dz2, dz2: dz2,
            dyHat: dz2 / (yHat * (1 - yHat)))
    }
}

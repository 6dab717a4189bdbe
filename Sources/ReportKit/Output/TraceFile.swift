import Backprop

/// `trace.json`: one iteration of the notebook's loop, every array in numpy's shape (`z1` is n_h×m as nested
/// rows), and the gradient check that proves backprop right.
struct TraceFile: Encodable {
    let epoch: Int
    let activation: String
    let w1, b1, w2, b2: [[Double]]
    let z1, h1, z2, yHat: [[Double]]
    /// The mean cross-entropy, as the transcript and the loss curve record it.
    let loss: Double
    /// The gradients of the loss summed over the samples, which `back_prop` computes (`dz2 = y_hat - y`).
    let dz2, dw2, db2, dz1, dw1, db1: [[Double]]
    let gradientCheck: Check

    struct Check: Encodable {
        /// What is differenced: the summed cross-entropy, not the mean that is printed.
        let quantity = "summed cross-entropy"
        let method = "five-point central differences"
        let step: Double
        let maxRelativeError: Double
        /// Whether every gradient agrees within `tolerance`.
        let passes: Bool
        let tolerance: Double
        /// The parameter with the largest relative error, and both its gradients.
        let worst: Worst?
    }

    struct Worst: Encodable {
        let parameter: String
        let backprop, numeric: Double
    }

    init(_ trace: IterationTrace, epoch: Int, check: GradientCheck) {
        self.epoch = epoch
        activation = trace.activation.rawValue
        (w1, b1, w2, b2) = (trace.w1.nested, trace.b1.nested, trace.w2.nested, trace.b2.nested)
        (z1, h1, z2, yHat) = (trace.z1.nested, trace.h1.nested, trace.z2.nested, trace.yHat.nested)
        loss = trace.loss
        (dz2, dw2, db2) = (trace.dz2.nested, trace.dw2.nested, trace.db2.nested)
        (dz1, dw1, db1) = (trace.dz1.nested, trace.dw1.nested, trace.db1.nested)
        gradientCheck = Check(step: check.step, maxRelativeError: check.maxRelativeError, passes: check.passes,
                              tolerance: GradientCheck.tolerance, worst: check.worst.map { Worst(parameter: $0.name, backprop: $0.backprop, numeric: $0.numeric) })
    }
}

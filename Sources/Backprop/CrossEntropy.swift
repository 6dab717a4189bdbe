/// The notebook's binary cross-entropy, one sample's term at a time.
public enum CrossEntropy {
    /// One sample's `y*np.log(y_hat) + (1-y)*np.log(1-y_hat)`, exactly as the notebook computes it
    /// whenever that is a number.
    ///
    /// When ŷ rounds to exactly 0 or 1 the notebook's formula gives -inf, or `0 * -inf` = nan,
    /// although the true term is finite. Only then is it computed from `z2` instead, using
    /// `log ŷ = -softplus(-z2)` and `log(1 - ŷ) = -softplus(z2)`, and only for the labels' nonzero
    /// coefficients, so a saturated but right prediction costs about 0 rather than nan.
    @inline(__always)
    public static func term(y: Double, yHat: Double, z2: Double) -> Double {
        let notebook = y * Elementary.log(yHat) + (1 - y) * Elementary.log(1 - yHat)
        return notebook.isFinite ? notebook : stable(y: y, z2: z2)
    }

    /// ``term(y:yHat:z2:)`` in each lane, lane for lane the same bits.
    @inline(__always)
    static func terms<V: DoubleLanes>(y: V, yHat: V, z2: V) -> V {
        var notebook = y * Elementary.log(yHat) + (1 - y) * Elementary.log(1 - yHat)
        for j in 0..<V.scalarCount where !notebook[j].isFinite { notebook[j] = stable(y: y[j], z2: z2[j]) }
        return notebook
    }

    /// The term from `z2` when ŷ rounded to 0 or 1.
    static func stable(y: Double, z2: Double) -> Double {
        var stable = 0.0
        if y != 0 { stable -= y * softplus(-z2) }
        if y != 1 { stable -= (1 - y) * softplus(z2) }
        return stable
    }

    /// `log(1 + exp(x))` without overflow for large `x` or loss of precision for very negative `x`.
    @inline(__always)
    static func softplus(_ x: Double) -> Double { max(x, 0) + Elementary.log1pOfExp(-abs(x)) }
}

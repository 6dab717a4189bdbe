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

    /// ``term(y:yHat:z2:)`` in each lane, lane for lane the same bits, with one logarithm per lane.
    ///
    /// For a label of 1 the formula is `1·log ŷ + 0·log(1 - ŷ)`: while ŷ < 1 the second logarithm is finite and
    /// negative, its product -0, and the sum `log ŷ` exactly; for a label of 0, while ŷ > 0, it is `log(1 - ŷ)`.
    /// Other lanes (other labels, ŷ exactly 0 or 1) take ``term(y:yHat:z2:)`` itself.
    @inline(__always)
    #if DEBUG  // see Package.swift: specialised once, for the other files of a debug build
    @_specialize(where V == SIMD2<Double>)
    @_specialize(where V == SIMD4<Double>)
    #endif
    static func terms<V: DoubleLanes>(y: V, yHat: V, z2: V) -> V {
        let one = y .== 1
        var result = Elementary.log(yHat.replacing(with: 1 - yHat, where: .!one))
        let other = .!((one .& (yHat .< 1)) .| ((y .== 0) .& (yHat .> 0)))
        if any(other) || any(.!(result .> -.infinity)) {
            for j in 0..<V.scalarCount where other[j] || !result[j].isFinite {
                result[j] = term(y: y[j], yHat: yHat[j], z2: z2[j])
            }
        }
        return result
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

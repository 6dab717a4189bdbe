/// A hidden-layer activation, with its derivative kept beside it.
///
/// `backward` multiplies an upstream gradient in the same order as the numpy
/// expression it mirrors, so that results agree with numpy bit for bit.
public enum Activation: String, CaseIterable, Sendable {
    case sigmoid
    case tanh
    case relu

    /// The activation of `z`: `h = f(z)`.
    @inline(__always)
    public func forward(_ z: Double) -> Double {
        switch self {
        case .sigmoid: return Activation.sigmoid(z)
        case .tanh: return Elementary.tanh(z)
        case .relu: return z > 0 ? z : 0
        }
    }

    /// The gradient with respect to `z`, given the gradient `g` with respect to `h`.
    ///
    /// - sigmoid: `g * h1 * (1 - h1)`, the notebook's expression.
    /// - tanh: `g * (1 - h1**2)`.
    /// - relu: `g * (z1 > 0)`, so the derivative at 0 is 0, as numpy's comparison gives.
    @inline(__always)
    public func backward(_ g: Double, z: Double, h: Double) -> Double {
        switch self {
        case .sigmoid: return g * h * (1 - h)
        case .tanh: return g * (1 - h * h)
        case .relu: return g * (z > 0 ? 1 : 0)
        }
    }

    /// The logistic function as the notebook writes it: `1 / (1 + exp(-z))`.
    @inline(__always)
    public static func sigmoid(_ z: Double) -> Double { Elementary.sigmoid(z) }

    /// `f(z)` lane by lane: the scalar ``forward(_:)``'s bits in every lane.
    @inline(__always)
    #if DEBUG  // see Package.swift: specialised once, for the other files of a debug build
    @_specialize(where V == SIMD2<Double>)
    @_specialize(where V == SIMD4<Double>)
    #endif
    func forward<V: DoubleLanes>(_ z: V) -> V {
        switch self {
        case .sigmoid: return Elementary.sigmoid(z)
        case .tanh: return Elementary.tanh(z)
        case .relu: return z.replacing(with: 0, where: .!(z .> 0))
        }
    }

    /// `f(z)` lane by lane, with the sigmoid's exponentials that need care set in `outside` (see
    /// ``Elementary/exp(_:flagging:exact:)``); tanh and relu need none.
    @inline(__always)
    #if DEBUG  // see Package.swift: specialised once, for the other files of a debug build
    @_specialize(where V == SIMD2<Double>)
    @_specialize(where V == SIMD4<Double>)
    #endif
    func forward<V: DoubleLanes>(_ z: V, flagging outside: inout SIMDMask<V.MaskStorage>, exact: Bool) -> V {
        switch self {
        case .sigmoid: return Elementary.sigmoid(z, flagging: &outside, exact: exact)
        case .tanh, .relu: return forward(z)
        }
    }

    /// The gradient with respect to `z` lane by lane: the scalar ``backward(_:z:h:)``'s bits in every lane.
    @inline(__always)
    #if DEBUG  // see Package.swift: specialised once, for the other files of a debug build
    @_specialize(where V == SIMD2<Double>)
    @_specialize(where V == SIMD4<Double>)
    #endif
    func backward<V: DoubleLanes>(_ g: V, z: V, h: V) -> V {
        switch self {
        case .sigmoid: return g * h * (1 - h)
        case .tanh: return g * (1 - h * h)
        case .relu: return g * V(repeating: 0).replacing(with: 1, where: z .> 0)
        }
    }
}

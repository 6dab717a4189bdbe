/// The weights and biases of a 2-n_h-1 network, laid out as numpy's `flatten()` prints them.
public struct Parameters: Equatable, Sendable {
    /// The hidden layer's width, the notebook's `n_h`.
    public let hidden: Int
    /// `w1` (n_h×2, row-major), `w2` (1×n_h) and `b1` (n_h×1).
    public var w1, w2, b1: [Double]
    /// `b2`, 1×1.
    public var b2: Double

    /// Creates parameters from arrays whose sizes agree with `hidden`.
    public init(hidden: Int, w1: [Double], w2: [Double], b1: [Double], b2: Double) {
        precondition(hidden > 0, "the hidden layer needs at least one unit")
        precondition(w1.count == 2 * hidden, "w1 must hold n_h×2 values")
        precondition(w2.count == hidden && b1.count == hidden, "w2 and b1 must hold n_h values")
        self.hidden = hidden
        self.w1 = w1
        self.w2 = w2
        self.b1 = b1
        self.b2 = b2
    }
}

// MARK: - Initialisation

/// How initial parameters are drawn from numpy's random stream.
public enum Initialization: String, CaseIterable, Sendable {
    /// The notebook's `np.random.rand` for `w1`, `w2`, `b1` and `b2`, in that order.
    case uniform
    /// `w1 = randn(n_h, 2) * sqrt(1/2)`, `w2 = randn(1, n_h) * sqrt(1/n_h)`, zero biases.
    case xavier
}

extension Parameters {
    /// Draws initial parameters as the notebook's initialisation cell does (or its Xavier variant).
    public init(hidden: Int, initialization: Initialization, random: inout NumpyRandom) {
        precondition(hidden > 0, "the hidden layer needs at least one unit")
        // Arguments are evaluated left to right: the draws come in the order of ``Initialization``.
        func uniform(_ count: Int) -> [Double] { (0..<count).map { _ in random.nextDouble() } }
        func normal(_ count: Int, scale: Double) -> [Double] { (0..<count).map { _ in random.nextGaussian() * scale } }
        switch initialization {
        case .uniform:
            self.init(hidden: hidden, w1: uniform(2 * hidden), w2: uniform(hidden), b1: uniform(hidden),
                      b2: random.nextDouble())
        case .xavier:
            self.init(hidden: hidden, w1: normal(2 * hidden, scale: (1.0 / 2.0).squareRoot()),
                      w2: normal(hidden, scale: (1.0 / Double(hidden)).squareRoot()),
                      b1: Array(repeating: 0, count: hidden), b2: 0)
        }
    }

    /// Seeds numpy's stream, discards `skipDraws` uniform values, then draws the parameters.
    ///
    /// The notebook's printed output comes from its initialisation cell run four times after
    /// seeding, which is `skipDraws: 27` (three cells of nine draws each).
    public init(seed: UInt32, skipDraws: Int = 0, hidden: Int = 2, initialization: Initialization = .uniform) {
        var random = NumpyRandom(seed: seed)
        random.skipDoubles(skipDraws)
        self.init(hidden: hidden, initialization: initialization, random: &random)
    }
}

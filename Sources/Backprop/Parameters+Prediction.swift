extension Parameters {
    /// The network's output ŷ for one point, `forward_prop` on a 2×1 column.
    public func probability(_ x0: Double, _ x1: Double, activation: Activation = .sigmoid) -> Double {
        // Elementary's scalar functions run on two lanes too: this costs what a scalar loop would.
        probability(SIMD2(repeating: x0), SIMD2(repeating: x1), activation: activation)[0]
    }

    /// ŷ at four points, each lane the bits ``probability(_:_:activation:)`` gives for its point: for fields
    /// of ŷ, which it fills in about half the time.
    public func probabilities(_ x0: SIMD4<Double>, _ x1: SIMD4<Double>, activation: Activation = .sigmoid) -> SIMD4<Double> {
        probability(x0, x1, activation: activation)
    }

    @inline(__always)
    private func probability<V: DoubleLanes>(_ x0: V, _ x1: V, activation: Activation) -> V {
        var z2 = V(repeating: 0)
        for i in 0..<hidden {
            let z1 = (w1[2 * i] * x0 + w1[2 * i + 1] * x1) + b1[i]
            z2 += w2[i] * activation.forward(z1)
        }
        return Elementary.sigmoid(z2 + b2)
    }

    /// The notebook's `predict`: 0 when ŷ ≤ 0.5, else 1.
    public func predict(_ x0: Double, _ x1: Double, activation: Activation = .sigmoid) -> Int {
        probability(x0, x1, activation: activation) <= 0.5 ? 0 : 1
    }

    /// ``predict(_:_:activation:)`` for every point of `data`.
    public func predictions(on data: Dataset, activation: Activation = .sigmoid) -> [Int] {
        (0..<data.count).map { predict(data.x0[$0], data.x1[$0], activation: activation) }
    }

    /// The share of `data`'s points predicted right, 0...1.
    public func accuracy(on data: Dataset, activation: Activation = .sigmoid) -> Double {
        let right = (0..<data.count).count { Double(predict(data.x0[$0], data.x1[$0], activation: activation)) == data.y[$0] }
        return Double(right) / Double(data.count)
    }

    /// Whether every weight and bias is a finite number: a run that overflowed has some that are not.
    public var isFinite: Bool {
        b2.isFinite && w1.allSatisfy(\.isFinite) && w2.allSatisfy(\.isFinite) && b1.allSatisfy(\.isFinite)
    }
}

/// A random stream that reproduces numpy's legacy `np.random` bit for bit.
///
/// `np.random.seed(n)` seeds a Mersenne Twister (MT19937) with `init_genrand(n)`;
/// `np.random.rand` builds each double from two 32-bit outputs; `np.random.randn`
/// uses the polar Box–Muller method and caches the second value of each pair.
public struct NumpyRandom: Sendable {
    private static let stateSize = 624
    private static let shiftSize = 397

    private var state: [UInt32]
    private var index = NumpyRandom.stateSize
    private var cachedGaussian: Double?

    /// Seeds the stream as `np.random.seed(seed)` does.
    public init(seed: UInt32) {
        var state = [UInt32](repeating: 0, count: Self.stateSize)
        state[0] = seed
        for i in 1..<Self.stateSize {
            state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
        self.state = state
    }

    /// The next raw 32-bit output of the twister (`genrand_int32`).
    public mutating func nextUInt32() -> UInt32 {
        if index >= Self.stateSize { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// The next uniform double in [0, 1), as one element of `np.random.rand`.
    public mutating func nextDouble() -> Double {
        let a = Double(nextUInt32() >> 5)
        let b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// The next standard normal, as one element of `np.random.randn`.
    public mutating func nextGaussian() -> Double {
        if let cached = cachedGaussian {
            cachedGaussian = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2.0 * nextDouble() - 1.0
            x2 = 2.0 * nextDouble() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        // numpy calls the C library's log; ours agrees with glibc's but in rare last bits (see Elementary).
        let f = (-2.0 * Elementary.log(r2) / r2).squareRoot()
        cachedGaussian = f * x1
        return f * x2
    }

    /// Discards `count` uniform doubles, as `count` elements of `np.random.rand` would.
    public mutating func skipDoubles(_ count: Int) {
        precondition(count >= 0, "cannot skip a negative number of draws")
        for _ in 0..<count { _ = nextDouble() }
    }

    private mutating func twist() {
        let n = Self.stateSize, m = Self.shiftSize
        let upper: UInt32 = 0x8000_0000, lower: UInt32 = 0x7fff_ffff
        for i in 0..<n {
            let y = (state[i] & upper) | (state[(i + 1) % n] & lower)
            var next = state[(i + m) % n] ^ (y >> 1)
            if y & 1 != 0 { next ^= 0x9908_b0df }
            state[i] = next
        }
        index = 0
    }
}

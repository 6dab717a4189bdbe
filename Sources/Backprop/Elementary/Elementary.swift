/// exp, log and tanh of our own, so that every number the project computes is the same on every CPU.
///
/// glibc picks its `exp` and `log` by processor (one variant with fused multiply-adds, one without),
/// and their last bits differ, so the same training gave other losses on another machine. These are
/// written from IEEE additions, multiplications, divisions and exact table lookups only, with no fused
/// multiply-add, so each result is a pure function of its input wherever it runs. Their tables and
/// coefficients come from `scripts/elementary/derive.py`, which describes the methods (Tang's
/// table-driven exp and log with N = 128, and tanh from an expm1 in double-double); the errors are
/// below 1 ulp (`scripts/elementary/accuracy` measures them over 10⁸ inputs and more).
///
/// Each function is written once, over lanes of doubles: `Elementary.exp(x)` for a `Double` runs
/// the same code on a two-lane vector, so a vector of inputs gives, lane for lane, the bits the
/// scalar function gives. Inputs that need care (exp's arguments beyond ±512, log's of zero,
/// negative, subnormal or non-finite numbers) take a scalar path for their lanes only.
public enum Elementary {
    /// eˣ, correctly rounded but for about one input in a thousand, which is off by at most 1 ulp.
    @inline(__always)
    public static func exp(_ x: Double) -> Double { exp(SIMD2(repeating: x))[0] }

    /// The natural logarithm, within 1 ulp (nearly always correctly rounded).
    @inline(__always)
    public static func log(_ x: Double) -> Double { log(SIMD2(repeating: x))[0] }

    /// The hyperbolic tangent, within 1 ulp.
    @inline(__always)
    public static func tanh(_ x: Double) -> Double { tanh(SIMD2(repeating: x))[0] }

    /// The logistic function as the notebook writes it: `1 / (1 + exp(-z))`.
    @inline(__always)
    public static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    /// The logistic function in each lane.
    @inline(__always)
    #if DEBUG  // see Package.swift: specialised once, for the other files of a debug build
    @_specialize(where V == SIMD2<Double>)
    @_specialize(where V == SIMD4<Double>)
    #endif
    public static func sigmoid<V: DoubleLanes>(_ z: V) -> V { 1 / (1 + exp(-z)) }

    /// The logistic function in each lane, with exp's lanes that need care set in `outside` (see
    /// ``exp(_:flagging:exact:)``).
    @inline(__always)
    #if DEBUG  // see Package.swift: specialised once, for the other files of a debug build
    @_specialize(where V == SIMD2<Double>)
    @_specialize(where V == SIMD4<Double>)
    #endif
    static func sigmoid<V: DoubleLanes>(_ z: V, flagging outside: inout SIMDMask<V.MaskStorage>, exact: Bool) -> V {
        1 / (1 + exp(-z, flagging: &outside, exact: exact))
    }

    /// log(1 + eˣ) for x <= 0, within a few ulps: log(1 + e) corrected for the rounding of 1 + e.
    static func log1pOfExp(_ x: Double) -> Double {
        let e = exp(x)
        let u = 1 + e
        return u == 1 ? e : log(u) * (e / (u - 1))
    }

    /// The lanes of `y` where `special` is set, computed by `scalar` from those of `x`.
    @inline(__always)
    static func replace<V: DoubleLanes>(_ y: inout V, _ special: SIMDMask<V.MaskStorage>, by scalar: (Double) -> Double, of x: V) {
        guard any(special) else { return }
        for lane in 0..<V.scalarCount where special[lane] { y[lane] = scalar(x[lane]) }
    }

    // MARK: - exp

    /// eˣ in each lane.
    @inline(__always)
    #if DEBUG  // see Package.swift: specialised once, for the other files of a debug build
    @_specialize(where V == SIMD2<Double>)
    @_specialize(where V == SIMD4<Double>)
    #endif
    public static func exp<V: DoubleLanes>(_ x: V) -> V {
        var outside = SIMDMask<V.MaskStorage>(repeating: false)
        return exp(x, flagging: &outside, exact: true)
    }

    /// eˣ in each lane, with the lanes whose argument needs care (|x| >= 512, or NaN) set in `outside`. Unless
    /// `exact`, those lanes are left wrong, untested: a loop of many exponentials can test its lanes once
    /// instead of at each (the test and its branch were a tenth of the sweep's loop), and compute again exactly
    /// when one was set.
    @inline(__always)
    static func exp<V: DoubleLanes>(_ x: V, flagging outside: inout SIMDMask<V.MaskStorage>, exact: Bool) -> V {
        let (scaleBits, tail, _) = expReduced(x)
        let scale = V(bits: scaleBits)
        var y = scale + scale * tail
        // Beyond |x| = 512 the scale may leave the exponent range (NaN fails the comparison too). Below 2^-54
        // the formula gives 1 + x, rounded once.
        let needsCare = .!(V(bits: x.bits & ~(1 << 63)) .< 512)
        outside .|= needsCare
        if exact { replace(&y, needsCare, by: expSpecial, of: x) }
        return y
    }

    /// x = k ln2/128 + r: the bits of 2^(k/128) (its exponent possibly out of range), the correction
    /// `t + r + r² p(r)` with which eˣ = scale (1 + correction), and k in the low bits of `k`.
    @inline(__always)
    static func expReduced<V: DoubleLanes>(_ x: V) -> (scaleBits: V.Bits, correction: V, k: V.Bits) {
        typealias T = ElementaryTables
        let (kd, k) = reduction(x)
        // x + k·hi is exact (hi has 35 significant bits and the two nearly cancel).
        let r = (x + kd * T.negLn2hiN) + kd * T.negLn2loN
        let (tailBits, scaleBits) = powerOfTwo(k)
        let r2 = r * r
        let low = r2 * (T.c2 + r * T.c3)
        let high = r2 * r2 * (T.c4 + r * T.c5)
        let correction = ((V(bits: tailBits) + r) + low) + high
        return (scaleBits, correction, k)
    }

    /// k = x·128/ln2 rounded to an integer: as a double, and in the low bits of the bits that adding 1.5·2^52 left.
    @inline(__always)
    static func reduction<V: DoubleLanes>(_ x: V) -> (kd: V, k: V.Bits) {
        let shifted = x * ElementaryTables.invLn2N + ElementaryTables.shift
        return (shifted - ElementaryTables.shift, shifted.bits)
    }

    /// 2^(k/128) = s (1 + t) from the table: t's bits, and s's with k div 128 added to its exponent.
    @inline(__always)
    static func powerOfTwo<Bits: SIMD>(_ k: Bits) -> (tailBits: Bits, scaleBits: Bits) where Bits.Scalar == UInt64 {
        let index = (k & 127) &<< 1
        var tailBits = Bits(), scaleBits = Bits()
        for lane in 0..<Bits.scalarCount {
            let j = Int(truncatingIfNeeded: index[lane])
            tailBits[lane] = ElementaryTables.exp[j]
            scaleBits[lane] = ElementaryTables.exp[j + 1]
        }
        return (tailBits, scaleBits &+ (k &<< 45))
    }

    /// eˣ for |x| >= 512, infinities and NaN.
    static func expSpecial(_ x: Double) -> Double {
        let top = (x.bitPattern >> 52) & 0x7ff
        if top >= 0x409 {  // |x| >= 1024
            if x == -.infinity { return 0 }
            if top >= 0x7ff { return 1 + x }  // +inf or NaN
            return x < 0 ? 0 : .infinity
        }
        let (bits, correction, k) = expReduced(SIMD2(repeating: x))
        var scaleBits = bits[0]
        let t = correction[0]
        // The shift's low bits hold k; its bit 31 is set when k < 0.
        let kNegative = k[0] & 0x8000_0000 != 0
        if !kNegative {
            // 2^1009 is taken out of the scale so that it stays finite until the last product.
            scaleBits = scaleBits &- (1009 << 52)
            let scale = Double(bitPattern: scaleBits)
            return 0x1p1009 * (scale + scale * t)
        }
        // The result may be subnormal: computed scaled up by 2^1022, then rounded once when scaled down.
        scaleBits = scaleBits &+ (1022 << 52)
        let scale = Double(bitPattern: scaleBits)
        var y = scale + scale * t
        if y < 1 {
            // Rounding y and then its product with 2^-1022 would round twice: add 1 to round at the
            // subnormal's precision, and subtract it exactly.
            var low = scale - y + scale * t
            let high = 1 + y
            low = 1 - high + y + low
            y = (high + low) - 1
            if y == 0 { y = 0 }  // never -0
        }
        return 0x1p-1022 * y
    }

    // MARK: - log

    /// The natural logarithm in each lane.
    @inline(__always)
    #if DEBUG  // see Package.swift: specialised once, for the other files of a debug build
    @_specialize(where V == SIMD2<Double>)
    @_specialize(where V == SIMD4<Double>)
    #endif
    public static func log<V: DoubleLanes>(_ x: V) -> V {
        var y: V = logReduced(x.bits)
        // Zero, negative, subnormal, infinite and NaN inputs (NaN fails both comparisons).
        replace(&y, .!((x .>= Double.leastNormalMagnitude) .& (x .< .infinity)), by: logSpecial, of: x)
        return y
    }

    /// log x for a positive normal x given by its bits (or a subnormal's, scaled by 2^52 and with
    /// 52 taken from its exponent field).
    ///
    /// x = 2^k z with z within a table interval of centre c; log x = k ln2 + log c + log1p(z/c - 1).
    /// 1/c has 20 significant bits, so z/c - 1 is exactly a + b with z split in a 26-bit head and a tail.
    @inline(__always)
    static func logReduced<V: DoubleLanes>(_ ix: V.Bits) -> V {
        typealias T = ElementaryTables
        let tmp = ix &- T.logOffset
        let interval = (tmp &>> 45) & 127
        let iz = ix &- (tmp & (0xfff &<< 52))
        let z = V(bits: iz)
        // k, tmp's top 12 bits as a signed number, exactly as a double: k + 2048 (the top bits with the sign
        // flipped) added into 1.5·2^52's low bits, then 1.5·2^52 + 2048 taken away.
        let biasedK = (tmp ^ (1 << 63)) &>> 52
        let kd = V(bits: biasedK &+ T.shift.bitPattern) - (T.shift + 2048)
        var inverse = V(), logHi = V(), logLo = V()
        for lane in 0..<V.scalarCount {
            let i = Int(truncatingIfNeeded: interval[lane])
            inverse[lane] = T.logInverseCentre[i]
            logHi[lane] = T.logCentreHi[i]
            logLo[lane] = T.logCentreLo[i]
        }
        let head = V(bits: iz & ~0x7ff_ffff)
        var a = head * inverse - 1
        var b = (z - head) * inverse
        // Around 1 (c = 1) z - 1 itself is exact, and keeps the relative accuracy of a tiny logarithm.
        let aroundOne = interval .== 80
        a.replace(with: z - 1, where: aroundOne)
        b.replace(with: 0, where: aroundOne)
        // k·ln2_hi + log c_hi is exact (both multiples of 2^-43); the sum with a is split exactly.
        let w = kd * T.ln2Hi + logHi
        let high = w + a
        let low = (w - high) + a
        let r = a + b
        let r2 = r * r
        var series = T.l7 + r * T.l8
        series = T.l5 + r * (T.l6 + r * series)
        series = r2 * (T.l2 + r * (T.l3 + r * (T.l4 + r * series)))
        let corrections = b + (kd * T.ln2Lo + logLo)
        return high + ((low + corrections) + series)
    }

    /// log x for zero, negative, subnormal, infinite and NaN x.
    static func logSpecial(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x == 0 { return -.infinity }
        if x < 0 { return .nan }
        if x == .infinity { return x }
        // Subnormal: scaled into the normal range, with 52 taken back from the exponent.
        let bits = (x * 0x1p52).bitPattern &- (52 << 52)
        let y: SIMD2<Double> = logReduced(SIMD2<UInt64>(repeating: bits))
        return y[0]
    }

    // MARK: - tanh

    /// The hyperbolic tangent in each lane: (e^2|x| - 1) / (e^2|x| - 1 + 2), in double-double.
    ///
    /// Not inlined: a call costs little beside its work, and inlined it kept the activations' switch from inlining.
    #if DEBUG  // see Package.swift: specialised once, for the other files of a debug build
    @_specialize(where V == SIMD2<Double>)
    @_specialize(where V == SIMD4<Double>)
    #endif
    public static func tanh<V: DoubleLanes>(_ x: V) -> V {
        let signMask: UInt64 = 1 << 63
        let magnitude = V(bits: x.bits & ~signMask)
        let (e, eLow) = expm1(magnitude + magnitude)
        let (d, dSum) = DoubleDouble.twoSum(e, V(repeating: 2))
        let dLow = dSum + eLow
        let q = e / d
        let (m, mLow) = DoubleDouble.twoProduct(q, d)
        let remainder = (((e - m) - mLow) + eLow) - q * dLow
        var t = q + remainder / d
        // tanh rounds to 1 from 19.06 on, and to x below 2^-27. A NaN is passed on as x + x: through the formula its
        // payload would reach the table's exponent and leave a NaN of the hardware's choosing.
        t.replace(with: 1, where: magnitude .>= 22)
        t.replace(with: magnitude, where: magnitude .< 0x1p-27)
        t.replace(with: magnitude + magnitude, where: .!(magnitude .== magnitude))
        return V(bits: t.bits | (x.bits & signMask))
    }

    /// eᵘ - 1 as an unevaluated sum of two doubles, for 2^-26 <= u <= 44, to about 2^-62 relative.
    @inline(__always)
    static func expm1<V: DoubleLanes>(_ u: V) -> (V, V) {
        typealias T = ElementaryTables
        let (kd, k) = reduction(u)
        let (r, rLow) = DoubleDouble.twoSum(u + kd * T.negLn2hiN, kd * T.negLn2loN)
        // p = e^(r + rLow) - 1 = r + [rLow (1 + r) + r²/2 + ... + r⁷/7!].
        var series = T.e5 + r * (T.e6 + r * T.e7)
        series = r * r * (T.e2 + r * (T.e3 + r * (T.e4 + r * series)))
        let pLow = (series + rLow * r) + rLow
        // 2^(k/128) = s (1 + t);  eᵘ - 1 = (s - 1) + s r + s (t + pLow + t r).
        let (tailBits, scaleBits) = powerOfTwo(k)
        let s = V(bits: scaleBits), t = V(bits: tailBits)
        let (a, aLow) = DoubleDouble.twoSum(s, V(repeating: -1))
        let (b, bLow) = DoubleDouble.twoProduct(s, r)
        let c = s * ((t + pLow) + t * r)
        let (sum, sumLow) = DoubleDouble.twoSum(a, b)
        return DoubleDouble.fastTwoSum(sum, sumLow + ((aLow + bLow) + c))
    }
}

/// Lanes of doubles that ``Elementary`` computes on, with unsigned integer lanes of the same width for their bits
/// (SSE2 has no arithmetic shift of 64-bit lanes; none is needed).
public protocol DoubleLanes: SIMD where Scalar == Double {
    associatedtype Bits: SIMD where Bits.Scalar == UInt64, Bits.MaskStorage == MaskStorage
}

extension SIMD2: DoubleLanes where Scalar == Double { public typealias Bits = SIMD2<UInt64> }
extension SIMD4: DoubleLanes where Scalar == Double { public typealias Bits = SIMD4<UInt64> }
extension SIMD8: DoubleLanes where Scalar == Double { public typealias Bits = SIMD8<UInt64> }

extension DoubleLanes {
    @inline(__always)
    var bits: Bits { unsafeBitCast(self, to: Bits.self) }

    @inline(__always)
    init(bits: Bits) { self = unsafeBitCast(bits, to: Self.self) }
}

/// Sums and products of doubles kept exactly as two doubles (Knuth's TwoSum, Dekker's product),
/// from additions and multiplications alone.
enum DoubleDouble {
    /// a + b = sum + error exactly.
    @inline(__always)
    static func twoSum<V: DoubleLanes>(_ a: V, _ b: V) -> (V, V) {
        let sum = a + b
        let bPart = sum - a
        return (sum, (a - (sum - bPart)) + (b - bPart))
    }

    /// a + b = sum + error exactly, when |a| >= |b| (or a is 0).
    @inline(__always)
    static func fastTwoSum<V: DoubleLanes>(_ a: V, _ b: V) -> (V, V) {
        let sum = a + b
        return (sum, b - (sum - a))
    }

    /// a·b = product + error exactly (for |a|, |b| below 2^996), by Veltkamp's splitting.
    @inline(__always)
    static func twoProduct<V: DoubleLanes>(_ a: V, _ b: V) -> (V, V) {
        let product = a * b
        let (aHigh, aLow) = split(a), (bHigh, bLow) = split(b)
        return (product, (((aHigh * bHigh - product) + aHigh * bLow) + aLow * bHigh) + aLow * bLow)
    }

    @inline(__always)
    static func split<V: DoubleLanes>(_ a: V) -> (V, V) {
        let c = a * 134_217_729  // 2^27 + 1
        let high = c - (c - a)
        return (high, a - high)
    }
}

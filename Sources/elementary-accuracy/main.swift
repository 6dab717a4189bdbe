// Measures Backprop's exp, log and tanh against glibc's long-double (x87, 64-bit significand)
// expl, logl and tanhl, whose own error is below 2^-11 of a double's ulp, over as many inputs as
// asked: random ones spread over each function's whole range, and every edge (subnormals,
// overflow and underflow, ±0, ±inf, NaN). Prints a histogram of the errors in ulps.
// scripts/elementary/accuracy builds and runs it; not part of what users run.
#if arch(x86_64)
import Backprop
import Parallel
import Foundation

struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) * 0x1p-53
    }
    /// |x| spread evenly over the exponents between 2^low and 2^high, with a random sign if `signed`.
    mutating func logUniform(_ low: Double, _ high: Double, signed: Bool) -> Double {
        let magnitude = Foundation.exp2(uniform(low, high))
        return signed && next() & 1 == 1 ? -magnitude : magnitude
    }
}

struct Function: Sendable {
    let name: String
    let ours: @Sendable (Double) -> Double
    let reference: @Sendable (Float80) -> Float80
    let sample: @Sendable (inout SplitMix64) -> Double
    let edges: [Double]
    /// This machine's libm, to count how often it differs from ours.
    let libm: @Sendable (Double) -> Double
}

struct Tally: Sendable {
    var histogram: [Int]
    var worst: (input: Double, error: Double) = (0, 0)
    var differentFromLibm = 0
}

/// The error of `value` against `exact` in units of the last place of the double nearest to `exact`
/// (subnormals' ulp is 2^-1074); 0 when both are the same infinity or NaN, infinity when only one is.
func ulpError(_ value: Double, _ exact: Float80) -> Double {
    if value.isNaN || exact.isNaN { return value.isNaN && exact.isNaN ? 0 : .infinity }
    let nearest = Double(exact)
    if nearest.isInfinite || value.isInfinite { return value == nearest ? 0 : .infinity }
    let ulp = nearest == 0 ? Double.leastNonzeroMagnitude : max(nearest.ulp, .leastNonzeroMagnitude)
    // An exact result beyond the largest double rounds to it or to infinity: measured against its ulp.
    return Double(abs(Float80(value) - exact) / Float80(ulp))
}

let edgesCommon: [Double] = [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                             .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1, -1]

func around(_ centre: Double, _ steps: Int) -> [Double] {
    var values: [Double] = []
    var up = centre, down = centre
    for _ in 0..<steps {
        values += [up, down]
        up = up.nextUp
        down = down.nextDown
    }
    return values
}

let functions: [Function] = [
    Function(
        name: "exp", ours: { Elementary.exp($0) }, reference: { expl($0) },
        sample: { random in
            switch random.next() % 4 {
            case 0: return random.logUniform(-60, 10, signed: true)
            case 1: return random.uniform(-745.2, -708)  // subnormal results
            default: return random.uniform(-745.2, 709.8)
            }
        },
        edges: edgesCommon + around(709.782712893384, 1000) + around(-708.3964185322641, 1000)
            + around(-745.1332191019411, 1000) + around(-744.4400719213812, 1000)
            + around(0x1p-54, 100) + around(-0x1p-54, 100) + around(512, 100) + around(-512, 100)
            + around(1024, 10) + around(-1024, 10),
        libm: { Foundation.exp($0) }),
    Function(
        name: "log", ours: { Elementary.log($0) }, reference: { logl($0) },
        sample: { random in
            switch random.next() % 4 {
            case 0: return 1 + random.logUniform(-60, -1, signed: true)  // around 1
            case 1: return Double(bitPattern: random.next() % Double.leastNormalMagnitude.bitPattern)  // subnormal
            default: return Double(bitPattern: random.next() >> 1 % 0x7ff0_0000_0000_0000)  // any positive double
            }
        },
        edges: edgesCommon + around(1, 2000) + around(2, 100) + around(0.5, 100) + around(Foundation.exp(1), 100)
            + [-1e-300, -5, .ulpOfOne],
        libm: { Foundation.log($0) }),
    Function(
        name: "tanh", ours: { Elementary.tanh($0) }, reference: { tanhl($0) },
        sample: { random in
            switch random.next() % 4 {
            case 0: return random.logUniform(-40, -6, signed: true)
            default: return random.logUniform(-6, 4.6, signed: true)  // up to 24
            }
        },
        edges: edgesCommon + around(0x1p-27, 100) + around(-0x1p-27, 100) + around(22, 100) + around(-22, 100)
            + around(19.06, 1000) + around(0.55, 100) + around(0.0027, 100),
        libm: { Foundation.tanh($0) }),
]

let arguments = CommandLine.arguments.dropFirst()
let count = arguments.first.flatMap(Int.init) ?? 10_000_000
let chosen = arguments.dropFirst().isEmpty ? functions : functions.filter { arguments.dropFirst().contains($0.name) }
let bounds: [Double] = [0.5, 0.5001, 0.501, 0.51, 0.55, 0.6, 0.75, 1]
let labels = ["≤ 0.5 (correctly rounded)", "(0.5, 0.5001]", "(0.5001, 0.501]", "(0.501, 0.51]", "(0.51, 0.55]",
              "(0.55, 0.6]", "(0.6, 0.75]", "(0.75, 1]", "> 1"]
var failed = false

for function in chosen {
    let chunks = 64
    let perChunk = (count + chunks - 1) / chunks
    let start = Date()
    let tallies = ParallelMap.map(0..<chunks) { chunk in
        var random = SplitMix64(state: UInt64(chunk) &* 0x1234_5678_9abc_def1 &+ UInt64(function.name.utf8.count))
        var tally = Tally(histogram: [Int](repeating: 0, count: labels.count))
        let inputs = chunk == 0 ? function.edges : []
        for index in 0..<max(min(perChunk, count - chunk * perChunk), 0) {
            let x = index < inputs.count ? inputs[index] : function.sample(&random)
            let y = function.ours(x)
            let error = ulpError(y, function.reference(Float80(x)))
            tally.histogram[bounds.firstIndex { error <= $0 } ?? bounds.count] += 1
            if error > tally.worst.error { tally.worst = (x, error) }
            let theirs = function.libm(x)
            if y.bitPattern != theirs.bitPattern, !(y.isNaN && theirs.isNaN) { tally.differentFromLibm += 1 }
        }
        return tally
    }
    let histograms = tallies.map(\.histogram)
    let worst = tallies.map { ($0.worst.input, $0.worst.error) }
    let disagreeWithGlibc = tallies.map(\.differentFromLibm)
    let total = histograms.reduce([Int](repeating: 0, count: labels.count)) { zip($0, $1).map(+) }
    let (worstInput, worstError) = worst.max { $0.1 < $1.1 }!
    let n = total.reduce(0, +)
    print("\(function.name): \(n) inputs in \(String(format: "%.1f", Date().timeIntervalSince(start))) s; largest error \(String(format: "%.4f", worstError)) ulp at \(worstInput) (\(worstInput.bitPattern.hex)); differs from this machine's glibc in \(disagreeWithGlibc.reduce(0, +))")
    for (label, number) in zip(labels, total) where number > 0 {
        print("  \(label.padding(toLength: 28, withPad: " ", startingAt: 0)) \(number)")
    }
    if worstError > 1 { failed = true }
}
exit(failed ? 1 : 0)

extension UInt64 { var hex: String { "0x" + String(self, radix: 16) } }
#else
print("elementary-accuracy needs x86-64's long double as its reference")
#endif

#if arch(x86_64)
import Foundation
import Testing
@testable import Backprop

/// Backprop's own exp, log and tanh (issue 19) against two outside references: mpmath's exact values
/// at every edge and a few thousand inputs (scripts/elementary/cases.py), and glibc's long-double
/// expl, logl and tanhl over random inputs. scripts/elementary/accuracy runs the 10⁸-input version.
@Suite("exp, log and tanh of our own")
struct ElementaryTests {
    typealias Function = (name: String, ours: @Sendable (Double) -> Double, reference: @Sendable (Float80) -> Float80)
    static let functions: [Function] = [
        ("exp", { Elementary.exp($0) }, { expl($0) }), ("log", { Elementary.log($0) }, { logl($0) }),
        ("tanh", { Elementary.tanh($0) }, { tanhl($0) }),
    ]

    /// The error of `value` in ulps of the double nearest to `exact`; 0 when both are the same non-number or infinity.
    static func ulpError(_ value: Double, _ exact: Float80) -> Double {
        if value.isNaN || exact.isNaN { return value.isNaN && exact.isNaN ? 0 : .infinity }
        let nearest = Double(exact)
        if nearest.isInfinite || value.isInfinite { return value == nearest ? 0 : .infinity }
        let ulp = nearest == 0 ? Double.leastNonzeroMagnitude : max(nearest.ulp, .leastNonzeroMagnitude)
        return Double(abs(Float80(value) - exact) / Float80(ulp))
    }

    @Test("within 1 ulp of mpmath at every edge and 10,000 inputs", arguments: ["exp", "log", "tanh"])
    func againstMpmath(_ name: String) throws {
        let cases = try Fixture.load("elementary", as: [String: [[String]]].self)[name]!
        let function = Self.functions.first { $0.name == name }!
        var worst = (error: 0.0, input: 0.0)
        for pair in cases {
            let x = Fixture.doubles([pair[0]])[0]
            let exact: Float80 = switch pair[1] {
            case "inf": .infinity
            case "-inf": -.infinity
            case "nan": .nan
            case "-0": -0.0
            default: Float80(pair[1])!
            }
            let error = Self.ulpError(function.ours(x), exact)
            if error > worst.error { worst = (error, x) }
        }
        #expect(cases.count > 3000)
        #expect(worst.error <= 1, "\(name): \(worst.error) ulp at \(worst.input)")
    }

    @Test("within 1 ulp of long double over 50,000 random inputs each")
    func againstLongDouble() {
        var random = SystemRandomNumberGenerator()
        for function in Self.functions {
            var worst = (error: 0.0, input: 0.0)
            for _ in 0..<50_000 {
                let x: Double = switch function.name {
                case "exp": Double.random(in: -745.2...709.8, using: &random)
                case "log": Double(bitPattern: UInt64.random(in: 1..<0x7ff0_0000_0000_0000, using: &random))
                default: Double.random(in: -24...24, using: &random) * exp2(-Double.random(in: 0...30, using: &random))
                }
                let error = Self.ulpError(function.ours(x), function.reference(Float80(x)))
                if error > worst.error { worst = (error, x) }
            }
            #expect(worst.error <= 1, "\(function.name): \(worst.error) ulp at \(worst.input)")
        }
    }

    @Test("edges: zeros, infinities, NaN, overflow, underflow")
    func edges() {
        #expect(Elementary.exp(0) == 1 && Elementary.exp(-0.0) == 1)
        #expect(Elementary.exp(.infinity) == .infinity && Elementary.exp(-.infinity) == 0)
        #expect(Elementary.exp(710) == .infinity && Elementary.exp(-746) == 0 && Elementary.exp(.nan).isNaN)
        #expect(Elementary.exp(-745) == .leastNonzeroMagnitude)
        #expect(Elementary.log(1) == 0 && Elementary.log(1).sign == .plus)
        #expect(Elementary.log(0) == -.infinity && Elementary.log(-0.0) == -.infinity)
        #expect(Elementary.log(-1).isNaN && Elementary.log(.nan).isNaN && Elementary.log(.infinity) == .infinity)
        #expect(Elementary.tanh(0).bitPattern == 0 && Elementary.tanh(-0.0).bitPattern == (-0.0).bitPattern)
        #expect(Elementary.tanh(.infinity) == 1 && Elementary.tanh(-.infinity) == -1 && Elementary.tanh(.nan).isNaN)
        let payload = Double(bitPattern: 0x7ff8_0000_0002_0000)  // its low bits would reach exp's table scale
        #expect(Elementary.tanh(payload).bitPattern == payload.bitPattern && Elementary.exp(payload).bitPattern == payload.bitPattern)
        #expect(Elementary.tanh(.leastNonzeroMagnitude) == .leastNonzeroMagnitude)
    }

    /// Training runs four samples (a vector) in FourSamples and one at a time in the general loop; both must be
    /// bit for bit the same, edges mixed in among ordinary lanes included.
    @Test("every lane of a vector is the scalar function's bits")
    func lanesAreScalars() {
        var random = SystemRandomNumberGenerator()
        let edges: [Double] = [0, -0.0, .infinity, -.infinity, .nan, -.nan, Double(bitPattern: 0x7ff8_0000_0002_0000), 1e-310,
                               -1e-310, -800, 800, 600, -600, 1, 0x1p-60, 30, -30]
        var mismatches: [String] = []
        for _ in 0..<5_000 {
            var four = SIMD4<Double>(), eight = SIMD8<Double>()
            for lane in 0..<8 {
                let x = Int.random(in: 0..<6, using: &random) == 0 ? edges.randomElement(using: &random)!
                    : Double.random(in: -40...40, using: &random)
                eight[lane] = x
                if lane < 4 { four[lane] = x }
            }
            // log's lanes: ordinary positive numbers with the edges (zeros, negatives, subnormals, infinities, NaN) among them.
            let positive = SIMD4(four.indices.map { edges.contains(four[$0]) || four[$0].isNaN ? four[$0] : abs(four[$0]) + 1e-300 })
            let (e4, e8) = (Elementary.exp(four), Elementary.exp(eight))
            let (l4, t4, t8) = (Elementary.log(positive), Elementary.tanh(four), Elementary.tanh(eight))
            for lane in 0..<8 {
                let x = eight[lane]
                if e8[lane].bitPattern != Elementary.exp(x).bitPattern { mismatches.append("exp(\(x)) in 8 lanes") }
                if t8[lane].bitPattern != Elementary.tanh(x).bitPattern { mismatches.append("tanh(\(x)) in 8 lanes") }
                guard lane < 4 else { continue }
                if e4[lane].bitPattern != Elementary.exp(x).bitPattern { mismatches.append("exp(\(x))") }
                if t4[lane].bitPattern != Elementary.tanh(x).bitPattern { mismatches.append("tanh(\(x))") }
                if l4[lane].bitPattern != Elementary.log(positive[lane]).bitPattern { mismatches.append("log(\(positive[lane]))") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) lanes differ, first \(mismatches.prefix(5))")
    }

    /// The loss's vector terms take one logarithm per lane where the label is 0 or 1; they must still be the
    /// notebook's formula's bits, saturated outputs, other labels and non-numbers included.
    @Test("the loss's four-lane terms are the scalar formula's bits")
    func lossTermsInLanes() {
        var random = SystemRandomNumberGenerator()
        let outputs: [Double] = [0, 1, .leastNonzeroMagnitude, 1 - .ulpOfOne / 2, 0.5, 1e-300, .nan, 0x1p-60]
        let labels: [Double] = [0, 1, 0, 1, 0.25, 1]
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            var y = SIMD4<Double>(), yHat = SIMD4<Double>(), z2 = SIMD4<Double>()
            for j in 0..<4 {
                y[j] = labels.randomElement(using: &random)!
                z2[j] = Double.random(in: -50...50, using: &random)
                yHat[j] = Bool.random(using: &random) ? outputs.randomElement(using: &random)! : Elementary.sigmoid(z2[j])
            }
            let lanes = CrossEntropy.terms(y: y, yHat: yHat, z2: z2)
            for j in 0..<4 where lanes[j].bitPattern != CrossEntropy.term(y: y[j], yHat: yHat[j], z2: z2[j]).bitPattern {
                mismatches.append("y \(y[j]), ŷ \(yHat[j])")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) differ, first \(mismatches.prefix(5))")
    }

    /// The table derive.py wrote, against long double's 2^(j/128): each entry s (1 + t) with s the nearest double.
    @Test("the exp table is 2^(j/128), rounded as derive.py says")
    func expTable() {
        for j in 0..<128 {
            let exact = exp2l(Float80(j) / 128)
            let tail = Double(bitPattern: ElementaryTables.exp[2 * j])
            let scale = Double(bitPattern: ElementaryTables.exp[2 * j + 1] &+ (UInt64(j) << 45))
            #expect(scale == Double(exact), "2^(\(j)/128)")
            #expect(abs(Float80(scale) * (1 + Float80(tail)) - exact) <= exact * 0x1p-62, "2^(\(j)/128)'s tail")
        }
    }
}
#endif

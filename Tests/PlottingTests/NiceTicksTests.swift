import Foundation
import Testing
@testable import Plotting

@Suite("Nice ticks")
struct NiceTicksTests {
    @Test("0...10000 gives steps of 2000")
    func thousands() {
        let ticks = NiceTicks(from: 0, to: 10000)
        #expect(ticks.values == [0, 2000, 4000, 6000, 8000, 10000])
        #expect(ticks.labels == ["0", "2000", "4000", "6000", "8000", "10000"])
        #expect(ticks.step == TickStep(mantissa: 2, exponent: 3))
        #expect(ticks.multiplierExponent == nil)
    }

    @Test("0...0.8 gives steps of 0.1 with exact decimal values")
    func tenths() {
        let ticks = NiceTicks(from: 0, to: 0.8)
        #expect(ticks.values == [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
        #expect(ticks.labels == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8"])
    }

    @Test("0...1 gives steps of 0.2")
    func fifths() {
        let ticks = NiceTicks(from: 0, to: 1)
        #expect(ticks.values == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(ticks.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test("the third tick of a 0.1 step is 0.3, not 0.30000000000000004")
    func noAccumulatedError() {
        let ticks = NiceTicks(from: 0, to: 0.3, maxIntervals: 3)
        #expect(ticks.values == [0, 0.1, 0.2, 0.3])
        #expect(ticks.values[3] == 0.3)
        let tenth: Double = 0.1
        #expect(tenth + tenth + tenth != 0.3, "the test relies on addition being inexact")
    }

    @Test("negative ranges use a real minus sign")
    func negative() {
        let ticks = NiceTicks(from: -1, to: 1)
        #expect(ticks.values == [-1, -0.5, 0, 0.5, 1])
        #expect(ticks.labels == ["\u{2212}1.0", "\u{2212}0.5", "0.0", "0.5", "1.0"])
        let below = NiceTicks(from: -350, to: -20)
        #expect(below.values == [-350, -300, -250, -200, -150, -100, -50])
    }

    @Test("an offset range keeps two decimals for a 0.05 step")
    func offsetRange() {
        let ticks = NiceTicks(from: 0.1, to: 0.35)
        #expect(ticks.values == [0.1, 0.15, 0.2, 0.25, 0.3, 0.35])
        #expect(ticks.labels == ["0.10", "0.15", "0.20", "0.25", "0.30", "0.35"])
    }

    @Test("tiny ranges are labelled in units of a power of ten")
    func tiny() {
        let ticks = NiceTicks(from: 0, to: 1e-7)
        #expect(ticks.values == [0, 2e-8, 4e-8, 6e-8, 8e-8, 1e-7])
        #expect(ticks.multiplierExponent == -7)
        #expect(ticks.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(ticks.axisTicks.multiplier == "×10⁻⁷")
    }

    @Test("huge ranges are labelled in units of a power of ten")
    func huge() {
        let ticks = NiceTicks(from: 0, to: 5e9)
        #expect(ticks.values == [0, 1e9, 2e9, 3e9, 4e9, 5e9])
        #expect(ticks.multiplierExponent == 9)
        #expect(ticks.labels == ["0", "1", "2", "3", "4", "5"])
    }

    @Test("a reversed range gives descending ticks")
    func reversed() {
        let ticks = NiceTicks(from: 10, to: 0, maxIntervals: 5)
        #expect(ticks.values == [10, 8, 6, 4, 2, 0])
        #expect(ticks.labels == ["10", "8", "6", "4", "2", "0"])
    }

    @Test("an empty range gives its single value; non-finite input gives nothing")
    func empty() {
        let ticks = NiceTicks(from: 3, to: 3)
        #expect(ticks.values == [3])
        #expect(ticks.labels == ["3"])
        #expect(NiceTicks(from: .nan, to: 1).values.isEmpty)
        #expect(NiceTicks(from: 0, to: .infinity).values.isEmpty)
    }

    @Test("max intervals is respected and the step is the smallest nice one", arguments: [
        (0.0, 1.0), (0.0, 7.3), (-3.2, 11.9), (0.001, 0.0047), (1234.0, 98765.0), (-1e-3, 2e-3),
        (0.3, 0.30001), (99.0, 101.0), (-0.04, 0.84), (-500.0, 10500.0),
    ])
    func stepIsMinimal(range: (Double, Double)) {
        for maxIntervals in 1...10 {
            let ticks = NiceTicks(from: range.0, to: range.1, maxIntervals: maxIntervals)
            let step = try! #require(ticks.step)
            let span = range.1 - range.0
            #expect(step.value * Double(maxIntervals) >= span * (1 - 1e-9))
            // The next smaller 1-2-5 step would need more intervals.
            let smaller: TickStep = switch step.mantissa {
            case 1: TickStep(mantissa: 5, exponent: step.exponent - 1)
            case 2: TickStep(mantissa: 1, exponent: step.exponent)
            default: TickStep(mantissa: 2, exponent: step.exponent)
            }
            #expect(smaller.value * Double(maxIntervals) < span)
            #expect(ticks.values.allSatisfy { $0 >= range.0 - 1e-12 * abs(range.0) && $0 <= range.1 + 1e-12 * abs(range.1) })
            #expect(ticks.values.count <= maxIntervals + 1)
            #expect(ticks.values == ticks.values.sorted())
        }
    }

    @Test("every tick is exactly the double its label spells")
    func labelsRoundTrip() {
        var rng = SplitMix64(seed: 42)
        func random() -> Double { Double.random(in: 0..<1, using: &rng) }
        for _ in 0..<500 {
            let magnitude = [1, 10, 100, 1000, 0.1, 0.01, 0.001].randomElement(using: &rng)!
            let a = (random() - 0.5) * magnitude * 20
            let b = a + random() * magnitude * 10 + magnitude * 1e-3
            let ticks = NiceTicks(from: a, to: b)
            guard ticks.multiplierExponent == nil else { continue }
            for (value, label) in zip(ticks.values, ticks.labels) {
                let parsed = Double(label.replacingOccurrences(of: "\u{2212}", with: "-"))
                #expect(parsed == value, "tick \(value) is labelled \(label)")
            }
        }
    }
}

/// A fixed-seed generator so randomised tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

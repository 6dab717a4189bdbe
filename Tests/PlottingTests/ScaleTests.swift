import Foundation
import Testing
@testable import Plotting

@Suite("Scales")
struct ScaleTests {
    @Test("linear scale maps and inverts, including a flipped y axis")
    func linear() {
        let x = LinearScale(domain: 0...10, pixelStart: 50, pixelEnd: 150)
        #expect(x.map(0) == 50)
        #expect(x.map(2.5) == 75)
        #expect(x.map(10) == 150)
        #expect(x.map(-10) == -50)
        #expect(x.invert(75) == 2.5)
        let y = LinearScale(domain: -1...1, pixelStart: 400, pixelEnd: 0)
        #expect(y.map(-1) == 400)
        #expect(y.map(1) == 0)
        #expect(y.map(0) == 200)
        #expect(y.invert(100) == 0.5)
        for v in stride(from: -1.0, through: 1.0, by: 0.125) {
            #expect(abs(y.invert(y.map(v)) - v) < 1e-12)
        }
    }

    @Test("a single-value linear domain maps to the middle instead of dividing by zero")
    func degenerateLinear() {
        let s = LinearScale(domain: 3...3, pixelStart: 0, pixelEnd: 100)
        #expect(s.map(3) == 50)
        #expect(s.map(7) == 50)
        #expect(s.invert(20) == 3)
        #expect(s.map(.nan).isNaN)
    }

    @Test("log scale maps decades evenly and inverts")
    func log() {
        let s = LogScale(domain: 1...1000, pixelStart: 0, pixelEnd: 300)
        #expect(abs(s.map(1) - 0) < 1e-9)
        #expect(abs(s.map(10) - 100) < 1e-9)
        #expect(abs(s.map(1000) - 300) < 1e-9)
        #expect(abs(s.invert(200) - 100) < 1e-9)
        #expect(abs(s.invert(s.map(42)) - 42) < 1e-9)
    }

    @Test("log scale turns non-positive values into NaN positions")
    func logNonPositive() {
        let s = LogScale(domain: 0.01...1, pixelStart: 400, pixelEnd: 0)
        #expect(s.map(0).isNaN)
        #expect(s.map(-3).isNaN)
        #expect(s.map(.infinity).isNaN)
        #expect(s.map(0.1) == 200)
    }

    @Test("scales produce ticks of their kind")
    func ticks() {
        let linear = LinearScale(domain: 0...1, pixelStart: 0, pixelEnd: 500)
        #expect(linear.ticks(maxIntervals: 5).labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let log = LogScale(domain: 0.001...1, pixelStart: 0, pixelEnd: 500)
        #expect(log.ticks(maxIntervals: 9).labels == ["10⁻³", "10⁻²", "10⁻¹", "10⁰"])
    }
}

import Testing
@testable import Plotting

@Suite("Log ticks")
struct LogTicksTests {
    @Test("a loss from about 0.8 to 0.003 is labelled at decades with 2…9 sub-ticks")
    func lossRange() {
        let ticks = LogTicks(from: 0.0023, to: 1.05)
        let decades: [Double] = [0.001, 0.01, 0.1, 1]
        #expect(ticks.major == decades.filter { $0 >= 0.0023 })
        #expect(ticks.major == [0.01, 0.1, 1] as [Double])
        #expect(ticks.labels == ["10⁻²", "10⁻¹", "10⁰"])
        #expect(ticks.minor.contains(0.003))
        #expect(ticks.minor.contains(0.5))
        #expect(ticks.minor.count == 7 + 8 + 8)
        #expect(ticks.minor.allSatisfy { $0 >= 0.0023 && $0 <= 1.05 })
    }

    @Test("decades are exact decimal doubles")
    func exactDecades() {
        let ticks = LogTicks(from: 1e-6, to: 1e3, maxLabels: 20)
        #expect(ticks.major == [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000])
        #expect(ticks.labels.first == "10⁻⁶")
        #expect(ticks.labels.last == "10³")
    }

    @Test("many decades are thinned to every 5th with unlabelled ticks between")
    func thinned() {
        let ticks = LogTicks(from: 1e-10, to: 1e10, maxLabels: 9)
        #expect(ticks.major == [1e-10, 1e-5, 1, 1e5, 1e10])
        #expect(ticks.labels == ["10⁻¹⁰", "10⁻⁵", "10⁰", "10⁵", "10¹⁰"])
        #expect(ticks.minor.count == 16)
    }

    @Test("less than two decades are labelled at 1-2-5 values")
    func narrow() {
        let ticks = LogTicks(from: 0.15, to: 3)
        #expect(ticks.major == [0.2, 0.5, 1, 2])
        #expect(ticks.labels == ["0.2", "0.5", "1", "2"])
    }

    @Test("within one decade falls back to linear ticks")
    func withinDecade() {
        let ticks = LogTicks(from: 2, to: 8)
        #expect(ticks.major == [2, 3, 4, 5, 6, 7, 8])
        #expect(ticks.labels == ["2", "3", "4", "5", "6", "7", "8"])
    }

    @Test("non-positive or non-finite ranges give no ticks instead of crashing")
    func invalid() {
        #expect(LogTicks(from: 0, to: 10).major.isEmpty)
        #expect(LogTicks(from: -5, to: -1).major.isEmpty)
        #expect(LogTicks(from: 1, to: .infinity).major.isEmpty)
    }
}

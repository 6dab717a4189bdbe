import Testing
@testable import Plotting

@Suite("Min/max envelope")
struct MinMaxEnvelopeTests {
    @Test("buckets stay bounded and summarise their index ranges exactly")
    func bucketsAreExact() {
        let values: [Double] = TestSupport.noise(count: 1000, seed: 7).enumerated().map { (index: Int, noise: Double) -> Double in
            Double(index) * 0.01 + noise
        }
        var envelope = MinMaxEnvelope(bucketCapacity: 16)
        envelope.append(contentsOf: values)
        #expect(envelope.count == 1000)
        #expect(envelope.buckets.count <= 16)
        #expect(envelope.bucketWidth == 64)
        let counted: Int = envelope.buckets.map(\.count).reduce(0, +)
        #expect(counted == 1000)
        var start = 0
        for bucket in envelope.buckets {
            let slice = values[start..<(start + bucket.count)]
            #expect(bucket.min == slice.min())
            #expect(bucket.max == slice.max())
            #expect(bucket.first == slice.first)
            #expect(bucket.last == slice.last)
            #expect(values[bucket.minIndex] == bucket.min)
            #expect(values[bucket.maxIndex] == bucket.max)
            #expect(bucket.firstIndex == start && bucket.lastIndex == start + bucket.count - 1)
            start += bucket.count
        }
        #expect(envelope.vertices.map(\.y).min() == values.min() && envelope.vertices.map(\.y).max() == values.max())
    }

    @Test("memory is bounded however long the series")
    func bounded() {
        var envelope = MinMaxEnvelope(bucketCapacity: 64)
        for i in 0..<1_000_000 { envelope.append(Double(i % 977)) }
        #expect(envelope.count == 1_000_000)
        #expect(envelope.buckets.count <= 64)
        #expect(envelope.buckets.count > 32)
        #expect(envelope.vertices.map(\.y).min() == 0 && envelope.vertices.map(\.y).max() == 976)
    }

    @Test("a short series keeps every value as its own bucket")
    func short() {
        let envelope = MinMaxEnvelope([3, 1, 4, 1, 5], bucketCapacity: 8)
        #expect(envelope.bucketWidth == 1)
        #expect(envelope.vertices.map(\.y) == [3, 1, 4, 1, 5])
        #expect(envelope.vertices.map(\.x) == [0, 1, 2, 3, 4])
    }

    @Test("non-finite values count as indices but not as values")
    func nonFinite() {
        let envelope = MinMaxEnvelope([.nan, 2, .infinity, -1, .nan, .nan], bucketCapacity: 2)
        #expect(envelope.count == 6)
        #expect(envelope.vertices.map(\.y).min() == -1 && envelope.vertices.map(\.y).max() == 2)
        #expect(envelope.vertices.map(\.x) == [1, 3])
        #expect(MinMaxEnvelope([Double.nan]).vertices.isEmpty)
        #expect(MinMaxEnvelope().vertices.isEmpty)
    }

    @Test("vertices are in index order with each bucket's extremes")
    func verticesOrdered() {
        let values = TestSupport.noise(count: 10_000, seed: 3)
        let envelope = MinMaxEnvelope(values, bucketCapacity: 32)
        let xs = envelope.vertices.map(\.x)
        #expect(xs == xs.sorted())
        #expect(Set(xs).count == xs.count)
        #expect(envelope.vertices.count <= 4 * 32)
        #expect(envelope.vertices.contains { $0.y == values.max()! })
        #expect(envelope.vertices.contains { $0.y == values.min()! })
    }

    @Test("an envelope line draws like the full series")
    func drawsLikeFullSeries() throws {
        let values = (0..<200_000).map { i in
            let t = Double(i) / 200_000
            return t * t + 0.2 * (Double((i &* 2_654_435_761) % 1000) / 1000 - 0.5)
        }
        let full = try TestSupport.png(Figure(Chart(lines: [LineSeries(y: values)])))
        let summarised = try TestSupport.png(Figure(Chart(lines: [LineSeries(envelope: MinMaxEnvelope(values))])))
        let rms = try #require(PixelComparison(expected: summarised, actual: full)?.rms)
        #expect(rms < 6, "RMS difference \(rms)")
    }
}

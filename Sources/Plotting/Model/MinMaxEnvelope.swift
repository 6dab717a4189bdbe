/// A bounded-memory summary of a very long series (x = index) for drawing it as a line.
///
/// Values are gathered into at most `bucketCapacity` buckets of `bucketWidth` consecutive
/// indices, each keeping its count, minimum, maximum, first and last value (and where the
/// extremes occurred). When the buckets run out, neighbours merge pairwise and the width
/// doubles, so memory stays constant however many values are appended, while the drawn
/// envelope stays faithful down to one bucket per pixel column.
public struct MinMaxEnvelope: Sendable, Equatable {
    /// The summary of one run of consecutive indices.
    public struct Bucket: Sendable, Equatable {
        /// Number of indices covered, including non-finite values.
        public var count: Int
        public var min: Double
        public var max: Double
        public var first: Double
        public var last: Double
        public var minIndex: Int
        public var maxIndex: Int
        public var firstIndex: Int
        public var lastIndex: Int

        /// Whether any finite value fell into this bucket; the statistics are meaningless otherwise.
        public var hasValues: Bool { firstIndex >= 0 }

        static let empty = Bucket(
            count: 0, min: .infinity, max: -.infinity, first: .nan, last: .nan,
            minIndex: -1, maxIndex: -1, firstIndex: -1, lastIndex: -1)

        mutating func add(_ y: Double, at index: Int) {
            count += 1
            guard y.isFinite else { return }
            if !hasValues { (first, firstIndex) = (y, index) }
            (last, lastIndex) = (y, index)
            if y < min { (min, minIndex) = (y, index) }
            if y > max { (max, maxIndex) = (y, index) }
        }

        /// The bucket covering `self` followed by `next`.
        func merged(with next: Bucket) -> Bucket {
            guard hasValues, next.hasValues else {
                var merged = hasValues ? self : next
                merged.count = count + next.count
                return merged
            }
            let lower = next.min < min ? (next.min, next.minIndex) : (min, minIndex)
            let upper = next.max > max ? (next.max, next.maxIndex) : (max, maxIndex)
            return Bucket(
                count: count + next.count, min: lower.0, max: upper.0, first: first, last: next.last,
                minIndex: lower.1, maxIndex: upper.1, firstIndex: firstIndex, lastIndex: next.lastIndex)
        }
    }

    public let bucketCapacity: Int
    /// Indices per bucket; a power of two that doubles at each merge.
    public private(set) var bucketWidth: Int = 1
    public private(set) var buckets: [Bucket] = []
    /// The number of values appended so far.
    public private(set) var count: Int = 0

    public init(bucketCapacity: Int = 4096) {
        precondition(bucketCapacity >= 2 && bucketCapacity % 2 == 0, "bucketCapacity must be an even number ≥ 2")
        self.bucketCapacity = bucketCapacity
        buckets.reserveCapacity(bucketCapacity)
    }

    /// Creates an envelope holding `values`.
    public init<S: Sequence>(_ values: S, bucketCapacity: Int = 4096) where S.Element == Double {
        self.init(bucketCapacity: bucketCapacity)
        append(contentsOf: values)
    }

    public mutating func append(_ y: Double) {
        if buckets.isEmpty || buckets[buckets.count - 1].count == bucketWidth {
            if buckets.count == bucketCapacity { mergePairs() }
            buckets.append(.empty)
        }
        buckets[buckets.count - 1].add(y, at: count)
        count += 1
    }

    public mutating func append<S: Sequence>(contentsOf values: S) where S.Element == Double {
        for y in values { append(y) }
    }

    private mutating func mergePairs() {
        // Called only when all buckets, an even number, are full, so pairs line up on the doubled width.
        buckets = stride(from: 0, to: buckets.count, by: 2).map { buckets[$0].merged(with: buckets[$0 + 1]) }
        buckets.reserveCapacity(bucketCapacity)
        bucketWidth *= 2
    }

    /// The representative vertices (index, value) in index order: each bucket's first,
    /// extremes and last value. Drawing them as a polyline reproduces the series' envelope.
    public var vertices: [(x: Double, y: Double)] {
        buckets.filter(\.hasValues).flatMap { b in
            let picks = [(b.firstIndex, b.first), (b.minIndex, b.min), (b.maxIndex, b.max), (b.lastIndex, b.last)]
                .sorted { $0.0 < $1.0 }
            // An index picked twice (the first value is also the minimum, say) is one vertex.
            return picks.indices.filter { $0 == 0 || picks[$0 - 1].0 != picks[$0].0 }
                .map { (x: Double(picks[$0].0), y: picks[$0].1) }
        }
    }
}

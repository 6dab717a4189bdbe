import Dispatch

/// `map` over indices on every core, for work whose items are independent (frames, seeds).
public enum ParallelMap {
    /// The results of `transform` for each index, in index order; the first error thrown, by index, if any.
    ///
    /// `transform` runs concurrently, so the compiler checks that what it captures is `Sendable`.
    public static func map<T, E: Error>(
        _ indices: Range<Int>, _ transform: @Sendable (Int) throws(E) -> T
    ) throws(E) -> [T] {
        let results = UnsafeMutableBufferPointer<Result<T, E>?>.allocate(capacity: indices.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        withoutActuallyEscaping(transform) { transform in
            let shared = Shared(results: results, transform: transform)
            DispatchQueue.concurrentPerform(iterations: indices.count) { k in
                shared.results[k] = Result { () throws(E) -> T in try shared.transform(indices.lowerBound + k) }
            }
        }
        return try results.map { result throws(E) -> T in try result!.get() }
    }

    /// Unchecked for the buffer alone: workers write distinct slots and the caller reads them after all finish.
    private struct Shared<T, E: Error>: @unchecked Sendable {
        let results: UnsafeMutableBufferPointer<Result<T, E>?>
        let transform: @Sendable (Int) throws(E) -> T
    }
}

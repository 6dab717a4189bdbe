import Dispatch

/// `map` over indices on every core, for work whose items are independent (frames, seeds).
public enum ParallelMap {
    /// The results of `transform` for each index, in index order; the first error thrown, by index, if any.
    ///
    /// `transform` runs concurrently: what it captures must be safe to read from several threads.
    public static func map<T, E: Error>(_ indices: Range<Int>, _ transform: (Int) throws(E) -> T) throws(E) -> [T] {
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

    /// Workers write distinct slots, and the transform's captures are the caller's to make safe.
    private struct Shared<T, E: Error>: @unchecked Sendable {
        let results: UnsafeMutableBufferPointer<Result<T, E>?>
        let transform: (Int) throws(E) -> T
    }
}

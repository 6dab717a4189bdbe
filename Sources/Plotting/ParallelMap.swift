import Dispatch

/// `map` over indices on every core, for work whose items are independent (frames, seeds).
public enum ParallelMap {
    /// The results of `transform` for each index, in index order; the first error thrown, by index, if any.
    ///
    /// `transform` runs concurrently: what it captures must be safe to read from several threads.
    public static func map<T>(_ indices: Range<Int>, _ transform: (Int) throws -> T) throws -> [T] {
        let results = UnsafeMutableBufferPointer<Result<T, Error>?>.allocate(capacity: indices.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        withoutActuallyEscaping(transform) { transform in
            let shared = Shared(results: results, transform: transform)
            DispatchQueue.concurrentPerform(iterations: indices.count) { k in
                shared.results[k] = Result { try shared.transform(indices.lowerBound + k) }
            }
        }
        return try results.map { try $0!.get() }
    }

    /// Workers write distinct slots, and the transform's captures are the caller's to make safe.
    private struct Shared<T>: @unchecked Sendable {
        let results: UnsafeMutableBufferPointer<Result<T, Error>?>
        let transform: (Int) throws -> T
    }
}

import Dispatch
import Glibc

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
        defer {
            results.deinitialize()
            results.deallocate()
        }
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

extension ParallelMap {
    /// `background` on a thread of its own while `foreground` runs on this one: a long job that spreads over
    /// every core itself (which, as an item of ``map(_:_:)``, it could not: concurrent loops do not nest) beside
    /// short work of the caller's, which then fills the cores' gaps instead of running before it on one core.
    ///
    /// Both results, once both are done; the error of `foreground` if it threw, else that of `background`.
    public static func concurrently<A, B>(
        _ background: @Sendable () throws -> A, _ foreground: () throws -> B
    ) throws -> (A, B) {
        var theirs: Result<A, any Error>?
        let ours: Result<B, any Error> = withoutActuallyEscaping(background) { background in
            // A thread joined before this closure returns: nothing holds `background` past it. (A dispatched
            // block would be released by its queue only after it signalled its end.)
            let body = ThreadBody { theirs = Result { try background() } }
            var thread = pthread_t()
            let started = pthread_create(&thread, nil, { context in
                Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().run()
                return nil
            }, Unmanaged.passRetained(body).toOpaque())
            guard started == 0 else {
                // No thread to be had: the jobs one after the other.
                Unmanaged.passUnretained(body).release()
                body.run()
                return Result { try foreground() }
            }
            let ours = Result { try foreground() }
            pthread_join(thread, nil)
            return ours
        }
        let b = try ours.get()
        return (try theirs!.get(), b)
    }

    /// What a thread runs; unchecked, as the thread is joined before anything it wrote is read.
    private final class ThreadBody: @unchecked Sendable {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }
}

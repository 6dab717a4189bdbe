import Dispatch
import Glibc
import Parallel
import Testing

/// `ParallelMap.concurrently`, on which `report --animate` draws its still charts beside the animation.
@Suite("ParallelMap.concurrently")
struct ParallelTests {
    struct Failed: Error, Equatable { let side: String }

    @Test("both run at once, and both results come back")
    func bothRunAtOnce() throws {
        // The background job waits for a signal that only the foreground job gives: run one after the other,
        // it would time out.
        let signal = DispatchSemaphore(value: 0)
        let (background, foreground) = try ParallelMap.concurrently({ signal.wait(timeout: .now() + 10) == .success }) {
            signal.signal()
            return "foreground"
        }
        #expect(background)
        #expect(foreground == "foreground")
    }

    @Test("the foreground's error first, else the background's; each waits for the other")
    func errors() throws {
        #expect(throws: Failed(side: "foreground")) {
            try ParallelMap.concurrently({ () throws -> Int in throw Failed(side: "background") }) {
                throw Failed(side: "foreground")
            }
        }
        #expect(throws: Failed(side: "background")) {
            try ParallelMap.concurrently({ () throws -> Int in throw Failed(side: "background") }) { 1 }
        }
        // The foreground's failure still waits for the background job, which then holds no closure of the caller's.
        let finished = Finished()
        #expect(throws: Failed(side: "foreground")) {
            try ParallelMap.concurrently({
                usleep(50_000)
                finished.mark()
            }) { throw Failed(side: "foreground") }
        }
        #expect(finished.marked)
    }

    final class Finished: @unchecked Sendable {
        private(set) var marked = false
        func mark() { marked = true }
    }
}

import Glibc

/// The work of ``AnimatedPNG/encode(milliseconds:width:height:still:level:render:)``, handed out to
/// every core as it can be done: drawing a frame into a pooled buffer, compressing the still, or
/// compressing a frame against the one before.
///
/// Compressions come first, the still before the frames, frames in order, so that drawn frames are
/// let go soon. The still is drawn first: its compression is the longest (a whole frame), and drawn
/// in its place, the last, it would be left to one core at the end. A frame's pixels go back to the
/// pool once its own compression, the next frame's and (for the still) the still's are done.
///
/// Unchecked: every field is read and written under `lock`; the buffers handed out are each
/// written by one job at a time, and read by compressions only once drawn.
final class FrameSchedule: @unchecked Sendable {
    enum Job {
        /// Frame `k`'s pixels, to be drawn into the buffer.
        case draw(Int, UnsafeMutableBufferPointer<UInt32>)
        /// The still as a whole opaque frame (its own job only when a frame comes before it).
        case still(UnsafeMutableBufferPointer<UInt32>)
        /// Frame `k` against the frame before (none for the first).
        case frame(Int, previous: UnsafeMutableBufferPointer<UInt32>?, UnsafeMutableBufferPointer<UInt32>)
    }

    enum Outcome {
        case drawn
        case compressed(AnimatedPNG.Region, [UInt8])
    }

    private let count: Int, still: Int, pixels: Int, bufferLimit: Int
    /// Allocated, not stored properties: a property's address passed with `&` holds only for the call, and a
    /// mutex or a condition must not move.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Frames to draw, in the order they are drawn.
    private var drawOrder: [Int], nextDraw = 0
    private var buffers: [UnsafeMutableBufferPointer<UInt32>?], free: [UnsafeMutableBufferPointer<UInt32>] = []
    private var allocated: [UnsafeMutableBufferPointer<UInt32>] = []
    private var drawn: [Bool], started: [Bool], compressed: [(AnimatedPNG.Region, [UInt8])?]
    private var stillStarted: Bool, stillData: [UInt8]?
    private var running = 0, failure: (any Error)?

    /// `count` frames of `pixels` each, at most `buffers` of them held at once (at least 3: the still's, and a
    /// frame with the one before).
    init(frames count: Int, still: Int, pixels: Int, buffers: Int) {
        precondition(buffers >= 3 || buffers >= count, "FrameSchedule needs three buffers")
        (self.count, self.still, self.pixels, bufferLimit) = (count, still, pixels, buffers)
        drawOrder = [still] + (0..<count).filter { $0 != still }
        self.buffers = Array(repeating: nil, count: count)
        drawn = Array(repeating: false, count: count)
        started = drawn
        compressed = Array(repeating: nil, count: count)
        stillStarted = still == 0  // the first frame is whole and opaque: its data is the still's
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    /// Frees every buffer; call it once, after the workers are done.
    func deallocate() {
        for buffer in allocated { buffer.deallocate() }
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    /// The next job, waiting while every job left waits for one that runs; nil once all are done or one failed.
    func next() -> Job? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while true {
            if failure != nil || isDone { return nil }
            if let job = takeJob() {
                running += 1
                return job
            }
            precondition(running > 0, "FrameSchedule: no job can start and none runs")
            pthread_cond_wait(changed, mutex)
        }
    }

    /// Records what `job` made, and lets go of the pixels that no job needs any more.
    func finish(_ job: Job, with outcome: Outcome) {
        pthread_mutex_lock(mutex)
        defer {
            running -= 1
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(mutex)
        }
        switch (job, outcome) {
        case (.draw(let k, _), .drawn):
            drawn[k] = true
        case (.still, .compressed(_, let data)):
            stillData = data
            release(still)
        case (.frame(let k, _, _), .compressed(let region, let data)):
            compressed[k] = (region, data)
            if k == 0, still == 0 { stillData = data }
            release(k)
            if k > 0 { release(k - 1) }
        default:
            preconditionFailure("FrameSchedule: an outcome of another kind of job")
        }
    }

    /// Stops handing out jobs: the first error is what ``results()`` throws.
    func fail(_ error: any Error) {
        pthread_mutex_lock(mutex)
        failure = failure ?? error
        running -= 1
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(mutex)
    }

    /// Each frame's rectangle and data, and the still's data; the first error a job threw, if any.
    func results() throws -> (frames: [(AnimatedPNG.Region, [UInt8])], still: [UInt8]) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if let failure { throw failure }
        precondition(isDone, "FrameSchedule: results before every job finished")
        return (compressed.map { $0! }, stillData!)
    }

    private var isDone: Bool { stillData != nil && compressed.allSatisfy { $0 != nil } }

    /// A job that can start now, compressions first; marks it started. Called under the lock.
    private func takeJob() -> Job? {
        if !stillStarted, drawn[still] {
            stillStarted = true
            return .still(buffers[still]!)
        }
        if let k = (0..<count).first(where: { !started[$0] && drawn[$0] && ($0 == 0 || drawn[$0 - 1]) }) {
            started[k] = true
            return .frame(k, previous: k == 0 ? nil : buffers[k - 1]!, buffers[k]!)
        }
        guard nextDraw < count, let buffer = free.popLast() ?? allocate() else { return nil }
        let k = drawOrder[nextDraw]
        nextDraw += 1
        buffers[k] = buffer
        return .draw(k, buffer)
    }

    private func allocate() -> UnsafeMutableBufferPointer<UInt32>? {
        guard allocated.count < bufferLimit else { return nil }
        let buffer = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: pixels)
        allocated.append(buffer)
        return buffer
    }

    /// Returns frame `k`'s buffer to the pool once its compression, the next frame's and the still's are done.
    private func release(_ k: Int) {
        guard let buffer = buffers[k], compressed[k] != nil, k == count - 1 || compressed[k + 1] != nil,
              k != still || stillData != nil else { return }
        buffers[k] = nil
        free.append(buffer)
    }
}

/// A fixed-size block of doubles owned by a ``Network``.
///
/// Unlike an `Array`, writing through it never checks for copy-on-write, which keeps the
/// training loop free of hidden work.
final class Buffer {
    private let storage: UnsafeMutableBufferPointer<Double>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: 0)
    }

    init(_ values: [Double]) {
        storage = .allocate(capacity: values.count)
        _ = storage.initialize(from: values)
    }

    deinit { storage.deallocate() }

    var array: [Double] { Array(storage) }

    @inline(__always)
    subscript(index: Int) -> Double {
        get { storage[index] }
        set { storage[index] = newValue }
    }
}

/// A view of a fixed-size block of doubles that a ``Network`` allocates and frees.
///
/// Unlike an `Array`, writing through it never checks uniqueness or bounds in release
/// builds, and the compiler can keep its address in a register for a whole loop.
struct Buffer {
    let base: UnsafeMutablePointer<Double>
    let count: Int

    var array: [Double] { Array(UnsafeBufferPointer(start: base, count: count)) }

    @inline(__always)
    subscript(index: Int) -> Double {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}

extension Buffer {
    /// Allocates `count` zeros; the owner calls ``free()``.
    init(count: Int) {
        self.init(base: .allocate(capacity: max(count, 1)), count: count)
        base.initialize(repeating: 0, count: max(count, 1))
    }

    /// Allocates a copy of `values`; the owner calls ``free()``.
    init(_ values: [Double]) {
        self.init(count: values.count)
        for (index, value) in values.enumerated() { base[index] = value }
    }

    func free() { base.deallocate() }

    /// `count` values from `offset` on, in this buffer's memory.
    func slice(_ offset: Int, _ count: Int) -> Buffer { Buffer(base: base + offset, count: count) }
}

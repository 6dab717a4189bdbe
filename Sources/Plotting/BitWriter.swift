/// A growable byte buffer that can also append bit fields least-significant bit first, the
/// order DEFLATE packs them in (RFC 1951 §3.1.1).
///
/// It owns raw memory rather than an array so the encoder's hot loops store whole words without
/// bounds checks; callers ``reserve(_:)`` room for a block up front instead of checking per
/// symbol. Noncopyable, so the buffer has exactly one owner that frees it.
struct BitWriter: ~Copyable {
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    /// Bytes completely written; pending bits live in `bitBuffer` until ``alignToByte()``.
    private(set) var count = 0
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0
    /// Room past `count` that bit flushes may scribble on: they store eight bytes at a time.
    private static let slack = 16

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        storage = UnsafeMutableRawPointer.allocate(byteCount: self.capacity + Self.slack, alignment: 8)
    }

    deinit { storage.deallocate() }

    /// Makes sure `byteCount` more bytes (and the pending bits) fit without another check.
    mutating func reserve(_ byteCount: Int) {
        let needed = count + byteCount + 8
        guard needed > capacity else { return }
        let grown = max(needed, capacity * 2)
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: grown + Self.slack, alignment: 8)
        bigger.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = bigger
        capacity = grown
    }

    /// Appends the low `length` bits of `value`, first bit first; `length` ≤ 32 and the
    /// higher bits of `value` must be zero. Room must have been reserved.
    @inline(__always)
    mutating func writeBits(_ value: UInt32, _ length: Int) {
        bitBuffer |= UInt64(value) << UInt64(bitCount)
        bitCount += length
        if bitCount >= 32 {
            storage.storeBytes(of: bitBuffer.littleEndian, toByteOffset: count, as: UInt64.self)
            count += 4
            bitBuffer >>= 32
            bitCount -= 32
        }
    }

    /// Pads the pending bits with zeros to a whole byte and commits them.
    mutating func alignToByte() {
        guard bitCount > 0 else { return }
        reserve(0)
        storage.storeBytes(of: bitBuffer.littleEndian, toByteOffset: count, as: UInt64.self)
        count += (bitCount + 7) / 8
        bitBuffer = 0
        bitCount = 0
    }

    /// Appends whole bytes; the writer must be byte-aligned.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        precondition(bitCount == 0, "BitWriter.append needs a byte boundary")
        reserve(bytes.count)
        if let source = bytes.baseAddress {
            (storage + count).copyMemory(from: source, byteCount: bytes.count)
        }
        count += bytes.count
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends a 32-bit big-endian integer, as PNG lengths and checksums are written.
    mutating func appendBigEndian(_ value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { append($0) }
    }

    /// Overwrites four already written bytes with `value` in big-endian order.
    mutating func patchBigEndian(_ value: UInt32, at offset: Int) {
        precondition(offset >= 0 && offset + 4 <= count, "BitWriter.patchBigEndian out of range")
        storage.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
    }

    /// Calls `body` with the committed bytes in `range`.
    func withBytes<R>(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "BitWriter.withBytes out of range")
        return try body(UnsafeRawBufferPointer(start: storage + range.lowerBound, count: range.count))
    }

    /// The committed bytes as an array; pending bits are not included.
    var bytes: [UInt8] {
        [UInt8](UnsafeRawBufferPointer(start: storage, count: count))
    }
}

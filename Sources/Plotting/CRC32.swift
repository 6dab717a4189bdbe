/// The CRC-32 that closes every PNG chunk (ISO 3309 polynomial, bit-reflected), computed from a
/// byte-indexed table.
///
/// Four tables let the loop fold four bytes per step ("slicing"), which keeps the checksum of a
/// large IDAT chunk from costing more than compressing it did.
enum CRC32 {
    /// Four 256-entry tables: `tables[k * 256 + b]` is the CRC of byte `b` followed by `k` zero bytes.
    private static let tables: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 4 * 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            t[n] = c
        }
        for k in 1..<4 {
            for n in 0..<256 {
                let previous = t[(k - 1) * 256 + n]
                t[k * 256 + n] = t[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return t
    }()

    /// The CRC-32 of `bytes`.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress else { return 0 }
        return tables.withUnsafeBufferPointer { t in
            var crc: UInt32 = 0xFFFF_FFFF
            var i = 0
            let count = bytes.count
            while i + 4 <= count {
                crc ^= UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                crc = t[3 * 256 + Int(crc & 0xFF)] ^ t[2 * 256 + Int((crc >> 8) & 0xFF)]
                    ^ t[256 + Int((crc >> 16) & 0xFF)] ^ t[Int(crc >> 24)]
                i += 4
            }
            while i < count {
                crc = t[Int((crc ^ UInt32(base.load(fromByteOffset: i, as: UInt8.self))) & 0xFF)] ^ (crc >> 8)
                i += 1
            }
            return ~crc
        }
    }
}

import CCairo
import CDeflate

/// Encodes Cairo image surfaces as PNG files in memory: unfiltered rows, compressed by
/// libdeflate, in the three chunks a PNG needs.
///
/// libpng (Cairo's writer) tries every filter on every row and deflates at zlib's default
/// level, which took most of the time of rendering a chart. Unfiltered rows suit LZ77 on charts:
/// a line, a glyph or a marker repeats byte for byte, which Sub or Up filtering breaks up
/// wherever antialiased edges differ (Up made the two default charts 18 % larger). Compressors
/// measured at their fastest useful settings on those two charts, in a C harness (instructions
/// under callgrind, bytes of both): libdeflate level 1: 28 M (32 M as linked here), 87.2 kB; zlib level 1: 64 M, 90.0 kB; zlib level 3:
/// 66 M, 86.5 kB; zlib's default level 6: 132 M, 81.2 kB; libdeflate level 6: 62 M, 82.6 kB.
/// The output holds only IHDR, IDAT and IEND, and the text chunks of ``ImageMetadata`` when a
/// canvas has any; never a time, so the same pixels and words always give the same bytes with the
/// same libdeflate.
enum PNGEncoder {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The PNG of an image surface's current pixels; throws ``PlottingError/cairo(operation:status:)``
    /// for a surface in an error state, finished, not an image surface, or not ARGB32 or RGB24.
    static func encode(surface: OpaquePointer) throws -> [UInt8] {
        cairo_surface_flush(surface)
        // A finished surface keeps a pointer to freed pixels and Cairo has no query for that
        // state; marking the surface dirty flags it SURFACE_FINISHED and is harmless otherwise.
        cairo_surface_mark_dirty(surface)
        try PlottingError.check(cairo_surface_status(surface), "PNG encoding")
        guard let data = cairo_image_surface_get_data(surface) else {
            // Non-image surfaces have no pixels; the call flags them SURFACE_TYPE_MISMATCH.
            try PlottingError.check(cairo_surface_status(surface), "PNG encoding")
            throw PlottingError.cairo(operation: "PNG encoding", status: "no pixel data")
        }
        let format = cairo_image_surface_get_format(surface)
        guard format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24 else {
            throw PlottingError.cairo(operation: "PNG encoding", status: "unsupported pixel format")
        }
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        guard width > 0, height > 0 else {
            throw PlottingError.cairo(operation: "PNG encoding", status: "empty image")
        }
        return encode(pixels: UnsafeRawPointer(data), width: width, height: height,
                      stride: Int(cairo_image_surface_get_stride(surface)),
                      hasAlpha: format == CAIRO_FORMAT_ARGB32)
    }

    /// The PNG of native-endian 32-bit pixels laid out as Cairo does: `0xAARRGGBB` with
    /// premultiplied colour, `stride` bytes per row. Without `hasAlpha` (Cairo's RGB24) the top
    /// byte is ignored. An image whose pixels are all opaque is written as 8-bit RGB, otherwise
    /// as 8-bit RGBA with straight (un-premultiplied) colour.
    static func encode(pixels: UnsafeRawPointer, width: Int, height: Int, stride: Int, hasAlpha: Bool) -> [UInt8] {
        precondition(width > 0 && height > 0 && stride >= 4 * width, "PNGEncoder needs a positive size and a wide enough stride")
        let rgba = hasAlpha && !isOpaque(pixels, width: width, height: height, stride: stride)
        var file = signature
        appendChunk("IHDR", header(width: width, height: height, rgba: rgba), to: &file)
        appendChunk("IDAT", imageData(pixels: pixels, width: width, height: height, stride: stride, rgba: rgba), to: &file)
        appendChunk("IEND", [], to: &file)
        return file
    }

    /// IHDR's data: bit depth 8, colour type 6 (RGBA) or 2 (RGB), deflate, standard filtering, no interlace.
    static func header(width: Int, height: Int, rgba: Bool) -> [UInt8] {
        var header: [UInt8] = []
        appendBigEndian(UInt32(width), to: &header)
        appendBigEndian(UInt32(height), to: &header)
        return header + [8, rgba ? 6 : 2, 0, 0, 0]
    }

    /// The compressed rows of an image (IDAT's or fdAT's data): RGBA when `rgba`, else RGB with
    /// the top byte ignored.
    static func imageData(pixels: UnsafeRawPointer, width: Int, height: Int, stride: Int, rgba: Bool,
                          level: Int32 = 1) -> [UInt8] {
        let rowBytes = width * (rgba ? 4 : 3)
        // The filter byte of each row plus its pixels, plus slack for the last row's wide stores;
        // those of the other rows spill into the next row before it is written.
        let rows = UnsafeMutableRawBufferPointer.allocate(byteCount: height * (rowBytes + 1) + 16, alignment: 8)
        defer { rows.deallocate() }
        for y in 0..<height {
            let source = (pixels + y * stride).assumingMemoryBound(to: UInt32.self)
            let row = rows.baseAddress! + y * (rowBytes + 1)
            row.storeBytes(of: 0, as: UInt8.self)
            if rgba {
                unpremultiply(source, count: width, into: row + 1)
            } else {
                packRGB(source, count: width, into: row + 1)
            }
        }
        return compressed(UnsafeRawBufferPointer(start: rows.baseAddress, count: height * (rowBytes + 1)), level: level)
    }

    /// `data` as a zlib stream, from libdeflate at level 1: the fastest, and on charts within 6 %
    /// of the smallest it makes at any level.
    static func compressed(_ data: UnsafeRawBufferPointer, level: Int32) -> [UInt8] {
        Deflater(level: level).compressed(data)
    }

    /// A chunk: its length, type, data and the CRC-32 of type and data. PNG allows 2³¹ − 1 bytes
    /// of data, beyond the largest canvas CairoCanvas allows even stored uncompressed.
    static func appendChunk(_ type: String, _ data: [UInt8], to file: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &file)
        let body = Array(type.utf8) + data
        file += body
        let crc = body.withUnsafeBytes { UInt32(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
        appendBigEndian(crc, to: &file)
    }

    private static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes += $0 }
    }

    private static func isOpaque(_ pixels: UnsafeRawPointer, width: Int, height: Int, stride: Int) -> Bool {
        for y in 0..<height {
            let row = (pixels + y * stride).assumingMemoryBound(to: UInt32.self)
            var all: UInt32 = 0xFF00_0000
            for x in 0..<width { all &= row[x] }
            if all != 0xFF00_0000 { return false }
        }
        return true
    }

    /// R, G, B bytes of each pixel; may write up to 4 bytes past them.
    @inline(__always)
    private static func packRGB(_ source: UnsafePointer<UInt32>, count: Int, into row: UnsafeMutableRawPointer) {
        var x = 0
        #if _endian(little)
        // Four pixels per shuffle and 16-byte store, whose last four bytes the next store
        // overwrites; per pixel, this took about a third of the time of the scalar loop below.
        let bytes = UnsafeRawPointer(source)
        while x + 4 <= count {
            let v = bytes.loadUnaligned(fromByteOffset: 4 * x, as: SIMD16<UInt8>.self)
            let packed = SIMD16<UInt8>(v[2], v[1], v[0], v[6], v[5], v[4], v[10], v[9], v[8], v[14], v[13], v[12],
                                       0, 0, 0, 0)
            row.storeBytes(of: packed, toByteOffset: 3 * x, as: SIMD16<UInt8>.self)
            x += 4
        }
        #endif
        while x < count {
            let pixel = source[x]
            // Bytes R, G, B from low to high, so a little-endian store puts them in file order.
            let rgb = (pixel >> 16) & 0xFF | pixel & 0xFF00 | (pixel & 0xFF) << 16
            row.storeBytes(of: rgb.littleEndian, toByteOffset: 3 * x, as: UInt32.self)
            x += 1
        }
    }

    /// Straight RGBA bytes from premultiplied pixels, rounding to nearest so that premultiplying
    /// again, as Cairo and most viewers do when reading, gives the original values back.
    private static func unpremultiply(_ source: UnsafePointer<UInt32>, count: Int, into row: UnsafeMutableRawPointer) {
        let out = row.assumingMemoryBound(to: UInt8.self)
        for x in 0..<count {
            let pixel = source[x]
            let a = pixel >> 24
            let o = out + 4 * x
            guard a != 0 else {
                o.update(repeating: 0, count: 4)
                continue
            }
            @inline(__always) func channel(_ shift: UInt32) -> UInt8 {
                UInt8(min(255, (((pixel >> shift) & 0xFF) * 255 + a / 2) / a))
            }
            o[0] = channel(16)
            o[1] = channel(8)
            o[2] = channel(0)
            o[3] = UInt8(a)
        }
    }
}

/// libdeflate's compressor and the scratch memory around it, kept from one image to the next: a core
/// compresses frame after frame of an animation, and a compressor and megabytes of scratch allocated
/// for each were memory that the kernel cleared again every time. One thread's alone, as is a compressor.
final class Deflater {
    private let compressor: OpaquePointer
    private var rows = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    private var output = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    init(level: Int32) {
        guard let compressor = libdeflate_alloc_compressor(level) else { fatalError("libdeflate: out of memory") }
        self.compressor = compressor
    }

    deinit {
        libdeflate_free_compressor(compressor)
        rows.deallocate()
        output.deallocate()
    }

    /// `byteCount` bytes of memory for an image's rows, uninitialised, valid until the next call.
    func scratch(byteCount: Int) -> UnsafeMutableRawBufferPointer {
        if rows.count < byteCount {
            rows.deallocate()
            rows = .allocate(byteCount: byteCount, alignment: 16)
        }
        return UnsafeMutableRawBufferPointer(rebasing: rows[0..<byteCount])
    }

    /// `data` as a zlib stream.
    func compressed(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        // The bound is about the input's size, and the stream is often a fraction of it: only the
        // stream's bytes are copied out, and the rest of the scratch space is never touched.
        let bound = libdeflate_zlib_compress_bound(compressor, data.count)
        if output.count < bound {
            output.deallocate()
            output = .allocate(byteCount: bound, alignment: 16)
        }
        let count = libdeflate_zlib_compress(compressor, data.baseAddress, data.count, output.baseAddress, bound)
        precondition(count > 0, "libdeflate's bound was too small")
        return Array(output.prefix(count))
    }
}

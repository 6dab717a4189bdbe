import CDeflate

/// Reads PNG files: their chunks, every CRC checked, and their image data, for both the still
/// comparison (``RasterImage/init(png:)``) and the frames of an animation (``AnimatedPNG``).
///
/// Every colour type at every bit depth PNG allows is read, with all five row filters and
/// palette or key transparency, into straight 8-bit RGBA (16-bit samples keep their high byte);
/// only interlaced files are refused. A damaged file is refused with what is wrong with it, so
/// that `--check` can say why a stored image cannot be compared.
enum PNGDecoder {
    /// IHDR's fields and the chunks before the image data that its pixels need.
    struct Header {
        var width: Int
        var height: Int
        var bitDepth: Int
        var colorType: UInt8
        /// PLTE's colours, with tRNS's alphas, for colour type 3.
        var palette: [RasterImage.Pixel] = []
        /// tRNS's single transparent sample values, for greyscale (one) and RGB (three) images.
        var transparentKey: [Int]?

        /// Samples per pixel.
        var channels: Int {
            switch colorType {
            case 2: return 3
            case 4: return 2
            case 6: return 4
            default: return 1
            }
        }
        var bitsPerPixel: Int { channels * bitDepth }
        /// Bytes per row of image data, without the filter byte.
        func rowBytes(width: Int) -> Int { (width * bitsPerPixel + 7) / 8 }
    }

    /// One chunk: its four-letter type and its data.
    struct Chunk {
        var type: String
        var data: ArraySlice<UInt8>
    }

    /// The header and the chunks after IHDR, up to but not including IEND.
    static func chunks(of bytes: [UInt8]) throws -> (Header, [Chunk]) {
        guard bytes.starts(with: PNGEncoder.signature) else {
            throw damaged("not a PNG file (it does not start with the PNG signature)")
        }
        var offset = PNGEncoder.signature.count
        var chunks: [Chunk] = []
        while true {
            guard offset + 8 <= bytes.count else {
                throw damaged(chunks.isEmpty ? "truncated PNG: the file ends before IHDR"
                              : "truncated PNG: the file ends after chunk \(chunks.last!.type), before IEND")
            }
            let length = bigEndian(bytes[offset..<offset + 4])
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard length <= bytes.count - offset - 12 else {
                throw damaged("truncated PNG: the file ends inside chunk \(type)")
            }
            let body = bytes[offset + 4..<offset + 8 + length]
            let crc = body.withUnsafeBytes { UInt32(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
            guard crc == UInt32(bigEndian(bytes[offset + 8 + length..<offset + 12 + length])) else {
                throw damaged("bad CRC in chunk \(type): the file is damaged")
            }
            offset += 12 + length
            if type == "IEND" { break }
            chunks.append(Chunk(type: type, data: body.dropFirst(4)))
        }
        guard let first = chunks.first, first.type == "IHDR", first.data.count == 13 else {
            throw damaged("damaged PNG: it does not start with a 13-byte IHDR chunk")
        }
        return (try header(first.data, chunks: chunks.dropFirst()), Array(chunks.dropFirst()))
    }

    /// The still image: every IDAT chunk's data, decoded.
    static func image(_ bytes: [UInt8]) throws -> RasterImage {
        let (header, chunks) = try chunks(of: bytes)
        let data = chunks.filter { $0.type == "IDAT" }.flatMap(\.data)
        guard !data.isEmpty else { throw damaged("damaged PNG: it has no IDAT chunk") }
        return RasterImage(width: header.width, height: header.height,
                           pixels: try pixels(data, width: header.width, height: header.height, header: header))
    }

    private static func header(_ data: ArraySlice<UInt8>, chunks: ArraySlice<Chunk>) throws -> Header {
        let fields = Array(data)
        let width = bigEndian(fields[0..<4]), height = bigEndian(fields[4..<8])
        let bitDepth = Int(fields[8]), colorType = fields[9]
        let depths: [UInt8: [Int]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
        guard let allowed = depths[colorType] else { throw damaged("unsupported PNG colour type \(colorType)") }
        guard allowed.contains(bitDepth) else {
            throw damaged("unsupported PNG bit depth \(bitDepth) for colour type \(colorType)")
        }
        guard width > 0, height > 0 else { throw damaged("damaged PNG: its size is \(width)×\(height)") }
        guard fields[10] == 0, fields[11] == 0 else { throw damaged("damaged PNG: unknown compression or filter method") }
        guard fields[12] == 0 else { throw damaged("unsupported PNG: interlaced images are not read") }
        var header = Header(width: width, height: height, bitDepth: bitDepth, colorType: colorType)
        // Both chunks come before the image data; an APNG's frames share them.
        let transparency = chunks.first { $0.type == "tRNS" }.map { Array($0.data) }
        if colorType == 3 {
            guard let plte = chunks.first(where: { $0.type == "PLTE" }).map({ Array($0.data) }),
                  plte.count % 3 == 0, !plte.isEmpty else { throw damaged("damaged PNG: a palette image without PLTE") }
            header.palette = stride(from: 0, to: plte.count, by: 3).map { k in
                RasterImage.Pixel(red: plte[k], green: plte[k + 1], blue: plte[k + 2],
                                  alpha: transparency.flatMap { k / 3 < $0.count ? $0[k / 3] : nil } ?? 255)
            }
        } else if let transparency, colorType == 0 || colorType == 2 {
            header.transparentKey = stride(from: 0, to: transparency.count - 1, by: 2).map {
                Int(transparency[$0]) << 8 | Int(transparency[$0 + 1])
            }
        }
        return header
    }

    /// Inflates, unfilters and converts one image's data (a still's or an APNG frame's).
    static func pixels(_ data: [UInt8], width: Int, height: Int, header: Header) throws -> [RasterImage.Pixel] {
        let rowBytes = header.rowBytes(width: width)
        var raw = [UInt8](repeating: 0, count: height * (rowBytes + 1))
        guard let decompressor = libdeflate_alloc_decompressor() else { fatalError("libdeflate: out of memory") }
        defer { libdeflate_free_decompressor(decompressor) }
        var produced = 0
        let result = data.withUnsafeBytes { input in
            raw.withUnsafeMutableBytes { output in
                libdeflate_zlib_decompress(decompressor, input.baseAddress, input.count,
                                           output.baseAddress, output.count, &produced)
            }
        }
        guard result == LIBDEFLATE_SUCCESS, produced == raw.count else {
            throw damaged("damaged PNG: the image data does not inflate to \(width)×\(height) pixels")
        }
        try unfilter(&raw, rowBytes: rowBytes, height: height, bytesPerPixel: max(1, header.bitsPerPixel / 8))
        var pixels = [RasterImage.Pixel](repeating: RasterImage.Pixel(red: 0, green: 0, blue: 0), count: width * height)
        // 8-bit RGB and RGBA, all that this package writes, take a direct path: --check reads every frame.
        let direct = header.bitDepth == 8 && header.transparentKey == nil && (header.colorType == 2 || header.colorType == 6)
        let channels = header.channels
        raw.withUnsafeBufferPointer { raw in
            for y in 0..<height {
                let row = raw.baseAddress! + y * (rowBytes + 1) + 1
                if direct {
                    for x in 0..<width {
                        let p = row + x * channels
                        pixels[y * width + x] = RasterImage.Pixel(red: p[0], green: p[1], blue: p[2],
                                                                  alpha: channels == 4 ? p[3] : 255)
                    }
                } else {
                    for x in 0..<width { pixels[y * width + x] = pixel(x, in: row, header: header) }
                }
            }
        }
        return pixels
    }

    /// Undoes each row's filter in place: its bytes were predicted from the row above and the pixel to the left.
    private static func unfilter(_ raw: inout [UInt8], rowBytes: Int, height: Int, bytesPerPixel: Int) throws {
        try raw.withUnsafeMutableBufferPointer { raw in
            for y in 0..<height {
                let row = raw.baseAddress! + y * (rowBytes + 1) + 1
                let above = y > 0 ? UnsafePointer(row - rowBytes - 1) : nil
                let filter = row[-1]
                guard filter <= 4 else { throw damaged("damaged PNG: unknown row filter \(filter) in row \(y)") }
                if filter == 0 || (filter == 2 && above == nil) { continue }
                for i in 0..<rowBytes {
                    let a = i >= bytesPerPixel ? Int(row[i - bytesPerPixel]) : 0
                    let b = above.map { Int($0[i]) } ?? 0
                    let c = i >= bytesPerPixel ? above.map { Int($0[i - bytesPerPixel]) } ?? 0 : 0
                    let predictor: Int
                    switch filter {
                    case 1: predictor = a
                    case 2: predictor = b
                    case 3: predictor = (a + b) / 2
                    default:
                        let p = a + b - c
                        let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                        predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                    }
                    row[i] = row[i] &+ UInt8(truncatingIfNeeded: predictor)
                }
            }
        }
    }

    /// Pixel `x` of an unfiltered row as straight 8-bit RGBA.
    @inline(__always)
    private static func pixel(_ x: Int, in row: UnsafePointer<UInt8>, header: Header) -> RasterImage.Pixel {
        let depth = header.bitDepth
        /// Sample `k` of the pixel at its full depth.
        func sample(_ k: Int) -> Int {
            let bit = (x * header.channels + k) * depth
            switch depth {
            case 16: return Int(row[bit / 8]) << 8 | Int(row[bit / 8 + 1])
            case 8: return Int(row[bit / 8])
            default: return Int(row[bit / 8]) >> (8 - depth - bit % 8) & (1 << depth - 1)
            }
        }
        /// A sample scaled to 8 bits: 16-bit keeps its high byte, 1- to 4-bit greys stretch to 0...255.
        func byte(_ k: Int) -> UInt8 {
            let v = sample(k)
            return UInt8(depth >= 8 ? v >> (depth - 8) : v * 255 / (1 << depth - 1))
        }
        switch header.colorType {
        case 3:
            let index = sample(0)
            // An index past the palette is an error in the file; libpng shows it black, as here.
            return index < header.palette.count ? header.palette[index] : RasterImage.Pixel(red: 0, green: 0, blue: 0)
        case 0:
            let alpha: UInt8 = header.transparentKey?.first == sample(0) ? 0 : 255
            return RasterImage.Pixel(red: byte(0), green: byte(0), blue: byte(0), alpha: alpha)
        case 4: return RasterImage.Pixel(red: byte(0), green: byte(0), blue: byte(0), alpha: byte(1))
        case 2:
            let alpha: UInt8 = header.transparentKey == [sample(0), sample(1), sample(2)] ? 0 : 255
            return RasterImage.Pixel(red: byte(0), green: byte(1), blue: byte(2), alpha: alpha)
        default: return RasterImage.Pixel(red: byte(0), green: byte(1), blue: byte(2), alpha: byte(3))
        }
    }

    private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> Int { bytes.reduce(0) { $0 << 8 | Int($1) } }

    static func damaged(_ reason: String) -> PlottingError { .invalidImage(reason) }
}

import CDeflate
import Glibc
import Parallel

/// Animated PNG (APNG): the chunks that turn a PNG into frames, written and read.
///
/// The writer stores a still (what viewers without APNG support show) as the IDAT image, outside
/// the animation, then every frame as a `fcTL` and one `fdAT` holding only the rectangle that
/// changed since the frame before. The reader composes any APNG that ``PNGDecoder`` reads as a
/// viewer would, with every dispose and blend operation, so that `--check` can compare an
/// animation frame by frame.
public enum AnimatedPNG {
    /// One frame as a viewer shows it: the whole canvas, and how long it stays.
    public struct Frame: Sendable, Equatable {
        public var image: RasterImage
        public var milliseconds: Double
    }

    /// A rectangle of the canvas, in pixels.
    struct Region: Equatable {
        var x, y, width, height: Int
    }

    // MARK: - Writing

    /// An APNG of `milliseconds.count` opaque frames, each drawn by `render` as `0x··RRGGBB` pixels
    /// (Cairo's RGB24), row-major, into a zeroed buffer of `width × height`; `still` is the frame shown by
    /// viewers that do not play animations.
    ///
    /// After the first, a frame holds the rectangle that changed, with its unchanged pixels
    /// transparent and blended over the frame before: runs of zero bytes that take next to no room
    /// (though libdeflate reads them at about 2 ms a megabyte). Every core draws and compresses
    /// (``FrameSchedule``): a frame is compressed as soon as it and the one before are drawn, and its pixels go back to a pool once no compression needs them, so
    /// that no core waits for a step of others to end, memory stays bounded, and the same few buffers
    /// serve every frame instead of fresh memory that the kernel must clear for each. At most about
    /// `heldPixels` are held (8 million: 13 frames of 1280×480, 32 MB), and at least three frames.
    static func encode(milliseconds: [Int], width: Int, height: Int, still: Int, level: Int32, heldPixels: Int = 8_000_000,
                       render: @Sendable (Int, UnsafeMutableBufferPointer<UInt32>) throws -> Void) throws -> [UInt8] {
        precondition(milliseconds.indices.contains(still), "AnimatedPNG needs a still among its frames")
        let whole = Region(x: 0, y: 0, width: width, height: height)
        let schedule = FrameSchedule(frames: milliseconds.count, still: still, pixels: width * height,
                                     buffers: max(3, heldPixels / (width * height)))
        defer { schedule.deallocate() }
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        _ = ParallelMap.map(0..<min(cores, milliseconds.count)) { _ in
            let deflater = Deflater(level: level)
            while let job = schedule.next() {
                switch job {
                case .draw(let k, let pixels):
                    pixels.initialize(repeating: 0)
                    do { try render(k, pixels) } catch { return schedule.fail(error) }
                    schedule.finish(job, with: .drawn)
                case .still(let pixels):
                    let data = imageData(UnsafeBufferPointer(pixels), nil, width: width, region: whole, deflater: deflater)
                    schedule.finish(job, with: .compressed(whole, data))
                case .frame(_, let previous, let pixels):
                    let region = previous.map { changedRegion(from: UnsafeBufferPointer($0), to: UnsafeBufferPointer(pixels),
                                                              width: width, height: height) } ?? whole
                    let data = imageData(UnsafeBufferPointer(pixels), previous.map(UnsafeBufferPointer.init), width: width,
                                         region: region, deflater: deflater)
                    schedule.finish(job, with: .compressed(region, data))
                }
            }
        }
        let (frames, stillData) = try schedule.results()
        var file = PNGEncoder.signature
        PNGEncoder.appendChunk("IHDR", PNGEncoder.header(width: width, height: height, rgba: true), to: &file)
        PNGEncoder.appendChunk("acTL", bigEndian(milliseconds.count) + bigEndian(0), to: &file)  // 0 plays: loop forever
        // The still comes first, though it is drawn with the others: viewers read it before the frames.
        PNGEncoder.appendChunk("IDAT", stillData, to: &file)
        for (k, (region, data)) in frames.enumerated() {
            // The delay as a fraction of a second; dispose 0 (none); blend 0 (source) or 1 (over).
            let control = bigEndian(2 * k) + bigEndian(region.width) + bigEndian(region.height)
                + bigEndian(region.x) + bigEndian(region.y) + bigEndian16(milliseconds[k]) + bigEndian16(1000)
                + [0, k == 0 ? 0 : 1]
            PNGEncoder.appendChunk("fcTL", control, to: &file)
            PNGEncoder.appendChunk("fdAT", bigEndian(2 * k + 1) + data, to: &file)
        }
        PNGEncoder.appendChunk("IEND", [], to: &file)
        return file
    }

    /// The smallest rectangle holding every pixel that differs between two frames; one pixel
    /// when they are the same (a frame cannot be empty).
    static func changedRegion(from previous: UnsafeBufferPointer<UInt32>, to current: UnsafeBufferPointer<UInt32>,
                              width: Int, height: Int) -> Region {
        var top = height, bottom = -1, left = width, right = -1
        for y in 0..<height {
            let before = previous.baseAddress! + y * width, after = current.baseAddress! + y * width
            // Most rows of a chart are the same bytes, undefined ones too: memcmp's wide compares pass them
            // at a fraction of the cost of the pixel loop, which finds only the rows' ends.
            if memcmp(before, after, 4 * width) == 0 { continue }
            var first = 0
            while first < width, same(before[first], after[first]) { first += 1 }
            guard first < width else { continue }
            var last = width - 1
            while same(before[last], after[last]) { last -= 1 }
            top = min(top, y)
            bottom = y
            left = min(left, first)
            right = max(right, last)
        }
        guard bottom >= 0 else { return Region(x: 0, y: 0, width: 1, height: 1) }
        return Region(x: left, y: top, width: right - left + 1, height: bottom - top + 1)
    }

    /// Whether two RGB24 pixels show the same colour; Cairo leaves the top byte undefined.
    @inline(__always)
    private static func same(_ a: UInt32, _ b: UInt32) -> Bool { (a ^ b) & 0xFF_FFFF == 0 }

    /// The rectangle's rows as RGBA image data: opaque, or transparent where `previous` shows the same colour.
    private static func imageData(_ pixels: UnsafeBufferPointer<UInt32>, _ previous: UnsafeBufferPointer<UInt32>?,
                                  width: Int, region: Region, deflater: Deflater) -> [UInt8] {
        let rowBytes = 1 + 4 * region.width
        // Every byte is written below, and the rows are compressed and dropped: no zeroing.
        let rows = deflater.scratch(byteCount: rowBytes * region.height)
        // Without a frame before, each pixel is compared with itself inverted, which never shows the same colour:
        // one loop, with no branch in it.
        let (previous, inverted): (UnsafeBufferPointer<UInt32>, UInt32) = previous.map { ($0, 0) } ?? (pixels, .max)
        // R, G, B, 255 from low to high byte, so a little-endian store puts them in file order; zero where the
        // colour is the one before. The same per pixel on four lanes: a quarter of the instructions.
        @inline(__always) func shown<Lanes: SIMD<UInt32>>(_ pixel: Lanes, _ previous: Lanes) -> Lanes {
            let rgba = (pixel &>> 16) & 0xFF | pixel & 0xFF00 | (pixel & 0xFF) &<< 16 | 0xFF00_0000
            return rgba.replacing(with: 0, where: (previous ^ inverted ^ pixel) & 0xFF_FFFF .== 0)
        }
        let (pixelBytes, previousBytes) = (UnsafeRawPointer(pixels.baseAddress!), UnsafeRawPointer(previous.baseAddress!))
        for y in 0..<region.height {
            let source = (region.y + y) * width + region.x
            let row = rows.baseAddress! + y * rowBytes
            row.storeBytes(of: 0, as: UInt8.self)  // filter 0 (none)
            var x = 0
            #if _endian(little)
            while x + 4 <= region.width {
                let lanes = shown(pixelBytes.loadUnaligned(fromByteOffset: 4 * (source + x), as: SIMD4<UInt32>.self),
                                  previousBytes.loadUnaligned(fromByteOffset: 4 * (source + x), as: SIMD4<UInt32>.self))
                row.storeBytes(of: lanes, toByteOffset: 1 + 4 * x, as: SIMD4<UInt32>.self)
                x += 4
            }
            #endif
            // The rest one at a time, on one lane of two.
            while x < region.width {
                let lane = shown(SIMD2(pixels[source + x], 0), SIMD2(previous[source + x], 0))[0]
                row.storeBytes(of: lane.littleEndian, toByteOffset: 1 + 4 * x, as: UInt32.self)
                x += 1
            }
        }
        return deflater.compressed(UnsafeRawBufferPointer(rows))
    }

    private static func bigEndian(_ value: Int) -> [UInt8] {
        withUnsafeBytes(of: UInt32(value).bigEndian, Array.init)
    }

    private static func bigEndian16(_ value: Int) -> [UInt8] {
        withUnsafeBytes(of: UInt16(value).bigEndian, Array.init)
    }

    // MARK: - Reading

    /// The frames of an APNG as a viewer composes them, or nil for a PNG that is not animated.
    ///
    /// - Throws: ``PlottingError/invalidImage(_:)`` naming what is wrong: a damaged file, a broken
    ///   frame sequence, or a layout ``PNGDecoder`` does not read (interlaced).
    public static func frames(of bytes: [UInt8]) throws -> [Frame]? {
        let (header, chunks) = try PNGDecoder.chunks(of: bytes)
        var controls: [(region: Region, milliseconds: Double, dispose: UInt8, blend: UInt8)] = []
        var data: [[UInt8]] = []
        var animated = false
        // IDAT belongs to the animation only when a frame control comes before it.
        var idatIsFrame = false, seenImageData = false
        var sequence = 0
        for chunk in chunks {
            let (type, chunk) = (chunk.type, Array(chunk.data))
            func read(_ offset: Int, _ count: Int) -> Int {
                chunk[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) }
            }
            func checkSequence() throws {
                guard chunk.count >= 4, read(0, 4) == sequence else { throw invalid("\(type) out of sequence") }
                sequence += 1
            }
            switch type {
            case "acTL": animated = true
            case "fcTL":
                try checkSequence()
                guard chunk.count == 26 else { throw invalid("fcTL of \(chunk.count) bytes") }
                let region = Region(x: read(12, 4), y: read(16, 4), width: read(4, 4), height: read(8, 4))
                guard region.width > 0, region.height > 0, region.x + region.width <= header.width,
                      region.y + region.height <= header.height, chunk[24] <= 2, chunk[25] <= 1
                else { throw invalid("a frame outside the canvas or with unknown operations") }
                let denominator = read(22, 2)
                controls.append((region, 1000 * Double(read(20, 2)) / Double(denominator == 0 ? 100 : denominator),
                                 chunk[24], chunk[25]))
                if data.isEmpty, !seenImageData { idatIsFrame = true }
                data.append([])
            case "IDAT":
                seenImageData = true
                if idatIsFrame { data[0] += chunk }
            case "fdAT":
                try checkSequence()
                guard !data.isEmpty else { throw invalid("fdAT before fcTL") }
                data[data.count - 1] += chunk.dropFirst(4)
            default: break
            }
        }
        guard animated else { return nil }
        guard !controls.isEmpty else { throw invalid("acTL without frames") }
        var canvas = [RasterImage.Pixel](repeating: RasterImage.Pixel(red: 0, green: 0, blue: 0, alpha: 0),
                                         count: header.width * header.height)
        var frames: [Frame] = []
        for (k, control) in controls.enumerated() {
            let region = control.region
            let pixels = try PNGDecoder.pixels(data[k], width: region.width, height: region.height, header: header)
            let saved = control.dispose == 2 ? canvas : nil
            canvas.withUnsafeMutableBufferPointer { canvas in
                pixels.withUnsafeBufferPointer { pixels in
                    for y in 0..<region.height {
                        let target = canvas.baseAddress! + (region.y + y) * header.width + region.x
                        let source = pixels.baseAddress! + y * region.width
                        if control.blend == 0 {
                            target.update(from: source, count: region.width)
                        } else {
                            for x in 0..<region.width { target[x] = over(source[x], target[x]) }
                        }
                    }
                }
            }
            frames.append(Frame(image: RasterImage(width: header.width, height: header.height, pixels: canvas),
                                milliseconds: control.milliseconds))
            if let saved, k > 0 {
                canvas = saved
            } else if control.dispose != 0 {
                // The first frame's "previous" is the empty canvas, as for "background".
                for y in region.y..<region.y + region.height {
                    for x in region.x..<region.x + region.width {
                        canvas[y * header.width + x] = RasterImage.Pixel(red: 0, green: 0, blue: 0, alpha: 0)
                    }
                }
            }
        }
        return frames
    }

    /// `source` composited over `destination`, both with straight alpha (APNG's APNG_BLEND_OP_OVER).
    private static func over(_ source: RasterImage.Pixel, _ destination: RasterImage.Pixel) -> RasterImage.Pixel {
        if source.alpha == 255 || destination.alpha == 0 { return source }
        if source.alpha == 0 { return destination }
        let sa = Double(source.alpha) / 255, da = Double(destination.alpha) / 255
        let alpha = sa + da * (1 - sa)
        func channel(_ s: UInt8, _ d: UInt8) -> UInt8 {
            UInt8(((Double(s) * sa + Double(d) * da * (1 - sa)) / alpha).rounded())
        }
        return RasterImage.Pixel(red: channel(source.red, destination.red), green: channel(source.green, destination.green),
                                 blue: channel(source.blue, destination.blue), alpha: UInt8((alpha * 255).rounded()))
    }

    private static func invalid(_ reason: String) -> PlottingError { .invalidImage("APNG: \(reason)") }
}

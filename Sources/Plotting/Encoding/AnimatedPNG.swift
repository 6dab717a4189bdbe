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
    /// (Cairo's RGB24), row-major; `still` is the frame shown by viewers that do not play animations.
    ///
    /// After the first, a frame holds the rectangle that changed, with its unchanged pixels
    /// transparent and blended over the frame before: runs of zero bytes that cost next to
    /// nothing. Frames are drawn and compressed on every core, a window at a time so that memory
    /// stays bounded: one window is compressed while the next is drawn, so that neither waits for
    /// the slowest frame of the other, and the still (a whole frame) starts first, being the longest.
    static func encode(milliseconds: [Int], width: Int, height: Int, still: Int, level: Int32,
                       render: @Sendable (Int) throws -> [UInt32]) throws -> [UInt8] {
        precondition(milliseconds.indices.contains(still), "AnimatedPNG needs a still among its frames")
        let whole = Region(x: 0, y: 0, width: width, height: height)
        // At most about 8 million pixels a window, two windows held at once: 26 frames of 1280×480 (64 MB). The
        // windows are of even sizes, so that the last step, which only compresses, is no short one left alone.
        let widest = max(2, min(16, 8_000_000 / (width * height)))
        let count = (milliseconds.count + widest - 1) / widest
        let windows = (0..<count).map { milliseconds.count * $0 / count..<milliseconds.count * ($0 + 1) / count }
        var frames: [UInt8] = [], stillData: [UInt8] = []
        var drawn: [UInt32]? = nil, pixels: [[UInt32]] = []  // the frame before the window, and the window's
        var sequence = 0
        for step in 0...windows.count {
            let compressing = step > 0 ? windows[step - 1] : 0..<0, drawing = step < windows.count ? windows[step] : 0..<0
            // The still has its own job only when it has a frame before it; otherwise its data is its frame's.
            let jobs = (compressing.contains(still) && still > 0 ? [Job.still] : [])
                + compressing.map(Job.frame) + drawing.map(Job.draw)
            // Constant copies: the workers may not capture the loop's variables.
            let (window, before) = (pixels, drawn)
            let done = try ParallelMap.map(jobs.indices) { j throws -> Done in
                func frame(_ k: Int) -> [UInt32] { window[k - compressing.lowerBound] }
                switch jobs[j] {
                case .still:
                    return .still(imageData(frame(still), nil, width: width, region: whole, level: level))
                case .frame(let k):
                    let previous = k == compressing.lowerBound ? before : frame(k - 1)
                    let region = previous.map { changedRegion(from: $0, to: frame(k), width: width, height: height) } ?? whole
                    return .frame(region, imageData(frame(k), previous, width: width, region: region, level: level))
                case .draw(let k):
                    return .drawn(try render(k))
                }
            }
            drawn = pixels.last ?? drawn
            pixels = []
            for (job, result) in zip(jobs, done) {
                switch (job, result) {
                case (.still, .still(let data)):
                    stillData = data
                case (.frame(let k), .frame(let region, let data)):
                    // The delay as a fraction of a second; dispose 0 (none); blend 0 (source) or 1 (over).
                    let control = bigEndian(sequence) + bigEndian(region.width) + bigEndian(region.height)
                        + bigEndian(region.x) + bigEndian(region.y) + bigEndian16(milliseconds[k]) + bigEndian16(1000)
                        + [0, k == 0 ? 0 : 1]
                    PNGEncoder.appendChunk("fcTL", control, to: &frames)
                    PNGEncoder.appendChunk("fdAT", bigEndian(sequence + 1) + data, to: &frames)
                    sequence += 2
                    if k == 0, still == 0 { stillData = data }
                case (.draw, .drawn(let frame)):
                    pixels.append(frame)
                default:
                    preconditionFailure("AnimatedPNG: a job's result of another kind")
                }
            }
        }
        var file = PNGEncoder.signature
        PNGEncoder.appendChunk("IHDR", PNGEncoder.header(width: width, height: height, rgba: true), to: &file)
        PNGEncoder.appendChunk("acTL", bigEndian(milliseconds.count) + bigEndian(0), to: &file)  // 0 plays: loop forever
        // The still comes first, though it is drawn with the others: viewers read it before the frames.
        PNGEncoder.appendChunk("IDAT", stillData, to: &file)
        file += frames
        PNGEncoder.appendChunk("IEND", [], to: &file)
        return file
    }

    /// A piece of ``encode(milliseconds:width:height:still:level:render:)``'s work, run on any core.
    private enum Job {
        /// The still as a whole opaque frame.
        case still
        /// A frame's changed rectangle, compressed.
        case frame(Int)
        /// A frame's pixels.
        case draw(Int)
    }

    /// What a ``Job`` made.
    private enum Done: Sendable {
        case still([UInt8])
        case frame(Region, [UInt8])
        case drawn([UInt32])
    }

    /// The smallest rectangle holding every pixel that differs between two frames; one pixel
    /// when they are the same (a frame cannot be empty).
    static func changedRegion(from previous: [UInt32], to current: [UInt32], width: Int, height: Int) -> Region {
        var top = height, bottom = -1, left = width, right = -1
        previous.withUnsafeBufferPointer { previous in
            current.withUnsafeBufferPointer { current in
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
            }
        }
        guard bottom >= 0 else { return Region(x: 0, y: 0, width: 1, height: 1) }
        return Region(x: left, y: top, width: right - left + 1, height: bottom - top + 1)
    }

    /// Whether two RGB24 pixels show the same colour; Cairo leaves the top byte undefined.
    @inline(__always)
    private static func same(_ a: UInt32, _ b: UInt32) -> Bool { (a ^ b) & 0xFF_FFFF == 0 }

    /// The rectangle's rows as RGBA image data: opaque, or transparent where `previous` shows the same colour.
    private static func imageData(_ pixels: [UInt32], _ previous: [UInt32]?, width: Int, region: Region,
                                  level: Int32) -> [UInt8] {
        let rowBytes = 1 + 4 * region.width
        // Every byte is written below, and the rows are compressed and dropped: no zeroing, no array.
        let rows = UnsafeMutableRawBufferPointer.allocate(byteCount: rowBytes * region.height, alignment: 4)
        defer { rows.deallocate() }
        // Without a frame before, each pixel is compared with itself inverted, which never shows the same colour:
        // one loop, with no branch in it.
        func fill(_ pixels: UnsafeBufferPointer<UInt32>, _ previous: UnsafeBufferPointer<UInt32>, inverted: UInt32) {
            for y in 0..<region.height {
                let source = (region.y + y) * width + region.x
                let row = rows.baseAddress! + y * rowBytes
                row.storeBytes(of: 0, as: UInt8.self)  // filter 0 (none)
                for x in 0..<region.width {
                    let pixel = pixels[source + x]
                    // R, G, B, 255 from low to high byte, so a little-endian store puts them in file order.
                    let rgba = (pixel >> 16) & 0xFF | pixel & 0xFF00 | (pixel & 0xFF) << 16 | 0xFF00_0000
                    let shown = same(previous[source + x] ^ inverted, pixel) ? 0 : rgba
                    row.storeBytes(of: shown.littleEndian, toByteOffset: 1 + 4 * x, as: UInt32.self)
                }
            }
        }
        pixels.withUnsafeBufferPointer { pixels in
            if let previous {
                previous.withUnsafeBufferPointer { fill(pixels, $0, inverted: 0) }
            } else {
                fill(pixels, pixels, inverted: .max)
            }
        }
        return PNGEncoder.compressed(UnsafeRawBufferPointer(rows), level: level)
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

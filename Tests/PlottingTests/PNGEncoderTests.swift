import CCairo
import Foundation
import Testing
@testable import Plotting

/// A Cairo image surface owned by a test, filled from a closure of premultiplied `0xAARRGGBB` words.
final class TestSurface {
    let surface: OpaquePointer
    let width: Int
    let height: Int
    let hasAlpha: Bool

    init(width: Int, height: Int, hasAlpha: Bool, pixel: (Int, Int) -> UInt32) {
        self.width = width
        self.height = height
        self.hasAlpha = hasAlpha
        surface = cairo_image_surface_create(hasAlpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                             Int32(width), Int32(height))
        cairo_surface_flush(surface)
        let data = cairo_image_surface_get_data(surface)!
        let stride = Int(cairo_image_surface_get_stride(surface))
        for y in 0..<height {
            let row = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width { row[x] = pixel(x, y) }
        }
        cairo_surface_mark_dirty(surface)
    }

    /// A surface with a figure drawn on it the way `Figure.render` draws a PNG at scale 1.
    convenience init(figure: Figure, width: Int = 640, height: Int = 480) throws {
        self.init(width: width, height: height, hasAlpha: false) { _, _ in 0 }
        let context = cairo_create(surface)!
        defer { cairo_destroy(context) }
        let backend = CairoBackend(context: context, font: try Font.load(path: Font.dejaVuSansPath), fillsStrokes: true)
        figure.draw(on: backend, width: Double(width), height: Double(height))
        try backend.checkStatus()
        cairo_surface_flush(surface)
    }

    deinit { cairo_surface_destroy(surface) }

    /// The words as stored; RGB24's unused top byte is replaced by 0xFF.
    var words: [UInt32] {
        let data = cairo_image_surface_get_data(surface)!
        let stride = Int(cairo_image_surface_get_stride(surface))
        return (0..<height).flatMap { y in
            let row = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            return (0..<width).map { x in hasAlpha ? row[x] : row[x] | 0xFF00_0000 }
        }
    }
}

/// A PNG decoded by libpng through Cairo's reader: an outside reference for our encoder.
struct DecodedPNG {
    let width: Int
    let height: Int
    let hasAlpha: Bool
    /// Premultiplied `0xAARRGGBB`, with alpha 0xFF for RGB files.
    let words: [UInt32]

    init(_ bytes: [UInt8]) throws {
        final class Reader {
            let bytes: [UInt8]
            var offset = 0
            init(_ bytes: [UInt8]) { self.bytes = bytes }
        }
        let reader = Reader(bytes)
        let surface = cairo_image_surface_create_from_png_stream({ closure, data, length in
            let reader = Unmanaged<Reader>.fromOpaque(closure!).takeUnretainedValue()
            guard reader.offset + Int(length) <= reader.bytes.count else { return CAIRO_STATUS_READ_ERROR }
            for k in 0..<Int(length) { data![k] = reader.bytes[reader.offset + k] }
            reader.offset += Int(length)
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(reader).toOpaque())!
        defer { cairo_surface_destroy(surface) }
        try withExtendedLifetime(reader) {
            try PlottingError.check(cairo_surface_status(surface), "decoding")
        }
        let width = Int(cairo_image_surface_get_width(surface))
        let alpha = cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32
        self.width = width
        height = Int(cairo_image_surface_get_height(surface))
        hasAlpha = alpha
        let data = cairo_image_surface_get_data(surface)!
        let stride = Int(cairo_image_surface_get_stride(surface))
        words = (0..<height).flatMap { y in
            let row = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            return (0..<width).map { x in alpha ? row[x] : row[x] | 0xFF00_0000 }
        }
    }
}

/// The chunk types of a PNG file, in order.
func chunkTypes(_ png: [UInt8]) -> [String] {
    var types: [String] = []
    var offset = 8
    while offset + 12 <= png.count {
        let length = png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
        types.append(String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self))
        offset += 12 + length
    }
    return types
}

/// Premultiplies a straight colour the way Cairo does, so that test pixels are valid ARGB32.
func premultiplied(_ r: Int, _ g: Int, _ b: Int, alpha a: Int) -> UInt32 {
    func p(_ c: Int) -> UInt32 { UInt32((c * a + 127) / 255) }
    return UInt32(a) << 24 | p(r) << 16 | p(g) << 8 | p(b)
}

@Suite("PNG encoder")
struct PNGEncoderTests {
    /// Encodes with our encoder, decodes with libpng and expects the same pixels, and the
    /// colour type that the pixels call for.
    func expectRoundTrip(_ image: TestSurface, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let png = try PNGEncoder.encode(surface: image.surface)
        #expect(chunkTypes(png) == ["IHDR", "IDAT", "IEND"], sourceLocation: sourceLocation)
        let decoded = try DecodedPNG(png)
        let source = image.words
        let opaque = source.allSatisfy { $0 >> 24 == 0xFF }
        #expect(decoded.width == image.width && decoded.height == image.height, sourceLocation: sourceLocation)
        #expect(png[25] == (opaque ? 2 : 6), "colour type", sourceLocation: sourceLocation)
        #expect(decoded.hasAlpha == !opaque, sourceLocation: sourceLocation)
        try #require(decoded.words.count == source.count, sourceLocation: sourceLocation)
        let mismatch = source.indices.first { source[$0] != decoded.words[$0] }
        #expect(mismatch == nil, "first differing pixel \(mismatch.map { "(\($0 % image.width), \($0 / image.width))" } ?? "")",
                sourceLocation: sourceLocation)
    }

    static let sizes: [(Int, Int)] = [(1, 1), (2, 1), (1, 2), (3, 3), (5, 7), (17, 9), (331, 13), (320, 240)]

    @Test("random noise round-trips through libpng, opaque and translucent", arguments: sizes)
    func noise(size: (Int, Int)) throws {
        var rng = SplitMix64(seed: UInt64(size.0 * 1000 + size.1))
        try expectRoundTrip(TestSurface(width: size.0, height: size.1, hasAlpha: false) { _, _ in
            UInt32.random(in: 0...UInt32.max, using: &rng)  // RGB24 ignores the top byte, so it may be junk
        })
        try expectRoundTrip(TestSurface(width: size.0, height: size.1, hasAlpha: true) { _, _ in
            premultiplied(.random(in: 0...255, using: &rng), .random(in: 0...255, using: &rng),
                          .random(in: 0...255, using: &rng), alpha: .random(in: 0...255, using: &rng))
        })
    }

    @Test("flat colour, gradients and sparse detail round-trip", arguments: sizes)
    func smooth(size: (Int, Int)) throws {
        let (w, h) = size
        try expectRoundTrip(TestSurface(width: w, height: h, hasAlpha: false) { _, _ in 0xFFFF_FFFF })
        try expectRoundTrip(TestSurface(width: w, height: h, hasAlpha: true) { _, _ in 0x8040_2010 })
        try expectRoundTrip(TestSurface(width: w, height: h, hasAlpha: false) { x, y in
            UInt32(x * 255 / max(1, w - 1)) << 16 | UInt32(y * 255 / max(1, h - 1)) << 8 | UInt32((x + y) & 0xFF)
        })
        try expectRoundTrip(TestSurface(width: w, height: h, hasAlpha: true) { x, y in
            let dx = Double(x - w / 2), dy = Double(y - h / 2)
            let a = Int(255 * max(0, 1 - (dx * dx + dy * dy).squareRoot() / Double(max(w, h))))
            return premultiplied(x & 0xFF, 200, y & 0xFF, alpha: a)
        })
        // Mostly white with a few dark specks, like a chart's background and lines.
        try expectRoundTrip(TestSurface(width: w, height: h, hasAlpha: false) { x, y in
            (x * 7 + y * 13) % 97 == 0 ? 0xFF10_2030 : 0xFFFF_FFFF
        })
    }

    @Test("real charts round-trip, and Figure.render writes the same pixels", arguments: GoldenCase.all)
    func charts(golden: GoldenCase) throws {
        let image = try TestSurface(figure: golden.figure())
        try expectRoundTrip(image)
        let rendered = try DecodedPNG(golden.figure().render(RenderSettings()))
        let identical = rendered.words == image.words
        #expect(identical)
        // RasterImage's decoder (libpng as well) sees the same opaque pixels.
        let raster = try RasterImage(png: golden.figure().render(RenderSettings()))
        let expected = image.words.map {
            RasterImage.Pixel(red: UInt8($0 >> 16 & 0xFF), green: UInt8($0 >> 8 & 0xFF), blue: UInt8($0 & 0xFF))
        }
        #expect(raster.pixels == expected)
    }

    @Test("RasterImage.pngData round-trips through RasterImage(png:)")
    func rasterImage() throws {
        var rng = SplitMix64(seed: 9)
        let pixels = (0..<(37 * 21)).map { _ in
            RasterImage.Pixel(red: .random(in: 0...255, using: &rng), green: .random(in: 0...255, using: &rng),
                              blue: .random(in: 0...255, using: &rng))
        }
        let image = RasterImage(width: 37, height: 21, pixels: pixels)
        #expect(try RasterImage(png: image.pngData()) == image)
    }

    @Test("the same pixels give the same bytes")
    func deterministic() throws {
        let figure = GoldenCase.all[0].figure()
        #expect(try figure.render(RenderSettings()) == figure.render(RenderSettings()))
        let image = TestSurface(width: 123, height: 45, hasAlpha: true) { x, y in premultiplied(x, y, 7, alpha: (x * y) & 0xFF) }
        #expect(try PNGEncoder.encode(surface: image.surface) == PNGEncoder.encode(surface: image.surface))
    }

    @Test("charts compress to no more than half again libpng's size")
    func size() throws {
        // The sizes of the golden files, which Cairo wrote through libpng (zlib level 6,
        // adaptive filters).
        let limits = ["field-contour-colorbar": 70_372, "grid": 27_250, "line": 16_688,
                      "log-line": 25_231, "scatter-legend": 36_836]
        for golden in GoldenCase.all {
            guard let libpng = limits[golden.name] else { continue }
            let png = try golden.figure().render(RenderSettings())
            #expect(png.count <= libpng * 3 / 2, "\(golden.name): \(png.count) bytes")
        }
    }

    @Test("a surface in an error state throws PlottingError")
    func errorSurface() throws {
        let invalid = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, -1, -1)!
        defer { cairo_surface_destroy(invalid) }
        #expect(cairo_surface_status(invalid) != CAIRO_STATUS_SUCCESS)
        #expect(throws: PlottingError.self) { try PNGEncoder.encode(surface: invalid) }
    }

    @Test("a finished surface, a non-image surface and an alpha-only surface throw PlottingError")
    func unusableSurfaces() throws {
        let finished = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 4, 4)!
        defer { cairo_surface_destroy(finished) }
        cairo_surface_finish(finished)
        #expect(throws: PlottingError.self) { try PNGEncoder.encode(surface: finished) }

        let recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nil)!
        defer { cairo_surface_destroy(recording) }
        #expect(throws: PlottingError.self) { try PNGEncoder.encode(surface: recording) }

        let alphaOnly = cairo_image_surface_create(CAIRO_FORMAT_A8, 4, 4)!
        defer { cairo_surface_destroy(alphaOnly) }
        #expect(throws: PlottingError.self) { try PNGEncoder.encode(surface: alphaOnly) }
    }
}

import CCairo

/// A decoded RGBA image, for comparing rendered PNGs by their pixels (``PixelComparison``).
public struct RasterImage: Sendable, Equatable {
    /// One straight-alpha pixel with 8-bit components.
    public struct Pixel: Sendable, Equatable, Hashable {
        public var red: UInt8
        public var green: UInt8
        public var blue: UInt8
        public var alpha: UInt8

        public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
            self.red = red
            self.green = green
            self.blue = blue
            self.alpha = alpha
        }
    }

    public let width: Int
    public let height: Int
    /// Row-major from the top-left corner.
    public private(set) var pixels: [Pixel]

    public init(width: Int, height: Int, pixels: [Pixel]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height, "RasterImage needs width × height pixels")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Decodes PNG bytes with Cairo's PNG reader.
    public init(png bytes: [UInt8]) throws {
        /// The PNG bytes and how far Cairo has read them.
        final class Reader {
            let bytes: [UInt8]
            var offset = 0
            init(_ bytes: [UInt8]) { self.bytes = bytes }
        }
        let reader = Reader(bytes)
        let closure = Unmanaged.passUnretained(reader).toOpaque()
        guard let surface = cairo_image_surface_create_from_png_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
            let reader = Unmanaged<Reader>.fromOpaque(closure).takeUnretainedValue()
            let count = Int(length)
            guard reader.offset + count <= reader.bytes.count else { return CAIRO_STATUS_READ_ERROR }
            reader.bytes.withUnsafeBufferPointer { buffer in
                data.update(from: buffer.baseAddress! + reader.offset, count: count)
            }
            reader.offset += count
            return CAIRO_STATUS_SUCCESS
        }, closure) else {
            throw PlottingError.invalidImage("no surface")
        }
        defer { cairo_surface_destroy(surface) }
        let status = withExtendedLifetime(reader) { cairo_surface_status(surface) }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PlottingError.invalidImage(String(cString: cairo_status_to_string(status)))
        }
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let format = cairo_image_surface_get_format(surface)
        guard width > 0, height > 0, let data = cairo_image_surface_get_data(surface),
              format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24
        else { throw PlottingError.invalidImage("unsupported PNG layout") }
        let pixels = (0..<height).flatMap { row in
            let words = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            return (0..<width).map { column in
                let word = words[column], a = format == CAIRO_FORMAT_RGB24 ? 255 : word >> 24
                // Cairo stores premultiplied alpha; undo it for straight RGBA.
                func channel(_ shift: UInt32) -> UInt8 {
                    a == 0 ? 0 : UInt8(min(255, (((word >> shift) & 0xFF) * 255 + a / 2) / a))
                }
                return Pixel(red: channel(16), green: channel(8), blue: channel(0), alpha: UInt8(a))
            }
        }
        self.init(width: width, height: height, pixels: pixels)
    }

    public subscript(x: Int, y: Int) -> Pixel {
        get { pixels[index(x, y)] }
        set { pixels[index(x, y)] = newValue }
    }

    private func index(_ x: Int, _ y: Int) -> Int {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "RasterImage pixel (\(x), \(y)) out of bounds")
        return y * width + x
    }

    /// Encodes the image as PNG.
    public func pngData() throws -> [UInt8] {
        try PixelImage(width: width, height: height, pixels: pixels.map {
            UInt32($0.alpha) << 24 | UInt32($0.red) << 16 | UInt32($0.green) << 8 | UInt32($0.blue)
        }).withSurface(PNGEncoder.encode(surface:))
    }
}

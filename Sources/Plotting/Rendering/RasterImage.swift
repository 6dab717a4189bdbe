/// An image of straight-alpha 8-bit RGBA pixels: what a backend draws (a field's raster, a
/// colour bar), what ``PNGDecoder`` reads, and what ``PixelComparison`` compares.
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

        /// Transparent black, where an image shows nothing.
        public static let clear = Pixel(red: 0, green: 0, blue: 0, alpha: 0)
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

    /// Decodes PNG bytes.
    ///
    /// - Throws: ``PlottingError/invalidImage(_:)`` saying what is wrong: not a PNG, truncated,
    ///   a bad CRC in a named chunk, an unsupported colour type or bit depth, damaged image data.
    public init(png bytes: [UInt8]) throws {
        self = try PNGDecoder.image(bytes)
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
        try withSurface(PNGEncoder.encode(surface:))
    }
}

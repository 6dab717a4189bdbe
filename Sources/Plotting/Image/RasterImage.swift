/// An image of straight-alpha 8-bit RGBA pixels: what a backend draws (a field's raster, a
/// colour bar), what ``PNGDecoder`` reads, and what ``PixelComparison`` compares.
///
/// It stands apart from Model, Rendering and Encoding, which all use it, so that none of them
/// depends on another for it.
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

    public subscript(x: Int, y: Int) -> Pixel {
        get { pixels[index(x, y)] }
        set { pixels[index(x, y)] = newValue }
    }

    private func index(_ x: Int, _ y: Int) -> Int {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "RasterImage pixel (\(x), \(y)) out of bounds")
        return y * width + x
    }

    /// Writes the image as Cairo's ARGB32 words, premultiplied and native-endian, `stride` bytes a
    /// row: the one conversion that both a Cairo surface and the PNG encoder are fed.
    func writePremultiplied(to data: UnsafeMutableRawPointer, stride: Int) {
        pixels.withUnsafeBufferPointer { pixels in
            for row in 0..<height {
                let words = (data + row * stride).assumingMemoryBound(to: UInt32.self)
                for column in 0..<width {
                    let pixel = pixels[row * width + column], a = UInt32(pixel.alpha)
                    // Opaque pixels (a field's, most of an image's) premultiply to themselves.
                    guard a != 255 else {
                        words[column] = 0xFF00_0000 | UInt32(pixel.red) << 16 | UInt32(pixel.green) << 8 | UInt32(pixel.blue)
                        continue
                    }
                    func scaled(_ channel: UInt8) -> UInt32 { (UInt32(channel) * a + 127) / 255 }
                    words[column] = a << 24 | scaled(pixel.red) << 16 | scaled(pixel.green) << 8 | scaled(pixel.blue)
                }
            }
        }
    }
}

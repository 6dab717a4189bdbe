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
                let words = data + row * stride
                let line = pixels.baseAddress! + row * width
                func write(_ column: Int) {
                    let pixel = line[column], a = UInt32(pixel.alpha)
                    func scaled(_ channel: UInt8) -> UInt32 { (UInt32(channel) * a + 127) / 255 }
                    words.storeBytes(of: a << 24 | scaled(pixel.red) << 16 | scaled(pixel.green) << 8 | scaled(pixel.blue),
                                     toByteOffset: 4 * column, as: UInt32.self)
                }
                var column = 0
                #if _endian(little)
                // Opaque pixels (a field's, most of an image's) premultiply to themselves: four at a time, their bytes
                // R, G, B, A shuffled into the words' B, G, R, A.
                while column + 4 <= width {
                    let v = UnsafeRawPointer(line).loadUnaligned(fromByteOffset: 4 * column, as: SIMD16<UInt8>.self)
                    if v[3] & v[7] & v[11] & v[15] == 255 {
                        let shuffled = SIMD16<UInt8>(v[2], v[1], v[0], v[3], v[6], v[5], v[4], v[7],
                                                     v[10], v[9], v[8], v[11], v[14], v[13], v[12], v[15])
                        words.storeBytes(of: shuffled, toByteOffset: 4 * column, as: SIMD16<UInt8>.self)
                    } else {
                        for k in column..<column + 4 { write(k) }
                    }
                    column += 4
                }
                #endif
                for column in column..<width { write(column) }
            }
        }
    }
}

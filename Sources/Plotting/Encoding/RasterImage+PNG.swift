extension RasterImage {
    /// Decodes PNG bytes.
    ///
    /// - Throws: ``PlottingError/invalidImage(_:)`` saying what is wrong: not a PNG, truncated,
    ///   a bad CRC in a named chunk, an unsupported colour type or bit depth, damaged image data.
    public init(png bytes: [UInt8]) throws {
        self = try PNGDecoder.image(bytes)
    }

    /// Encodes the image as PNG: the same bytes as a Cairo surface of it would give, without Cairo.
    ///
    /// It no longer fails; it still `throws` so that callers written for the Cairo path compile unchanged.
    public func pngData() throws -> [UInt8] {
        var words = [UInt32](repeating: 0, count: width * height)
        words.withUnsafeMutableBytes { writePremultiplied(to: $0.baseAddress!, stride: 4 * width) }
        return words.withUnsafeBytes {
            PNGEncoder.encode(pixels: $0.baseAddress!, width: width, height: height, stride: 4 * width, hasAlpha: true)
        }
    }
}

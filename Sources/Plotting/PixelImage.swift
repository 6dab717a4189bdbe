/// A small raster of straight-alpha `0xAARRGGBB` pixels, row-major from the top-left corner.
public struct PixelImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt32]

    public init(width: Int, height: Int, pixels: [UInt32]) {
        precondition(width > 0 && height > 0, "PixelImage needs a positive size")
        precondition(pixels.count == width * height, "PixelImage needs width × height pixels")
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}

/// How two decoded images differ, pixel by pixel, in the terms of matplotlib's `compare_images`.
///
/// ``rms`` is the root-mean-square difference over the R, G and B channels on the 0–255 scale,
/// computed as matplotlib's `calculate_rms` does. A comparison passes a tolerance when the
/// images are identical (alpha included) or, for a tolerance above zero, when ``rms`` is at
/// most the tolerance; so tolerance 0 means exactly the same pixels.
public struct PixelComparison: Sendable, Equatable {
    /// The root-mean-square difference over R, G and B, 0–255.
    public let rms: Double
    /// How many pixels differ in any channel, alpha included.
    public let differingPixels: Int
    /// The pixels in each image.
    public let pixelCount: Int

    /// Compares two images of the same size; nil when their sizes differ.
    public init?(expected: RasterImage, actual: RasterImage) {
        guard expected.width == actual.width, expected.height == actual.height else { return nil }
        let differing = zip(expected.pixels, actual.pixels).filter { $0 != $1 }
        let sum = differing.reduce(0.0) { sum, pair in
            let (a, b) = pair
            let dr = Double(a.red) - Double(b.red), dg = Double(a.green) - Double(b.green)
            let db = Double(a.blue) - Double(b.blue)
            return sum + (dr * dr + dg * dg + db * db)
        }
        pixelCount = expected.pixels.count
        differingPixels = differing.count
        rms = (sum / Double(3 * pixelCount)).squareRoot()
    }

    /// Whether the images count as the same under `tolerance` (an RMS on 0–255; 0 for exact).
    public func passes(tolerance: Double) -> Bool {
        differingPixels == 0 || (tolerance > 0 && rms <= tolerance)
    }

    /// How much the difference image amplifies each channel's difference: matplotlib's factor.
    public static let differenceGain = 10

    /// The difference as an opaque image: each channel is |expected − actual| × 10, capped at
    /// 255, so identical pixels are black and small differences show (matplotlib's failed-diff).
    public static func differenceImage(expected: RasterImage, actual: RasterImage) -> RasterImage? {
        guard expected.width == actual.width, expected.height == actual.height else { return nil }
        func amplified(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8(min(255, differenceGain * abs(Int(x) - Int(y))))
        }
        let pixels = zip(expected.pixels, actual.pixels).map { a, b in
            RasterImage.Pixel(red: amplified(a.red, b.red), green: amplified(a.green, b.green),
                              blue: amplified(a.blue, b.blue))
        }
        return RasterImage(width: expected.width, height: expected.height, pixels: pixels)
    }
}

import Foundation
import Testing
@testable import Plotting

@Suite("Pixel comparison")
struct PixelComparisonTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Comparison")

    static func fixture(_ name: String) throws -> RasterImage {
        try RasterImage(png: [UInt8](Data(contentsOf: fixtures.appendingPathComponent(name))))
    }

    /// A row of pixels, white but for the given ones.
    static func row(_ count: Int, changing changes: [Int: RasterImage.Pixel] = [:]) -> RasterImage {
        RasterImage(width: count, height: 1, pixels: (0..<count).map {
            changes[$0] ?? RasterImage.Pixel(red: 255, green: 255, blue: 255)
        })
    }

    @Test("RMS and the difference image are matplotlib's for the same pair of PNGs")
    func agreesWithMatplotlib() throws {
        let reference = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.fixtures.appendingPathComponent("matplotlib.json"))) as! [String: Any]
        let matplotlibRMS = try #require(reference["rms"] as? Double)
        let before = try Self.fixture("before.png"), after = try Self.fixture("after.png")
        let comparison = try #require(PixelComparison(expected: before, actual: after))
        #expect(abs(comparison.rms - matplotlibRMS) <= 1e-12 * matplotlibRMS, "ours \(comparison.rms), matplotlib \(matplotlibRMS)")
        #expect(comparison.differingPixels > 0)
        let difference = try #require(PixelComparison.differenceImage(expected: before, actual: after))
        #expect(difference == (try Self.fixture("matplotlib-diff.png")), "save_diff_image's pixels")
    }

    @Test("a tolerance accepts an RMS up to itself; 0 accepts only the same pixels")
    func toleranceBoundaries() throws {
        // One channel off by 3 in three pixels: RMS = sqrt(9 / 9) = 1 exactly.
        let changed = Self.row(3, changing: [1: RasterImage.Pixel(red: 252, green: 255, blue: 255)])
        let comparison = try #require(PixelComparison(expected: Self.row(3), actual: changed))
        #expect(comparison.rms == 1)
        #expect(comparison.differingPixels == 1 && comparison.pixelCount == 3)
        #expect(comparison.passes(tolerance: 1))
        #expect(comparison.passes(tolerance: 1.5))
        #expect(!comparison.passes(tolerance: 1.0.nextDown))
        #expect(!comparison.passes(tolerance: 0))

        let same = try #require(PixelComparison(expected: Self.row(3), actual: Self.row(3)))
        #expect(same.rms == 0 && same.differingPixels == 0 && same.passes(tolerance: 0))

        // Alpha is not in the RMS (matplotlib's is over RGB) but exact comparison sees it.
        let translucent = Self.row(3, changing: [0: RasterImage.Pixel(red: 255, green: 255, blue: 255, alpha: 254)])
        let alphaOnly = try #require(PixelComparison(expected: Self.row(3), actual: translucent))
        #expect(alphaOnly.rms == 0 && alphaOnly.differingPixels == 1)
        #expect(!alphaOnly.passes(tolerance: 0))
    }

    @Test("images of different sizes do not compare")
    func sizesMustMatch() {
        #expect(PixelComparison(expected: Self.row(3), actual: Self.row(4)) == nil)
        #expect(PixelComparison.differenceImage(expected: Self.row(3), actual: Self.row(4)) == nil)
    }
}

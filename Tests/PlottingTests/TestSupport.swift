import Foundation
import Testing
@testable import Plotting

/// The plot frame found in a rendered image: the columns and rows of its four spines.
struct FoundFrame {
    var left: Int
    var right: Int
    var top: Int
    var bottom: Int

    /// The pixel position of a data point on linear axes with the given domains.
    func pixel(x: Double, y: Double, xDomain: ClosedRange<Double>, yDomain: ClosedRange<Double>) -> (Int, Int) {
        let px = Double(left) + (x - xDomain.lowerBound) / (xDomain.upperBound - xDomain.lowerBound) * Double(right - left)
        let py = Double(bottom) - (y - yDomain.lowerBound) / (yDomain.upperBound - yDomain.lowerBound) * Double(bottom - top)
        return (Int(px.rounded()), Int(py.rounded()))
    }
}

extension RasterImage.Pixel {
    func distance(to color: Color) -> Double {
        let dr = Double(red) - color.red * 255
        let dg = Double(green) - color.green * 255
        let db = Double(blue) - color.blue * 255
        return (dr * dr + dg * dg + db * db).squareRoot()
    }

    var isDark: Bool { Int(red) + Int(green) + Int(blue) < 150 }
    var isWhite: Bool { red == 255 && green == 255 && blue == 255 }
}

enum TestSupport {
    static func png(_ figure: Figure, width: Int = 640, height: Int = 480, scale: Double = 1) throws -> RasterImage {
        try RasterImage(png: figure.render(RenderSettings(width: width, height: height, scale: scale)))
    }

    /// Finds the spines by walking from the image centre outwards to the first dark pixel;
    /// charts in these tests keep the centre and the walk paths free of dark data.
    static func frame(in image: RasterImage, fromX: Int? = nil, fromY: Int? = nil) -> FoundFrame? {
        let cx = fromX ?? image.width / 2, cy = fromY ?? image.height / 2
        func walk(_ dx: Int, _ dy: Int) -> Int? {
            var x = cx, y = cy
            while x >= 0, y >= 0, x < image.width, y < image.height {
                if image[x, y].isDark { return dx != 0 ? x : y }
                x += dx
                y += dy
            }
            return nil
        }
        guard let left = walk(-1, 0), let right = walk(1, 0), let top = walk(0, -1), let bottom = walk(0, 1)
        else { return nil }
        return FoundFrame(left: left, right: right, top: top, bottom: bottom)
    }

    /// A deterministic noise source for test data.
    static func noise(count: Int, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in Double.random(in: -1...1, using: &rng) }
    }
}

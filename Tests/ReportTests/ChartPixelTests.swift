import Backprop
import Foundation
import Plotting
@testable import ReportKit
import Testing

/// Pixel-level checks of the charts `report` writes, decoded from the PNG files, needing no baseline image.
@Suite("report's charts, pixel by pixel")
struct ChartPixelTests {
    /// The axes frame: the first dark pixels met walking out from a point inside the plot.
    private func frame(in image: RasterImage, from start: (x: Int, y: Int)) throws -> (left: Int, right: Int, top: Int, bottom: Int) {
        func isDark(_ x: Int, _ y: Int) -> Bool {
            let pixel = image[x, y]
            return Int(pixel.red) + Int(pixel.green) + Int(pixel.blue) < 150
        }
        func walk(_ dx: Int, _ dy: Int) throws -> Int {
            var x = start.x, y = start.y
            while x >= 0, y >= 0, x < image.width, y < image.height {
                if isDark(x, y) { return dx != 0 ? x : y }
                x += dx
                y += dy
            }
            throw CocoaError(.coderValueNotFound)
        }
        return (try walk(-1, 0), try walk(1, 0), try walk(0, -1), try walk(0, 1))
    }

    /// The default run (10,000 iterations), trained once for every chart drawn of it: chart
    /// flags such as `--scale` and `--boundary` do not change the training.
    static let defaultRun = Result { try InProcess.train() }

    /// The parameters after the notebook's 10,000 iterations, trained here with Backprop alone.
    static let notebookParameters: Parameters = {
        let network = Network(parameters: Parameters(seed: 4))
        _ = network.train(iterations: 10_000)
        return network.parameters
    }()

    /// `file` as `report` renders it for `arguments`, decoded; chart flags only reuse ``defaultRun``.
    private func render(_ spec: RunSpec, file: String, reusingDefaultRun: Bool = false) throws -> RasterImage {
        let trained = reusingDefaultRun ? try Self.defaultRun.get().redrawn(spec) : try InProcess.train(spec)
        let bytes = try #require(try trained.fileContents()[file])
        return try RasterImage(png: [UInt8](bytes))
    }

    @Test(arguments: [1.0, 2.0])
    func everyGridPointHasTheColourOfItsPrediction(scale: Double) throws {
        let image = try render(RunSpec(scale: CanvasScale(scale)!), file: "boundary.png", reusingDefaultRun: true)
        #expect(image.width == Int(640 * scale) && image.height == Int(480 * scale))
        // The scatter's dots are light (half-transparent red and blue), so the walk meets the frame.
        let box = try frame(in: image, from: (image.width / 2, image.height / 2))
        // Points span 0...0.95; the axes add matplotlib's 5% margin on each side.
        let low = -0.05 * 0.95, high = 0.95 + 0.05 * 0.95
        func pixel(_ x0: Double, _ x1: Double) -> (Int, Int) {
            let px = Double(box.left) + (x0 - low) / (high - low) * Double(box.right - box.left)
            let py = Double(box.bottom) - (x1 - low) / (high - low) * Double(box.bottom - box.top)
            return (Int(px.rounded()), Int(py.rounded()))
        }
        let parameters = Self.notebookParameters
        var classCounts = [0, 0]
        for i in 0..<20 {
            for j in 0..<20 {
                let x0 = Double(i) * 0.05, x1 = Double(j) * 0.05
                let expected = parameters.predict(x0, x1)
                classCounts[expected] += 1
                let (px, py) = pixel(x0, x1)
                let colour = image[px, py]
                // Half-transparent red on white is (255, 128, 128); blue is (128, 128, 255).
                let looksRed = colour.red > 200 && colour.blue < 180
                let looksBlue = colour.blue > 200 && colour.red < 180
                #expect(expected == 0 ? looksRed : looksBlue, "(\(x0), \(x1)) predicts \(expected) but pixel (\(px), \(py)) is \(colour)")
            }
        }
        #expect(classCounts[0] > 20 && classCounts[1] > 20, "both classes are on the chart")
        // Between grid points the background shows through: white.
        let (gapX, gapY) = pixel(0.475, 0.475)
        #expect(image[gapX, gapY] == RasterImage.Pixel(red: 255, green: 255, blue: 255))
    }

    @Test func lossCurveIsBlueOnWhiteAndFallsFromLeftToRight() throws {
        let image = try render(RunSpec(iterations: 3000), file: "losses.png")
        #expect(image[2, 2] == RasterImage.Pixel(red: 255, green: 255, blue: 255), "white background")
        func isCurve(_ p: RasterImage.Pixel) -> Bool { Int(p.blue) - Int(p.red) > 60 && p.blue > 120 }
        // The highest curve pixel in a column near each end of the plot.
        func curveTop(column x: Int) -> Int? { (0..<image.height).first { isCurve(image[x, $0]) } }
        let columns = (0..<image.width).filter { x in (0..<image.height).contains { isCurve(image[x, $0]) } }
        let first = try #require(columns.first), last = try #require(columns.last)
        #expect(last - first > image.width / 2, "the curve spans the plot")
        let start = try #require(curveTop(column: first + 2)), end = try #require(curveTop(column: last - 2))
        #expect(start < end, "the loss falls: the curve ends lower on the image than it starts")
    }

    /// Clusters of adjacent indices, each reduced to its middle.
    private func clusterMiddles(_ indices: [Int]) -> [Int] {
        var clusters: [[Int]] = []
        for index in indices {
            if let last = clusters.last?.last, index - last <= 1 { clusters[clusters.count - 1].append(index) } else { clusters.append([index]) }
        }
        return clusters.map { $0[$0.count / 2] }
    }

    @Test func probabilityContourSeparatesTheClasses() throws {
        let image = try render(RunSpec(boundary: .probability), file: "boundary.png", reusingDefaultRun: true)
        func isDark(_ x: Int, _ y: Int) -> Bool {
            let p = image[x, y]
            return Int(p.red) + Int(p.green) + Int(p.blue) < 200
        }
        /// The black contour, antialiased over the red or blue field: dark and grey, unlike either colour.
        func isContour(_ x: Int, _ y: Int) -> Bool {
            let p = image[x, y]
            let channels = [Int(p.red), Int(p.green), Int(p.blue)]
            return channels.reduce(0, +) < 400 && channels.max()! - channels.min()! < 40
        }
        // Spines are the long dark lines: the contour crosses a column or row in a pixel or two.
        let columns = clusterMiddles((0..<image.width).filter { x in (0..<image.height).filter { isDark(x, $0) }.count > image.height / 2 })
        let rows = clusterMiddles((0..<image.height).filter { y in (0..<image.width).filter { isDark($0, y) }.count > image.width / 2 })
        #expect(columns.count >= 2 && rows.count == 2, "columns \(columns), rows \(rows)")
        let left = Double(columns[0]), right = Double(columns[1]), top = Double(rows[0]), bottom = Double(rows[1])
        // The probability view shows the data's range, 0...1, with a 10% margin.
        func pixel(_ x0: Double, _ x1: Double) -> (x: Int, y: Int) {
            (Int((left + (x0 + 0.1) / 1.2 * (right - left)).rounded()), Int((bottom - (x1 + 0.1) / 1.2 * (bottom - top)).rounded()))
        }
        /// How many separate dark runs (contour lines) the straight path between two points crosses.
        func crossings(_ a: (Double, Double), _ b: (Double, Double)) -> Int {
            let start = pixel(a.0, a.1), end = pixel(b.0, b.1)
            // Quarter-pixel steps, so that a thin line crossed at an angle is never stepped over.
            let steps = 4 * max(abs(end.x - start.x), abs(end.y - start.y))
            var runs = 0, inRun = false
            // Skip the markers at both ends (radius about 6 px): their edges are drawn, not the contour.
            for step in 40...(steps - 40) {
                let t = Double(step) / Double(steps)
                let dark = isContour(start.x + Int((Double(end.x - start.x) * t).rounded()), start.y + Int((Double(end.y - start.y) * t).rounded()))
                if dark && !inRun { runs += 1 }
                inRun = dark
            }
            return runs
        }
        let class0 = [(0.0, 0.0), (1.0, 1.0)], class1 = [(0.0, 1.0), (1.0, 0.0)]
        for a in class0 {
            for b in class1 { #expect(crossings(a, b) % 2 == 1, "the 0.5 contour passes between \(a) and \(b)") }
        }
        #expect(crossings(class1[0], class1[1]) == 0, "the class-1 points share one region")
        #expect(crossings(class0[0], class0[1]) == 2, "the class-0 corners lie in two regions, across two lines")
        // Colours: red at class-0 points, blue at class-1 points and in the band between.
        for (point, isRed) in [(class0[0], true), (class0[1], true), (class1[0], false), (class1[1], false), ((0.5, 0.5), false)] {
            let p = image[pixel(point.0, point.1).x, pixel(point.0, point.1).y]
            #expect(isRed ? (p.red > 180 && p.blue < 120) : (p.blue > 150 && p.red < 120), "\(point): \(p)")
        }
    }
}

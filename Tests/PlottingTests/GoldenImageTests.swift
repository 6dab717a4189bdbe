import Foundation
import Testing
@testable import Plotting

/// One chart kept as a reference PNG under Golden/.
struct GoldenCase: Sendable, CustomTestStringConvertible {
    let name: String
    let figure: @Sendable () -> Figure
    var testDescription: String { name }

    /// A smooth loss curve over 10,000 epochs, the notebook's main chart.
    static let loss: [Double] = (0..<10_000).map { i in
        let t = Double(i)
        return 0.003 + 0.69 * exp(-t / 1200) + 0.01 * exp(-t / 300) * sin(t / 40)
    }

    static let all: [GoldenCase] = [
        GoldenCase(name: "line") {
            Figure(Chart(title: "Training loss", xAxis: Axis(label: "epoch"), yAxis: Axis(label: "loss"),
                         lines: [LineSeries(y: loss)]))
        },
        GoldenCase(name: "log-line") {
            Figure(Chart(title: "Training loss (log scale)", xAxis: Axis(label: "epoch"),
                         yAxis: Axis(label: "loss", scale: .log),
                         lines: [LineSeries(y: loss, label: "train"),
                                 LineSeries(y: loss.map { $0 * 1.3 }, color: .tabOrange, label: "validation")]))
        },
        GoldenCase(name: "scatter-legend") {
            var rng = SplitMix64(seed: 5)
            let cloud = (0..<150).map { _ in (x: Double.random(in: -1...1, using: &rng), y: Double.random(in: -1...1, using: &rng)) }
            return Figure(Chart(title: "XOR inputs", xAxis: Axis(label: "x₁"), yAxis: Axis(label: "x₂"), scatters: [
                ScatterSeries(points: cloud.filter { $0.x * $0.y > 0 }, color: .tabBlue, alpha: 0.5, label: "class 0"),
                ScatterSeries(points: cloud.filter { $0.x * $0.y <= 0 }, color: .tabOrange, alpha: 0.5, label: "class 1"),
                ScatterSeries(points: [(-1, -1), (1, 1), (-1, 1), (1, -1)], color: .tabRed, radius: 6,
                              label: "training", marker: .edged()),
            ]))
        },
        GoldenCase(name: "field-contour-colorbar") {
            let field = ScalarField(xRange: -0.5...1.5, yRange: -0.5...1.5, nx: 61, ny: 61, contourLevels: [0.25, 0.5, 0.75]) { x, y in
                let a = 1 / (1 + exp(-(9 * x - 4.3))), b = 1 / (1 + exp(-(9 * y - 4.7)))
                return a + b - 2 * a * b
            }
            return Figure(Chart(title: "Decision boundary", xAxis: Axis(label: "x₁"), yAxis: Axis(label: "x₂"),
                                scatters: [ScatterSeries(points: [(0, 0), (1, 1)], color: .tabBlue, radius: 6, label: "0", marker: .edged()),
                                           ScatterSeries(points: [(0, 1), (1, 0)], color: .tabRed, radius: 6, label: "1", marker: .edged())],
                                field: field, colorBar: ColorBar(for: field, label: "network output")))
        },
        GoldenCase(name: "grid") {
            let panels = [0.5, 1, 2, 4].map { (rate: Double) -> Chart in
                let loss: [Double] = (0..<2000).map { (epoch: Int) -> Double in 0.7 * exp(-Double(epoch) * rate / 400) + 0.002 }
                return Chart(title: "rate \(TickLabelFormat.short(rate))", xAxis: Axis(label: "epoch"), yAxis: Axis(label: "loss", scale: .log),
                             lines: [LineSeries(y: loss)])
            }
            return Figure(grid: panels, columns: 2, title: "Learning rates")
        },
    ]
}

@Suite("Golden images")
struct GoldenImageTests {
    /// Set `UPDATE_GOLDEN=1` to rewrite the references instead of comparing against them.
    static let updating = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"

    /// The references in the source tree, which updates must write to: the copy inside the
    /// test bundle is only refreshed at the next build.
    static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The references as copied into the test bundle by `resources: [.copy("Golden")]`.
    static var bundleFolder: URL? { Bundle.module.resourceURL?.appendingPathComponent("Golden") }

    /// The accepted RMS difference: none. Text is filled as outlines of one font file and strokes
    /// as polygons, which draw the same pixels on Cairo 1.16 and 1.18 (see `scripts/crosscheck`).
    static let tolerance = 0.0

    @Test("rendering matches the reference image", arguments: GoldenCase.all)
    func matchesReference(golden: GoldenCase) throws {
        let bytes = try golden.figure().render(RenderSettings(width: 640, height: 480))
        let fileName = golden.name + ".png"
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.sourceFolder, withIntermediateDirectories: true)
            try Data(bytes).write(to: Self.sourceFolder.appendingPathComponent(fileName), options: .atomic)
            print("updated golden image \(Self.sourceFolder.appendingPathComponent(fileName).path)")
            return
        }
        let candidates = [Self.bundleFolder, Self.sourceFolder].compactMap { $0?.appendingPathComponent(fileName) }
        guard let referenceURL = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            Issue.record("missing golden image \(fileName); create it with UPDATE_GOLDEN=1 swift test --filter PlottingTests")
            return
        }
        let reference = try RasterImage(png: [UInt8](Data(contentsOf: referenceURL)))
        let actual = try RasterImage(png: bytes)
        let comparison = PixelComparison(expected: reference, actual: actual)
        if comparison?.passes(tolerance: Self.tolerance) != true {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plotting-golden-failures")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let actualURL = folder.appendingPathComponent(golden.name + "-actual.png")
            try Data(bytes).write(to: actualURL)
            var message = "\(fileName): actual image written to \(actualURL.path)"
            if let diff = PixelComparison.differenceImage(expected: reference, actual: actual) {
                let diffURL = folder.appendingPathComponent(golden.name + "-diff.png")
                try Data(diff.pngData()).write(to: diffURL)
                message += ", difference image to \(diffURL.path)"
            }
            print(message)
            let measured = comparison.map { "\($0.differingPixels) pixels differ, RMS \($0.rms)" }
                ?? "size \(actual.width)×\(actual.height) instead of \(reference.width)×\(reference.height)"
            let text = "\(fileName) differs from the reference (\(measured), tolerance \(Self.tolerance)). \(message). "
                + "If the change is intended: UPDATE_GOLDEN=1 swift test --filter PlottingTests"
            Issue.record(Comment(rawValue: text))
        }
    }

    @Test("the comparison notices a real change")
    func detectsChanges() throws {
        let golden = GoldenCase.all[0]
        let original = try RasterImage(png: golden.figure().render(RenderSettings()))
        var chart = Chart(title: "Training loss", xAxis: Axis(label: "epoch"), yAxis: Axis(label: "loss"),
                          lines: [LineSeries(y: GoldenCase.loss, color: .tabRed)])
        let recoloured = try RasterImage(png: Figure(chart).render(RenderSettings()))
        chart.elements = [LineSeries(y: GoldenCase.loss.map { $0 * 1.02 })]
        let shifted = try RasterImage(png: Figure(chart).render(RenderSettings()))
        for changed in [recoloured, shifted] {
            let comparison = try #require(PixelComparison(expected: original, actual: changed))
            #expect(!comparison.passes(tolerance: Self.tolerance))
            #expect(!comparison.passes(tolerance: 1), "RMS \(comparison.rms)")
        }
    }
}

import Foundation
import Plotting
@testable import ReportKit
import Testing

/// `--theme` (issue 18, section 1): the dark images' contrast and colour distances measured on their decoded pixels,
/// report.md's `<picture>` elements, and `--theme both` writing and checking both files.
@Suite("--theme: dark images readable by everyone")
struct ThemeTests {
    /// Machado, Oliveira & Fernandes 2009 at severity 1.0, on linear RGB (as scripts/fixtures/colors.py).
    static let machado: [String: [[Double]]] = [
        "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
        "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
        "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
    ]

    static func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
    static func encode(_ c: Double) -> Double {
        let c = min(max(c, 0), 1)
        return c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055
    }
    static func rgb(_ p: RasterImage.Pixel) -> [Double] { [Double(p.red) / 255, Double(p.green) / 255, Double(p.blue) / 255] }
    static func luminance(_ c: [Double]) -> Double {
        let l = c.map(linear)
        return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]
    }
    static func contrast(_ a: [Double], _ b: [Double]) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }
    static func simulate(_ c: [Double], _ m: [[Double]]) -> [Double] {
        let l = c.map(linear)
        return m.map { row in encode(zip(row, l).map { $0 * $1 }.reduce(0, +)) }
    }
    static func lab(_ c: [Double]) -> [Double] {
        let l = c.map(linear)
        let x = (0.4124 * l[0] + 0.3576 * l[1] + 0.1805 * l[2]) / 0.95047
        let y = 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]
        let z = (0.0193 * l[0] + 0.1192 * l[1] + 0.9505 * l[2]) / 1.08883
        let d = 6.0 / 29
        func f(_ t: Double) -> Double { t > d * d * d ? cbrt(t) : t / (3 * d * d) + 4.0 / 29 }
        return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))]
    }
    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        zip(lab(a), lab(b)).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
    }

    static func darkRun(_ folder: URL, extra: (inout RunSpec) -> Void = { _ in }) throws -> RunSpec {
        var spec = RunSpec(iterations: 2000, output: folder.path)
        spec.theme = .both
        spec.boundary = .probability
        spec.network = true
        extra(&spec)
        return spec
    }

    @Test func darkPixelsReachTheContrastsAndTheClassColoursStayApart() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.darkRun(folder)
        let files = try InProcess.train(spec).files()
        let background = Self.rgb(Theme.dark.background.pixel)
        for name in ["losses-dark.png", "boundary-dark.png", "network-dark.png"] {
            let file = try #require(files.first { $0.name == name })
            let image = try RasterImage(png: file.bytes)
            let pixels = Set(image.pixels)
            // The canvas is the background: the corner pixel.
            #expect(image.pixels[0] == Theme.dark.background.pixel, "\(name)")
            // Text and spines: the theme's text colour is drawn (antialiased text reaches it in the glyphs' stems).
            #expect(pixels.contains(Theme.dark.text.pixel) || pixels.contains(Theme.dark.spine.pixel), "\(name)")
        }
        // Every text and mark colour of the dark palette, as rendered pixels of the files.
        let palette = Palette.dark
        let text = [Theme.dark.text, palette.graphRowLabel, palette.graphGrad]
        let marks = palette.classColors + [palette.lossLine, Theme.dark.spine, palette.mapFrame, palette.graphLine,
                                           palette.graphEdge, palette.positive, palette.negative, palette.lineColor]
        let losses = try RasterImage(png: try #require(files.first { $0.name == "losses-dark.png" }).bytes)
        #expect(Set(losses.pixels).contains(palette.lossLine.pixel), "the loss line is drawn in the palette's colour")
        let boundary = try RasterImage(png: try #require(files.first { $0.name == "boundary-dark.png" }).bytes)
        for c in palette.classColors { #expect(Set(boundary.pixels).contains(c.pixel), "class points drawn in \(c)") }
        for c in text { #expect(Self.contrast(Self.rgb(c.pixel), background) >= 4.5, "text \(c)") }
        for c in marks { #expect(Self.contrast(Self.rgb(c.pixel), background) >= 3, "mark \(c)") }
        // The probability view's and the atlas's colours: every stop of the colormap fills an area.
        for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let c = palette.probabilityColormap.color(at: t)
            #expect(Self.contrast(Self.rgb(c.pixel), background) >= 3, "the colormap at \(t): \(c)")
        }
        // Translucent marks, blended over the canvas as drawn.
        for alpha in [palette.scatterAlpha, palette.sweepAlpha] {
            for c in palette.classColors + [palette.converged, palette.stuck] {
                #expect(Self.contrast(Self.rgb(c.mixed(with: Theme.dark.background, 1 - alpha).pixel), background) >= 3)
            }
        }
        let (a, b) = (Self.rgb(palette.classColors[0].pixel), Self.rgb(palette.classColors[1].pixel))
        for (name, m) in Self.machado {
            #expect(Self.distance(Self.simulate(a, m), Self.simulate(b, m)) >= 40, "\(name)")
        }
        let light = Palette.light.classColors.map { Self.rgb($0.pixel) }
        for (name, m) in Self.machado {
            #expect(Self.distance(Self.simulate(light[0], m), Self.simulate(light[1], m)) >= 40, "light, \(name)")
        }
    }

    @Test func bothWritesNameAndNameDarkAndReportShowsPictures() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.darkRun(folder)
        try InProcess.write(spec)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        for stem in ["losses", "boundary", "network"] {
            #expect(names.contains("\(stem).png") && names.contains("\(stem)-dark.png"), "\(stem)")
        }
        let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("<picture><source media=\"(prefers-color-scheme: dark)\" srcset=\"losses-dark.png\">"
            + "<img src=\"losses.png\" alt=\"Loss over"))
        #expect(!report.contains("![") , "every image is a picture")
        // --check covers both files: current, then a stale dark file is named.
        #expect(InProcess.outcome(spec.with { $0.check = true }).status == 0)
        try Data("stale".utf8).write(to: folder.appendingPathComponent("boundary-dark.png"))
        let stale = InProcess.outcome(spec.with { $0.check = true })
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("boundary-dark.png"), "\(stale.stdout)")
        // A light run afterwards removes the dark leftovers.
        #expect(InProcess.outcome(spec.with { $0.theme = .light }).status == 0)
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(!after.contains { $0.hasSuffix("-dark.png") }, "\(after)")
    }

    @Test func lightThemeIsTheDefaultCanvas() {
        #expect(RenderSettings().theme == .light)
        #expect(ChartStyle.matplotlib.textColor == .black && ChartStyle.matplotlib.legendEdgeColor == Color(hex: 0xCCCCCC))
    }
}

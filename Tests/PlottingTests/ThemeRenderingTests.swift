import Foundation
import Testing
@testable import Plotting

/// `RenderSettings.theme`: the light theme is the renderer's default and draws what it drew before (the committed
/// outputs' `--check` proves the bytes); the dark one paints the canvas and the furniture in its colours.
@Suite("Themes")
struct ThemeRenderingTests {
    static let chart = Chart(title: "a title", xAxis: Axis(label: "x"), yAxis: Axis(label: "y"),
                             lines: [LineSeries(x: [0, 1], y: [0, 1], label: "line")], showLegend: true)

    static func luminance(_ p: RasterImage.Pixel) -> Double {
        func linear(_ v: UInt8) -> Double {
            let c = Double(v) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(p.red) + 0.7152 * linear(p.green) + 0.0722 * linear(p.blue)
    }

    static func contrast(_ a: RasterImage.Pixel, _ b: RasterImage.Pixel) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test func lightIsTheDefaultAndUnchanged() throws {
        let figure = Figure(Self.chart)
        #expect(try figure.render(RenderSettings()) == figure.render(RenderSettings(theme: .light)))
        #expect(try figure.render(RenderSettings()) != figure.render(RenderSettings(theme: .dark)))
    }

    @Test func darkCanvasTextAndSpinesReachTheirContrast() throws {
        let image = try RasterImage(png: Figure(Self.chart).render(RenderSettings(theme: .dark)))
        let background = Theme.dark.background.pixel
        for (x, y) in [(0, 0), (639, 0), (0, 479), (639, 479)] { #expect(image[x, y] == background) }
        let pixels = Set(image.pixels)
        #expect(pixels.contains(Theme.dark.text.pixel), "text is drawn in the theme's text colour")
        #expect(pixels.contains(Theme.dark.spine.pixel), "spines in the theme's spine colour")
        // The strongest pixel of the furniture (text cores, spines) against the canvas.
        let strongest = image.pixels.map { Self.contrast($0, background) }.max() ?? 0
        #expect(strongest >= 4.5)
        #expect(Self.contrast(Theme.dark.text.pixel, background) >= 4.5)
        #expect(Self.contrast(Theme.dark.spine.pixel, background) >= 3)
        #expect(!pixels.contains(Color.white.pixel), "nothing of the light theme's white is left")
    }
}

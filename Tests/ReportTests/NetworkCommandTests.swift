import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Plotting
@testable import ReportKit
import Testing

/// `report --network`: the files it adds, alone and with --evolution and --animate, and its limit.
@Suite("report --network")
struct NetworkCommandTests {
    /// The smallest canvas --network accepts for the notebook's two units.
    static let small = RunSpec(iterations: 40, size: CanvasSize(width: 400, height: 300), network: true)

    @Test func networkAddsItsPictures() throws {
        let alone = try InProcess.train(Self.small).fileContents()
        #expect(Set(alone.keys) == ["losses.png", "boundary.png", "network.png", "summary.json", "report.md"])
        let summaryBytes = try #require(alone["summary.json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: summaryBytes) as? [String: Any])
        #expect(summary["network"] as? String == "network.png")
        let markdownBytes = try #require(alone["report.md"])
        let markdown = String(decoding: markdownBytes, as: UTF8.self)
        #expect(markdown.contains("](network.png)") && markdown.contains("network.png draws the network"))

        let evolving = try InProcess.train(Self.small.with { $0.evolution = true; $0.snapshots = [0, 20, 40] }).fileContents()
        let gridBytes = try #require(evolving["network-evolution.png"])
        let grid = try RasterImage(png: [UInt8](gridBytes))
        #expect((grid.width, grid.height) == (1200, 300), "one row of three networks, each on a full --size")
        #expect(evolving["evolution.png"] != nil)
    }

    /// Twelve snapshots: two rows of six panels, each the full --size.
    @Test func networkEvolutionGridIsFullPanels() throws {
        let charts = try ChartSettings(size: CanvasSize(width: 640, height: 480))
        let grid = charts.panelGridSettings(panels: 12)
        #expect((grid.width, grid.height) == (6 * 640, 2 * 480))
        #expect((charts.panelGridSettings(panels: 3).width, charts.panelGridSettings(panels: 3).height) == (1920, 480))
        // 12 panels of 4000×3000 make a 24000×6000 canvas, past the pixel budget: refused before training.
        let outcome = ReportCLI.outcome(["--network", "--evolution", "--snapshots", "0,1,2,3,4,5,6,7,8,9,10,11",
                                         "--size", "4000x3000", "--output", "/nonexistent/never"])
        #expect(outcome.status == 64 && (outcome.message ?? "").hasPrefix("--network --evolution with --size 4000x3000"), "\(outcome)")
    }

    /// Too small a canvas is refused with the smallest readable one, by the network's width.
    @Test func smallCanvasIsRefused() {
        let outcome = ReportCLI.outcome(["--network", "--size", "100x100", "--output", "/nonexistent/never"])
        #expect(outcome.status == 64, "\(outcome)")
        #expect(outcome.message == "--network needs --size 400x300 or larger for 2 hidden units to stay readable (--size is 100x100)")
        let wide = ReportCLI.outcome(["--network", "--hidden", "16", "--size", "400x300", "--output", "/nonexistent/never"])
        #expect(wide.status == 64 && (wide.message ?? "").contains("--size 640x480 or larger"), "\(wide)")
        #expect(NetworkSettings.smallestCanvas(hidden: 8) == CanvasSize(width: 400, height: 300))
        #expect(throws: Never.self) { try Self.small.experiment() }
    }

    /// --title heads network-evolution.png and evolution.png, above the figure's own heading; without it the heading alone.
    @Test func titleHeadsTheEvolutionViews() throws {
        let run = try InProcess.train(Self.small.with { $0.evolution = true; $0.snapshots = [0, 40] }).run
        #expect(RunCharts.networkEvolution(run, epochs: [0, 40], title: "Seed 4").title == "Seed 4\nHow the hidden units form")
        #expect(RunCharts.evolution(run, epochs: [0, 40], title: "Seed 4").title == "Seed 4\nHow the decision boundary forms")
        #expect(RunCharts.networkEvolution(run, epochs: [0, 40]).title == "How the hidden units form")
    }

    /// With --animate each frame shows the network beside the boundary and the loss: three panels, each on a
    /// full --size, the network's panel differing between the first frame and the last as it trains.
    @Test func animationFramesShowTheNetwork() throws {
        let spec = Self.small.with { $0.animate = true; $0.frames = 3 }
        let files = try InProcess.train(spec).fileContents()
        let movie = try #require(files["training.png"])
        let frames = try #require(try AnimatedPNG.frames(of: [UInt8](movie)))
        #expect(frames.count == 3)
        let plainFiles = try InProcess.train(spec.with { $0.network = false }).fileContents()
        let plain = try #require(plainFiles["training.png"])
        let plainFrames = try #require(try AnimatedPNG.frames(of: [UInt8](plain)))
        #expect((frames[0].image.width, frames[0].image.height) == (3 * 400, 300), "three panels, each a full --size")
        #expect((plainFrames[0].image.width, plainFrames[0].image.height) == (2 * 400, 300), "two charts without --network")
        #expect(frames[0].image != frames[2].image, "the network trains between the first frame and the last")
    }

    /// Any data, any format: a user's points chart their own range, and the SVG is well-formed XML.
    @Test func networkOfAUsersPointsAsSVG() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("points.csv")
        let rows = (0..<60).map { k in "\(Double(k % 10) * 0.3 - 1),\(Double(k / 10) * 0.5 + 2),\((k % 10 + k / 10) % 2)" }
        try (["x0,x1,label"] + rows).joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        let files = try InProcess.train(Self.small.with { $0.data = csv.path; $0.format = .svg; $0.hidden = 5 }).fileContents()
        let svg = try #require(files["network.svg"])
        #expect(XMLParser(data: svg).parse(), "network.svg is well-formed XML")
        #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
    }

    @Test func widerThanSixteenIsRefused() {
        #expect(throws: UsageError.self) { try Self.small.with { $0.hidden = 17 }.experiment() }
        let outcome = ReportCLI.outcome(["--network", "--hidden", "17", "--output", "/nonexistent/never"])
        #expect(outcome.status == 64 && outcome.message == "--network draws at most 16 hidden units legibly (--hidden is 17)",
                "\(outcome)")
    }
}

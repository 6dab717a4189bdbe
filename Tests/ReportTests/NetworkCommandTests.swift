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
    static let small = RunSpec(iterations: 40, size: CanvasSize(width: 160, height: 120), network: true)

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
        #expect((grid.width, grid.height) == (320, 120), "one row of three networks, as evolution.png's grid")
        #expect(evolving["evolution.png"] != nil)
    }

    /// With --animate each frame shows the network beside the boundary and the loss: three panels on the
    /// frame's canvas, the network's panel differing between the first frame and the last as it trains.
    @Test func animationFramesShowTheNetwork() throws {
        let spec = Self.small.with { $0.animate = true; $0.frames = 3 }
        let files = try InProcess.train(spec).fileContents()
        let movie = try #require(files["training.png"])
        let frames = try #require(try AnimatedPNG.frames(of: [UInt8](movie)))
        #expect(frames.count == 3)
        let plainFiles = try InProcess.train(spec.with { $0.network = false }).fileContents()
        let plain = try #require(plainFiles["training.png"])
        let plainFrames = try #require(try AnimatedPNG.frames(of: [UInt8](plain)))
        #expect(frames[0].image.width == plainFrames[0].image.width, "the same canvas as without --network")
        #expect(frames[0].image != plainFrames[0].image, "the network takes a third of each frame")
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

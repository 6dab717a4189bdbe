import Foundation
import Testing
@testable import Plotting

@Suite("Determinism")
struct DeterminismTests {
    /// A figure that exercises every primitive: text, lines, markers, an image and clipping.
    static var figure: Figure {
        let field = ScalarField(xRange: 0...1, yRange: 0...1, nx: 12, ny: 12, contourLevels: [0.5]) { x, y in x * y }
        let panels = [
            Chart(title: "loss", yAxis: Axis(label: "loss", scale: .log),
                  lines: [LineSeries(y: (1...500).map { 1 / Double($0) }, label: "train")]),
            Chart(title: "field", scatters: [ScatterSeries(points: [(0.2, 0.8)], label: "p", marker: .edged())],
                  field: field, colorBar: ColorBar(for: field, label: "output")),
        ]
        return Figure(grid: panels, columns: 2, title: "Determinism")
    }

    @Test("rendering twice gives identical bytes", arguments: ImageFormat.allCases)
    func identicalBytes(format: ImageFormat) throws {
        let settings = RenderSettings(width: 800, height: 400, format: format)
        let first = try Self.figure.render(settings)
        // Render something else in between so any process-global counter would advance.
        _ = try Figure(Chart(title: "other", lines: [LineSeries(y: [1, 2, 3], label: "x")])).render(settings)
        let second = try Self.figure.render(settings)
        #expect(!first.isEmpty)
        // Compare as a Bool so a failure does not print megabytes of operands.
        let identical = first == second
        #expect(identical, "\(format) renders differ: \(first.count) vs \(second.count) bytes")
    }

    @Test("PDF output carries no creation date")
    func noCreationDate() throws {
        let pdf = try Self.figure.render(RenderSettings(format: .pdf))
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(!text.contains("CreationDate"))
        #expect(!text.contains("ModDate"))
        #expect(text.contains("/Creator"))
    }

    /// Re-runs this test binary to render the SVG in a fresh process, the situation where
    /// process-wide counters or addresses in ids would show up.
    @Test("SVG and PDF bytes are the same in a separate process", arguments: [ImageFormat.svg, .pdf])
    func acrossProcesses(format: ImageFormat) throws {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["PLOTTING_CHILD_OUTPUT"] {
            // Child mode: only write the file.
            guard environment["PLOTTING_CHILD_FORMAT"] == format.rawValue else { return }
            try Data(Self.figure.render(RenderSettings(width: 800, height: 400, format: format)))
                .write(to: URL(fileURLWithPath: path))
            return
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0])
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("plotting-child-\(UUID().uuidString).\(format.rawValue)")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--testing-library", "swift-testing", "--filter", "acrossProcesses"]
        process.environment = environment.merging(
            ["PLOTTING_CHILD_OUTPUT": output.path, "PLOTTING_CHILD_FORMAT": format.rawValue]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let child = try Data(contentsOf: output)
        let here = try Self.figure.render(RenderSettings(width: 800, height: 400, format: format))
        let identical = [UInt8](child) == here
        #expect(identical, "\(format) differs between processes: \(child.count) vs \(here.count) bytes")
    }
}

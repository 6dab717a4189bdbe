import Testing
@testable import Plotting

@Suite("CellGrid: the atlas's heatmap")
struct CellGridTests {
    /// Two columns by two rows: dark and light cells, named by category ticks.
    static let chart = Chart(
        xAxis: Axis(label: "rate", range: -0.5...1.5, ticks: AxisTicks(major: [0, 1], labels: ["0.1", "1"])),
        yAxis: Axis(label: "width", range: -0.5...1.5, ticks: AxisTicks(major: [0, 1], labels: ["2", "4"])),
        cells: CellGrid(columns: 2, rows: 2, values: [0, 0.5, 1, .nan], labels: ["0%", "50%", "100%", "none"],
                        colormap: .diverging(low: Color(hex: 0xD62728), mid: .white, high: Color(hex: 0x1F4FB4)),
                        valueRange: 0...1),
        showLegend: false)

    @Test("each cell is filled with its colour edge to edge, with no seam between neighbours; a NaN cell stays empty")
    func cellsFillTheirSquares() throws {
        let image = try TestSupport.png(Figure(Self.chart), width: 400, height: 400)
        let frame = try #require(TestSupport.frame(in: image, fromX: 200, fromY: 200))
        // Row 0 (value 0, red; 0.5, white) at the bottom, row 1 (1, blue; NaN) at the top; away from the labels.
        let red = RasterImage.Pixel(red: 0xD6, green: 0x27, blue: 0x28), blue = RasterImage.Pixel(red: 0x1F, green: 0x4F, blue: 0xB4)
        #expect(image[frame.left + 5, frame.bottom - 5] == red)
        #expect(image[frame.left + 5, frame.top + 5] == blue)
        // Across the bottom row and up the left column, every pixel is one cell's colour or the other's:
        // edges between cells fall on whole pixels, so none is a blend of two.
        let across = (frame.left + 3...frame.right - 3).map { image[$0, frame.bottom - 5] }
        #expect(across.allSatisfy { $0 == red || $0.isWhite } && across.contains(red) && across.contains { $0.isWhite })
        let up = (frame.top + 3...frame.bottom - 3).map { image[frame.left + 5, $0] }
        #expect(up.allSatisfy { $0 == red || $0 == blue } && up.contains(red) && up.contains(blue))
        #expect(image[frame.right - 5, frame.top + 5].isWhite, "the NaN cell is not filled")
    }

    @Test("labels are light on dark cells, dark on light ones")
    func labelsContrast() throws {
        let image = try TestSupport.png(Figure(Self.chart), width: 400, height: 400)
        let frame = try #require(TestSupport.frame(in: image, fromX: 200, fromY: 200))
        let (midX, midY) = ((frame.left + frame.right) / 2, (frame.top + frame.bottom) / 2)
        func pixels(_ xs: Range<Int>, _ ys: Range<Int>) -> [RasterImage.Pixel] { ys.flatMap { y in xs.map { image[$0, y] } } }
        let blueCell = pixels(frame.left + 10..<midX - 10, frame.top + 10..<midY - 10)
        let whiteCell = pixels(midX + 10..<frame.right - 10, midY + 10..<frame.bottom - 10)
        #expect(blueCell.contains { $0.isWhite }, "white text on blue")
        #expect(whiteCell.contains { $0.distance(to: .black) < 60 }, "black text on white")
    }
}

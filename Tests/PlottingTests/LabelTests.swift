import CCairo
import Foundation
import Testing
@testable import Plotting

@Suite("Labels: lines, fitting, missing glyphs")
struct LabelTests {
    /// A Cairo backend with the default font on a small image, for measuring.
    static func withBackend<T>(_ body: (CairoBackend) throws -> T) throws -> T {
        let surface = try #require(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10))
        defer { cairo_surface_destroy(surface) }
        let context = try #require(cairo_create(surface))
        defer { cairo_destroy(context) }
        return try body(CairoBackend(context: context, font: try Font.load(path: Font.dejaVuSansPath), fillsStrokes: true))
    }

    @Test("a label of two lines is as wide as its longer line and one line spacing taller")
    func twoLines() throws {
        try Self.withBackend { backend in
            let one = Label.measure("a longer line", size: 20, on: backend)
            let two = Label.measure("short\na longer line", size: 20, on: backend)
            #expect(two.width == one.width)
            #expect(abs(two.height - (one.height + Label.lineSpacing * 20)) < 1e-9)
            #expect(two.descent == one.descent, "the block's baseline is its last line's")
        }
    }

    @Test("each line is drawn once, a line spacing apart, without the line break")
    func linesAreDrawnSeparately() {
        let recorder = RecordingBackend()
        Label.draw("first\nsecond", at: Point(x: 100, y: 50), size: 10, color: .black, anchor: .bottomCenter, on: recorder)
        let texts = recorder.primitives.compactMap { primitive -> (String, Point)? in
            if case let .text(text, point, _, _, _, _) = primitive { return (text, point) }
            return nil
        }
        #expect(texts.map(\.0) == ["first", "second"])
        #expect(abs((texts[1].1.y - texts[0].1.y) - Label.lineSpacing * 10) < 1e-9)
    }

    @Test("turned a quarter, a label's later lines stand to the right, as the text's own 'down' goes")
    func rotatedLines() {
        let recorder = RecordingBackend()
        Label.draw("first\r\nsecond", at: Point(x: 100, y: 50), size: 10, color: .black, anchor: .bottomCenter,
                   rotation: Double.pi / 2, on: recorder)
        let points = recorder.primitives.compactMap { primitive -> Point? in
            if case let .text(_, point, _, _, _, _) = primitive { return point }
            return nil
        }
        #expect(points.count == 2, "\\r\\n breaks the line too")
        #expect(abs((points[1].x - points[0].x) - Label.lineSpacing * 10) < 1e-9 && abs(points[1].y - points[0].y) < 1e-9)
    }

    @Test("a label too long shrinks, to 70 % of its size at least, then is cut short with an ellipsis")
    func fitting() throws {
        try Self.withBackend { backend in
            let text = "Training loss"
            let natural = Label.measure(text, size: 20, on: backend).width
            #expect(Label.fitted(text, size: 20, width: natural + 1, on: backend) == (text, 20) as (String, Double))
            let slightly = Label.fitted(text, size: 20, width: natural * 0.9, on: backend)
            #expect(slightly.text == text && abs(slightly.size - 18) < 1e-9)
            let long = String(repeating: "loss ", count: 1000)
            let cut = Label.fitted(long, size: 20, width: 300, on: backend)
            #expect(cut.size == 20 * Label.minimumScale, "never smaller than readable")
            #expect(cut.text.hasSuffix("…") && cut.text.count > 10)
            #expect(!cut.text.hasSuffix(" …"), "no space before the ellipsis")
            #expect(Label.measure(cut.text, size: cut.size, on: backend).width <= 300)
            let kept = cut.text.dropLast().count
            #expect(long.hasPrefix(String(cut.text.dropLast())))
            // The next longer prefix, whatever its trailing space, no longer fits.
            let next = String(long.prefix(kept + 2)).trimmingCharacters(in: .whitespaces)
            #expect(Label.measure(next + "…", size: cut.size, on: backend).width > 300, "the longest prefix that fits")
        }
    }

    @Test("characters the font lacks are found; line breaks and what DejaVu has are not")
    func missingCharacters() throws {
        let font = try Font.load(path: Font.dejaVuSansPath)
        #expect(font.missingCharacters(in: "XOR ☃ é ŷ ½ ⁻³\nsecond\r\nthird") == [])
        #expect(font.missingCharacters(in: "中\t文中") == ["中", "\t", "文"])
    }
}

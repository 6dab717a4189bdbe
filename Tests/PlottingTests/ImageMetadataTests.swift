import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Plotting
import Testing

/// The words an image carries: PNG text chunks, SVG `<title>` and `<desc>`, the PDF's title and subject.
@Suite("Image metadata")
struct ImageMetadataTests {
    static let words = ImageMetadata(title: "Seed <4> & \"friends\"", description: "ŷ falls from 0.80 to 0.0027 — a band [between] lines")
    static let figure = Figure(Chart(title: "t", xAxis: Axis(label: "x"), yAxis: Axis(label: "y"),
                                     lines: [LineSeries(x: [0, 1, 2], y: [1, 0.5, 0.2], color: .tabBlue)], showLegend: false))

    static func settings(_ format: ImageFormat, _ metadata: ImageMetadata = words) -> RenderSettings {
        RenderSettings(width: 160, height: 120, format: format, metadata: metadata)
    }

    @Test func pngCarriesTitleAndDescriptionWithoutChangingPixels() throws {
        let described = try Self.figure.render(Self.settings(.png))
        let plain = try Self.figure.render(Self.settings(.png, .none))
        #expect(try ImageMetadata(png: described) == Self.words)
        #expect(try ImageMetadata(png: plain) == .none)
        #expect(try RasterImage(png: described) == RasterImage(png: plain), "the words change no pixel")
        #expect(try Self.figure.render(Self.settings(.png)) == described, "the same words give the same bytes")
        // ASCII goes in tEXt, anything else in iTXt, right after IHDR.
        let types = try PNGDecoder.chunks(of: described).1.map(\.type)
        #expect(Array(types.prefix(2)) == ["tEXt", "iTXt"])
        let ascii = try Self.figure.render(Self.settings(.png, ImageMetadata(description: "plain words")))
        #expect(try PNGDecoder.chunks(of: ascii).1.map(\.type).first == "tEXt")
    }

    @Test func animationCarriesTheWordsAndKeepsItsFrames() throws {
        let movie = Animation(frames: [Self.figure, Self.figure], milliseconds: [100, 200], still: 1)
        let described = try movie.render(Self.settings(.png))
        let plain = try movie.render(Self.settings(.png, .none))
        #expect(try ImageMetadata(png: described) == Self.words)
        let frames = try #require(try AnimatedPNG.frames(of: described)), plainFrames = try #require(try AnimatedPNG.frames(of: plain))
        #expect(frames == plainFrames)
    }

    /// An XML parser finds `<title>` and `<desc>` as the first two children of `<svg>`, unescaped to the words.
    @Test func svgHasTitleAndDescFirst() throws {
        let svg = try Self.figure.render(Self.settings(.svg))
        final class Reader: NSObject, XMLParserDelegate {
            var path: [String] = [], children: [String] = [], text: [String: String] = [:]
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if path == ["svg"] { children.append(name) }
                path.append(name)
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                path.removeLast()
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if path.count == 2, let last = path.last { text[last, default: ""] += string }
            }
        }
        let reader = Reader()
        let parser = XMLParser(data: Data(svg))
        parser.delegate = reader
        #expect(parser.parse(), "well-formed: \(String(describing: parser.parserError))")
        #expect(Array(reader.children.prefix(2)) == ["title", "desc"])
        #expect(reader.text["title"] == Self.words.title && reader.text["desc"] == Self.words.description)
        let plain = try Self.figure.render(Self.settings(.svg, .none))
        #expect(!String(decoding: plain, as: UTF8.self).contains("<desc>"))
    }

    /// Cairo writes the document information as PDF strings: ASCII as a literal, anything else as UTF-16 in hex.
    @Test func pdfHasTitleAndSubject() throws {
        let pdf = try Self.figure.render(Self.settings(.pdf, ImageMetadata(title: "Seed 4 (notebook)", description: Self.words.description)))
        #expect(Self.pdfString("Title", in: pdf) == "Seed 4 (notebook)")
        #expect(Self.pdfString("Subject", in: pdf) == Self.words.description)
        #expect(try Self.figure.render(Self.settings(.pdf, ImageMetadata(title: "Seed 4 (notebook)", description: Self.words.description))) == pdf)
    }

    /// The value of `/key` in a PDF's bytes: a literal string `( … )` with its escapes, or a hex string `<FEFF…>`.
    static func pdfString(_ key: String, in pdf: [UInt8]) -> String? {
        guard let range = pdf.firstRange(of: Array("/\(key)".utf8)) else { return nil }
        var i = range.upperBound
        while pdf[i] == UInt8(ascii: " ") { i += 1 }
        if pdf[i] == UInt8(ascii: "(") {
            var bytes: [UInt8] = [], depth = 0
            i += 1
            while i < pdf.count {
                let c = pdf[i]
                if c == UInt8(ascii: "\\") { bytes.append(pdf[i + 1]); i += 2; continue }
                if c == UInt8(ascii: "(") { depth += 1 }
                if c == UInt8(ascii: ")") { if depth == 0 { break }; depth -= 1 }
                bytes.append(c)
                i += 1
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        guard pdf[i] == UInt8(ascii: "<"), let end = pdf[i...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let hex = String(decoding: pdf[(i + 1)..<end], as: UTF8.self)
        var units: [UInt16] = []
        var k = hex.startIndex
        while hex.distance(from: k, to: hex.endIndex) >= 4 {
            let next = hex.index(k, offsetBy: 4)
            units.append(UInt16(hex[k..<next], radix: 16) ?? 0)
            k = next
        }
        guard units.first == 0xFEFF else { return nil }
        return String(decoding: units.dropFirst(), as: UTF16.self)
    }
}

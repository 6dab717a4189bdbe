/// Words that travel inside an image file beside its drawing: a title and a description that
/// screen readers, image viewers and document tools show, written into each format's own place
/// for them (PNG text chunks, SVG's `<title>` and `<desc>`, the PDF's document information).
public struct ImageMetadata: Sendable, Equatable {
    public var title: String?
    public var description: String?

    public init(title: String? = nil, description: String? = nil) {
        self.title = title
        self.description = description
    }

    public static let none = ImageMetadata()

    /// The PNG keywords and their texts, in the order they are written; empty texts are left out.
    var pngEntries: [(keyword: String, text: String)] {
        [("Title", title), ("Description", description)].compactMap { keyword, text in
            guard let text, !text.isEmpty else { return nil }
            return (keyword, text)
        }
    }
}

extension PNGEncoder {
    /// One chunk per entry: tEXt for ASCII text, which every reader decodes the same way, and iTXt
    /// (UTF-8, uncompressed, no language) for anything else, since tEXt is Latin-1 only. Nothing
    /// varies between runs, so the same words give the same bytes.
    static func textChunks(_ metadata: ImageMetadata) -> [UInt8] {
        var bytes: [UInt8] = []
        for (keyword, text) in metadata.pngEntries {
            // A NUL would end the text early in every reader.
            let utf8 = Array(text.utf8).filter { $0 != 0 }
            if utf8.allSatisfy({ $0 < 0x80 }) {
                appendChunk("tEXt", Array(keyword.utf8) + [0] + utf8, to: &bytes)
            } else {
                appendChunk("iTXt", Array(keyword.utf8) + [0, 0, 0, 0, 0] + utf8, to: &bytes)
            }
        }
        return bytes
    }

    /// A PNG with `metadata`'s chunks inserted right after IHDR, where readers that stop at the
    /// image data still find them.
    static func inserting(_ metadata: ImageMetadata, into png: [UInt8]) -> [UInt8] {
        let chunks = textChunks(metadata)
        guard !chunks.isEmpty else { return png }
        // The signature, then IHDR: 4 bytes of length, 4 of type, 13 of data, 4 of CRC.
        let afterHeader = signature.count + 25
        return Array(png[..<afterHeader]) + chunks + Array(png[afterHeader...])
    }
}

extension PNGDecoder {
    /// The text of a PNG's tEXt and uncompressed iTXt chunks by keyword (the first of each keyword).
    static func text(of bytes: [UInt8]) throws -> [String: String] {
        var text: [String: String] = [:]
        for chunk in try chunks(of: bytes).1 where chunk.type == "tEXt" || chunk.type == "iTXt" {
            let data = Array(chunk.data)
            guard let end = data.firstIndex(of: 0) else { continue }
            let keyword = String(decoding: data[..<end], as: UTF8.self)
            let value: String
            if chunk.type == "tEXt" {
                value = String(data[(end + 1)...].map { Character(Unicode.Scalar($0)) })
            } else {
                // Compression flag and method, then the language tag and translated keyword, each NUL-ended.
                guard end + 3 <= data.count, data[end + 1] == 0 else { continue }
                var start = end + 3
                for _ in 0..<2 {
                    guard let nul = data[start...].firstIndex(of: 0) else { start = data.count + 1; break }
                    start = nul + 1
                }
                guard start <= data.count else { continue }
                value = String(decoding: data[start...], as: UTF8.self)
            }
            if text[keyword] == nil { text[keyword] = value }
        }
        return text
    }
}

extension ImageMetadata {
    /// The title and description a PNG file carries, as ``PNGEncoder`` writes them.
    public init(png bytes: [UInt8]) throws {
        let text = try PNGDecoder.text(of: bytes)
        self.init(title: text["Title"], description: text["Description"])
    }

    /// Another encoder's PNG with these words added as ``PNGEncoder`` writes them, so that a file
    /// re-encoded elsewhere can carry the same text.
    public func adding(to png: [UInt8]) -> [UInt8] { PNGEncoder.inserting(self, into: png) }

    /// `<title>` and `<desc>`, XML-escaped, to go first inside `<svg>`.
    var svgElements: String {
        func escaped(_ text: String) -> String {
            var out = ""
            for character in text.unicodeScalars {
                switch character {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                // Characters XML 1.0 forbids even as references.
                case _ where character.value < 0x20 && character != "\n" && character != "\t" && character != "\r": continue
                default: out.unicodeScalars.append(character)
                }
            }
            return out
        }
        var elements = ""
        if let title, !title.isEmpty { elements += "\n<title>\(escaped(title))</title>" }
        if let description, !description.isEmpty { elements += "\n<desc>\(escaped(description))</desc>" }
        return elements
    }

    /// An SVG document with `<title>` and `<desc>` as the first children of its root element.
    func inserting(into svg: [UInt8]) -> [UInt8] {
        let elements = Array(svgElements.utf8)
        guard !elements.isEmpty, let open = svg.firstRange(of: Array("<svg".utf8)),
              let close = svg[open.upperBound...].firstIndex(of: UInt8(ascii: ">")) else { return svg }
        return Array(svg[...close]) + elements + Array(svg[(close + 1)...])
    }
}

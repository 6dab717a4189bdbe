/// Renumbering of the element ids Cairo writes into SVG documents.
///
/// Cairo names `<image>` and `<g>` elements after its surfaces' process-wide serial numbers
/// ("image131", "surface127"), so the same figure gets different ids depending on how many
/// surfaces the process created before. Renumbering them in order of first appearance makes
/// the document depend only on the figure.
enum SVGIdentifiers {
    /// Id prefixes that Cairo numbers per process rather than per document.
    private static let prefixes: [[UInt8]] = [Array("image".utf8), Array("surface".utf8)]

    static func normalize(_ svg: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(svg.count)
        var numbering: [[UInt8]: [Int: Int]] = [:]
        let idOpen = Array("id=\"".utf8)
        var i = 0
        while i < svg.count {
            // Ids appear as id="image12" and references as "#image12" or url(#image12); base64
            // data never contains '"' or '#', so anchoring on them cannot touch embedded images.
            let start: Int? = svg[i] == UInt8(ascii: "#") ? i + 1
                : svg[i...].starts(with: idOpen) ? i + idOpen.count : nil
            guard let start, let id = numberedId(in: svg, at: start) else {
                output.append(svg[i])
                i += 1
                continue
            }
            let table = numbering[id.prefix, default: [:]]
            let renumbered = table[id.number] ?? table.count + 1
            numbering[id.prefix, default: [:]][id.number] = renumbered
            output += svg[i..<(start + id.prefix.count)]
            output += String(renumbered).utf8
            i = id.end
        }
        return output
    }

    /// The prefix and number of the id that starts at `start`, and the index just past it.
    private static func numberedId(in svg: [UInt8], at start: Int) -> (prefix: [UInt8], number: Int, end: Int)? {
        for prefix in prefixes where start + prefix.count < svg.count && svg[start...].starts(with: prefix) {
            var end = start + prefix.count, number = 0
            while end < svg.count, (48...57).contains(svg[end]), number < 1 << 40 {
                number = number * 10 + Int(svg[end] - 48)
                end += 1
            }
            if end > start + prefix.count, end < svg.count, [UInt8(ascii: "\""), UInt8(ascii: ")")].contains(svg[end]) {
                return (prefix, number, end)
            }
        }
        return nil
    }
}

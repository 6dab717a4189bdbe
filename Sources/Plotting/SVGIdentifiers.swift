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
        let quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#")
        var i = 0
        while i < svg.count {
            // Ids appear as id="image12" and references as "#image12" or url(#image12); base64
            // data never contains '"' or '#', so anchoring on them cannot touch embedded images.
            var anchorEnd: Int?
            if svg[i] == hash {
                anchorEnd = i + 1
            } else if svg[i] == idOpen[0], i + idOpen.count <= svg.count, Array(svg[i..<(i + idOpen.count)]) == idOpen {
                anchorEnd = i + idOpen.count
            }
            guard let start = anchorEnd else {
                output.append(svg[i])
                i += 1
                continue
            }
            var replaced = false
            for prefix in prefixes where start + prefix.count < svg.count
                && svg[start..<(start + prefix.count)].elementsEqual(prefix) {
                var end = start + prefix.count
                var number = 0
                while end < svg.count, svg[end] >= 48, svg[end] <= 57, number < 1 << 40 {
                    number = number * 10 + Int(svg[end] - 48)
                    end += 1
                }
                guard end > start + prefix.count, end < svg.count, svg[end] == quote || svg[end] == UInt8(ascii: ")")
                else { continue }
                var table = numbering[prefix, default: [:]]
                let renumbered = table[number] ?? table.count + 1
                table[number] = renumbered
                numbering[prefix] = table
                output.append(contentsOf: svg[i..<(start + prefix.count)])
                output.append(contentsOf: Array(String(renumbered).utf8))
                i = end
                replaced = true
                break
            }
            if !replaced {
                output.append(svg[i])
                i += 1
            }
        }
        return output
    }
}

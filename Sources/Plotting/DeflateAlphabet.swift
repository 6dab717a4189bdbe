/// The fixed parts of DEFLATE's symbol alphabets (RFC 1951 §3.2.5–3.2.7): how match lengths and
/// distances map to symbols plus extra bits, the fixed Huffman code, and the order in which a
/// dynamic block lists its code-length code.
enum DeflateAlphabet {
    /// Literal bytes 0–255, end of block 256, length symbols 257–285.
    static let literalLengthCount = 286
    static let endOfBlock = 256
    static let distanceCount = 30
    /// Symbols 0–15 are lengths, 16 repeats the previous length, 17 and 18 repeat zero.
    static let codeLengthCount = 19

    /// Smallest match length of each length symbol 257–285, and its extra bits.
    static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                       35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtraBits: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                           3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    /// Smallest distance of each distance symbol, and its extra bits.
    static let distanceBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
                                         513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtraBits: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7,
                                             8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// The order of code-length-code lengths in a dynamic block header.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Length symbol index (0–28, i.e. symbol − 257) of every match length − 3 (0–255).
    static let lengthSymbol: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for symbol in 0..<lengthBase.count {
            let first = Int(lengthBase[symbol]) - 3
            let last = symbol + 1 < lengthBase.count ? Int(lengthBase[symbol + 1]) - 4 : 255
            // Symbol 284's extra bits could also spell 258, but the RFC reserves 258 for 285.
            for l in first...min(last, 255) { table[l] = UInt8(symbol) }
        }
        return table
    }()

    /// Distance symbol of every distance − 1: entries 0–255 directly, then entries 256–511 for
    /// (distance − 1) >> 7, which works because every symbol past 256 spans a multiple of 128.
    static let distanceSymbol: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        for symbol in 0..<distanceBase.count {
            let first = Int(distanceBase[symbol]) - 1
            let last = first + (1 << Int(distanceExtraBits[symbol])) - 1
            for d in first...last {
                if d < 256 { table[d] = UInt8(symbol) } else { table[256 + (d >> 7)] = UInt8(symbol) }
            }
        }
        return table
    }()

    /// The fixed literal/length code of block type 01, over all 288 symbols it defines.
    static let fixedLiteralLength = HuffmanCode(lengths:
        [UInt8](repeating: 8, count: 144) + [UInt8](repeating: 9, count: 112)
            + [UInt8](repeating: 7, count: 24) + [UInt8](repeating: 8, count: 8))
    /// The fixed distance code: five bits each, over the 32 symbols it defines.
    static let fixedDistance = HuffmanCode(lengths: [UInt8](repeating: 5, count: 32))
}

/// The header of a DEFLATE block with dynamic Huffman codes (RFC 1951 §3.2.7): the code lengths
/// of both alphabets, run-length coded and themselves Huffman coded.
struct DynamicHuffmanHeader {
    /// Code-length symbols in order, each with the value of its extra bits.
    private var symbols: [(symbol: UInt8, extra: UInt8)] = []
    private let codeLengthCode: HuffmanCode
    private let literalLengthCount: Int
    private let distanceCount: Int
    private let codeLengthCount: Int
    /// The header's size in bits, not counting the three-bit block header before it.
    let bitCount: Int

    private static let extraBits: [Int] = [2, 3, 7]

    init(literalLength: HuffmanCode, distance: HuffmanCode) {
        // Trailing unused symbols need not be listed, but the counts have floors (HLIT ≥ 257, HDIST ≥ 1).
        literalLengthCount = max(257, (literalLength.lengths.lastIndex { $0 != 0 } ?? 0) + 1)
        distanceCount = max(1, (distance.lengths.lastIndex { $0 != 0 } ?? 0) + 1)
        // One sequence: repeat codes may run from the literal/length lengths into the distance lengths.
        let lengths = Array(literalLength.lengths[0..<literalLengthCount]) + Array(distance.lengths[0..<distanceCount])
        var i = 0
        while i < lengths.count {
            let value = lengths[i]
            var run = 1
            while i + run < lengths.count && lengths[i + run] == value { run += 1 }
            i += run
            if value == 0 {
                while run >= 11 {
                    let k = min(run, 138)
                    symbols.append((18, UInt8(k - 11)))
                    run -= k
                }
                if run >= 3 {
                    symbols.append((17, UInt8(run - 3)))
                    run = 0
                }
            } else {
                symbols.append((value, 0))
                run -= 1
                while run >= 3 {
                    let k = min(run, 6)
                    symbols.append((16, UInt8(k - 3)))
                    run -= k
                }
            }
            for _ in 0..<run { symbols.append((value, 0)) }
        }
        var frequencies = [UInt32](repeating: 0, count: DeflateAlphabet.codeLengthCount)
        for (symbol, _) in symbols { frequencies[Int(symbol)] += 1 }
        let code = HuffmanCode(frequencies: frequencies, maximumLength: 7)
        codeLengthCode = code
        codeLengthCount = max(4, (DeflateAlphabet.codeLengthOrder.lastIndex { code.lengths[$0] != 0 } ?? 0) + 1)
        var bits = 5 + 5 + 4 + 3 * codeLengthCount
        for (symbol, _) in symbols {
            bits += Int(code.lengths[Int(symbol)]) + (symbol >= 16 ? Self.extraBits[Int(symbol) - 16] : 0)
        }
        bitCount = bits
    }

    /// Writes HLIT, HDIST, HCLEN, the code-length code and the coded lengths.
    func write(to writer: inout BitWriter) {
        writer.reserve(bitCount / 8 + 8)
        writer.writeBits(UInt32(literalLengthCount - 257), 5)
        writer.writeBits(UInt32(distanceCount - 1), 5)
        writer.writeBits(UInt32(codeLengthCount - 4), 4)
        for symbol in DeflateAlphabet.codeLengthOrder.prefix(codeLengthCount) {
            writer.writeBits(UInt32(codeLengthCode.lengths[symbol]), 3)
        }
        for (symbol, extra) in symbols {
            let s = Int(symbol)
            writer.writeBits(UInt32(codeLengthCode.codes[s]), Int(codeLengthCode.lengths[s]))
            if s >= 16 { writer.writeBits(UInt32(extra), Self.extraBits[s - 16]) }
        }
    }
}

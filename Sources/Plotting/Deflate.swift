/// A zlib compressor (RFC 1950 framing around RFC 1951 DEFLATE) tuned for speed on rendered
/// charts rather than for the smallest output.
///
/// Matching is greedy LZ77: the next four bytes are hashed, a few earlier positions with the same
/// hash are tried, and the longest match is taken without looking one position ahead for a
/// better one (zlib's lazy matching), which would cost time on every literal. Charts are mostly
/// flat colour, so the bulk of the input goes in 258-byte matches found at the first try. Each
/// block is then written in whichever of three forms is smallest: dynamic Huffman codes (charts
/// use few colours, hence few distinct bytes), the fixed code, or stored bytes (noise).
enum Deflate {
    /// Tuning knobs; the defaults were measured on the report's two charts (see each), and tests
    /// use others to force small blocks and short chains.
    struct Options {
        /// Earlier positions tried per hash lookup: going from 1 to 4 to 16 saved 2 % of the
        /// bytes per step, for 10 % and then 17 % more time.
        var chainLimit = 4
        /// Matches up to this long have all their positions hashed; longer ones are skipped
        /// over, since inside a run every position would find the same run again and fill the
        /// chains with it. Hashing all positions of every match took 70 % longer to save 1 %.
        var insertionLimit = 16
        /// Matches longer than `insertionLimit` still hash their last positions, where a run
        /// ends and the next distinct bytes begin: copies of the row above are found through
        /// them. Eight made the charts 17 % and 7 % smaller for 3 % more time.
        var tailInsertions = 8
        /// Tokens collected before a block is written: dynamic codes adapt per block, and each
        /// block pays for its header. Sizes from 4096 to 65536 were within 1 %.
        var tokensPerBlock = 1 << 14
    }

    static let windowSize = 32768
    private static let windowMask = windowSize - 1
    static let minimumMatch = 4
    static let maximumMatch = 258
    private static let hashBits = 15
    /// A match token has this bit set; below it sit `(distance − 1) << 8 | (length − 3)`.
    private static let matchFlag: UInt32 = 1 << 31

    /// Appends the zlib stream of `input` to `writer`, which must be at a byte boundary.
    static func zlib(_ input: UnsafeRawBufferPointer, into writer: inout BitWriter, options: Options = Options()) {
        // CMF: method 8 (deflate) with a 32 KiB window; FLG: level hint 1 ("fast"), and the
        // check bits that make the 16-bit header a multiple of 31.
        let cmf: UInt32 = 0x78
        var flg: UInt32 = 1 << 6
        flg += (31 - (cmf << 8 | flg) % 31) % 31
        writer.reserve(2)
        writer.writeBits(cmf, 8)
        writer.writeBits(flg, 8)
        compress(input, into: &writer, options: options)
        writer.alignToByte()
        writer.appendBigEndian(Adler32.checksum(input))
    }

    /// Writes the raw DEFLATE blocks for `input`.
    static func compress(_ input: UnsafeRawBufferPointer, into writer: inout BitWriter, options: Options = Options()) {
        let count = input.count
        precondition(count < Int(Int32.max), "Deflate input too large for 32-bit positions")
        guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self), count > 0 else {
            // A final fixed-code block that holds only the end-of-block symbol (seven zero bits).
            writer.reserve(2)
            writer.writeBits(0b011, 3)
            writer.writeBits(0, 7)
            return
        }
        let hashSize = 1 << hashBits
        let head = UnsafeMutablePointer<Int32>.allocate(capacity: hashSize)
        head.initialize(repeating: -1, count: hashSize)
        let chain = UnsafeMutablePointer<Int32>.allocate(capacity: windowSize)
        chain.initialize(repeating: -1, count: windowSize)
        let tokenCapacity = max(1, options.tokensPerBlock)
        let tokens = UnsafeMutablePointer<UInt32>.allocate(capacity: tokenCapacity)
        defer {
            head.deallocate()
            chain.deallocate()
            tokens.deallocate()
        }
        let raw = UnsafeRawPointer(base)
        @inline(__always) func hash(_ p: Int) -> Int {
            Int((raw.loadUnaligned(fromByteOffset: p, as: UInt32.self) &* 0x9E37_79B1) >> UInt32(32 - hashBits))
        }
        @inline(__always) func insert(_ p: Int) -> Int {
            let h = hash(p)
            let previous = head[h]
            head[h] = Int32(truncatingIfNeeded: p)
            chain[p & windowMask] = previous
            return Int(previous)
        }
        // Positions from here on have fewer than four bytes left to hash.
        let lastHashable = count - minimumMatch
        var p = 0
        while true {
            let blockStart = p
            var tokenCount = 0
            while p < count && tokenCount < tokenCapacity {
                var bestLength = minimumMatch - 1
                var bestDistance = 0
                if p <= lastHashable {
                    var candidate = insert(p)
                    let limit = min(maximumMatch, count - p)
                    let word = raw.loadUnaligned(fromByteOffset: p, as: UInt32.self)
                    var tries = max(1, options.chainLimit)
                    while candidate >= 0 && p - candidate <= windowSize {
                        // The byte just past the best match so far rules out most candidates at once.
                        if base[candidate + bestLength] == base[p + bestLength]
                            && raw.loadUnaligned(fromByteOffset: candidate, as: UInt32.self) == word {
                            let length = matchLength(base + candidate, base + p, from: minimumMatch, limit: limit)
                            if length > bestLength {
                                bestLength = length
                                bestDistance = p - candidate
                                if length == limit { break }
                            }
                        }
                        tries -= 1
                        if tries == 0 { break }
                        let next = Int(chain[candidate & windowMask])
                        // A slot overwritten by a newer position would point forwards: the chain ended.
                        if next >= candidate { break }
                        candidate = next
                    }
                }
                if bestDistance > 0 {
                    tokens[tokenCount] = matchFlag | UInt32(bestDistance - 1) << 8 | UInt32(bestLength - 3)
                    tokenCount += 1
                    var q = bestLength <= options.insertionLimit ? p + 1 : max(p + 1, p + bestLength - options.tailInsertions)
                    let insertEnd = min(p + bestLength, lastHashable + 1)
                    while q < insertEnd {
                        _ = insert(q)
                        q += 1
                    }
                    p += bestLength
                } else {
                    tokens[tokenCount] = UInt32(base[p])
                    tokenCount += 1
                    p += 1
                }
            }
            let final = p == count
            writeBlock(UnsafeBufferPointer(start: tokens, count: tokenCount),
                       input: UnsafeRawBufferPointer(start: base + blockStart, count: p - blockStart),
                       final: final, into: &writer)
            if final { return }
        }
    }

    /// How many bytes from `from` on agree at `a` and `b`, up to `limit`; compares eight at a time.
    @inline(__always)
    private static func matchLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, from: Int, limit: Int) -> Int {
        var n = from
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while n + 8 <= limit {
            let difference = ra.loadUnaligned(fromByteOffset: n, as: UInt64.self)
                ^ rb.loadUnaligned(fromByteOffset: n, as: UInt64.self)
            if difference != 0 {
                return n + UInt64(littleEndian: difference).trailingZeroBitCount / 8
            }
            n += 8
        }
        while n < limit && a[n] == b[n] { n += 1 }
        return n
    }

    /// Writes one block of tokens in its smallest form; `input` is the bytes the tokens stand for.
    private static func writeBlock(_ tokens: UnsafeBufferPointer<UInt32>, input: UnsafeRawBufferPointer,
                                   final: Bool, into writer: inout BitWriter) {
        var literalFrequencies = [UInt32](repeating: 0, count: DeflateAlphabet.literalLengthCount)
        var distanceFrequencies = [UInt32](repeating: 0, count: DeflateAlphabet.distanceCount)
        DeflateAlphabet.lengthSymbol.withUnsafeBufferPointer { lengthSymbol in
            DeflateAlphabet.distanceSymbol.withUnsafeBufferPointer { distanceSymbol in
                literalFrequencies.withUnsafeMutableBufferPointer { literals in
                    distanceFrequencies.withUnsafeMutableBufferPointer { distances in
                        for token in tokens {
                            if token & matchFlag == 0 {
                                literals[Int(token)] += 1
                            } else {
                                literals[257 + Int(lengthSymbol[Int(token & 0xFF)])] += 1
                                distances[Int(distanceSymbolOf(token, distanceSymbol))] += 1
                            }
                        }
                    }
                }
            }
        }
        literalFrequencies[DeflateAlphabet.endOfBlock] = 1
        var extraBits = 0
        for (k, bits) in DeflateAlphabet.lengthExtraBits.enumerated() { extraBits += Int(literalFrequencies[257 + k]) * Int(bits) }
        for (k, bits) in DeflateAlphabet.distanceExtraBits.enumerated() { extraBits += Int(distanceFrequencies[k]) * Int(bits) }

        let literalCode = HuffmanCode(frequencies: literalFrequencies, maximumLength: 15)
        let distanceCode = HuffmanCode(frequencies: distanceFrequencies, maximumLength: 15)
        let header = DynamicHuffmanHeader(literalLength: literalCode, distance: distanceCode)
        let dynamicBits = 3 + header.bitCount + literalCode.cost(of: literalFrequencies)
            + distanceCode.cost(of: distanceFrequencies) + extraBits
        let fixedBits = 3 + DeflateAlphabet.fixedLiteralLength.cost(of: literalFrequencies)
            + DeflateAlphabet.fixedDistance.cost(of: distanceFrequencies) + extraBits
        let storedChunks = max(1, (input.count + 65534) / 65535)
        // Per chunk: the block header, up to seven bits of padding, LEN and NLEN.
        let storedBits = storedChunks * (3 + 7 + 32) + 8 * input.count

        if storedBits <= min(dynamicBits, fixedBits) {
            writeStored(input, final: final, into: &writer)
            return
        }
        writer.reserve((min(dynamicBits, fixedBits) + 7) / 8 + 16)
        if dynamicBits < fixedBits {
            writer.writeBits((final ? 1 : 0) | 2 << 1, 3)
            header.write(to: &writer)
            writeTokens(tokens, literalCode: literalCode, distanceCode: distanceCode, into: &writer)
        } else {
            writer.writeBits((final ? 1 : 0) | 1 << 1, 3)
            writeTokens(tokens, literalCode: DeflateAlphabet.fixedLiteralLength,
                        distanceCode: DeflateAlphabet.fixedDistance, into: &writer)
        }
    }

    @inline(__always)
    private static func distanceSymbolOf(_ token: UInt32, _ table: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let d = Int((token >> 8) & 0x7FFF)
        return d < 256 ? table[d] : table[256 + (d >> 7)]
    }

    /// Writes the tokens and the end-of-block symbol; room must have been reserved.
    private static func writeTokens(_ tokens: UnsafeBufferPointer<UInt32>, literalCode: HuffmanCode,
                                    distanceCode: HuffmanCode, into writer: inout BitWriter) {
        // Code and length packed per symbol, so each symbol costs one table load.
        let literalTable = zip(literalCode.codes, literalCode.lengths).map { UInt32($0) | UInt32($1) << 16 }
        let distanceTable = zip(distanceCode.codes, distanceCode.lengths).map { UInt32($0) | UInt32($1) << 16 }
        literalTable.withUnsafeBufferPointer { literals in
        distanceTable.withUnsafeBufferPointer { distances in
        DeflateAlphabet.lengthSymbol.withUnsafeBufferPointer { lengthSymbol in
        DeflateAlphabet.distanceSymbol.withUnsafeBufferPointer { distanceSymbol in
        DeflateAlphabet.lengthBase.withUnsafeBufferPointer { lengthBase in
        DeflateAlphabet.lengthExtraBits.withUnsafeBufferPointer { lengthExtra in
        DeflateAlphabet.distanceBase.withUnsafeBufferPointer { distanceBase in
        DeflateAlphabet.distanceExtraBits.withUnsafeBufferPointer { distanceExtra in
            for token in tokens {
                if token & matchFlag == 0 {
                    let entry = literals[Int(token)]
                    writer.writeBits(entry & 0xFFFF, Int(entry >> 16))
                    continue
                }
                let lengthOffset = Int(token & 0xFF)
                let ls = Int(lengthSymbol[lengthOffset])
                let lengthEntry = literals[257 + ls]
                let lengthBits = Int(lengthEntry >> 16)
                let lengthExtraValue = UInt32(lengthOffset + 3 - Int(lengthBase[ls]))
                writer.writeBits(lengthEntry & 0xFFFF | lengthExtraValue << UInt32(lengthBits),
                                 lengthBits + Int(lengthExtra[ls]))
                let ds = Int(distanceSymbolOf(token, distanceSymbol))
                let distanceEntry = distances[ds]
                let distanceBits = Int(distanceEntry >> 16)
                let distanceExtraValue = UInt32(Int((token >> 8) & 0x7FFF) + 1 - Int(distanceBase[ds]))
                writer.writeBits(distanceEntry & 0xFFFF | distanceExtraValue << UInt32(distanceBits),
                                 distanceBits + Int(distanceExtra[ds]))
            }
        }}}}}}}}
        let end = literalCode.codes[DeflateAlphabet.endOfBlock]
        writer.writeBits(UInt32(end), Int(literalCode.lengths[DeflateAlphabet.endOfBlock]))
    }

    /// Writes `input` as stored blocks of at most 65535 bytes each.
    private static func writeStored(_ input: UnsafeRawBufferPointer, final: Bool, into writer: inout BitWriter) {
        var offset = 0
        repeat {
            let length = min(65535, input.count - offset)
            let last = offset + length == input.count
            writer.reserve(length + 8)
            writer.writeBits(final && last ? 1 : 0, 3)
            writer.alignToByte()
            writer.writeBits(UInt32(length) | UInt32(~length & 0xFFFF) << 16, 32)
            writer.append(UnsafeRawBufferPointer(rebasing: input[offset..<(offset + length)]))
            offset += length
        } while offset < input.count
    }
}

/// A canonical prefix code for one DEFLATE alphabet: a bit length per symbol and the code bits,
/// stored reversed because DEFLATE sends Huffman codes starting from their most significant bit
/// into an otherwise least-significant-bit-first stream (RFC 1951 §3.1.1, §3.2.2).
struct HuffmanCode {
    /// Bit length per symbol; 0 for symbols that never occur.
    private(set) var lengths: [UInt8]
    /// The code of each symbol, bit-reversed so that it can be written with ``BitWriter/writeBits(_:_:)``.
    private(set) var codes: [UInt16]

    /// The code with the given lengths, which must satisfy Kraft's inequality.
    init(lengths: [UInt8]) {
        self.lengths = lengths
        codes = Self.canonicalCodes(lengths)
    }

    /// An optimal code for `frequencies` whose lengths do not exceed `maximumLength`.
    ///
    /// Always gives at least two symbols a code, even if fewer occur, because decoders such as
    /// zlib reject incomplete code-length and literal/length codes; a complete code is valid
    /// everywhere.
    init(frequencies: [UInt32], maximumLength: Int) {
        self.init(lengths: Self.lengths(for: frequencies, maximumLength: maximumLength))
    }

    /// The number of bits the symbols counted in `frequencies` take with this code.
    func cost(of frequencies: [UInt32]) -> Int {
        var bits = 0
        for (symbol, frequency) in frequencies.enumerated() where frequency > 0 {
            bits += Int(frequency) * Int(lengths[symbol])
        }
        return bits
    }

    private static func lengths(for frequencies: [UInt32], maximumLength: Int) -> [UInt8] {
        var lengths = [UInt8](repeating: 0, count: frequencies.count)
        var used = frequencies.indices.filter { frequencies[$0] > 0 }
        // Pad to two symbols with the lowest unused indices; they get 1-bit codes never sent.
        var filler = 0
        while used.count < 2 {
            if frequencies[filler] == 0 && !used.contains(filler) { used.append(filler) }
            filler += 1
        }
        var weights = used.map { UInt64(max(frequencies[$0], 1)) }
        while true {
            let depths = huffmanDepths(weights)
            if depths.max()! <= maximumLength {
                for (k, symbol) in used.enumerated() { lengths[symbol] = UInt8(depths[k]) }
                return lengths
            }
            // Flattening the weights shortens the deepest codes; equal weights give a balanced
            // tree, which fits any limit DEFLATE uses, so this ends. It is rare (runs of very
            // skewed counts) and costs a few bits at most, so optimality is not worth more code.
            weights = weights.map { ($0 + 1) / 2 }
        }
    }

    /// The depth of each leaf in a Huffman tree over `weights` (at least two).
    private static func huffmanDepths(_ weights: [UInt64]) -> [Int] {
        let n = weights.count
        // Leaves in increasing weight (ties by index, for deterministic codes). Internal nodes
        // are created in nondecreasing weight too, so the two lightest nodes are always at the
        // fronts of two queues and no heap is needed.
        let order = weights.indices.sorted { (weights[$0], $0) < (weights[$1], $1) }
        var nodeWeight = [UInt64](repeating: 0, count: 2 * n - 1)
        var parent = [Int](repeating: 0, count: 2 * n - 1)
        for (k, leaf) in order.enumerated() { nodeWeight[k] = weights[leaf] }
        var nextLeaf = 0, nextInternal = n, created = n
        func takeLightest() -> Int {
            if nextLeaf < n && (nextInternal == created || nodeWeight[nextLeaf] <= nodeWeight[nextInternal]) {
                nextLeaf += 1
                return nextLeaf - 1
            }
            nextInternal += 1
            return nextInternal - 1
        }
        while created < 2 * n - 1 {
            let a = takeLightest(), b = takeLightest()
            nodeWeight[created] = nodeWeight[a] + nodeWeight[b]
            parent[a] = created
            parent[b] = created
            created += 1
        }
        // Parents come after their children, so one backward pass sets every depth.
        var depth = [Int](repeating: 0, count: 2 * n - 1)
        for node in stride(from: 2 * n - 3, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }
        var depths = [Int](repeating: 0, count: n)
        for (k, leaf) in order.enumerated() { depths[leaf] = depth[k] }
        return depths
    }

    private static func canonicalCodes(_ lengths: [UInt8]) -> [UInt16] {
        let maximum = Int(lengths.max() ?? 0)
        var lengthCount = [Int](repeating: 0, count: maximum + 1)
        for length in lengths where length > 0 { lengthCount[Int(length)] += 1 }
        var next = [Int](repeating: 0, count: maximum + 2)
        var code = 0
        for length in stride(from: 1, through: maximum, by: 1) {
            code = (code + lengthCount[length - 1]) << 1
            next[length] = code
        }
        var codes = [UInt16](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            var value = next[Int(length)]
            next[Int(length)] += 1
            var reversed = 0
            for _ in 0..<length {
                reversed = reversed << 1 | value & 1
                value >>= 1
            }
            codes[symbol] = UInt16(reversed)
        }
        return codes
    }
}

/// Contour extraction on a ``ScalarField`` by marching squares with linear interpolation.
///
/// Each grid cell contributes up to two segments whose ends lie on cell edges; segments that
/// share an edge crossing are chained into polylines, so contours stroke as continuous lines
/// with proper joins instead of thousands of separate dashes.
struct MarchingSquares {
    let field: ScalarField

    /// A crossing point identified by the grid edge it lies on, so neighbouring cells agree.
    private struct Segment {
        var keyA: Int
        var keyB: Int
    }

    func contours(at level: Double) -> [[Point]] {
        guard level.isFinite else { return [] }
        let nx = field.nx, ny = field.ny
        let values = field.values
        let dx = (field.xRange.upperBound - field.xRange.lowerBound) / Double(nx - 1)
        let dy = (field.yRange.upperBound - field.yRange.lowerBound) / Double(ny - 1)
        var crossing: [Int: Point] = [:]
        var segments: [Segment] = []

        // Horizontal edge from (i, j) to (i+1, j) has an even key, vertical (i, j)→(i, j+1) odd.
        func horizontalKey(_ i: Int, _ j: Int) -> Int { 2 * (j * nx + i) }
        func verticalKey(_ i: Int, _ j: Int) -> Int { 2 * (j * nx + i) + 1 }
        func point(onEdge key: Int) -> Int {
            if crossing[key] == nil {
                let node = key / 2
                let i = node % nx, j = node / nx
                let (i2, j2) = key % 2 == 0 ? (i + 1, j) : (i, j + 1)
                let v1 = values[j * nx + i], v2 = values[j2 * nx + i2]
                let t = v2 == v1 ? 0.5 : min(max((level - v1) / (v2 - v1), 0), 1)
                let gx = Double(i) + t * Double(i2 - i)
                let gy = Double(j) + t * Double(j2 - j)
                crossing[key] = Point(
                    x: field.xRange.lowerBound + gx * dx, y: field.yRange.lowerBound + gy * dy)
            }
            return key
        }

        for j in 0..<(ny - 1) {
            for i in 0..<(nx - 1) {
                let a = values[j * nx + i]              // bottom-left
                let b = values[j * nx + i + 1]          // bottom-right
                let c = values[(j + 1) * nx + i + 1]    // top-right
                let d = values[(j + 1) * nx + i]        // top-left
                guard a.isFinite, b.isFinite, c.isFinite, d.isFinite else { continue }
                let index = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0)
                if index == 0 || index == 15 { continue }
                let bottom = horizontalKey(i, j), top = horizontalKey(i, j + 1)
                let left = verticalKey(i, j), right = verticalKey(i + 1, j)
                func connect(_ e1: Int, _ e2: Int) {
                    segments.append(Segment(keyA: point(onEdge: e1), keyB: point(onEdge: e2)))
                }
                switch index {
                case 5, 10:
                    // Saddle: the cell centre's average decides which pair of corners is joined.
                    let centreAbove = (a + b + c + d) / 4 >= level
                    if (index == 5) == centreAbove {
                        connect(bottom, right)
                        connect(top, left)
                    } else {
                        connect(bottom, left)
                        connect(right, top)
                    }
                default:
                    var edges: [Int] = []
                    if (index & 1 != 0) != (index & 2 != 0) { edges.append(bottom) }
                    if (index & 2 != 0) != (index & 4 != 0) { edges.append(right) }
                    if (index & 4 != 0) != (index & 8 != 0) { edges.append(top) }
                    if (index & 8 != 0) != (index & 1 != 0) { edges.append(left) }
                    connect(edges[0], edges[1])
                }
            }
        }
        return chain(segments, crossing)
    }

    private func chain(_ segments: [Segment], _ crossing: [Int: Point]) -> [[Point]] {
        var byKey: [Int: [Int]] = [:]
        for (index, segment) in segments.enumerated() {
            byKey[segment.keyA, default: []].append(index)
            byKey[segment.keyB, default: []].append(index)
        }
        var used = [Bool](repeating: false, count: segments.count)
        var result: [[Point]] = []

        func walk(from start: Int, key startKey: Int) {
            var line = [crossing[startKey]!]
            var segmentIndex = start
            var key = startKey
            while true {
                used[segmentIndex] = true
                let segment = segments[segmentIndex]
                key = segment.keyA == key ? segment.keyB : segment.keyA
                line.append(crossing[key]!)
                guard let next = byKey[key]?.first(where: { !used[$0] }) else { break }
                segmentIndex = next
            }
            result.append(line)
        }

        // Open contours end on the grid border, at a crossing used by only one segment; start
        // there so each comes out as one polyline. Whatever remains are closed loops.
        for (index, segment) in segments.enumerated() where !used[index] {
            if byKey[segment.keyA]!.count == 1 { walk(from: index, key: segment.keyA) }
            else if byKey[segment.keyB]!.count == 1 { walk(from: index, key: segment.keyB) }
        }
        for (index, segment) in segments.enumerated() where !used[index] {
            walk(from: index, key: segment.keyA)
        }
        return result
    }
}

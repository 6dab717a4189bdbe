/// Contour extraction on a ``ScalarField`` by marching squares with linear interpolation.
///
/// Each grid cell contributes up to two segments whose ends lie on cell edges; segments that
/// share an edge crossing are chained into polylines, so contours stroke as continuous lines
/// with proper joins instead of thousands of separate dashes.
struct MarchingSquares {
    let field: ScalarField

    func contours(at level: Double) -> [[Point]] {
        guard level.isFinite else { return [] }
        let nx = field.nx, values = field.values
        let dx = (field.xRange.upperBound - field.xRange.lowerBound) / Double(nx - 1)
        let dy = (field.yRange.upperBound - field.yRange.lowerBound) / Double(field.ny - 1)
        // A crossing is named by the grid edge it lies on, so neighbouring cells agree: the edge
        // from (i, j) to (i+1, j) has the even key 2(j·nx + i), the one to (i, j+1) the next odd key.
        func crossing(_ key: Int) -> Point {
            let i = key / 2 % nx, j = key / 2 / nx
            let (i2, j2) = key % 2 == 0 ? (i + 1, j) : (i, j + 1)
            let v1 = values[j * nx + i], v2 = values[j2 * nx + i2]
            let t = v2 == v1 ? 0.5 : min(max((level - v1) / (v2 - v1), 0), 1)
            return Point(x: field.xRange.lowerBound + (Double(i) + t * Double(i2 - i)) * dx,
                         y: field.yRange.lowerBound + (Double(j) + t * Double(j2 - j)) * dy)
        }
        var segments: [(Int, Int)] = []
        for j in 0..<(field.ny - 1) {
            for i in 0..<(nx - 1) {
                let a = values[j * nx + i]              // bottom-left
                let b = values[j * nx + i + 1]          // bottom-right
                let c = values[(j + 1) * nx + i + 1]    // top-right
                let d = values[(j + 1) * nx + i]        // top-left
                guard a.isFinite, b.isFinite, c.isFinite, d.isFinite else { continue }
                let index = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0)
                let bottom = 2 * (j * nx + i), top = 2 * ((j + 1) * nx + i), left = bottom + 1, right = bottom + 3
                switch index {
                case 0, 15: continue
                case 5, 10:
                    // Saddle: the cell centre's average decides which pair of corners is joined.
                    let centreAbove = (a + b + c + d) / 4 >= level
                    segments += (index == 5) == centreAbove
                        ? [(bottom, right), (top, left)] : [(bottom, left), (right, top)]
                default:
                    let edges = [(1, 2, bottom), (2, 4, right), (4, 8, top), (8, 1, left)]
                        .filter { (index & $0.0 != 0) != (index & $0.1 != 0) }
                    segments.append((edges[0].2, edges[1].2))
                }
            }
        }
        return chain(segments, crossing)
    }

    private func chain(_ segments: [(Int, Int)], _ crossing: (Int) -> Point) -> [[Point]] {
        var byKey: [Int: [Int]] = [:]
        for (index, (a, b)) in segments.enumerated() {
            byKey[a, default: []].append(index)
            byKey[b, default: []].append(index)
        }
        var used = [Bool](repeating: false, count: segments.count)
        var result: [[Point]] = []

        func walk(from start: Int, key startKey: Int) {
            var line = [crossing(startKey)], key = startKey, next: Int? = start
            while let index = next {
                used[index] = true
                let (a, b) = segments[index]
                key = a == key ? b : a
                line.append(crossing(key))
                next = byKey[key]?.first { !used[$0] }
            }
            result.append(line)
        }

        // Open contours end on the grid border, at a crossing used by only one segment; start
        // there so each comes out as one polyline. Whatever remains are closed loops.
        for (index, (a, b)) in segments.enumerated() where !used[index] {
            if byKey[a]!.count == 1 {
                walk(from: index, key: a)
            } else if byKey[b]!.count == 1 {
                walk(from: index, key: b)
            }
        }
        for (index, (a, _)) in segments.enumerated() where !used[index] {
            walk(from: index, key: a)
        }
        return result
    }
}

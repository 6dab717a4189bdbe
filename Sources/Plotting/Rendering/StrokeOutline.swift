#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stroke with round joins, as the shapes whose union it is: a rectangle along each segment
/// and a disc at each join and round end.
///
/// Filling these shapes together (non-zero winding, all wound the same way) covers exactly what
/// a round-joined stroke covers. Raster backends fill this instead of asking the library to
/// stroke: Cairo 1.17 changed how its stroker tessellates round joins, so the same stroke drew
/// other pixels on Cairo 1.16 and 1.18, while filling a polygon draws the same pixels on both.
struct StrokeOutline: Equatable {
    /// A quadrilateral, its corners in order; every one is wound the same way as ``Disc``s are
    /// traced (by increasing angle).
    struct Quad: Equatable {
        var corners: [Point]
    }

    struct Disc: Equatable {
        var center: Point
        var radius: Double
    }

    private(set) var quads: [Quad] = []
    private(set) var discs: [Disc] = []

    /// The outline of a stroke of `width` along each of `subpaths` (closed ones join their last
    /// point to their first, and have no ends). A lone point draws nothing; a zero-length
    /// segment or a closed lone point draws a dot where the cap has extent, as Cairo does.
    init(subpaths: [(points: [Point], closed: Bool)], width: Double, cap: LineCap) {
        let r = width / 2
        guard r > 0, r.isFinite else { return }
        for (points, closed) in subpaths where points.count > 1 || (closed && !points.isEmpty) {
            var vertices = points
            if closed, vertices.count > 1 { vertices.append(vertices[0]) }
            let segments = zip(vertices, vertices.dropFirst()).filter { $0 != $1 }
            guard !segments.isEmpty else {
                // A zero-length stroke shows as a dot only where the end caps have extent.
                addDot(at: vertices[0], radius: r, cap: cap)
                continue
            }
            let squareEnds = !closed && cap == .square
            for (index, (start, end)) in segments.enumerated() {
                addQuad(from: start, to: end, radius: r,
                        extendStart: squareEnds && index == 0, extendEnd: squareEnds && index == segments.count - 1)
            }
            // Joins sit between segments; an open path's two ends get a disc only for round caps.
            let joins = closed ? segments.map(\.0) : segments.dropFirst().map(\.0)
            let roundEnds = !closed && cap == .round ? [segments[0].0, segments[segments.count - 1].1] : []
            discs += (joins + roundEnds).map { Disc(center: $0, radius: r) }
        }
    }

    /// The corners of a regular polygon on the unit circle, by increasing angle as discs wind,
    /// with enough of them that, scaled to `radius`, it stays within `tolerance` of the circle.
    static func polygonCorners(radius: Double, tolerance: Double) -> [Point] {
        let sides = radius > tolerance ? Int((Double.pi / acos(1 - tolerance / radius)).rounded(.up)) : 4
        let count = max(4, min(sides, 1024))
        return (0..<count).map { k in
            let angle = 2 * Double.pi * Double(k) / Double(count)
            return Point(x: cos(angle), y: sin(angle))
        }
    }

    private mutating func addQuad(from start: Point, to end: Point, radius r: Double, extendStart: Bool, extendEnd: Bool) {
        let dx = end.x - start.x, dy = end.y - start.y
        let length = (dx * dx + dy * dy).squareRoot()
        let ux = dx / length, uy = dy / length
        let a = extendStart ? Point(x: start.x - ux * r, y: start.y - uy * r) : start
        let b = extendEnd ? Point(x: end.x + ux * r, y: end.y + uy * r) : end
        // The normal (-uy, ux) is a quarter turn by increasing angle from the direction, so going
        // along the direction on the -normal side and back on the +normal side winds as a disc does.
        let nx = -uy * r, ny = ux * r
        quads.append(Quad(corners: [
            Point(x: a.x - nx, y: a.y - ny), Point(x: b.x - nx, y: b.y - ny),
            Point(x: b.x + nx, y: b.y + ny), Point(x: a.x + nx, y: a.y + ny),
        ]))
    }

    private mutating func addDot(at point: Point, radius r: Double, cap: LineCap) {
        switch cap {
        case .butt: break
        case .round: discs.append(Disc(center: point, radius: r))
        case .square:
            quads.append(Quad(corners: [
                Point(x: point.x - r, y: point.y - r), Point(x: point.x + r, y: point.y - r),
                Point(x: point.x + r, y: point.y + r), Point(x: point.x - r, y: point.y + r),
            ]))
        }
    }
}

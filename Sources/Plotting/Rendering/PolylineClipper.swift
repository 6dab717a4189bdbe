/// Clips polylines to a rectangle (Liang–Barsky per segment), splitting them where they leave it.
///
/// Cairo stores coordinates in 24.8 fixed point, so a vertex millions of units off-canvas
/// (data far outside a fixed axis range) would wrap around and draw garbage; clipping to a
/// slightly enlarged plot rectangle first keeps every coordinate small and the visible part exact.
public enum PolylineClipper {
    public static func clip(_ polyline: [Point], to rect: Rect) -> [[Point]] {
        guard polyline.count >= 2 else {
            return polyline.count == 1 && rect.contains(polyline[0]) ? [polyline] : []
        }
        var pieces: [[Point]] = [[]]
        for k in 1..<polyline.count {
            guard let (a, b) = clipSegment(polyline[k - 1], polyline[k], to: rect) else {
                pieces.append([])
                continue
            }
            if pieces[pieces.count - 1].last != a { pieces.append([a]) }
            pieces[pieces.count - 1].append(b)
        }
        return pieces.filter { $0.count >= 2 }
    }

    /// The part of segment a→b inside `rect`, or nil if none of it is.
    public static func clipSegment(_ a: Point, _ b: Point, to rect: Rect) -> (Point, Point)? {
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        // Each (p, q) pair is one rectangle side: the segment is inside where p·t <= q.
        for (p, q) in [(-dx, a.x - rect.minX), (dx, rect.maxX - a.x), (-dy, a.y - rect.minY), (dy, rect.maxY - a.y)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let t = q / p
                if p < 0 { if t > t1 { return nil }; t0 = max(t0, t) }
                else { if t < t0 { return nil }; t1 = min(t1, t) }
            }
        }
        let start = t0 == 0 ? a : Point(x: a.x + t0 * dx, y: a.y + t0 * dy)
        let end = t1 == 1 ? b : Point(x: a.x + t1 * dx, y: a.y + t1 * dy)
        return (start, end)
    }
}

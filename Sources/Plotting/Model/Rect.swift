/// An axis-aligned rectangle on the canvas, in canvas units with y growing downwards.
public struct Rect: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }

    /// Shrinks the rectangle by the given insets, never below zero size so that layout on tiny
    /// canvases degrades instead of producing negative geometry.
    public func inset(top: Double = 0, left: Double = 0, bottom: Double = 0, right: Double = 0) -> Rect {
        Rect(x: x + min(left, width), y: y + min(top, height),
             width: max(0, width - left - right), height: max(0, height - top - bottom))
    }

    /// Equal cells in row-major order.
    func split(rows: Int, columns: Int) -> [Rect] {
        precondition(rows >= 1 && columns >= 1, "split needs at least one row and one column")
        let w = width / Double(columns), h = height / Double(rows)
        return (0..<rows).flatMap { r in
            (0..<columns).map { c in Rect(x: x + Double(c) * w, y: y + Double(r) * h, width: w, height: h) }
        }
    }

    public func contains(_ p: Point) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }
}

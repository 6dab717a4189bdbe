/// The drawing primitives every chart is built from; implement it to render anywhere.
///
/// Paths are built with `move`/`line`/`close`/`addCircle` and consumed by `stroke` or `fill`,
/// as in Cairo and PostScript. Coordinates are canvas units (y down); a backend maps them to
/// device pixels or points itself, so charts never see the output resolution.
public protocol DrawingBackend: AnyObject {
    func move(to point: Point)
    func line(to point: Point)
    func closePath()
    /// Adds a full circle as a separate closed sub-path.
    func addCircle(center: Point, radius: Double)
    /// Strokes and clears the current path with round joins, so decimated polylines and contour
    /// chains look continuous.
    func stroke(color: Color, width: Double, cap: LineCap)
    /// Fills (non-zero winding) and clears the current path.
    func fill(color: Color)
    func fillRect(_ rect: Rect, color: Color)
    /// Draws `image` stretched over `rect`; `smooth` asks for bilinear rather than nearest sampling.
    func drawImage(_ image: RasterImage, in rect: Rect, smooth: Bool)
    /// Draws one line of text; `rotation` is in radians, counter-clockwise as seen on screen,
    /// around the anchor point.
    func drawText(_ text: String, at point: Point, size: Double, color: Color, anchor: TextAnchor, rotation: Double)
    func measureText(_ text: String, size: Double) -> TextMetrics
    /// Restricts drawing to `rect` until the matching `popClip`.
    func pushClip(_ rect: Rect)
    func popClip()
}

extension DrawingBackend {
    /// Strokes with round caps, the right choice for data lines.
    public func stroke(color: Color, width: Double) {
        stroke(color: color, width: width, cap: .round)
    }

    /// Adds a polyline through `points` to the current path, back to its start if `closed`.
    public func addPolyline(_ points: some Sequence<Point>, closed: Bool = false) {
        var rest = points.makeIterator()
        guard let first = rest.next() else { return }
        move(to: first)
        while let point = rest.next() { line(to: point) }
        if closed { closePath() }
    }

    /// Strokes a single straight segment, the common case for ticks and frames.
    public func strokeLine(from a: Point, to b: Point, color: Color, width: Double) {
        addPolyline([a, b])
        stroke(color: color, width: width, cap: .butt)
    }

    public func strokeRect(_ rect: Rect, color: Color, width: Double) {
        addPolyline([Point(x: rect.minX, y: rect.minY), Point(x: rect.maxX, y: rect.minY),
                     Point(x: rect.maxX, y: rect.maxY), Point(x: rect.minX, y: rect.maxY)], closed: true)
        stroke(color: color, width: width, cap: .square)
    }
}

/// How the open ends of a stroked path are drawn.
public enum LineCap: Sendable, Equatable {
    /// Ends exactly at the end point; used for tick marks so they don't overshoot.
    case butt
    /// A half-disc beyond the end point; used for data lines.
    case round
    /// A half-square beyond the end point; used for frames so corners meet cleanly.
    case square
}

/// The size of a piece of text as laid out by a backend, in canvas units.
public struct TextMetrics: Sendable, Equatable {
    /// The advance width of the string.
    public var width: Double
    /// The height of the font's line box above the baseline (same for every string of a size).
    public var ascent: Double
    /// The depth of the font's line box below the baseline, as a positive number.
    public var descent: Double

    public init(width: Double, ascent: Double, descent: Double) {
        self.width = width
        self.ascent = ascent
        self.descent = descent
    }

    public var height: Double { ascent + descent }
}

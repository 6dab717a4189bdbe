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
    func drawImage(_ image: PixelImage, in rect: Rect, smooth: Bool)
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

    /// Strokes a single straight segment, the common case for ticks and frames.
    public func strokeLine(from a: Point, to b: Point, color: Color, width: Double) {
        move(to: a)
        line(to: b)
        stroke(color: color, width: width, cap: .butt)
    }

    public func strokeRect(_ rect: Rect, color: Color, width: Double) {
        move(to: Point(x: rect.minX, y: rect.minY))
        line(to: Point(x: rect.maxX, y: rect.minY))
        line(to: Point(x: rect.maxX, y: rect.maxY))
        line(to: Point(x: rect.minX, y: rect.maxY))
        closePath()
        stroke(color: color, width: width, cap: .square)
    }
}

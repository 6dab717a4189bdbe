/// A rectangle of a backend's canvas that a chart may draw into.
///
/// Charts never see the whole canvas or the output format: they get an area, and split or inset it.
public struct DrawingArea {
    public let backend: any DrawingBackend
    public let rect: Rect
    /// Device pixels per canvas unit (the render scale); used to snap lines to pixels and to
    /// size decimation columns and rasterised images.
    public let pixelsPerUnit: Double

    public init(backend: any DrawingBackend, rect: Rect, pixelsPerUnit: Double = 1) {
        precondition(pixelsPerUnit > 0 && pixelsPerUnit.isFinite, "pixelsPerUnit must be positive")
        self.backend = backend
        self.rect = rect
        self.pixelsPerUnit = pixelsPerUnit
    }

    public func inset(top: Double = 0, left: Double = 0, bottom: Double = 0, right: Double = 0) -> DrawingArea {
        DrawingArea(backend: backend, rect: rect.inset(top: top, left: left, bottom: bottom, right: right),
                    pixelsPerUnit: pixelsPerUnit)
    }

    /// Equal cells in row-major order.
    public func split(rows: Int, columns: Int) -> [DrawingArea] {
        precondition(rows >= 1 && columns >= 1, "split needs at least one row and one column")
        let w = rect.width / Double(columns), h = rect.height / Double(rows)
        return (0..<rows).flatMap { r in
            (0..<columns).map { c in
                DrawingArea(backend: backend, rect: Rect(x: rect.x + Double(c) * w, y: rect.y + Double(r) * h,
                                                         width: w, height: h), pixelsPerUnit: pixelsPerUnit)
            }
        }
    }

    /// `v` moved to the centre of the device pixel it falls in, so thin horizontal and vertical
    /// lines render crisp instead of smeared over two pixel rows.
    public func snap(_ v: Double) -> Double {
        ((v * pixelsPerUnit - 0.5).rounded() + 0.5) / pixelsPerUnit
    }
}

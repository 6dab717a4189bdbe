extension Marker {
    /// Fills the marker at `center` with `fill`, then strokes its outline if it has one.
    public func draw(at center: Point, radius: Double, fill: Color, on backend: any DrawingBackend) {
        backend.addCircle(center: center, radius: radius)
        backend.fill(color: fill)
        if let edgeColor, edgeWidth > 0 {
            backend.addCircle(center: center, radius: radius)
            backend.stroke(color: edgeColor, width: edgeWidth)
        }
    }
}

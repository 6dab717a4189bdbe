import CCairo

/// A ``DrawingBackend`` that draws through a Cairo context.
///
/// Text is filled as glyph outlines of one ``Font`` file, unhinted and with unhinted metrics:
/// widths scale exactly with `scale`, layouts are identical at every size, and the pixels do
/// not depend on the Cairo or FreeType version (glyph rendering, with its subpixel positions and
/// glyph caches, does; filling a path does not). Vector files carry the text as paths too, so
/// they need no embedded font.
///
/// Cairo records failures in its objects rather than returning them, so the backend remembers
/// the first failure it sees and ``checkStatus()`` turns it into a ``PlottingError``.
public final class CairoBackend: DrawingBackend {
    let context: OpaquePointer
    /// Whether strokes are filled as their ``StrokeOutline``: for raster output, where Cairo's
    /// own stroker draws version-dependent pixels. Vector files keep real strokes, which the
    /// viewer rasterises anyway and which keep the files small.
    private let fillsStrokes: Bool
    private var clipDepth = 0
    private var firstError: PlottingError?

    /// Wraps an existing context; the caller keeps ownership of it and of its surface.
    init(context: OpaquePointer, font: Font, fillsStrokes: Bool) {
        self.context = context
        self.fillsStrokes = fillsStrokes
        cairo_set_antialias(context, CAIRO_ANTIALIAS_GRAY)
        cairo_set_fill_rule(context, CAIRO_FILL_RULE_WINDING)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_set_font_face(context, font.cairoFace)
        if let options = cairo_font_options_create() {
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_set_font_options(context, options)
            cairo_font_options_destroy(options)
        }
    }

    /// Throws the first failure recorded by this backend or by its Cairo context.
    public func checkStatus() throws {
        if let firstError { throw firstError }
        try PlottingError.check(cairo_status(context), "drawing")
    }

    private func record(_ status: cairo_status_t, _ operation: String) {
        guard firstError == nil, status != CAIRO_STATUS_SUCCESS else { return }
        firstError = .cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
    }

    /// The circles of the current path while it holds nothing else, so that a stroke of circles
    /// (marker edges) can fill rings instead of outlining every flattened segment; nil once the
    /// path has lines.
    private var pathCircles: [StrokeOutline.Disc]? = []

    private func newPath() {
        cairo_new_path(context)
        pathCircles = []
    }

    public func move(to point: Point) {
        cairo_move_to(context, point.x, point.y)
        pathCircles = nil
    }

    public func line(to point: Point) {
        cairo_line_to(context, point.x, point.y)
        pathCircles = nil
    }

    public func closePath() {
        cairo_close_path(context)
        pathCircles = nil
    }

    public func addCircle(center: Point, radius: Double) {
        pathCircles?.append(StrokeOutline.Disc(center: center, radius: radius))
        cairo_new_sub_path(context)
        cairo_arc(context, center.x, center.y, radius, 0, 2 * Double.pi)
        cairo_close_path(context)
    }

    public func stroke(color: Color, width: Double, cap: LineCap) {
        guard fillsStrokes else {
            cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
            cairo_set_line_width(context, width)
            let caps = [LineCap.butt: CAIRO_LINE_CAP_BUTT, .round: CAIRO_LINE_CAP_ROUND, .square: CAIRO_LINE_CAP_SQUARE]
            cairo_set_line_cap(context, caps[cap]!)
            cairo_stroke(context)
            pathCircles = []
            return
        }
        if let circles = pathCircles, !circles.isEmpty {
            // A stroked circle covers a ring; rings of a path unite under non-zero winding, as
            // each adds 1 inside its band and 0 elsewhere.
            newPath()
            for circle in circles {
                cairo_new_sub_path(context)
                cairo_arc(context, circle.center.x, circle.center.y, circle.radius + width / 2, 0, 2 * Double.pi)
                cairo_close_path(context)
                guard circle.radius > width / 2 else { continue }
                cairo_new_sub_path(context)
                cairo_arc_negative(context, circle.center.x, circle.center.y, circle.radius - width / 2, 2 * Double.pi, 0)
                cairo_close_path(context)
            }
            return fill(color: color)
        }
        let outline = StrokeOutline(subpaths: currentSubpaths(), width: width, cap: cap)
        newPath()
        for quad in outline.quads { addPolyline(quad.corners, closed: true) }
        guard let first = outline.discs.first else { return fill(color: color) }
        // Joins as polygons of our own, not Cairo's arcs: Cairo flattens an arc into more edges
        // than a join a pixel wide needs, and a line has a join at every vertex. The polygon
        // stays within Cairo's flattening tolerance (in device pixels) of the circle.
        var deviceRadius = first.radius, zero = 0.0
        cairo_user_to_device_distance(context, &deviceRadius, &zero)
        let corners = StrokeOutline.polygonCorners(radius: abs(deviceRadius), tolerance: cairo_get_tolerance(context))
        for disc in outline.discs {
            let (c, r) = (disc.center, disc.radius)
            addPolyline(corners.lazy.map { Point(x: c.x + r * $0.x, y: c.y + r * $0.y) }, closed: true)
        }
        fill(color: color)
    }

    /// The current path, flattened, as the points of each sub-path.
    private func currentSubpaths() -> [(points: [Point], closed: Bool)] {
        guard let path = cairo_copy_path_flat(context) else { return [] }
        defer { cairo_path_destroy(path) }
        guard path.pointee.status == CAIRO_STATUS_SUCCESS, let data = path.pointee.data else {
            record(path.pointee.status == CAIRO_STATUS_SUCCESS ? CAIRO_STATUS_NO_MEMORY : path.pointee.status, "path copy")
            return []
        }
        var subpaths: [(points: [Point], closed: Bool)] = []
        var index = 0
        while index < Int(path.pointee.num_data) {
            let header = data[index].header
            switch header.type {
            case CAIRO_PATH_MOVE_TO:
                let point = data[index + 1].point
                subpaths.append(([Point(x: point.x, y: point.y)], false))
            case CAIRO_PATH_LINE_TO where !subpaths.isEmpty:
                let point = data[index + 1].point
                subpaths[subpaths.count - 1].points.append(Point(x: point.x, y: point.y))
            case CAIRO_PATH_CLOSE_PATH where !subpaths.isEmpty:
                subpaths[subpaths.count - 1].closed = true
            default: break  // a flat path has no curves, and every line starts with a move
            }
            index += Int(header.length)
        }
        return subpaths
    }

    public func fill(color: Color) {
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
        cairo_fill(context)
        pathCircles = []
    }

    public func fillRect(_ rect: Rect, color: Color) {
        newPath()
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        fill(color: color)
    }

    /// Saves the graphics state and clips to `rect`, until the matching `cairo_restore`.
    private func saveClipped(to rect: Rect) {
        cairo_save(context)
        newPath()
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
    }

    public func drawImage(_ image: RasterImage, in rect: Rect, smooth: Bool) {
        guard rect.width > 0, rect.height > 0 else { return }
        do {
            try image.withSurface { surface in
                saveClipped(to: rect)
                cairo_translate(context, rect.x, rect.y)
                cairo_scale(context, rect.width / Double(image.width), rect.height / Double(image.height))
                cairo_set_source_surface(context, surface, 0, 0)
                if let pattern = cairo_get_source(context) {
                    cairo_pattern_set_filter(pattern, smooth ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_NEAREST)
                    // Padding makes edge pixels extend to the rectangle border instead of fading out.
                    cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
                    record(cairo_pattern_status(pattern), "image pattern")
                }
                cairo_paint(context)
                cairo_restore(context)
            }
        } catch {
            firstError = firstError ?? error as? PlottingError
        }
    }

    public func drawText(
        _ text: String, at point: Point, size: Double, color: Color, anchor: TextAnchor, rotation: Double
    ) {
        guard !text.isEmpty else { return }
        let (dx, dy) = anchor.offset(measureText(text, size: size))
        cairo_save(context)
        newPath()
        cairo_translate(context, point.x, point.y)
        // Cairo's y axis points down, so a positive (counter-clockwise) angle is negated.
        cairo_rotate(context, -rotation)
        cairo_set_font_size(context, size)
        cairo_move_to(context, dx, dy)
        cairo_text_path(context, text)
        fill(color: color)
        cairo_restore(context)
    }

    public func measureText(_ text: String, size: Double) -> TextMetrics {
        let box = lineBoxPerEm
        cairo_set_font_size(context, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return TextMetrics(width: extents.x_advance, ascent: box.ascent * size, descent: box.descent * size)
    }

    /// The ink extent of "lp" (an ascender and a descender) per unit of font size, like
    /// matplotlib's text layout, so boxes hug the text instead of using the font's generous line spacing.
    private lazy var lineBoxPerEm: (ascent: Double, descent: Double) = {
        cairo_set_font_size(context, 100)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, "lp", &extents)
        let ascent = -extents.y_bearing / 100
        // Fall back to DejaVu's proportions for a font without these two glyphs.
        return ascent > 0 ? (ascent, max(0, (extents.height + extents.y_bearing) / 100)) : (0.76, 0.23)
    }()

    public func pushClip(_ rect: Rect) {
        clipDepth += 1
        saveClipped(to: rect)
    }

    public func popClip() {
        precondition(clipDepth > 0, "popClip without a matching pushClip")
        clipDepth -= 1
        cairo_restore(context)
    }
}

extension RasterImage {
    /// Runs `body` with the image in a new Cairo ARGB32 surface, which stores premultiplied
    /// alpha in native-endian words.
    func withSurface<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw PlottingError.cairo(operation: "image creation", status: "no surface")
        }
        defer { cairo_surface_destroy(surface) }
        try PlottingError.check(cairo_surface_status(surface), "image creation")
        guard let data = cairo_image_surface_get_data(surface) else {
            throw PlottingError.cairo(operation: "image creation", status: "no pixel data")
        }
        cairo_surface_flush(surface)
        writePremultiplied(to: UnsafeMutableRawPointer(data), stride: Int(cairo_image_surface_get_stride(surface)))
        cairo_surface_mark_dirty(surface)
        return try body(surface)
    }
}

import CCairo
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``DrawingBackend`` that draws through a Cairo context.
///
/// Text uses Cairo's "toy" font API with DejaVu Sans, grayscale antialiasing and unhinted
/// metrics, so text widths scale exactly with `scale` and layouts are identical at every size.
/// Cairo records failures in its objects rather than returning them, so the backend remembers
/// the first failure it sees and ``checkStatus()`` turns it into a ``PlottingError``.
public final class CairoBackend: DrawingBackend {
    /// The font family used for all text; DejaVu Sans is matplotlib's default.
    public static let fontFamily = "DejaVu Sans"

    let context: OpaquePointer
    private var clipDepth = 0
    private var firstError: PlottingError?

    /// Wraps an existing context; the caller keeps ownership of it and of its surface.
    init(context: OpaquePointer) {
        self.context = context
        cairo_set_antialias(context, CAIRO_ANTIALIAS_GRAY)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_select_font_face(context, Self.fontFamily, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        if let options = cairo_font_options_create() {
            // Unhinted metrics keep text widths proportional to the font size, so measuring at
            // scale 1 predicts the drawing at any scale; grayscale AA avoids colour fringes.
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT)
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

    private func setSource(_ c: Color) {
        cairo_set_source_rgba(context, c.red, c.green, c.blue, c.alpha)
    }

    public func move(to point: Point) { cairo_move_to(context, point.x, point.y) }
    public func line(to point: Point) { cairo_line_to(context, point.x, point.y) }
    public func closePath() { cairo_close_path(context) }

    public func addCircle(center: Point, radius: Double) {
        cairo_new_sub_path(context)
        cairo_arc(context, center.x, center.y, radius, 0, 2 * Double.pi)
        cairo_close_path(context)
    }

    public func stroke(color: Color, width: Double, cap: LineCap) {
        setSource(color)
        cairo_set_line_width(context, width)
        switch cap {
        case .butt: cairo_set_line_cap(context, CAIRO_LINE_CAP_BUTT)
        case .round: cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        case .square: cairo_set_line_cap(context, CAIRO_LINE_CAP_SQUARE)
        }
        cairo_stroke(context)
    }

    public func fill(color: Color) {
        setSource(color)
        cairo_fill(context)
    }

    public func fillRect(_ rect: Rect, color: Color) {
        cairo_new_path(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        fill(color: color)
    }

    public func drawImage(_ image: PixelImage, in rect: Rect, smooth: Bool) {
        guard rect.width > 0, rect.height > 0 else { return }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(image.width), Int32(image.height))
        else { return }
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else {
            record(status == CAIRO_STATUS_SUCCESS ? CAIRO_STATUS_NULL_POINTER : status, "image creation")
            return
        }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        for row in 0..<image.height {
            let rowPointer = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<image.width {
                rowPointer[column] = Self.premultiplied(image.pixels[row * image.width + column])
            }
        }
        cairo_surface_mark_dirty(surface)

        cairo_save(context)
        cairo_new_path(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
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

    /// Cairo's ARGB32 stores premultiplied alpha in native-endian words.
    private static func premultiplied(_ argb: UInt32) -> UInt32 {
        let a = argb >> 24
        if a == 255 { return argb }
        func scaled(_ c: UInt32) -> UInt32 { (c * a + 127) / 255 }
        return a << 24 | scaled((argb >> 16) & 0xFF) << 16 | scaled((argb >> 8) & 0xFF) << 8 | scaled(argb & 0xFF)
    }

    public func drawText(
        _ text: String, at point: Point, size: Double, color: Color, anchor: TextAnchor, rotation: Double
    ) {
        guard !text.isEmpty else { return }
        let metrics = measureText(text, size: size)
        let dx: Double
        switch anchor.horizontal {
        case .left: dx = 0
        case .center: dx = -metrics.width / 2
        case .right: dx = -metrics.width
        }
        let dy: Double
        switch anchor.vertical {
        case .top: dy = metrics.ascent
        // Centring on the ascent alone (ignoring descenders) puts digits and capitals visually
        // on the anchor, which is what tick labels need.
        case .middle: dy = metrics.ascent / 2
        case .baseline: dy = 0
        case .bottom: dy = -metrics.descent
        }
        cairo_save(context)
        cairo_new_path(context)
        cairo_translate(context, point.x, point.y)
        // Cairo's y axis points down, so a positive (counter-clockwise) angle is negated.
        cairo_rotate(context, -rotation)
        cairo_set_font_size(context, size)
        cairo_move_to(context, dx, dy)
        setSource(color)
        cairo_show_text(context, text)
        cairo_new_path(context)
        cairo_restore(context)
    }

    public func measureText(_ text: String, size: Double) -> TextMetrics {
        cairo_set_font_size(context, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        let line = lineBox(size: size)
        return TextMetrics(width: extents.x_advance, ascent: line.ascent, descent: line.descent)
    }

    private var lineBoxPerEm: (ascent: Double, descent: Double)?

    /// The ink extent of "lp" (an ascender and a descender), like matplotlib's text layout, so
    /// boxes hug the text instead of using the font's generous line spacing.
    private func lineBox(size: Double) -> (ascent: Double, descent: Double) {
        if lineBoxPerEm == nil {
            cairo_set_font_size(context, 100)
            var extents = cairo_text_extents_t()
            cairo_text_extents(context, "lp", &extents)
            let ascent = -extents.y_bearing / 100
            let descent = (extents.height + extents.y_bearing) / 100
            // Fall back to DejaVu's proportions if the font could not be loaded at all.
            lineBoxPerEm = ascent > 0 ? (ascent, max(0, descent)) : (0.76, 0.23)
            cairo_set_font_size(context, size)
        }
        let box = lineBoxPerEm!
        return (box.ascent * size, box.descent * size)
    }

    public func pushClip(_ rect: Rect) {
        clipDepth += 1
        cairo_save(context)
        cairo_new_path(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
    }

    public func popClip() {
        precondition(clipDepth > 0, "popClip without a matching pushClip")
        clipDepth -= 1
        cairo_restore(context)
    }
}

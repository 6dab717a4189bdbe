#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drawing of labels: lines broken at "\n", and trailing Unicode superscripts ("10⁻³", "×10⁶")
/// typeset as real exponents: smaller digits on a raised baseline, like matplotlib's mathtext.
///
/// The strings keep their superscript characters (so they stay readable in tests and logs);
/// only the drawing changes, because DejaVu's superscript glyphs are too small to read at 10 pt.
/// A label of several lines is measured and anchored as one block whose baseline is its last
/// line's, so that layouts treat it as one tall line.
enum Label {
    static let exponentScale = 0.7
    static let exponentRaise = 0.4
    /// Line spacing in multiples of the font size, matplotlib's `linespacing` of 1.2.
    static let lineSpacing = 1.2
    /// The smallest share of its size a label shrinks to before it is cut short with "…".
    static let minimumScale = 0.7

    private static let superscripts = Dictionary(uniqueKeysWithValues: zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789\u{2212}"))

    /// The text split into its base and its exponent (as ordinary characters).
    static func split(_ text: String) -> (base: String, exponent: String) {
        var base = Substring(text)
        var exponent: [Character] = []
        while let last = base.last, let plain = superscripts[last] {
            exponent.insert(plain, at: 0)
            base = base.dropLast()
        }
        // A string made only of superscripts is not an exponent of anything.
        return base.isEmpty ? (text, "") : (String(base), String(exponent))
    }

    /// The lines of `text`, broken at any line break ("\n", "\r\n", …).
    static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    static func measure(_ text: String, size: Double, on backend: any DrawingBackend) -> TextMetrics {
        let lines = lines(text)
        var metrics = measureLine(String(lines[0]), size: size, on: backend)
        for line in lines.dropFirst() {
            metrics.width = max(metrics.width, measureLine(String(line), size: size, on: backend).width)
            metrics.ascent += lineSpacing * size
        }
        return metrics
    }

    private static func measureLine(_ text: String, size: Double, on backend: any DrawingBackend) -> TextMetrics {
        let (base, exponent) = split(text)
        var metrics = backend.measureText(base, size: size)
        guard !exponent.isEmpty else { return metrics }
        let small = backend.measureText(exponent, size: size * exponentScale)
        metrics.width += small.width
        metrics.ascent = max(metrics.ascent, exponentRaise * size + small.ascent)
        return metrics
    }

    /// Draws `text` with its exponent raised; rotated labels are drawn plainly.
    static func draw(
        _ text: String, at point: Point, size: Double, color: Color, anchor: TextAnchor,
        rotation: Double = 0, on backend: any DrawingBackend
    ) {
        let lines = lines(text)
        guard lines.count > 1 else {
            return drawLine(text, at: point, size: size, color: color, anchor: anchor, rotation: rotation, on: backend)
        }
        // Each line at its own baseline, the last one's where a one-line label's would be; the
        // offsets turn with the text.
        let lastBaseline = anchor.offset(measure(text, size: size, on: backend)).dy
        for (k, line) in lines.enumerated() {
            let up = lastBaseline - lineSpacing * size * Double(lines.count - 1 - k)
            // Down the text's own lines is (sin θ, cos θ) on a y-down canvas turned θ counter-clockwise.
            drawLine(String(line), at: Point(x: point.x + up * sin(rotation), y: point.y + up * cos(rotation)),
                     size: size, color: color, anchor: TextAnchor(anchor.horizontal, .baseline), rotation: rotation,
                     on: backend)
        }
    }

    private static func drawLine(
        _ text: String, at point: Point, size: Double, color: Color, anchor: TextAnchor,
        rotation: Double, on backend: any DrawingBackend
    ) {
        let (base, exponent) = split(text)
        guard !exponent.isEmpty, rotation == 0 else {
            backend.drawText(text, at: point, size: size, color: color, anchor: anchor, rotation: rotation)
            return
        }
        let baseMetrics = backend.measureText(base, size: size)
        // Vertical placement follows the base text, so "10⁻²" lines up with "0.01" and "1".
        let (dx, dy) = anchor.offset(TextMetrics(width: measureLine(text, size: size, on: backend).width,
                                                 ascent: baseMetrics.ascent, descent: baseMetrics.descent))
        let left = point.x + dx, baseline = point.y + dy
        backend.drawText(base, at: Point(x: left, y: baseline), size: size, color: color,
                         anchor: .baselineLeft, rotation: 0)
        backend.drawText(exponent, at: Point(x: left + baseMetrics.width, y: baseline - exponentRaise * size),
                         size: size * exponentScale, color: color, anchor: .baselineLeft, rotation: 0)
    }

    /// `text` and `size` made to fit `width`: the size reduced as needed, down to
    /// ``minimumScale`` of it, then each line still too long cut short with "…". Long titles and
    /// axis labels shrink on small canvases instead of running off the edge, and a very long one
    /// stays readable rather than shrinking to a hairline.
    static func fitted(
        _ text: String, size: Double, width: Double, on backend: any DrawingBackend
    ) -> (text: String, size: Double) {
        let natural = measure(text, size: size, on: backend).width
        guard natural > width, width > 0 else { return (text, size) }
        let shrunk = size * width / natural, smallest = size * minimumScale
        guard shrunk < smallest else { return (text, shrunk) }
        let cut = lines(text).map { line -> String in
            guard measureLine(String(line), size: smallest, on: backend).width > width else { return String(line) }
            // Halving the cut point finds the longest prefix that fits with the ellipsis.
            let characters = Array(line)
            var low = 0, high = characters.count
            while low < high {
                let middle = (low + high + 1) / 2
                if measureLine(String(characters[..<middle]) + "…", size: smallest, on: backend).width <= width {
                    low = middle
                } else {
                    high = middle - 1
                }
            }
            // A cut after a space would leave "word …".
            var kept = characters[..<low]
            while kept.last?.isWhitespace == true { kept = kept.dropLast() }
            return String(kept) + "…"
        }
        return (cut.joined(separator: "\n"), smallest)
    }
}

extension DrawingBackend {
    /// Draws `text` as chart labels are drawn: split at line breaks into lines `1.2 × size` apart,
    /// anchored as one block whose baseline is its last line's, with trailing superscripts
    /// ("10⁻³") raised as exponents. For elements whose text should match the axes', pass sizes
    /// and colours from ``PlotFrame/style``.
    public func drawLabel(
        _ text: String, at point: Point, size: Double, color: Color, anchor: TextAnchor, rotation: Double = 0
    ) {
        Label.draw(text, at: point, size: size, color: color, anchor: anchor, rotation: rotation, on: self)
    }

    /// The size of `text` drawn by ``drawLabel(_:at:size:color:anchor:rotation:)``: its widest
    /// line, and an ascent that includes the lines above the last.
    public func measureLabel(_ text: String, size: Double) -> TextMetrics {
        Label.measure(text, size: size, on: self)
    }

    /// `text` and `size` made to fit `width` as titles are: shrunk to at most 70 %, then each line
    /// still too long cut short with "…".
    public func fitLabel(_ text: String, size: Double, width: Double) -> (text: String, size: Double) {
        Label.fitted(text, size: size, width: width, on: self)
    }
}

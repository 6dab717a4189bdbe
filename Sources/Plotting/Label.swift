/// Drawing of one-line labels whose trailing Unicode superscripts ("10⁻³", "×10⁶") are typeset
/// as real exponents: smaller digits on a raised baseline, like matplotlib's mathtext.
///
/// The strings keep their superscript characters (so they stay readable in tests and logs);
/// only the drawing changes, because DejaVu's superscript glyphs are too small to read at 10 pt.
enum Label {
    static let exponentScale = 0.7
    static let exponentRaise = 0.4

    private static let superscripts: [Character: Character] = [
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
        "⁻": "\u{2212}",
    ]

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

    static func measure(_ text: String, size: Double, on backend: any DrawingBackend) -> TextMetrics {
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
        let (base, exponent) = split(text)
        guard !exponent.isEmpty, rotation == 0 else {
            backend.drawText(text, at: point, size: size, color: color, anchor: anchor, rotation: rotation)
            return
        }
        let baseMetrics = backend.measureText(base, size: size)
        let width = measure(text, size: size, on: backend).width
        let left: Double = switch anchor.horizontal {
        case .left: point.x
        case .center: point.x - width / 2
        case .right: point.x - width
        }
        // Vertical placement follows the base text, so "10⁻²" lines up with "0.01" and "1".
        let baseline: Double = switch anchor.vertical {
        case .top: point.y + baseMetrics.ascent
        case .middle: point.y + baseMetrics.ascent / 2
        case .baseline: point.y
        case .bottom: point.y - baseMetrics.descent
        }
        backend.drawText(base, at: Point(x: left, y: baseline), size: size, color: color,
                         anchor: .baselineLeft, rotation: 0)
        backend.drawText(exponent, at: Point(x: left + baseMetrics.width, y: baseline - exponentRaise * size),
                         size: size * exponentScale, color: color, anchor: .baselineLeft, rotation: 0)
    }

    /// `size`, reduced if needed so that `text` is at most `width` long: long titles and axis
    /// labels shrink on small canvases instead of being cut off at the edge.
    static func fittedSize(_ text: String, size: Double, width: Double, on backend: any DrawingBackend) -> Double {
        let natural = measure(text, size: size, on: backend).width
        guard natural > width, width > 0 else { return size }
        return size * width / natural
    }
}

@testable import Plotting

/// A backend that records primitives instead of drawing them, so charts can be tested without Cairo.
///
/// Text is measured with a fixed-advance approximation (0.6 em per character, DejaVu Sans'
/// average digit width) because there is no font engine to ask.
final class RecordingBackend: DrawingBackend {
    /// One recorded drawing call.
    enum Primitive: Equatable {
        case move(Point)
        case line(Point)
        case closePath
        case circle(center: Point, radius: Double)
        case stroke(color: Color, width: Double, cap: LineCap)
        case fill(Color)
        case fillRect(Rect, Color)
        case image(width: Int, height: Int, rect: Rect, smooth: Bool)
        case text(String, at: Point, size: Double, color: Color, anchor: TextAnchor, rotation: Double)
        case pushClip(Rect)
        case popClip
    }

    private(set) var primitives: [Primitive] = []
    /// The number of clips currently pushed; a balanced chart leaves it at zero.
    private(set) var clipDepth = 0

    func move(to point: Point) { primitives.append(.move(point)) }
    func line(to point: Point) { primitives.append(.line(point)) }
    func closePath() { primitives.append(.closePath) }
    func addCircle(center: Point, radius: Double) {
        primitives.append(.circle(center: center, radius: radius))
    }
    func stroke(color: Color, width: Double, cap: LineCap) {
        primitives.append(.stroke(color: color, width: width, cap: cap))
    }
    func fill(color: Color) { primitives.append(.fill(color)) }
    func fillRect(_ rect: Rect, color: Color) { primitives.append(.fillRect(rect, color)) }
    func drawImage(_ image: RasterImage, in rect: Rect, smooth: Bool) {
        primitives.append(.image(width: image.width, height: image.height, rect: rect, smooth: smooth))
    }
    func drawText(
        _ text: String, at point: Point, size: Double, color: Color, anchor: TextAnchor, rotation: Double
    ) {
        primitives.append(.text(text, at: point, size: size, color: color, anchor: anchor, rotation: rotation))
    }
    func measureText(_ text: String, size: Double) -> TextMetrics {
        TextMetrics(width: 0.6 * size * Double(text.count), ascent: 0.93 * size, descent: 0.24 * size)
    }
    func pushClip(_ rect: Rect) {
        clipDepth += 1
        primitives.append(.pushClip(rect))
    }
    func popClip() {
        precondition(clipDepth > 0, "popClip without a matching pushClip")
        clipDepth -= 1
        primitives.append(.popClip)
    }

    /// Every drawn text string, in drawing order.
    var texts: [String] {
        primitives.compactMap { if case let .text(s, _, _, _, _, _) = $0 { s } else { nil } }
    }

    /// The number of straight segments stroked with the given colour: the segments of
    /// ``strokedPolylines(color:)``.
    func strokedSegmentCount(color: Color) -> Int {
        strokedPolylines(color: color).reduce(0) { $0 + $1.count - 1 }
    }

    /// The vertices of every path stroked with the given colour, as separate polylines.
    ///
    /// Paths are attributed to the stroke that consumes them, which is how a test tells a data
    /// series' segments apart from ticks and frames.
    func strokedPolylines(color: Color) -> [[Point]] {
        var current: [[Point]] = []
        var result: [[Point]] = []
        for primitive in primitives {
            switch primitive {
            case let .move(p): current.append([p])
            case let .line(p):
                if current.isEmpty { current.append([p]) } else { current[current.count - 1].append(p) }
            case let .stroke(c, _, _):
                if c == color { result += current }
                current = []
            case .fill: current = []
            default: break
            }
        }
        return result
    }
}

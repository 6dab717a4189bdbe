import Backprop
import Plotting

/// Whether a file on disk holds what this code draws now: text, SVG and PDF files byte for byte, a PNG
/// by its decoded pixels, so that another zlib's bytes are current, within a tolerance (an RMS over R,
/// G and B on 0–255, as matplotlib's `compare_images`) that can accept a slightly different rasteriser.
enum Freshness {
    case identical
    case samePixels(PixelComparison)
    case missing
    /// A file that exists but cannot be read; the reason is the system's.
    case unreadable(String)
    /// A file compared by its bytes (SVG, PDF, JSON, Markdown) that differs; `vector` for SVG and PDF, whose bytes depend on Cairo.
    case differentBytes(vector: Bool)
    /// A PNG whose pixels fail the tolerance, with both images for a difference image; for an
    /// animation, `frame` says which of its images (the still or a frame) differs.
    case differentPixels(PixelComparison, stored: RasterImage, drawn: RasterImage, frame: String? = nil)
    /// An animated PNG with other frames or timing than the fresh one.
    case differentAnimation(String)
    case differentSize(onDisk: (width: Int, height: Int), fresh: (width: Int, height: Int))
    /// A PNG on disk that does not decode, and why.
    case undecodable(String)
    /// A PNG with the same pixels but another title or description: the words are part of what a
    /// reader gets (a screen reader reads nothing else), so they make it stale too.
    case differentText(String)

    /// Compares `file`, as this run made it, with the file of its name in `folder`.
    static func of(_ file: OutputFile, in folder: OutputFolder, tolerance: Tolerance) throws -> Freshness {
        let onDisk: [UInt8]?
        do { onDisk = try folder.contents(of: file.name) } catch { return .unreadable(error.reason) }
        return try Freshness(file, onDisk: onDisk, tolerance: tolerance.value)
    }

    /// Compares `file` with the bytes `onDisk`; throws only if the fresh PNG does not decode.
    init(_ file: OutputFile, onDisk: [UInt8]?, tolerance: Double) throws {
        self = try Self.compare(file, onDisk, tolerance)
    }

    private static func compare(_ file: OutputFile, _ disk: [UInt8]?, _ limit: Double) throws -> Self {
        guard let disk else { return .missing }
        let fresh = file.bytes
        if disk == fresh { return .identical }
        switch file.kind {
        case .image(.png): break
        case .image: return .differentBytes(vector: true)
        case .json, .markdown, .html: return .differentBytes(vector: false)
        }
        let stored: RasterImage
        do { stored = try RasterImage(png: disk) } catch { return .undecodable("\(error)") }
        let drawn = try RasterImage(png: fresh)
        guard let comparison = PixelComparison(expected: stored, actual: drawn) else {
            return .differentSize(onDisk: (stored.width, stored.height), fresh: (drawn.width, drawn.height))
        }
        let frames = try AnimatedPNG.frames(of: fresh)
        guard comparison.passes(tolerance: limit) else {
            return .differentPixels(comparison, stored: stored, drawn: drawn, frame: frames == nil ? nil : "the still")
        }
        let pictures = frames.map { animation(onDisk: disk, drawn: $0, still: comparison, tolerance: limit) }
            ?? .samePixels(comparison)
        guard pictures.isCurrent else { return pictures }
        return try text(onDisk: disk, fresh: fresh) ?? pictures
    }

    /// Which of a PNG's words differ from the fresh render's, or nil when none does.
    private static func text(onDisk: [UInt8], fresh: [UInt8]) throws -> Freshness? {
        let stored: ImageMetadata
        do { stored = try ImageMetadata(png: onDisk) } catch { return .undecodable("\(error)") }
        let drawn = try ImageMetadata(png: fresh)
        let differing = [("Title", stored.title != drawn.title), ("Description", stored.description != drawn.description)]
            .filter(\.1).map(\.0)
        return differing.isEmpty ? nil : .differentText(differing.joined(separator: " and "))
    }

    /// Compares an animation, whose still has passed, frame by frame: their number, how long each
    /// shows, and each one's pixels as a viewer composes them.
    private static func animation(onDisk: [UInt8], drawn: [AnimatedPNG.Frame], still: PixelComparison,
                                  tolerance: Double) -> Freshness {
        let stored: [AnimatedPNG.Frame]
        do {
            guard let frames = try AnimatedPNG.frames(of: onDisk) else {
                return .differentAnimation("a still PNG; this code draws an animation of \(drawn.count) frames")
            }
            stored = frames
        } catch { return .undecodable("\(error)") }
        guard stored.count == drawn.count else {
            return .differentAnimation("\(stored.count) frames; this code draws \(drawn.count)")
        }
        var worst = still
        for (k, (old, new)) in zip(stored, drawn).enumerated() {
            let frame = "frame \(k + 1) of \(drawn.count)"
            guard old.milliseconds == new.milliseconds else {
                let times = "\(number(old.milliseconds)) ms; this code \(number(new.milliseconds)) ms"
                return .differentAnimation("\(frame) shows \(times)")
            }
            // The canvas is the still's size, which has passed.
            let comparison = PixelComparison(expected: old.image, actual: new.image)!
            guard comparison.passes(tolerance: tolerance) else {
                return .differentPixels(comparison, stored: old.image, drawn: new.image, frame: frame)
            }
            if comparison.rms > worst.rms { worst = comparison }
        }
        return .samePixels(worst)
    }

    var isCurrent: Bool {
        switch self {
        case .identical, .samePixels: return true
        default: return false
        }
    }

    /// The verdict as the rest of a `NAME: verdict` line.
    func verdict(tolerance: Tolerance) -> String {
        let tolerance = tolerance.value
        switch self {
        case .identical: return "current"
        case let .samePixels(c) where c.differingPixels == 0: return "current (the same pixels in other PNG bytes)"
        case let .samePixels(c): return "current (\(Self.pixels(c)), RMS \(Self.number(c.rms)) within --tolerance \(Self.number(tolerance)))"
        case .missing: return "missing"
        case let .unreadable(reason): return "stale (cannot be read: \(reason))"
        case .differentBytes(vector: true):
            return "stale (other bytes; SVG and PDF files compare byte for byte, and each Cairo version writes its own)"
        case .differentBytes(vector: false): return "stale (other bytes)"
        case let .differentPixels(c, _, _, frame):
            let which = frame.map { "\($0): " } ?? ""
            return "stale (\(which)\(Self.pixels(c)), RMS \(Self.number(c.rms)); --tolerance \(Self.number(tolerance)))"
        case let .differentAnimation(reason): return "stale (\(reason))"
        case let .differentSize(onDisk, fresh):
            return "stale (\(onDisk.width)×\(onDisk.height) pixels; this code draws \(fresh.width)×\(fresh.height))"
        case let .undecodable(reason): return "stale (cannot be decoded: \(reason))"
        case let .differentText(keywords): return "stale (the same pixels, another \(keywords) text)"
        }
    }

    private static func number(_ value: Double) -> String { NumpyFormat.printf("%.3g", value) }

    private static func pixels(_ c: PixelComparison) -> String {
        "\(c.differingPixels) of \(c.pixelCount) pixels differ"
    }
}

import Plotting

/// Puts a run's rendered files into the output folder, or, with `--check`, compares them with its files.
struct Delivery {
    let output: OutputOptions
    let check: CheckOptions

    var folder: OutputFolder { OutputFolder(path: output.path) }

    /// `--check` found files that are not what this code draws.
    struct StaleFiles: Error, CustomStringConvertible {
        let stale, total: Int
        let path: String
        var description: String { "--check: \(stale) of \(total) files in \(path) are stale or missing" }
    }

    /// Loads the font and checks the folders this delivery writes, before any training.
    func prepared() throws -> Delivery {
        try ChartFont.load(output.font, title: output.title)
        if let diffFolder = check.diffFolder {
            try diffFolder.prepare()
        } else if !check.check {
            try folder.prepare()
        }
        return self
    }

    func deliver(_ files: [(name: String, bytes: [UInt8])]) throws {
        if check.check { return try compare(files) }
        var kept: [String] = []
        let written = try files.filter {
            guard output.keepUnchanged, try Freshness.of($0.name, fresh: $0.bytes, in: folder, tolerance: 0).isCurrent
            else { return true }
            kept.append(folder.displayPath(of: $0.name))
            return false
        }
        if !written.isEmpty { try folder.write(written) }
        let names = written.map { folder.displayPath(of: $0.name) }
        let wrote = names.isEmpty ? "" : "wrote \(names.joined(separator: ", "))"
        let keptNote = kept.isEmpty ? "" : "kept \(kept.joined(separator: ", ")) (unchanged)"
        StandardError.write([wrote, keptNote].filter { !$0.isEmpty }.joined(separator: "; ") + "\n")
    }

    /// `--check`: one `PATH: verdict` line per file on stdout, diffs into `--diff`, nothing into the folder.
    private func compare(_ files: [(name: String, bytes: [UInt8])]) throws {
        var stale = 0
        var diffs: [(name: String, bytes: [UInt8])] = []
        var obsolete: [String] = []
        for file in files {
            let freshness = try Freshness.of(file.name, fresh: file.bytes, in: folder, tolerance: check.tolerance)
            try StandardOutput.write("\(folder.displayPath(of: file.name)): \(freshness.verdict(tolerance: check.tolerance))\n")
            if !freshness.isCurrent { stale += 1 }
            guard check.diff != nil, file.name.hasSuffix(".png") else { continue }
            // The diff folder shows this check only: images of an earlier one that no longer apply go.
            let stem = String(file.name.dropLast(".png".count))
            let (diffName, actualName) = ("\(stem)-diff.png", "\(stem)-actual.png")
            if case let .differentPixels(_, stored, drawn) = freshness,
               let difference = PixelComparison.differenceImage(expected: stored, actual: drawn) {
                diffs.append((name: diffName, bytes: try difference.pngData()))
            } else {
                obsolete.append(diffName)
            }
            if freshness.isCurrent { obsolete.append(actualName) } else { diffs.append((name: actualName, bytes: file.bytes)) }
        }
        if let diffFolder = check.diffFolder {
            if !diffs.isEmpty {
                try diffFolder.write(diffs)
                StandardError.write("report --check: wrote \(diffs.map { diffFolder.displayPath(of: $0.name) }.joined(separator: ", "))\n")
            }
            try diffFolder.remove(obsolete)
        }
        guard stale == 0 else { throw StaleFiles(stale: stale, total: files.count, path: folder.path) }
        StandardError.write("report --check: \(files.count) files in \(folder.path) are current\n")
    }
}

/// Whether a file on disk holds what this code draws now: text, SVG and PDF files byte for byte, a PNG
/// by its decoded pixels, so that another zlib's bytes are current, within a tolerance (an RMS over R,
/// G and B on 0–255, as matplotlib's `compare_images`) that can accept a slightly different rasteriser.
enum Freshness {
    case identical
    case samePixels(PixelComparison)
    case missing
    /// A file that exists but cannot be read; the reason is the system's.
    case unreadable(String)
    /// A file other than a PNG, with other bytes; `vector` for SVG and PDF, whose bytes depend on Cairo.
    case differentBytes(vector: Bool)
    /// A PNG whose pixels fail the tolerance, with both images for a difference image.
    case differentPixels(PixelComparison, stored: RasterImage, drawn: RasterImage)
    case differentSize(onDisk: (width: Int, height: Int), fresh: (width: Int, height: Int))
    /// A file named `.png` that does not decode, and why.
    case undecodable(String)

    /// Compares `fresh`, the bytes this run made for `name`, with the file of that name in `folder`.
    static func of(_ name: String, fresh: [UInt8], in folder: OutputFolder, tolerance: Double) throws -> Freshness {
        let onDisk: [UInt8]?
        do { onDisk = try folder.contents(of: name) } catch { return .unreadable(error.reason) }
        return try Freshness(name: name, fresh: fresh, onDisk: onDisk, tolerance: tolerance)
    }

    /// Compares `fresh` with the file's bytes `onDisk`; throws only if the fresh PNG does not decode.
    init(name: String, fresh: [UInt8], onDisk: [UInt8]?, tolerance: Double) throws {
        self = try Self.compare(name, fresh, onDisk, tolerance)
    }

    private static func compare(_ name: String, _ fresh: [UInt8], _ disk: [UInt8]?, _ limit: Double) throws -> Self {
        guard let disk else { return .missing }
        if disk == fresh { return .identical }
        let vector = name.hasSuffix(".svg") || name.hasSuffix(".pdf")
        guard name.hasSuffix(".png") else { return .differentBytes(vector: vector) }
        let stored: RasterImage
        do { stored = try RasterImage(png: disk) } catch { return .undecodable("\(error)") }
        let drawn = try RasterImage(png: fresh)
        guard let comparison = PixelComparison(expected: stored, actual: drawn) else {
            return .differentSize(onDisk: (stored.width, stored.height), fresh: (drawn.width, drawn.height))
        }
        return comparison.passes(tolerance: limit)
            ? .samePixels(comparison)
            : .differentPixels(comparison, stored: stored, drawn: drawn)
    }

    var isCurrent: Bool {
        switch self {
        case .identical, .samePixels: return true
        default: return false
        }
    }

    /// The verdict as the rest of a `NAME: verdict` line.
    func verdict(tolerance: Double) -> String {
        switch self {
        case .identical: return "current"
        case let .samePixels(c) where c.differingPixels == 0: return "current (the same pixels in other PNG bytes)"
        case let .samePixels(c): return "current (\(Self.pixels(c)), RMS \(Self.number(c.rms)) within --tolerance \(Self.number(tolerance)))"
        case .missing: return "missing"
        case let .unreadable(reason): return "stale (cannot be read: \(reason))"
        case .differentBytes(vector: true):
            return "stale (other bytes; SVG and PDF files compare byte for byte, and each Cairo version writes its own)"
        case .differentBytes(vector: false): return "stale (other bytes)"
        case let .differentPixels(c, _, _): return "stale (\(Self.pixels(c)), RMS \(Self.number(c.rms)); --tolerance \(Self.number(tolerance)))"
        case let .differentSize(onDisk, fresh):
            return "stale (\(onDisk.width)×\(onDisk.height) pixels; this code draws \(fresh.width)×\(fresh.height))"
        case let .undecodable(reason): return "stale (cannot be decoded: \(reason))"
        }
    }

    private static func number(_ value: Double) -> String { NumberFormat.printf("%.3g", value) }

    private static func pixels(_ c: PixelComparison) -> String {
        "\(c.differingPixels) of \(c.pixelCount) pixels differ"
    }
}

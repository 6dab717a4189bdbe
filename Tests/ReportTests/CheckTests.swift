import Backprop
import CCairo
import Foundation
import Plotting
@testable import ReportKit
import Testing

/// `--check` compares what users see: a PNG by its decoded pixels, within `--tolerance`, with
/// `--diff` for the failures; and `--keep-unchanged` keeps what already holds the same.
@Suite("report --check by pixels, --tolerance, --diff, --keep-unchanged")
struct CheckTests {
    /// A short run on a small canvas: a debug build's PNG encoder is slow.
    static let run = RunSpec(iterations: 300, size: CanvasSize(width: 400, height: 300))

    /// A folder holding the files of `report` with `spec`, removed by the caller.
    static func written(_ spec: RunSpec) throws -> (folder: URL, spec: RunSpec) {
        let folder = try ReportProcess.temporaryFolder().appendingPathComponent("out")
        let withOutput = spec.with { $0.output = folder.path }
        try InProcess.write(withOutput)
        return (folder, withOutput)
    }

    /// The output file `name` (like `losses.png`) holding `bytes`.
    static func file(_ name: String, _ bytes: [UInt8]) throws -> OutputFile {
        let parts = name.split(separator: ".")
        let stem = try #require(FileStem(rawValue: String(parts[0])))
        let kind: OutputKind = parts[1] == "json" ? .json : parts[1] == "md" ? .markdown
            : .image(try #require(ImageFormat(rawValue: String(parts[1]))))
        return OutputFile(stem, kind: kind, bytes: bytes)
    }

    static func image(_ folder: URL, _ name: String) throws -> RasterImage {
        try RasterImage(png: [UInt8](Data(contentsOf: folder.appendingPathComponent(name))))
    }

    static func replace(_ folder: URL, _ name: String, with bytes: [UInt8]) throws {
        try Data(bytes).write(to: folder.appendingPathComponent(name))
    }

    /// The title and description of a PNG in `folder`.
    static func words(_ folder: URL, _ name: String) throws -> ImageMetadata {
        try ImageMetadata(png: try bytes(folder, name))
    }

    static func bytes(_ folder: URL, _ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// How `name` in `folder` compares with `fresh`, what the run drew.
    static func freshness(_ name: String, in folder: URL, fresh: [UInt8], tolerance: Double = 0) throws -> Freshness {
        try Freshness(file(name, fresh), onDisk: OutputFolder(path: folder.path).contents(of: name), tolerance: tolerance)
    }

    @Test("the same pixels in other PNG bytes (libpng's) are current")
    func otherEncoderIsCurrent() throws {
        let (folder, spec) = try Self.written(Self.run)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let ours = try Self.bytes(folder, "losses.png")
        let libpng = try LibPNG.encode(try Self.image(folder, "losses.png"), words: try Self.words(folder, "losses.png"))
        #expect(libpng != ours)
        try Self.replace(folder, "losses.png", with: libpng)
        let verdict = try Self.freshness("losses.png", in: folder, fresh: ours)
        #expect(verdict.isCurrent)
        #expect(verdict.verdict(tolerance: .exact) == "current (the same pixels in other PNG bytes)")
        #expect(InProcess.outcome(spec.with { $0.check = true }).status == 0)
    }

    /// A change a user would see, made to the file on disk (or to the command line).
    enum RealChange: String, CaseIterable, CustomStringConvertible {
        case oneLetterOfTheTitle, oneMarkerRecoloured, wholeChartShiftedOnePixel
        var description: String { rawValue }
    }

    @Test("a real change is stale at the default tolerance and at --tolerance 1", arguments: RealChange.allCases)
    func realChangesAreStale(_ change: RealChange) throws {
        let titled = change == .oneLetterOfTheTitle
        let (folder, written) = try Self.written(Self.run.with { $0.title = titled ? "XOR" : nil })
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        var spec = written
        let name = change == .oneMarkerRecoloured ? "boundary.png" : "losses.png"
        var fresh = try Self.bytes(folder, name)
        switch change {
        case .oneLetterOfTheTitle:
            spec = Self.run.with { $0.title = "XOP"; $0.output = folder.path }
            fresh = try #require(try InProcess.train(spec).files().first { $0.name == name }).bytes
        case .oneMarkerRecoloured:
            let (image, count) = try Self.recolouringOneMarker(try Self.image(folder, name))
            #expect((50...400).contains(count), "one marker's pixels: \(count)")
            try Self.replace(folder, name, with: try LibPNG.encode(image, words: try Self.words(folder, name)))
        case .wholeChartShiftedOnePixel:
            try Self.replace(folder, name, with: try LibPNG.encode(Self.shiftedRight(try Self.image(folder, name)),
                                                                  words: try Self.words(folder, name)))
        }
        guard case let .differentPixels(comparison, _, _, _) = try Self.freshness(name, in: folder, fresh: fresh) else {
            Issue.record("\(change): \(name) should differ in its pixels")
            return
        }
        #expect(!comparison.passes(tolerance: 1), "\(change): RMS \(comparison.rms)")
        let within = try Self.freshness(name, in: folder, fresh: fresh, tolerance: comparison.rms)
        if titled {
            // The pixels pass at their RMS, but the title is also the PNG's Title text, which has no tolerance.
            #expect(within.verdict(tolerance: .exact) == "stale (the same pixels, another Title text)")
        } else {
            #expect(within.isCurrent, "up to the RMS is within")
        }
        #expect(try !Self.freshness(name, in: folder, fresh: fresh, tolerance: comparison.rms.nextDown).isCurrent)
        let before = ReportProcess.snapshot(folder)
        for tolerance in ["0", "1"] {
            let outcome = InProcess.outcome(spec.with { $0.check = true; $0.tolerance = try? Tolerance(parsing: tolerance) })
            #expect(outcome.status == 1, "\(change) at --tolerance \(tolerance): \(outcome)")
        }
        if change == .wholeChartShiftedOnePixel {
            // The flag reaches the comparison: the same file passes once it allows the measured RMS.
            let allowing = NumpyFormat.printf("%.17g", comparison.rms)
            #expect(ReportCLI.outcome(["--iterations", "300", "--size", "400x300", "--output", folder.path,
                                       "--check", "--tolerance", allowing]).status == 0)
        }
        #expect(ReportProcess.snapshot(folder) == before, "--check writes nothing into --output")
    }

    @Test("--diff writes NAME-diff.png and NAME-actual.png for each stale PNG, only there, only when asked")
    func diffImagesOnlyWithDiff() throws {
        let (folder, spec) = try Self.written(Self.run)
        let parent = folder.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let fresh = try Self.bytes(folder, "losses.png")
        let stored = try Self.shiftedRight(try RasterImage(png: fresh))
        try Self.replace(folder, "losses.png", with: try LibPNG.encode(stored))
        try Self.replace(folder, "report.md", with: Array("an older report\n".utf8))
        let before = ReportProcess.snapshot(folder)

        #expect(InProcess.outcome(spec.with { $0.check = true }).status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"], "no diff without --diff")

        let diffs = parent.appendingPathComponent("diffs")
        let outcome = InProcess.outcome(spec.with { $0.check = true; $0.diff = diffs.path })
        #expect(outcome.status == 1 && outcome.message == "--check: 2 of 4 files in '\(folder.path)' are stale or missing")
        #expect(ReportProcess.snapshot(folder) == before, "--output is untouched")
        #expect(try FileManager.default.contentsOfDirectory(atPath: diffs.path).sorted() == ["losses-actual.png", "losses-diff.png"],
                "images only: report.md has no diff image")
        #expect(try Self.bytes(diffs, "losses-actual.png") == fresh)
        let expected = try #require(PixelComparison.differenceImage(expected: stored, actual: try RasterImage(png: fresh)))
        #expect(try Self.image(diffs, "losses-diff.png") == expected)

        // The diff folder shows the latest check only: what no longer applies goes.
        try Self.replace(folder, "losses.png", with: fresh)
        #expect(InProcess.outcome(spec.with { $0.check = true; $0.diff = diffs.path }).status == 1, "report.md is still stale")
        #expect(try FileManager.default.contentsOfDirectory(atPath: diffs.path).isEmpty, "losses.png is current now")

        // --diff may not be --output, nor inside it, by any name.
        let link = parent.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder)
        let inside = [folder.path, folder.path + "/", link.path, folder.path + "/diffs", link.path + "/new/diffs",
                      folder.path + "/new/..", parent.path + "/missing/../out/diffs", link.path + "/../out"]
        for same in inside {
            let refused = InProcess.outcome(spec.with { $0.check = true; $0.diff = same })
            #expect(refused.status == 64 && refused.message?.contains("--diff") == true, "\(same): \(refused)")
        }
    }

    @Test("--keep-unchanged leaves files with the same content (a PNG: the same pixels) as they are")
    func keepUnchanged() throws {
        let (folder, spec) = try Self.written(Self.run)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let fresh = ReportProcess.snapshot(folder)
        let libpng = try LibPNG.encode(try Self.image(folder, "losses.png"), words: try Self.words(folder, "losses.png"))
        try Self.replace(folder, "losses.png", with: libpng)
        try Self.replace(folder, "report.md", with: Array("an older report\n".utf8))

        #expect(InProcess.outcome(spec.with { $0.keepUnchanged = true }).status == 0)
        let after = ReportProcess.snapshot(folder)
        #expect(after["losses.png"] == Data(libpng), "same pixels: the file is kept")
        #expect(after["boundary.png"] == fresh["boundary.png"] && after["summary.json"] == fresh["summary.json"])
        #expect(after["report.md"] == fresh["report.md"], "a changed file is rewritten")

        #expect(InProcess.outcome(spec).status == 0)
        #expect(ReportProcess.snapshot(folder)["losses.png"] == fresh["losses.png"], "without the flag every file is written")
    }

    @Test("--font draws with another font file, and --check needs the same one")
    func anotherFont() throws {
        let mono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
        let (folder, spec) = try Self.written(Self.run.with { $0.font = mono })
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        #expect(InProcess.outcome(spec.with { $0.check = true }).status == 0)
        #expect(InProcess.outcome(spec.with { $0.check = true; $0.font = nil }).status == 1, "the default font draws other pixels")
    }

    @Test("without the default font: exit 69 before any work, one line naming the file, the package and --font")
    func missingDefaultFont() throws {
        let parent = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let missing = parent.appendingPathComponent("fonts/DejaVuSans.ttf").path
        let output = parent.appendingPathComponent("out")
        for command in [["--iterations", "5"], ["sweep", "--seeds", "0..<2", "--iterations", "5"]] {
            let ending = try ChildProcess.run(command + ["--output", output.path], environment: ["REPORT_TEST_DEFAULT_FONT": missing])
            #expect(ending.status == 69, "\(ending)")
            #expect(ending.stderr.split(separator: "\n").count == 1 && ending.stdout.isEmpty, "\(ending)")
            for word in [missing, "No such file", "fonts-dejavu-core", "--font FILE"] {
                #expect(ending.stderr.contains(word), "\(ending.stderr) should name \(word)")
            }
            #expect(!FileManager.default.fileExists(atPath: output.path), "nothing written")
        }
        // The hook only replaces the default: a --font that exists still draws.
        let ending = try ChildProcess.run(["--iterations", "5", "--output", output.path, "--font", Font.dejaVuSansPath],
                                          environment: ["REPORT_TEST_DEFAULT_FONT": missing])
        #expect(ending.status == 0, "\(ending)")
    }

    @Test("unreadable, undecodable and resized PNGs are stale, each saying why")
    func otherStaleVerdicts() throws {
        let drawn = try RasterImage(width: 6, height: 5, pixels: Array(repeating: .init(red: 9, green: 8, blue: 7), count: 30)).pngData()
        let undecodable = try Freshness(Self.file("losses.png", drawn), onDisk: Array("not a PNG".utf8), tolerance: 0)
        #expect(undecodable.verdict(tolerance: .exact).hasPrefix("stale (cannot be decoded: "), "\(undecodable.verdict(tolerance: .exact))")
        let small = try LibPNG.encode(RasterImage(width: 4, height: 3, pixels: Array(repeating: .init(red: 1, green: 2, blue: 3), count: 12)))
        let resized = try Freshness(Self.file("losses.png", drawn), onDisk: small, tolerance: 255)
        #expect(resized.verdict(tolerance: 255) == "stale (4×3 pixels; this code draws 6×5)")
        #expect(try Freshness(Self.file("report.md", [1]), onDisk: nil, tolerance: 0).verdict(tolerance: .exact) == "missing")

        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("losses.png"), withIntermediateDirectories: false)
        let unreadable = try Freshness.of(Self.file("losses.png", drawn), in: OutputFolder(path: folder.path), tolerance: .exact)
        #expect(unreadable.verdict(tolerance: .exact) == "stale (cannot be read: not a regular file)")
    }

    @Test("SVG and PDF carry text as paths: no font inside", arguments: [ImageFormat.svg, .pdf])
    func vectorTextIsPaths(_ format: ImageFormat) throws {
        let files = try InProcess.train(Self.run.with { $0.format = format }).files()
        let chart = String(decoding: try #require(files.first { $0.name == "losses.\(format.rawValue)" }).bytes, as: UTF8.self)
        #expect(chart.count > 1000)
        for fontMark in ["<text", "glyph", "/FontFile", "/Font ", "DejaVu"] {
            #expect(!chart.contains(fontMark), "\(format) holds \(fontMark)")
        }
    }

    /// `image` with the first red marker's pixels given blue for red; and how many pixels changed.
    static func recolouringOneMarker(_ image: RasterImage) throws -> (RasterImage, Int) {
        func isRed(_ p: RasterImage.Pixel) -> Bool { Int(p.red) > Int(p.blue) + 60 }
        func isColoured(_ p: RasterImage.Pixel) -> Bool { p.red != p.green || p.red != p.blue }
        let start = try #require(image.pixels.firstIndex(where: isRed))
        var changed = image
        var seen: Set<Int> = [start]
        var pending = [start]
        while let index = pending.popLast() {
            let p = image.pixels[index]
            changed[index % image.width, index / image.width] = RasterImage.Pixel(red: p.blue, green: p.green, blue: p.red)
            let x = index % image.width, y = index / image.width
            for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)]
            where nx >= 0 && ny >= 0 && nx < image.width && ny < image.height {
                let neighbour = ny * image.width + nx
                if !seen.contains(neighbour), isColoured(image.pixels[neighbour]) {
                    seen.insert(neighbour)
                    pending.append(neighbour)
                }
            }
        }
        return (changed, seen.count)
    }

    /// `image` moved one pixel to the right (its first column repeated).
    static func shiftedRight(_ image: RasterImage) -> RasterImage {
        var shifted = image
        for y in 0..<image.height {
            for x in 1..<image.width { shifted[x, y] = image[x - 1, y] }
        }
        return shifted
    }
}

/// PNG encoding by another encoder than ours: Cairo's writer, which is libpng's.
enum LibPNG {
    /// `image` as libpng writes it, with `words` added as text chunks: those of the file it replaces,
    /// so that only the pixels or the encoder differ.
    static func encode(_ image: RasterImage, words: ImageMetadata = .none) throws -> [UInt8] {
        let surface = try #require(cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(image.width), Int32(image.height)))
        defer { cairo_surface_destroy(surface) }
        let data = try #require(cairo_image_surface_get_data(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        for y in 0..<image.height {
            let words = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<image.width {
                let p = image[x, y]
                words[x] = 0xFF00_0000 | UInt32(p.red) << 16 | UInt32(p.green) << 8 | UInt32(p.blue)
            }
        }
        cairo_surface_mark_dirty(surface)
        final class Sink { var bytes: [UInt8] = [] }
        let sink = Sink()
        let status = cairo_surface_write_to_png_stream(surface, { closure, data, length in
            let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque())
        #expect(status == CAIRO_STATUS_SUCCESS)
        return words.adding(to: sink.bytes)
    }
}

import Backprop
import Foundation
@testable import Plotting
@testable import ReportKit
import Testing

/// report.html as the library writes it: self-contained, escaped, the same bytes twice, covered by --check.
@Suite("report --html: report.html")
struct PageTests {
    /// A short run with a few epochs: what the page holds does not need the default's thirty.
    static let spec = RunSpec(iterations: 300, title: "<script>alert(1)</script> & \"quoted\"", frames: 3, html: true)

    /// ``spec``'s run and files, drawn once for the tests that read them: a debug build draws slowly.
    static let drawn = Result { () throws -> (trained: InProcess.Trained, files: [OutputFile]) in
        let trained = try InProcess.train(spec)
        return (trained, try trained.files())
    }

    static func page() throws -> (html: String, trained: InProcess.Trained) {
        let (trained, files) = try drawn.get()
        let file = try #require(files.first { $0.name == "report.html" })
        return (String(decoding: file.bytes, as: UTF8.self), trained)
    }

    /// Every value of `attribute` in `html`.
    static func values(of attribute: String, in html: String) -> [String] {
        html.components(separatedBy: " \(attribute)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test("nothing outside the file (every image a PNG data: URI); the epochs and losses are the run's; each marker on the curve")
    func selfContained() throws {
        let (html, trained) = try Self.page()
        let sources = Self.values(of: "src", in: html) + Self.values(of: "srcset", in: html)
        // The loss curve and, per epoch, the probability view and the network, each light and dark.
        #expect(sources.count == 2 + 2 * 2 * 3)
        for source in sources {
            let prefix = "data:image/png;base64,"
            try #require(source.hasPrefix(prefix), "\(source.prefix(40))")
            let png = try #require(Data(base64Encoded: String(source.dropFirst(prefix.count))))
            let image = try RasterImage(png: [UInt8](png))
            #expect(image.width >= 400 && image.height == 300)
        }
        #expect(Self.values(of: "href", in: html).isEmpty)
        // Base64 holds no ':' or '(': these can only be the page's own text.
        for outside in ["http:", "https:", "file:", "<link", "<iframe", "<object", "<embed", "@import", "url(", "fetch(", "XMLHttpRequest"] {
            #expect(!html.contains(outside), "\(outside)")
        }
        // The slider's epochs are the animation's, and each loss is the run's, as numpy prints it.
        let frames = try #require(trained.outcome.frames)
        let json = try #require(html.components(separatedBy: "<script type=\"application/json\" id=\"data\">").last?
            .components(separatedBy: "</script>").first)
        let snapshots = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(snapshots.map { $0["epoch"] as? Int } == frames.snapshots.map(\.epoch))
        #expect(snapshots.map { $0["loss"] as? String } == frames.snapshots.map { NumpyFormat.scalar($0.loss) })
        #expect(frames.snapshots.map(\.epoch) == [0, frames.snapshots[1].epoch, 300])
        #expect(snapshots.allSatisfy { ($0["tables"] as? [Any])?.count == 16 })
        // Each marker lies on the curve as drawn: the light loss image (the first) has the line's blue within 2 pixels.
        let curve = try RasterImage(png: [UInt8](try #require(Data(base64Encoded: String(sources[0].dropFirst(22))))))
        for snapshot in snapshots {
            let marker = try #require(snapshot["marker"] as? [Double])
            let (x, y) = (Int(marker[0] / 100 * Double(curve.width)), Int(marker[1] / 100 * Double(curve.height)))
            let near = (x - 2...x + 2).contains { i in
                (y - 2...y + 2).contains { j in let p = curve[i, j]; return Int(p.blue) - Int(p.red) > 60 }
            }
            #expect(near, "epoch \(snapshot["epoch"] ?? "?"): no line near (\(x), \(y))")
        }
    }

    @Test("a title or path of HTML stays text: escaped in the page, and never closes its script")
    func escapesEveryText() throws {
        let (html, _) = try Self.page()
        #expect(html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;</h1>"))
        #expect(html.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;</title>"))
        #expect(html.components(separatedBy: "<script").count - 1 == 2, "the page's own two scripts only")
        #expect(html.components(separatedBy: "</script>").count - 1 == 2)
        #expect(try HTMLPage.scriptJSON(["</script><!--"]) == #"["\u003c\/script>\u003c!--"]"#)
    }

    @Test("the same run gives the same bytes; --check compares them and finds a changed byte")
    func deterministicAndChecked() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = Self.spec.with { $0.output = folder.path; $0.title = nil; $0.iterations = 50; $0.frames = 2 }
        try InProcess.write(spec)
        let page = folder.appendingPathComponent("report.html")
        let written = try Data(contentsOf: page)
        // --check draws the run again and compares bytes: current means the same bytes.
        let current = InProcess.outcome(spec.with { $0.check = true })
        #expect(current.status == 0 && current.stdout.contains("report.html: current"), "\(current)")
        var changed = written
        changed[changed.count - 2] ^= 1
        try changed.write(to: page)
        let checked = InProcess.outcome(spec.with { $0.check = true })
        #expect(checked.status == 1 && checked.stdout.contains("report.html: stale"), "\(checked)")
        // Without --html a later run removes the page it no longer writes.
        #expect(InProcess.outcome(spec.with { $0.html = false; $0.frames = nil }).status == 0)
        #expect(!FileManager.default.fileExists(atPath: page.path))
    }

    @Test("--html refuses a network it cannot draw; --frames counts its epochs; report.md links it")
    func flags() throws {
        let wide = InProcess.outcome(RunSpec(hidden: 17, html: true))
        #expect(wide.status == 64 && wide.message == "--html shows the network, which is drawn for at most 16 hidden units (--hidden is 17)",
                "\(wide)")
        let short = try InProcess.train(RunSpec(iterations: 10, html: true))
        #expect(short.outcome.frames?.snapshots.map(\.epoch) == Array(0...10), "one epoch a frame for a short run")
        let files = try Self.drawn.get().files
        let markdown = String(decoding: try #require(files.first { $0.name == "report.md" }).bytes, as: UTF8.self)
        #expect(markdown.contains("[report.html](report.html)"))
        let summary = String(decoding: try #require(files.first { $0.name == "summary.json" }).bytes, as: UTF8.self)
        #expect(summary.contains("\"report.html\""))
    }

    @Test("sweep --html and atlas --html: the chart inline in both themes and a row per seed or cell, escaped")
    func sweepAndAtlasPages() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = RunSpec(iterations: 200, title: "<i>seeds</i>", output: folder.path)
        let sweep = SweepExperiment(seeds: Seeds(0..<12), recipe: spec.recipe, charts: try spec.charts(), html: true,
                                    delivery: try spec.delivery())
        let atlas = try AtlasExperiment(seeds: Seeds(0..<3), training: TrainingSettings(iterations: 100),
                                        learningRates: FlagList([0.1, 1]), hidden: FlagList([1, 2]), charts: try spec.charts(),
                                        html: true, delivery: try spec.delivery())
        for (outcome, name, rows) in [(InProcess.outcome(sweep), "sweep.html", 12), (InProcess.outcome(atlas), "atlas.html", 4)] {
            #expect(outcome.status == 0, "\(outcome)")
            let html = String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
            #expect(html.components(separatedBy: "<tr><td data-key=").count - 1 == rows, "\(name)")
            let sources = Self.values(of: "src", in: html) + Self.values(of: "srcset", in: html)
            #expect(sources.count == 2 && sources.allSatisfy { $0.hasPrefix("data:image/png;base64,") }, "\(name)")
            #expect(html.contains("<h1>&lt;i&gt;seeds&lt;/i&gt;</h1>") && !html.contains("<i>"), "\(name)")
            #expect(html.components(separatedBy: "<th scope=\"col\"><button type=\"button\">").count - 1 == (rows == 12 ? 6 : 5))
        }
        // Without --html, the next sweep removes the page it no longer writes.
        #expect(InProcess.outcome(SweepExperiment(seeds: Seeds(0..<12), recipe: spec.recipe, charts: try spec.charts(),
                                                  delivery: try spec.delivery())).status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("sweep.html").path))
    }
}

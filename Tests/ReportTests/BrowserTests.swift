import Foundation
import Parallel
@testable import Plotting
import Testing

/// Headless Chromium, run as a process with the network blocked: every name resolves to nothing and every
/// request goes to a proxy that is not there, so a page that needs anything from outside shows it.
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The skip's reason, and the fix.
    static let missing = "needs Chromium: apt-get install chromium (scripts/test installs it through scripts/bootstrap --tests)"

    /// What the browser showed: the DOM after the page's scripts ran, with each image's data cut from its data: URI
    /// (megabytes the checks do not read), a screenshot of a 900×1000 window when asked, and every message the page
    /// wrote to its console (errors, uncaught exceptions, logs: a page of ours writes none).
    struct Visit: Sendable {
        let dom: String
        let screenshot: RasterImage?
        let console: [String]
    }

    /// Opens `url` in a profile of its own, so that visits can run side by side; `dark` as `prefers-color-scheme`.
    static func visit(_ url: String, dark: Bool = false, screenshot: Bool = true) throws -> Visit {
        let profile = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: profile) }
        let shot = profile.appendingPathComponent("shot.png")
        let ending = try ChildProcess.run(
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
             "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--enable-logging=stderr", "--v=0",
             "--hide-scrollbars", "--dump-dom"]
                + (screenshot ? ["--window-size=900,1000", "--screenshot=\(shot.path)"] : []) + (dark ? ["--force-dark-mode"] : [])
                + [url],
            environment: ["HOME": profile.path], executable: try #require(path))
        try #require(ending.status == 0, "chromium: \(ending)")
        let console = ending.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Visit(dom: withoutImageData(ending.stdout), screenshot: screenshot ? try RasterImage(png: [UInt8](Data(contentsOf: shot))) : nil,
                     console: console)
    }
}

/// `html` with what follows each `base64,` up to its closing quote cut out, found with glibc's memchr: a debug
/// build's own string scanning takes a second for a page of megabytes.
func withoutImageData(_ html: String) -> String {
    let bytes = Array(html.utf8), marker = Array("base64".utf8)
    var kept: [UInt8] = []
    bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        func next(_ byte: Character, from start: Int) -> Int {
            memchr(base + start, Int32(byte.asciiValue!), buffer.count - start)
                .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? buffer.count
        }
        var at = 0, search = 0
        while search < buffer.count {
            let comma = next(",", from: search)
            guard comma < buffer.count else { break }
            search = comma + 1
            guard comma >= marker.count, memcmp(base + comma - marker.count, marker, marker.count) == 0 else { continue }
            kept += UnsafeBufferPointer(rebasing: buffer[at...comma])
            at = next("\"", from: search)
            search = at
        }
        kept += UnsafeBufferPointer(rebasing: buffer[min(at, buffer.count)...])
    }
    return String(decoding: kept, as: UTF8.self)
}

/// numpy's loss at every epoch of the default run (scripts/fixtures/epoch_losses.py): the page's numbers' reference.
struct EpochLosses: Decodable {
    let seed, iterations: Int
    let losses: [Double]

    static let fixture: EpochLosses = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("BackpropTests/Fixtures/epoch-losses.json")
        return try! JSONDecoder().decode(EpochLosses.self, from: Data(contentsOf: url))
    }()
}

/// report.html of the default run in a real browser, opened from disk with the network blocked: what its script
/// shows at an epoch of the address, what it looks like in light and dark, and a console that stays silent.
///
/// Serialized: its tests wait on one batch of browsers, and each waiting test would hold one of the few threads
/// Swift Testing runs every suite on.
@Suite("report.html in headless Chromium", .serialized,
       .enabled(if: ReleaseBinary.path != nil, "needs the release binary: run scripts/test, which builds it"),
       .enabled(if: Chromium.path != nil, Comment(rawValue: Chromium.missing)))
struct BrowserTests {
    /// The epochs asked for in the address, and whether the reader prefers dark.
    static let asked: [(epoch: Int, dark: Bool)] = [(0, false), (1000, true), (10_000, false)]

    /// The default run's page, written by the release binary (a second in release, many in debug), then visited at
    /// each of ``asked``, and a page whose script fails beside them: four browsers side by side, each start
    /// costing about a second. Each visit is one start: the DOM after the scripts ran, and a screenshot.
    static let visits: Result<[Chromium.Visit], any Error> = Result {
        let folder = try ReportProcess.temporaryFolder()
        let ending = try ChildProcess.run(["--html", "-q", "--output", folder.path], executable: try ReleaseBinary.executable())
        try #require(ending.status == 0, "\(ending)")
        let broken = folder.appendingPathComponent("broken.html")
        try Data("<!DOCTYPE html><p id=\"epoch\">0</p><script>document.getElementById('nothing').textContent = 1</script>".utf8)
            .write(to: broken)
        // sweep.html, with a reader's press on the "final loss" heading appended to a copy.
        let swept = try ChildProcess.run(["sweep", "--seeds", "0..<30", "--html", "-q", "--output", folder.path],
                                         executable: try ReleaseBinary.executable())
        try #require(swept.status == 0, "\(swept)")
        let sweep = try String(contentsOf: folder.appendingPathComponent("sweep.html"), encoding: .utf8)
        let pressed = folder.appendingPathComponent("sweep-pressed.html")
        try Data(sweep.replacingOccurrences(of: "</body>", with: "<script>document.querySelectorAll(\"th button\")[1].click()</script></body>").utf8)
            .write(to: pressed)
        let page = folder.appendingPathComponent("report.html").absoluteString
        let urls = asked.map { (page + "#epoch=\($0.epoch)", $0.dark) } + [(broken.absoluteString, false), (pressed.absoluteString, false)]
        return try ParallelMap.map(0..<urls.count) { k in
            try Chromium.visit(urls[k].0, dark: urls[k].1, screenshot: k < asked.count)
        }
    }

    static func visit(_ epoch: Int) throws -> Chromium.Visit { try visits.get()[asked.firstIndex { $0.epoch == epoch }!] }

    /// The text of the element with `id` in a dumped DOM.
    static func text(of id: String, in dom: String) -> String? {
        guard let start = dom.range(of: "id=\"\(id)\"") else { return nil }
        let rest = dom[start.upperBound...]
        guard let open = rest.firstIndex(of: ">"), let close = rest[open...].firstIndex(of: "<") else { return nil }
        return String(rest[rest.index(after: open)..<close])
    }

    /// The page's snapshot epochs, from its own data.
    static func epochs(in dom: String) throws -> [Int] {
        let json = try #require(dom.components(separatedBy: "id=\"data\">").last?.components(separatedBy: "</script>").first)
        let snapshots = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        return snapshots.compactMap { $0["epoch"] as? Int }
    }

    @Test("at #epoch=N the page shows the nearest snapshot, and numpy's loss there", arguments: asked.map(\.epoch))
    func domAtEpoch(_ asked: Int) throws {
        let visit = try Self.visit(asked)
        #expect(visit.console.isEmpty, "\(visit.console)")
        let dom = visit.dom
        let epochs = try Self.epochs(in: dom)
        #expect(epochs.count == 30 && epochs.first == 0 && epochs.last == 10_000)
        let nearest = try #require(epochs.min { abs($0 - asked) < abs($1 - asked) })
        let shown = try #require(Self.text(of: "epoch", in: dom).flatMap { Int($0) }, "the epoch element")
        #expect(shown == nearest)
        let loss = try #require(Self.text(of: "loss", in: dom).flatMap { Double($0) }, "the loss element")
        let numpy = EpochLosses.fixture.losses[nearest]
        #expect(abs(loss - numpy) <= 1e-12 * numpy, "epoch \(nearest): page \(loss), numpy \(numpy)")
        // One epoch's views shown, the selected one; the slider on it; its arrays drawn as tables.
        let views = dom.components(separatedBy: "<div class=\"epoch-view\" ").dropFirst()
        #expect(views.count == 30)
        let visible = views.filter { !$0.prefix { $0 != ">" }.contains("hidden") }
        #expect(visible.count == 1 && visible.first?.hasPrefix("data-epoch=\"\(nearest)\"") == true)
        // A labelled range control, which a keyboard operates.
        #expect(dom.contains("<label for=\"epoch-slider\">Epoch</label>") && dom.contains("<input type=\"range\" id=\"epoch-slider\""))
        #expect(dom.contains("aria-valuetext=\"epoch \(nearest), loss "))
        #expect(dom.components(separatedBy: "<table>").count - 1 == 16, "the iteration's sixteen arrays")
    }

    @Test("screenshots: two epochs differ where the views are, dark mode is dark, every image is drawn")
    func screenshots() throws {
        let (start, dark, end) = (try #require(try Self.visit(0).screenshot), try #require(try Self.visit(1000).screenshot),
                                  try #require(try Self.visit(10_000).screenshot))
        func brightness(_ image: RasterImage, rows: Range<Int>) -> Double {
            var sum = 0
            for y in rows { for x in 0..<image.width { let p = image[x, y]; sum += Int(p.red) + Int(p.green) + Int(p.blue) } }
            return Double(sum) / Double(3 * 255 * image.width * rows.count)
        }
        // The page draws only greys; colour comes from the charts.
        func coloured(_ image: RasterImage, rows: Range<Int>) -> Int {
            rows.reduce(0) { count, y in
                count + (0..<image.width).count { x in
                    let p = image[x, y]
                    return Int(max(p.red, p.green, p.blue)) - Int(min(p.red, p.green, p.blue)) > 60
                }
            }
        }
        func differing(_ a: RasterImage, _ b: RasterImage, rows: Range<Int>) -> Int {
            rows.reduce(0) { count, y in count + (0..<a.width).count { a[$0, y] != b[$0, y] } }
        }
        let top = 0..<150, views = 620..<960
        let area = start.width * views.count
        // The page's canvas is the charts' own, white or GitHub's #0d1117.
        #expect(start[4, 4] == RasterImage.Pixel(red: 255, green: 255, blue: 255))
        #expect(dark[4, 4] == RasterImage.Pixel(red: 0x0D, green: 0x11, blue: 0x17))
        #expect(brightness(start, rows: top) > 0.9 && brightness(dark, rows: top) < 0.2)
        // The images are drawn: the probability view and the network's maps fill a good part of the row with colour.
        for shot in [start, dark, end] { #expect(coloured(shot, rows: views) > area / 8) }
        // Epoch 0's ŷ ≈ 0.7 everywhere is not the trained network's red and blue.
        #expect(differing(start, end, rows: views) > area / 4)
    }

    @Test("a page whose script fails is caught: the console check can fail")
    func consoleErrorsAreCaught() throws {
        let broken = try Self.visits.get()[Self.asked.count]
        #expect(broken.console.contains { $0.contains("Uncaught TypeError") }, "\(broken.console)")
    }

    @Test("sweep.html sorts its seeds by the column whose heading is pressed")
    func sweepPageSorts() throws {
        let visit = try Self.visits.get()[Self.asked.count + 1]
        #expect(visit.console.isEmpty, "\(visit.console)")
        #expect(visit.dom.contains("<th scope=\"col\" aria-sort=\"ascending\"><button type=\"button\">final loss</button>"))
        let losses = visit.dom.components(separatedBy: "<tr><td data-key=").dropFirst().compactMap { row in
            row.components(separatedBy: "<td data-key=\"").dropFirst().first.flatMap { Double($0.prefix { $0 != "\"" }) }
        }
        #expect(losses.count == 30)
        #expect(losses == losses.sorted() && losses.first! < losses.last!, "ascending by final loss")
    }
}

/// Where the suite cannot run, CI must not pass quietly.
@Test("CI has Chromium for the browser tests", .enabled(if: ProcessInfo.processInfo.environment["CI"] != nil))
func chromiumInCI() {
    #expect(Chromium.path != nil, "\(Chromium.missing)")
}
import Foundation
import Plotting
@testable import ReportKit
import Testing

/// Every image's description is written from the run's numbers, and report.md, summary.json and the
/// image itself all carry the same words.
@Suite("Descriptions")
struct DescriptionTests {
    /// The notebook's seed learns XOR; seed 6 is stuck with two points wrong. Their 10,000 iterations train
    /// in well under a second even in a debug build.
    static let learns = RunSpec(size: CanvasSize(width: 400, height: 300), network: true)
    static let stuck = learns.with { $0.seed = 6 }

    static func descriptions(_ spec: RunSpec) throws -> [String: String] {
        let files = try InProcess.train(spec).files()
        return Dictionary(uniqueKeysWithValues: files.compactMap { file in file.description.map { (file.name, $0) } })
    }

    @Test func seedsThatLearnDifferentlyAreDescribedDifferently() throws {
        let (four, six) = (try Self.descriptions(Self.learns), try Self.descriptions(Self.stuck))
        #expect(Set(four.keys) == ["losses.png", "boundary.png", "network.png"])
        for name in four.keys { #expect(four[name] != six[name], "\(name)") }

        let loss4 = try #require(four["losses.png"]), loss6 = try #require(six["losses.png"])
        #expect(loss4.hasPrefix("Loss over 10,000 epochs: 0.80 at epoch 0, a plateau near 0.68"))
        #expect(loss4.contains("a fall around epoch 950") && loss4.hasSuffix("0.0027 at the end"))
        #expect(loss6.contains("a plateau near 0.35 from epoch 1,400 to the end") && loss6.hasSuffix("0.35 at the end"))

        let boundary4 = try #require(four["boundary.png"]), boundary6 = try #require(six["boundary.png"])
        #expect(boundary4.hasPrefix("The network classifies (0, 0) and (1, 1) as 0 and (0, 1) and (1, 0) as 1: all 4 right"))
        #expect(boundary4.contains("class 1 is a band between two parallel lines"))
        #expect(boundary6.contains("2 of 4 right, (1, 0) and (1, 1) wrong"))
        #expect(!boundary6.contains("band"))

        let network4 = try #require(four["network.png"]), network6 = try #require(six["network.png"])
        #expect(network4.contains("h1 is on for (0, 1), (1, 0) and (1, 1): OR (bias −3.41, weights 7.45 and 7.45)"))
        #expect(network4.contains("h2 is on for (1, 1): AND (bias −8.68, weights 5.68 and 5.67)"))
        #expect(network4.contains("ŷ weighs h1 by 12.99 and h2 by −13.77"))
        #expect(!network6.contains("AND ("))
    }

    /// The PNG's Description chunk, report.md's alt text and summary.json's entry are one text; the title
    /// travels as the PNG's Title.
    @Test func reportSummaryAndImageAgree() throws {
        let spec = RunSpec(iterations: 200, size: CanvasSize(width: 400, height: 300), title: "Seed [4]",
                           evolution: true, snapshots: [0, 100, 200], network: true, trace: 100)
        let files = try InProcess.train(spec).fileContents()
        let summaryBytes = try #require(files["summary.json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: summaryBytes) as? [String: Any])
        let listed = try #require(summary["descriptions"] as? [String: String])
        let markdownBytes = try #require(files["report.md"])
        let markdown = String(decoding: markdownBytes, as: UTF8.self)
        let pngs = files.keys.filter { $0.hasSuffix(".png") }
        #expect(Set(listed.keys) == Set(pngs))
        for name in pngs {
            let bytes = try #require(files[name])
            let words = try ImageMetadata(png: [UInt8](bytes))
            let text = try #require(words.description)
            #expect(words.title == "Seed [4]")
            #expect(listed[name] == text)
            #expect(!text.contains(name), "written from the numbers, not the file name")
            let line = try #require(markdown.split(separator: "\n").first { $0.hasSuffix("](\(name))") })
            #expect(Self.unescapedAlt(String(line)) == text)
        }
    }

    /// A Markdown image's alt text with its backslash escapes undone.
    static func unescapedAlt(_ line: String) -> String {
        var out = "", escaped = false
        for character in line.dropFirst(2) {
            if escaped { out.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "]" { break }
            out.append(character)
        }
        return out
    }

    @Test func altTextStaysOneLine() {
        #expect(Summary.altText("a [b] \\ c\nd") == "a \\[b\\] \\\\ c d")
    }

    @Test func sweepAndAtlasCountTheirVerdicts() throws {
        let sweep = try InProcess.sweep(Seeds(0..<20), RunSpec(iterations: 2000, size: CanvasSize(width: 160, height: 120)))
        let text = try #require(sweep.files.first { $0.name == "sweep.png" }?.description)
        let tally = sweep.result.tally
        #expect(text.hasPrefix("Final losses of 20 seeds (XOR, 2 hidden, sigmoid, 2,000 iterations, learning rate 0.1): "
            + "\(tally.converged) (\(tally.percent)) converge"))
        #expect(text.contains("stuck") && text.contains("0 (0.0%) diverged"))
    }

    /// A PNG with the pixels of this code but older words is stale: the text is part of what readers get.
    @Test func changedWordsMakeAPNGStale() throws {
        let file = try #require(try InProcess.train(RunSpec(iterations: 50, size: CanvasSize(width: 160, height: 120))).files().first)
        let pixels = try RasterImage(png: file.bytes)
        let old = try pixels.pngData()
        let verdict = try Freshness(file, onDisk: old, tolerance: 0)
        #expect(!verdict.isCurrent)
        #expect(verdict.verdict(tolerance: .exact) == "stale (the same pixels, another Description text)")
        #expect(try Freshness(file, onDisk: file.bytes, tolerance: 0).isCurrent)
    }

    /// The committed reports: each image's alt text in report.md and its entry in summary.json are what Pillow
    /// reads from the PNG's Description chunk (Tests/PlottingTests/Pillow/pictures.json, made by
    /// scripts/fixtures/pictures.py from output/).
    @Test(arguments: ["output", "output/probability", "output/animation", "output/inside"])
    func committedReportsUseTheImagesWords(_ folder: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let fixture = try Data(contentsOf: root.appendingPathComponent("Tests/PlottingTests/Pillow/pictures.json"))
        let pillow = try #require(try JSONSerialization.jsonObject(with: fixture) as? [String: Any])
        let texts = try #require(pillow["texts"] as? [String: [String: String]])
        let markdown = try String(contentsOf: root.appendingPathComponent("\(folder)/report.md"), encoding: .utf8)
        let summaryBytes = try Data(contentsOf: root.appendingPathComponent("\(folder)/summary.json"))
        let summary = try #require(try JSONSerialization.jsonObject(with: summaryBytes) as? [String: Any])
        let listed = try #require(summary["descriptions"] as? [String: String])
        let images = markdown.split(separator: "\n").filter { $0.hasPrefix("![") }
        // With --theme both, each image is a <picture> of NAME-dark.png and NAME.png, with the same words.
        let pictures = markdown.split(separator: "\n").filter { $0.hasPrefix("<picture>") }
        #expect(images.count + 2 * pictures.count == listed.count && !(images.isEmpty && pictures.isEmpty))
        for line in images {
            let name = String(line[line.index(after: try #require(line.lastIndex(of: "(")))...].dropLast())
            let description = try #require(texts["\(folder)/\(name)"]?["Description"], "\(folder)/\(name)")
            #expect(Self.unescapedAlt(String(line)) == description, "\(folder)/\(name)")
            #expect(listed[name] == description)
        }
        for line in pictures {
            let match = try #require(line.wholeMatch(of:
                /<picture><source media="\(prefers-color-scheme: dark\)" srcset="([^"]+)"><img src="([^"]+)" alt="([^"]*)"><\/picture>/))
            let (dark, light) = (String(match.output.1), String(match.output.2))
            let alt = String(match.output.3).replacing("&quot;", with: "\"").replacing("&lt;", with: "<")
                .replacing("&gt;", with: ">").replacing("&amp;", with: "&")
            #expect(dark == light.replacing(".png", with: "-dark.png"))
            for name in [light, dark] {
                let description = try #require(texts["\(folder)/\(name)"]?["Description"], "\(folder)/\(name)")
                #expect(alt == description, "\(folder)/\(name)")
                #expect(listed[name] == description)
            }
        }
    }
}

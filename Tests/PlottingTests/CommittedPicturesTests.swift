import CDeflate
import Foundation
@testable import Plotting
import Testing

/// The committed network and computation-graph pictures (`report --network --trace 10000`, kept current
/// by `--check`) as an outside reader sees them: Pillow's size, mode and pixels
/// (`scripts/fixtures/pictures.py` writes them) against this package's decoder.
@Suite("the committed pictures, read by Pillow")
struct CommittedPicturesTests {
    static func pillow() throws -> [String: Any] {
        let url = AnimatedPNGTests.repository.appendingPathComponent("Tests/PlottingTests/Pillow/pictures.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test(arguments: ["network.png", "backprop.png"])
    func pillowReadsWhatWeRead(_ name: String) throws {
        let png = try AnimatedPNGTests.bytes(AnimatedPNGTests.repository.appendingPathComponent("output/inside/\(name)"))
        let pictures = try #require(try Self.pillow()["pictures"] as? [String: Any])
        let reference = try #require(pictures[name] as? [String: Any])
        let image = try RasterImage(png: png)
        #expect(image.width == reference["width"] as? Int && image.height == reference["height"] as? Int)
        #expect(reference["mode"] as? String == "RGB", "opaque: a picture for any page background is the next issue's")
        #expect(MemoryLayout<RasterImage.Pixel>.stride == 4, "a pixel's memory is its R, G, B and A bytes")
        let crc = image.pixels.withUnsafeBytes { Int(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
        #expect(crc == reference["crc32"] as? Int, "\(name): run scripts/fixtures/pictures.py after regenerating output/")
    }

    /// Every committed PNG's Title and Description as Pillow reads its text chunks, against our reading.
    @Test func pillowReadsOurWords() throws {
        let texts = try #require(try Self.pillow()["texts"] as? [String: [String: String]])
        #expect(texts.count >= 14, "every committed PNG: run scripts/fixtures/pictures.py after regenerating output/")
        for (path, text) in texts {
            let png = try AnimatedPNGTests.bytes(AnimatedPNGTests.repository.appendingPathComponent(path))
            let ours = try ImageMetadata(png: png)
            #expect(ours.description == text["Description"] && ours.title == text["Title"], "\(path)")
            #expect(Set(text.keys).isSubset(of: ["Title", "Description"]), "\(path): no other text chunk")
            #expect(!(text["Description"] ?? "").isEmpty, "\(path) is described")
        }
    }
}

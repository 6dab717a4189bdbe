import CDeflate
import Foundation
import Testing
@testable import Plotting

@Suite("Animated PNG")
struct AnimatedPNGTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("APNG")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    static func json(_ name: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent(name))) as! [String: Any]
    }

    /// A frame's pixels as RGBA bytes, the layout of Pillow's `tobytes()`.
    static func rgba(_ image: RasterImage) -> [UInt8] {
        image.pixels.flatMap { [$0.red, $0.green, $0.blue, $0.alpha] }
    }

    /// The chunks of a PNG: type and data.
    static func chunks(_ png: [UInt8]) -> [(type: String, data: [UInt8])] {
        var result: [(String, [UInt8])] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            result.append((String(decoding: png[offset + 4..<offset + 8], as: UTF8.self), Array(png[offset + 8..<offset + 8 + length])))
            offset += 12 + length
        }
        return result
    }

    static func integer(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int {
        bytes[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) }
    }

    /// Frames of `0x00RRGGBB` words: a background that a square crosses, one frame repeated.
    static func movingSquare(width: Int = 40, height: Int = 30) -> [[UInt32]] {
        (0..<4).map { k in
            let step = min(k, 2)  // frames 2 and 3 are the same
            return (0..<width * height).map { index in
                let x = index % width, y = index / width
                return (5 * step..<5 * step + 8).contains(x) && (10..<18).contains(y) ? 0xC8_1E28 : UInt32(x * 6) << 16 | UInt32(y * 8)
            }
        }
    }

    @Test("reads Pillow's APNG, every dispose and blend operation, as Pillow composes it")
    func readsPillow() throws {
        let info = try Self.json("pillow.json")
        let frames = try #require(try AnimatedPNG.frames(of: Self.bytes(Self.fixtures.appendingPathComponent("pillow.png"))))
        let reference = try Self.bytes(Self.fixtures.appendingPathComponent("pillow-frames.rgba"))
        let size = 4 * (info["width"] as! Int) * (info["height"] as! Int)
        #expect(frames.count == 4)
        for (k, frame) in frames.enumerated() {
            #expect(Self.rgba(frame.image) == Array(reference[k * size..<(k + 1) * size]), "frame \(k)")
        }
        #expect(frames.map(\.milliseconds) == info["durations"] as! [Double])
    }

    /// The committed default animation (`report --animate`, kept current by `--check`): Pillow's
    /// reading of it, and what a user gets from it.
    @Test("the committed training.png: Pillow reads it as this reader does; 30 frames, the trained network as its still")
    func committedAnimationAgreesWithPillow() throws {
        let png = try Self.bytes(Self.repository.appendingPathComponent("output/animation/training.png"))
        let pillow = try Self.json("training.json")
        let pillowFrames = pillow["frames"] as! [[String: Any]]
        let frames = try #require(try AnimatedPNG.frames(of: png))
        // Pillow counts the still, which is not part of the animation, as frame 0.
        #expect(pillow["defaultImage"] as? Bool == true)
        #expect(pillowFrames.count == frames.count + 1)
        #expect(pillow["loop"] as? Int == 0)
        let images = [try RasterImage(png: png)] + frames.map(\.image)
        // A pixel's memory is its R, G, B and A bytes (readsPillow checks the order), so a frame's
        // CRC is taken over its storage: converting 19 million pixels one by one takes long in a debug build.
        #expect(MemoryLayout<RasterImage.Pixel>.stride == 4)
        for (k, (image, reference)) in zip(images, pillowFrames).enumerated() {
            let crc = image.pixels.withUnsafeBytes { Int(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
            #expect(crc == reference["crc32"] as! Int, "frame \(k): run scripts/fixtures/apng.py after regenerating output/")
        }
        #expect(frames.map(\.milliseconds) == pillowFrames.dropFirst().map { $0["duration"] as! Double })
        #expect(frames.count == 30 && frames.dropLast().allSatisfy { $0.milliseconds == 100 } && frames.last?.milliseconds == 2000)
        #expect(frames[0].image.width == 1280 && frames[0].image.height == 480)
        #expect(images[0] == images.last, "the still is the trained network")
        #expect(Set(pillowFrames.dropFirst().map { $0["crc32"] as! Int }).count == frames.count, "every frame shows something new")
    }

    @Test("frames round-trip; each holds only the rectangle that changed")
    func roundTrip() throws {
        let frames = Self.movingSquare()
        let png = try AnimatedPNG.encode(milliseconds: [100, 200, 300, 2000], width: 40, height: 30, still: 3, level: 6) { _ = $1.update(fromContentsOf: frames[$0]) }
        let decoded = try #require(try AnimatedPNG.frames(of: png))
        #expect(decoded.map(\.milliseconds) == [100, 200, 300, 2000])
        for (k, frame) in decoded.enumerated() {
            #expect(frame.image.pixels == frames[k].map {
                RasterImage.Pixel(red: UInt8($0 >> 16 & 0xFF), green: UInt8($0 >> 8 & 0xFF), blue: UInt8($0 & 0xFF))
            }, "frame \(k)")
        }
        let chunks = Self.chunks(png)
        #expect(chunks.map(\.type) == ["IHDR", "acTL", "IDAT"] + Array(repeating: ["fcTL", "fdAT"], count: 4).flatMap { $0 } + ["IEND"])
        #expect(Self.integer(chunks[1].data, 0, 4) == 4 && Self.integer(chunks[1].data, 4, 4) == 0, "4 frames, looping forever")
        // Sequence numbers run over fcTL and fdAT together, from 0.
        #expect(chunks.filter { $0.type == "fcTL" || $0.type == "fdAT" }.map { Self.integer($0.data, 0, 4) } == Array(0..<8))
        let controls = chunks.filter { $0.type == "fcTL" }.map(\.data)
        func region(_ c: [UInt8]) -> [Int] { [12, 16, 4, 8].map { Self.integer(c, $0, 4) } }  // x, y, width, height
        #expect(region(controls[0]) == [0, 0, 40, 30])
        #expect(region(controls[1]) == [0, 10, 13, 8], "the square's old and new places")
        #expect(region(controls[3]) == [0, 0, 1, 1], "a repeated frame is one pixel")
        #expect(controls.map { [$0[24], $0[25]] } == [[0, 0], [0, 1], [0, 1], [0, 1]], "dispose none; blend source, then over")
        // The still, shown where animations do not play, is the last frame.
        #expect(try RasterImage(png: png) == decoded[3].image)
    }

    @Test("frames round-trip through three reused buffers, the still in the middle")
    func roundTripThroughFewBuffers() throws {
        // 40 frames of 8×8 through the fewest buffers the writer works with, each drawn (or not) over the frame
        // before and two or more frames before it, as the pixels that render leaves alone must be zero.
        func green(_ k: Int, _ index: Int) -> UInt32 {
            guard (index + k) % 5 != 0 else { return 0 }
            let value = k * 7 + index * (index % 3 == 0 ? k : 1)
            return UInt32(value & 0xFF) << 8
        }
        let frames: [[UInt32]] = (0..<40).map { k in (0..<64).map { green(k, $0) } }
        let milliseconds = (0..<40).map { 10 + $0 }
        let png = try AnimatedPNG.encode(milliseconds: milliseconds, width: 8, height: 8, still: 20, level: 6,
                                         heldPixels: 3 * 64) { k, pixels in
            for (index, pixel) in frames[k].enumerated() where pixel != 0 { pixels[index] = pixel }
        }
        let decoded = try #require(try AnimatedPNG.frames(of: png))
        #expect(decoded.map(\.milliseconds) == milliseconds.map(Double.init))
        for (k, frame) in decoded.enumerated() {
            #expect(frame.image.pixels == frames[k].map { RasterImage.Pixel(red: 0, green: UInt8($0 >> 8), blue: 0, alpha: 255) },
                    "frame \(k)")
        }
        #expect(try RasterImage(png: png) == decoded[20].image, "the still")
    }

    @Test("a frame that cannot be drawn fails the file, whichever core draws it")
    func failedFrame() throws {
        struct Unpainted: Error, Equatable { let frame: Int }
        for failing in [0, 5, 11] {
            #expect(throws: Unpainted(frame: failing)) {
                try AnimatedPNG.encode(milliseconds: Array(repeating: 100, count: 12), width: 8, height: 8, still: 11, level: 1,
                                       heldPixels: 3 * 64) { k, pixels in
                    if k == failing { throw Unpainted(frame: k) }
                    pixels[k] = 0xFFFFFF
                }
            }
        }
    }

    @Test("damaged files are refused; a still PNG is not an animation")
    func refusesDamage() throws {
        let frames = Self.movingSquare()
        let png = try AnimatedPNG.encode(milliseconds: [100, 100, 100, 100], width: 40, height: 30, still: 0, level: 1) { _ = $1.update(fromContentsOf: frames[$0]) }
        var corrupt = png
        corrupt[corrupt.count - 40] ^= 0xFF
        #expect(throws: PlottingError.self) { try AnimatedPNG.frames(of: corrupt) }
        #expect(throws: PlottingError.self) { try AnimatedPNG.frames(of: Array(png.prefix(png.count / 2))) }
        #expect(try AnimatedPNG.frames(of: RasterImage(png: png).pngData()) == nil)
    }
}

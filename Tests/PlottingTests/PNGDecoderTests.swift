import Testing
@testable import Plotting

/// A damaged PNG is refused with what is wrong with it, so that `report --check` can say why a
/// stored image cannot be compared (it used to say "out of memory" for all of them).
@Suite("PNG decoder: damaged files say what is wrong")
struct PNGDecoderTests {
    /// A small opaque PNG as the encoder writes it: signature, IHDR, IDAT, IEND.
    static func png() throws -> [UInt8] {
        try RasterImage(width: 5, height: 4, pixels: Array(repeating: .init(red: 10, green: 20, blue: 30), count: 20))
            .pngData()
    }

    static func message(decoding bytes: [UInt8]) -> String? {
        do {
            _ = try RasterImage(png: bytes)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("the intact file decodes, so the failures below come from the damage")
    func intact() throws {
        let image = try RasterImage(png: Self.png())
        #expect(image.width == 5 && image.height == 4)
        #expect(image[4, 3] == RasterImage.Pixel(red: 10, green: 20, blue: 30))
    }

    @Test("a file that is not a PNG is named as such")
    func notPNG() {
        #expect(Self.message(decoding: Array("GIF89a, not a PNG at all".utf8))
                == "invalid image: not a PNG file (it does not start with the PNG signature)")
        #expect(Self.message(decoding: []) == "invalid image: not a PNG file (it does not start with the PNG signature)")
    }

    @Test("a truncated file says it is truncated and where it ends")
    func truncated() throws {
        let png = try Self.png()
        // The IDAT chunk starts after the signature (8) and IHDR (12 + 13).
        #expect(Self.message(decoding: Array(png.prefix(33 + 10)))
                == "invalid image: truncated PNG: the file ends inside chunk IDAT")
        #expect(Self.message(decoding: Array(png.dropLast(12)))
                == "invalid image: truncated PNG: the file ends after chunk IDAT, before IEND")
    }

    @Test("a flipped byte fails the CRC of the chunk that holds it")
    func badCRC() throws {
        var png = try Self.png()
        png[33 + 8 + 2] ^= 0x01  // a byte of IDAT's data
        #expect(Self.message(decoding: png) == "invalid image: bad CRC in chunk IDAT: the file is damaged")
        var header = try Self.png()
        header[8 + 8 + 3] ^= 0x80  // the width in IHDR
        #expect(Self.message(decoding: header) == "invalid image: bad CRC in chunk IHDR: the file is damaged")
    }

    @Test("a colour type PNG does not define is named")
    func unsupportedColourType() throws {
        let png = try Self.png()
        // IHDR rewritten with colour type 5 and a correct CRC, then the rest of the file.
        var header = Array(png[16..<29])
        header[9] = 5
        var file = PNGEncoder.signature
        PNGEncoder.appendChunk("IHDR", header, to: &file)
        file += png[33...]
        #expect(Self.message(decoding: file) == "invalid image: unsupported PNG colour type 5")
    }

    @Test("a colour type at a bit depth PNG does not allow is named")
    func unsupportedBitDepth() throws {
        let png = try Self.png()
        var header = Array(png[16..<29])
        header[8] = 4
        var file = PNGEncoder.signature
        PNGEncoder.appendChunk("IHDR", header, to: &file)
        file += png[33...]
        #expect(Self.message(decoding: file) == "invalid image: unsupported PNG bit depth 4 for colour type 2")
    }

    @Test("the message is the same for an animation's reader")
    func animationReader() throws {
        var png = try Self.png()
        png[33 + 8 + 2] ^= 0x01
        #expect(throws: PlottingError.invalidImage("bad CRC in chunk IDAT: the file is damaged")) {
            try AnimatedPNG.frames(of: png)
        }
    }


    @Test("greyscale, palette and 16-bit files decode as libpng shows them")
    func otherLayouts() throws {
        // 2×1 palette image at 1 bit: black (opaque) and red (alpha 128 via tRNS).
        var file = PNGEncoder.signature
        PNGEncoder.appendChunk("IHDR", [0, 0, 0, 2, 0, 0, 0, 1, 1, 3, 0, 0, 0], to: &file)
        PNGEncoder.appendChunk("PLTE", [0, 0, 0, 255, 0, 0], to: &file)
        PNGEncoder.appendChunk("tRNS", [255, 128], to: &file)
        let row: [UInt8] = [0, 0b0100_0000]
        PNGEncoder.appendChunk("IDAT", row.withUnsafeBytes { PNGEncoder.compressed($0, level: 1) }, to: &file)
        PNGEncoder.appendChunk("IEND", [], to: &file)
        #expect(try RasterImage(png: file).pixels == [.init(red: 0, green: 0, blue: 0),
                                                        .init(red: 255, green: 0, blue: 0, alpha: 128)])
        // 1×1 16-bit grey with alpha: the high bytes.
        var grey = PNGEncoder.signature
        PNGEncoder.appendChunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 16, 4, 0, 0, 0], to: &grey)
        let greyRow: [UInt8] = [0, 0x80, 0x11, 0xFF, 0x22]
        PNGEncoder.appendChunk("IDAT", greyRow.withUnsafeBytes { PNGEncoder.compressed($0, level: 1) }, to: &grey)
        PNGEncoder.appendChunk("IEND", [], to: &grey)
        #expect(try RasterImage(png: grey).pixels == [.init(red: 0x80, green: 0x80, blue: 0x80, alpha: 0xFF)])
    }
}

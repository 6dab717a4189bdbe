extension Animation {
    /// Renders every frame on a PNG canvas of `settings` (its format is ignored) and returns the APNG file.
    public func render(_ settings: RenderSettings) throws -> [UInt8] {
        var canvas = settings
        canvas.format = .png
        // A constant, because the frames are drawn concurrently.
        let png = canvas
        let file = try AnimatedPNG.encode(milliseconds: milliseconds, width: png.pixelWidth, height: png.pixelHeight,
                                          still: still, level: level) { try frames[$0].draw(png, into: $1) }
        return PNGEncoder.inserting(settings.metadata, into: file)
    }
}

extension Figure {
    /// Draws the figure on a PNG canvas into `pixels`, `0x··RRGGBB` row by row.
    func draw(_ settings: RenderSettings, into pixels: UnsafeMutableBufferPointer<UInt32>) throws {
        // Cairo draws into the caller's memory, and the canvas ends here.
        let canvas = try CairoCanvas(settings: settings, pixels: pixels)
        draw(on: canvas.backend, width: Double(settings.width), height: Double(settings.height),
             pixelsPerUnit: settings.scale, theme: settings.theme)
        try canvas.finishPixels()
    }
}

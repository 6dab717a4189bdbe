extension Animation {
    /// Renders every frame on a PNG canvas of `settings` (its format is ignored) and returns the APNG file.
    public func render(_ settings: RenderSettings) throws -> [UInt8] {
        var canvas = settings
        canvas.format = .png
        // A constant, because the frames are drawn concurrently.
        let png = canvas
        let file = try AnimatedPNG.encode(milliseconds: milliseconds, width: png.pixelWidth, height: png.pixelHeight,
                                          still: still, level: level) { try frames[$0].pixels(png) }
        return PNGEncoder.inserting(settings.metadata, into: file)
    }
}

extension Figure {
    /// The figure's pixels on a PNG canvas, `0x··RRGGBB` row by row.
    func pixels(_ settings: RenderSettings) throws -> [UInt32] {
        var pixels = [UInt32](repeating: 0, count: settings.pixelWidth * settings.pixelHeight)
        try pixels.withUnsafeMutableBufferPointer { pixels in
            // Cairo draws into the array itself, and the canvas ends with this closure.
            let canvas = try CairoCanvas(settings: settings, pixels: pixels)
            draw(on: canvas.backend, width: Double(settings.width), height: Double(settings.height),
                 pixelsPerUnit: settings.scale, theme: settings.theme)
            try canvas.finishPixels()
        }
        return pixels
    }
}

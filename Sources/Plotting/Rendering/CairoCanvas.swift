import CCairo

/// A Cairo surface for one output format that collects the encoded file in memory.
///
/// Vector surfaces stream their bytes as Cairo finishes them; PNG is encoded at the end by
/// ``PNGEncoder`` from the image surface's pixels. Every step checks Cairo's status, so an
/// impossible canvas or a failed encoder surfaces as a ``PlottingError`` instead of an empty file.
final class CairoCanvas {
    /// A cap on PNG pixel count (1 GiB of ARGB) so absurd sizes fail fast instead of exhausting memory.
    static let maximumPixelCount = 1 << 28
    /// Canvas units per PDF/SVG point: a canvas unit is a pixel at matplotlib's 100 dpi.
    static let vectorPointsPerUnit = 0.72

    let settings: RenderSettings
    let backend: CairoBackend
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private let sink: ByteSink

    /// The encoded file as Cairo streams it out; a class so the C callback can append through a pointer.
    final class ByteSink {
        var bytes: [UInt8] = []
    }

    /// A canvas of `s`; a PNG canvas draws into `pixels` when given (`s.pixelWidth × s.pixelHeight` of them,
    /// row by row, which must outlive the canvas), so that its caller holds the pixels without a copy.
    init(settings s: RenderSettings, pixels: UnsafeMutableBufferPointer<UInt32>? = nil) throws {
        let sizeError = PlottingError.invalidSize(width: s.width, height: s.height, scale: s.scale)
        let side = 1...Double(RenderSettings.maximumPixelSide)
        guard s.width > 0, s.height > 0, s.scale.isFinite, s.scale > 0,
              side.contains(Double(s.width) * s.scale), side.contains(Double(s.height) * s.scale)
        else { throw sizeError }
        let font = try Font.load(path: s.fontFile)
        guard s.format != .png || s.pixelWidth * s.pixelHeight <= Self.maximumPixelCount else { throw sizeError }
        settings = s
        sink = ByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let writer: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<CairoCanvas.ByteSink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }

        let deviceScale = s.format == .png ? s.scale : s.scale * Self.vectorPointsPerUnit
        let (width, height) = (Double(s.width) * deviceScale, Double(s.height) * deviceScale)
        let created: OpaquePointer?
        switch s.format {
        case .png:
            // RGB24: the background is always opaque (the theme's), and an RGB PNG is a quarter smaller.
            if let pixels {
                precondition(pixels.count == s.pixelWidth * s.pixelHeight, "CairoCanvas needs one pixel per pixel of the canvas")
                // 32-bit pixels need no padding: a row's stride is its width.
                created = cairo_image_surface_create_for_data(UnsafeMutableRawPointer(pixels.baseAddress!).assumingMemoryBound(to: UInt8.self),
                                                              CAIRO_FORMAT_RGB24, Int32(s.pixelWidth), Int32(s.pixelHeight),
                                                              Int32(4 * s.pixelWidth))
            } else {
                created = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(s.pixelWidth), Int32(s.pixelHeight))
            }
        case .svg:
            created = cairo_svg_surface_create_for_stream(writer, closure, width, height)
            if let created {
                cairo_svg_surface_restrict_to_version(created, CAIRO_SVG_VERSION_1_1)
                cairo_svg_surface_set_document_unit(created, CAIRO_SVG_UNIT_PT)
            }
        case .pdf:
            created = cairo_pdf_surface_create_for_stream(writer, closure, width, height)
            if let created {
                // An empty date makes Cairo omit /CreationDate, so identical figures give identical files.
                cairo_pdf_surface_set_metadata(created, CAIRO_PDF_METADATA_CREATE_DATE, "")
                cairo_pdf_surface_set_metadata(created, CAIRO_PDF_METADATA_CREATOR, "XORBackprop Plotting")
                // The document information viewers and screen readers show: the description as its
                // subject, since PDF's info dictionary has no description of its own.
                if let title = s.metadata.title, !title.isEmpty {
                    cairo_pdf_surface_set_metadata(created, CAIRO_PDF_METADATA_TITLE, title)
                }
                if let description = s.metadata.description, !description.isEmpty {
                    cairo_pdf_surface_set_metadata(created, CAIRO_PDF_METADATA_SUBJECT, description)
                }
            }
        }
        guard let surface = created else {
            throw PlottingError.cairo(operation: "surface creation", status: "no surface")
        }
        guard let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw PlottingError.cairo(operation: "context creation", status: "no context")
        }
        for (status, operation) in [(cairo_surface_status(surface), "surface creation"),
                                    (cairo_status(context), "context creation")] where status != CAIRO_STATUS_SUCCESS {
            cairo_destroy(context)
            cairo_surface_destroy(surface)
            try PlottingError.check(status, operation)
        }
        self.surface = surface
        self.context = context
        cairo_scale(context, deviceScale, deviceScale)
        backend = CairoBackend(context: context, font: font, fillsStrokes: s.format == .png)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Checks every status and flushes a PNG canvas drawing into pixels of its caller's, which then hold the image.
    func finishPixels() throws {
        precondition(settings.format == .png, "only a PNG canvas has pixels")
        try backend.checkStatus()
        cairo_surface_flush(surface)
        try PlottingError.check(cairo_surface_status(surface), "drawing to the image surface")
    }

    /// Checks every status, finishes the surface and returns the encoded file; call it once.
    func finish() throws -> [UInt8] {
        try backend.checkStatus()
        switch settings.format {
        case .png:
            cairo_surface_flush(surface)
            try PlottingError.check(cairo_surface_status(surface), "drawing to the image surface")
            return PNGEncoder.inserting(settings.metadata, into: try PNGEncoder.encode(surface: surface))
        case .svg, .pdf:
            // Vector surfaces emit most of the document only when finished.
            cairo_surface_finish(surface)
            try PlottingError.check(cairo_surface_status(surface), "\(settings.format.rawValue.uppercased()) encoding")
        }
        guard !sink.bytes.isEmpty else {
            throw PlottingError.cairo(operation: "encoding", status: "no bytes were written")
        }
        return settings.format == .svg ? settings.metadata.inserting(into: SVGIdentifiers.normalize(sink.bytes)) : sink.bytes
    }
}

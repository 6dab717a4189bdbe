/// The canvas size, resolution and file format of one rendering.
///
/// `width` and `height` are in canvas units: pixels of a PNG at `scale` 1, which matches
/// matplotlib's 100 dpi, so 640×480 lays out like a default matplotlib figure. `scale`
/// multiplies the pixel size while keeping the layout (2 gives a 1280×960 PNG). Vector formats
/// keep the same layout on a page of `width × height × scale × 0.72` points, so fonts come
/// out at their nominal point size, as in matplotlib's PDF and SVG output. All text is drawn
/// with the font in `fontFile` (see ``Font``).
public struct RenderSettings: Sendable, Equatable {
    /// Cairo rejects image surfaces larger than this on either side.
    public static let maximumPixelSide = 32767

    public var width: Int
    public var height: Int
    public var scale: Double
    public var format: ImageFormat
    /// The path of the TrueType or OpenType file for all text.
    public var fontFile: String
    /// The title and description the file carries beside its drawing; they change no pixel.
    public var metadata: ImageMetadata
    /// The colours of the canvas and the chart furniture.
    public var theme: Theme

    public init(width: Int = 640, height: Int = 480, scale: Double = 1, format: ImageFormat = .png,
                fontFile: String = Font.dejaVuSansPath, metadata: ImageMetadata = .none, theme: Theme = .light) {
        self.metadata = metadata
        self.theme = theme
        self.width = width
        self.height = height
        self.scale = scale
        self.format = format
        self.fontFile = fontFile
    }

    /// The size of the produced PNG in pixels, rounded to whole pixels.
    public var pixelWidth: Int { Int((Double(width) * scale).rounded()) }
    public var pixelHeight: Int { Int((Double(height) * scale).rounded()) }
}

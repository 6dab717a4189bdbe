/// The size of a piece of text as laid out by a backend, in canvas units.
public struct TextMetrics: Sendable, Equatable {
    /// The advance width of the string.
    public var width: Double
    /// The height of the font's line box above the baseline (same for every string of a size).
    public var ascent: Double
    /// The depth of the font's line box below the baseline, as a positive number.
    public var descent: Double

    public init(width: Double, ascent: Double, descent: Double) {
        self.width = width
        self.ascent = ascent
        self.descent = descent
    }

    public var height: Double { ascent + descent }
}

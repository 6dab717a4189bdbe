/// A colormap stretched over a range of values: the one rule by which fields, cell grids and
/// colour bars turn a value into a colour.
public struct ColorScale: Sendable, Equatable {
    public var colormap: Colormap
    /// The values at the two ends of the colormap.
    public var range: ClosedRange<Double>

    public init(colormap: Colormap, range: ClosedRange<Double>) {
        self.colormap = colormap
        self.range = range
    }

    /// Where `value` falls along the colormap: 0 at the low end, 1 at the high end, beyond them
    /// outside the range; the middle for every value when the range is a single value.
    func position(of value: Double) -> Double {
        let span = range.upperBound - range.lowerBound
        return span > 0 ? (value - range.lowerBound) / span : 0.5
    }

    /// The colour of `value`, clamped to the colormap's ends.
    public func color(_ value: Double) -> Color { colormap.color(at: position(of: value)) }


}

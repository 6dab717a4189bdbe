/// A vertical colour scale drawn to the right of a chart, with its own ticks and label.
public struct ColorBar: Sendable {
    public var label: String?
    public var colormap: Colormap
    /// The values at the bottom and top of the bar.
    public var range: ClosedRange<Double>
    /// Values marked across the bar with a line (typically a field's contour levels).
    public var markedLevels: [Double]
    /// The marks' colour and width: a field's contour lines', so that the bar reads as their key.
    public var markColor: Color
    public var markWidth: Double

    public init(label: String? = nil, colormap: Colormap, range: ClosedRange<Double>, markedLevels: [Double] = [],
                markColor: Color = .black, markWidth: Double = 1.5) {
        precondition(range.lowerBound.isFinite && range.upperBound.isFinite, "ColorBar range must be finite")
        self.label = label
        self.colormap = colormap
        self.range = range
        self.markedLevels = markedLevels
        self.markColor = markColor
        self.markWidth = markWidth
    }

    /// The colours of the values along the bar.
    public var colorScale: ColorScale { ColorScale(colormap: colormap, range: range) }

    /// A colour bar matching a field's colormap, value range and contour levels.
    public init(for field: ScalarField, label: String? = nil) {
        self.init(label: label, colormap: field.colormap, range: field.effectiveValueRange,
                  markedLevels: field.contourLevels, markColor: field.contourColor, markWidth: field.contourWidth)
    }
}

/// A mapping from a normalised value t ∈ 0...1 to a colour, by linear interpolation between
/// colours spaced evenly over 0...1.
public struct Colormap: Sendable, Equatable {
    public let colors: [Color]

    public init(colors: [Color]) {
        precondition(colors.count >= 2, "Colormap needs at least two colours")
        self.colors = colors
    }

    /// Two hues meeting at a neutral middle, for values with a meaningful centre such as 0.5.
    public static func diverging(low: Color, mid: Color, high: Color) -> Colormap {
        Colormap(colors: [low, mid, high])
    }

    /// The colour for `t`, clamped to the ends; NaN gives a transparent colour (a hole).
    public func color(at t: Double) -> Color {
        guard !t.isNaN else { return .clear }
        if t <= 0 { return colors[0] }
        let last = Double(colors.count - 1)
        for k in 1..<colors.count where t <= Double(k) / last {
            let start = Double(k - 1) / last
            return colors[k - 1].mixed(with: colors[k], (t - start) / (Double(k) / last - start))
        }
        return colors[colors.count - 1]
    }

    /// ColorBrewer's RdBu reversed: blue for low values through white to red for high ones
    /// (matplotlib's `RdBu_r`).
    public static let blueRed = Colormap(colors: [
        Color(hex: 0x053061), Color(hex: 0x2166AC), Color(hex: 0x4393C3), Color(hex: 0x92C5DE),
        Color(hex: 0xD1E5F0), Color(hex: 0xF7F7F7), Color(hex: 0xFDDBC7), Color(hex: 0xF4A582),
        Color(hex: 0xD6604D), Color(hex: 0xB2182B), Color(hex: 0x67001F),
    ])
}

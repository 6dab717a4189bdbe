/// A mapping from a normalised value t ∈ 0...1 to a colour, by linear interpolation between stops.
public struct Colormap: Sendable, Equatable {
    /// A colour pinned to a position in 0...1.
    public struct Stop: Sendable, Equatable {
        public var position: Double
        public var color: Color

        public init(_ position: Double, _ color: Color) {
            self.position = position
            self.color = color
        }
    }

    public let stops: [Stop]

    /// Colours at explicit positions, which must increase from 0 to 1.
    public init(stops: [Stop]) {
        precondition(stops.count >= 2, "Colormap needs at least two stops")
        precondition(stops.first!.position == 0 && stops.last!.position == 1, "Colormap stops must span 0...1")
        precondition(zip(stops, stops.dropFirst()).allSatisfy { $0.position <= $1.position },
                     "Colormap stop positions must not decrease")
        self.stops = stops
    }

    /// Colours spaced evenly over 0...1.
    public init(colors: [Color]) {
        precondition(colors.count >= 2, "Colormap needs at least two colours")
        let last = Double(colors.count - 1)
        self.init(stops: colors.enumerated().map { Stop(Double($0.offset) / last, $0.element) })
    }

    /// Two hues meeting at a neutral middle, for values with a meaningful centre such as 0.5.
    public static func diverging(low: Color, mid: Color, high: Color) -> Colormap {
        Colormap(colors: [low, mid, high])
    }

    /// The colour for `t`, clamped to the ends; NaN gives a transparent colour (a hole).
    public func color(at t: Double) -> Color {
        guard !t.isNaN else { return .clear }
        if t <= stops[0].position { return stops[0].color }
        for (a, b) in zip(stops, stops.dropFirst()) where t <= b.position {
            let width = b.position - a.position
            return width > 0 ? a.color.mixed(with: b.color, (t - a.position) / width) : b.color
        }
        return stops[stops.count - 1].color
    }

    /// `count` evenly spaced colours from t = 0 to 1 as ARGB words, for fast rasterisation.
    func lookupTable(count: Int) -> [UInt32] {
        precondition(count >= 2, "lookupTable needs at least two entries")
        return (0..<count).map { color(at: Double($0) / Double(count - 1)).argb32 }
    }

    /// ColorBrewer's RdBu reversed: blue for low values through white to red for high ones
    /// (matplotlib's `RdBu_r`).
    public static let blueRed = Colormap(colors: [
        Color(hex: 0x053061), Color(hex: 0x2166AC), Color(hex: 0x4393C3), Color(hex: 0x92C5DE),
        Color(hex: 0xD1E5F0), Color(hex: 0xF7F7F7), Color(hex: 0xFDDBC7), Color(hex: 0xF4A582),
        Color(hex: 0xD6604D), Color(hex: 0xB2182B), Color(hex: 0x67001F),
    ])
}

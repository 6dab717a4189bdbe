/// An sRGB colour with straight (non-premultiplied) alpha, each component in 0...1.
public struct Color: Sendable, Equatable, Hashable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// Creates a colour from a `0xRRGGBB` literal, the way web and matplotlib palettes are written.
    public init(hex: UInt32, alpha: Double = 1) {
        precondition(hex <= 0xFF_FFFF, "Color(hex:) takes 0xRRGGBB without an alpha byte")
        self.init(red: Double((hex >> 16) & 0xFF) / 255, green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255, alpha: alpha)
    }

    /// Returns the same colour with its alpha replaced.
    public func withAlpha(_ alpha: Double) -> Color {
        var copy = self
        copy.alpha = alpha
        return copy
    }

    /// Linear interpolation in sRGB space; `t` is clamped to 0...1.
    public func mixed(with other: Color, _ t: Double) -> Color {
        let t = Self.unit(t)
        return Color(red: red + (other.red - red) * t, green: green + (other.green - green) * t,
                     blue: blue + (other.blue - blue) * t, alpha: alpha + (other.alpha - alpha) * t)
    }

    /// `v` clamped to 0...1, NaN counting as 0.
    private static func unit(_ v: Double) -> Double { v.isNaN ? 0 : min(max(v, 0), 1) }

    /// The colour as an image pixel, components rounded to 8 bits.
    public var pixel: RasterImage.Pixel {
        func byte(_ v: Double) -> UInt8 { UInt8((Self.unit(v) * 255).rounded()) }
        return RasterImage.Pixel(red: byte(red), green: byte(green), blue: byte(blue), alpha: byte(alpha))
    }

    public static let white = Color(red: 1, green: 1, blue: 1)
    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let clear = Color(red: 0, green: 0, blue: 0, alpha: 0)

    // matplotlib's "tab10" palette, so charts read like the notebook they port.
    public static let tabBlue = Color(hex: 0x1F77B4)
    public static let tabOrange = Color(hex: 0xFF7F0E)
    public static let tabGreen = Color(hex: 0x2CA02C)
    public static let tabRed = Color(hex: 0xD62728)
}

extension ColorScale {
    /// A table of `count` evenly spaced colours, for rasterising many values: each value takes
    /// the nearest entry.
    func lookupTable(count: Int) -> LookupTable {
        LookupTable(scale: self, pixels: (0..<count).map { colormap.color(at: Double($0) / Double(count - 1)).pixel })
    }

    struct LookupTable {
        let scale: ColorScale
        let pixels: [RasterImage.Pixel]

        /// The entry nearest to `value`'s colour; `value` must be finite.
        @inline(__always)
        func pixel(_ value: Double) -> RasterImage.Pixel {
            let t = scale.position(of: value)
            return pixels[Self.rounded(min(max(t, 0), 1) * Double(pixels.count - 1))]
        }

        /// `x.rounded()` for `x` from 0 to 2⁵², inline where `rounded()` calls libm's `round` for every pixel
        /// of a field: the truncation is `x`'s floor and `x` minus it is exact, so halves go up, as `round`'s do.
        /// The half is added as a flag, not taken as a branch, which the pixels would mispredict half the time.
        @inline(__always)
        static func rounded(_ x: Double) -> Int {
            let floor = Int(x)
            return floor &+ (x - Double(floor) >= 0.5 ? 1 : 0)
        }
    }
}

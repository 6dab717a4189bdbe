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
            return pixels[Int((min(max(t, 0), 1) * Double(pixels.count - 1)).rounded())]
        }
    }
}

/// Values sampled on a regular grid, drawn as a smooth colour image with optional contour lines.
///
/// Sample (i, j) sits at x = xRange.lowerBound + i·Δx, y = yRange.lowerBound + j·Δy and is
/// stored at `values[j * nx + i]` (row-major, first row at the lowest y). Between samples the
/// value is interpolated bilinearly before colouring, so the image is smooth at any size.
public struct ScalarField: Sendable {
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var nx: Int
    public var ny: Int
    public var values: [Double]
    public var colormap: Colormap
    /// The values mapped to the ends of the colormap; nil uses the finite extremes of `values`.
    public var valueRange: ClosedRange<Double>?
    /// Values at which contour lines are drawn (marching squares with linear interpolation).
    public var contourLevels: [Double]
    public var contourColor: Color
    public var contourWidth: Double

    public init(
        xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, nx: Int, ny: Int, values: [Double],
        colormap: Colormap = .blueRed, valueRange: ClosedRange<Double>? = nil,
        contourLevels: [Double] = [], contourColor: Color = .black, contourWidth: Double = 1.5
    ) {
        precondition(nx >= 2 && ny >= 2, "ScalarField needs at least 2×2 samples")
        precondition(values.count == nx * ny, "ScalarField needs nx × ny values")
        for (name, range) in [("xRange", xRange), ("yRange", yRange)] {
            precondition(range.lowerBound.isFinite && range.upperBound.isFinite && range.upperBound > range.lowerBound,
                         "ScalarField \(name) must be finite and non-empty")
        }
        self.xRange = xRange
        self.yRange = yRange
        self.nx = nx
        self.ny = ny
        self.values = values
        self.colormap = colormap
        self.valueRange = valueRange
        self.contourLevels = contourLevels
        self.contourColor = contourColor
        self.contourWidth = contourWidth
    }

    /// Samples `f(x, y)` on an nx × ny grid.
    public init(
        xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, nx: Int, ny: Int,
        colormap: Colormap = .blueRed, valueRange: ClosedRange<Double>? = nil, contourLevels: [Double] = [],
        contourColor: Color = .black, _ f: (Double, Double) -> Double
    ) {
        let values = Self.values(xRange: xRange, yRange: yRange, nx: nx, ny: ny) { x, y in
            SIMD4(f(x[0], y[0]), f(x[1], y[1]), f(x[2], y[2]), f(x[3], y[3]))
        }
        self.init(xRange: xRange, yRange: yRange, nx: nx, ny: ny, values: values, colormap: colormap,
                  valueRange: valueRange, contourLevels: contourLevels, contourColor: contourColor)
    }

    /// `f` sampled on an nx × ny grid, laid out as ``values``, four points of a row at a time (x in the lanes,
    /// y the same in all four), for a function faster on vectors; a row's lanes past the grid repeat its last x
    /// and are dropped.
    public static func values(
        xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, nx: Int, ny: Int,
        lanes f: (_ x: SIMD4<Double>, _ y: SIMD4<Double>) -> SIMD4<Double>
    ) -> [Double] {
        precondition(nx >= 2 && ny >= 2, "ScalarField needs at least 2×2 samples")
        var values: [Double] = []
        values.reserveCapacity(nx * ny)
        for j in 0..<ny {
            let y = SIMD4(repeating: coordinate(j, count: ny, range: yRange))
            for i in stride(from: 0, to: nx, by: 4) {
                func x(_ lane: Int) -> Double { coordinate(min(i + lane, nx - 1), count: nx, range: xRange) }
                let v = f(SIMD4(x(0), x(1), x(2), x(3)), y)
                for lane in 0..<min(4, nx - i) { values.append(v[lane]) }
            }
        }
        return values
    }

    /// The grid coordinate of sample `index`, computed from the index so the last one is exact.
    static func coordinate(_ index: Int, count: Int, range: ClosedRange<Double>) -> Double {
        index == count - 1 ? range.upperBound
            : range.lowerBound + (range.upperBound - range.lowerBound) * Double(index) / Double(count - 1)
    }

    /// The colours of the values.
    public var colorScale: ColorScale { ColorScale(colormap: colormap, range: effectiveValueRange) }

    /// The value mapped to the ends of the colormap.
    public var effectiveValueRange: ClosedRange<Double> {
        if let valueRange { return valueRange }
        let finite = values.filter(\.isFinite)
        return finite.isEmpty ? 0...1 : finite.reduce(.infinity, min)...finite.reduce(-.infinity, max)
    }

    /// The bilinearly interpolated value at (x, y); NaN outside the grid.
    public func value(atX x: Double, y: Double) -> Double {
        guard let column = Self.sample(x, range: xRange, count: nx), let row = Self.sample(y, range: yRange, count: ny)
        else { return .nan }
        return value(column, row)
    }

    /// Where `x` falls between samples: the lower one's index and the fraction towards the next;
    /// nil outside the grid. A raster computes it once per column and row (``value(_:_:)``).
    static func sample(_ x: Double, range: ClosedRange<Double>, count: Int) -> (index: Int, fraction: Double)? {
        let u = (x - range.lowerBound) / (range.upperBound - range.lowerBound) * Double(count - 1)
        guard u >= 0, u <= Double(count - 1) else { return nil }
        let i = min(Int(u), count - 2)
        return (i, u - Double(i))
    }

    /// The value between the samples that ``sample(_:range:count:)`` found along x and y.
    func value(_ column: (index: Int, fraction: Double), _ row: (index: Int, fraction: Double)) -> Double {
        let (i, fu, j, fv) = (column.index, column.fraction, row.index, row.fraction)
        let v00 = values[j * nx + i], v10 = values[j * nx + i + 1]
        let v01 = values[(j + 1) * nx + i], v11 = values[(j + 1) * nx + i + 1]
        let bottom = v00 + (v10 - v00) * fu
        let top = v01 + (v11 - v01) * fu
        return bottom + (top - bottom) * fv
    }

    /// Contour polylines at `level`, in data coordinates.
    public func contours(at level: Double) -> [[Point]] {
        MarchingSquares(field: self).contours(at: level)
    }
}

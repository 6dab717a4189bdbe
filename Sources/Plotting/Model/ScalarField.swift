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
        _ f: (Double, Double) -> Double
    ) {
        precondition(nx >= 2 && ny >= 2, "ScalarField needs at least 2×2 samples")
        let values = (0..<ny).flatMap { j in
            let y = Self.coordinate(j, count: ny, range: yRange)
            return (0..<nx).map { f(Self.coordinate($0, count: nx, range: xRange), y) }
        }
        self.init(xRange: xRange, yRange: yRange, nx: nx, ny: ny, values: values, colormap: colormap,
                  valueRange: valueRange, contourLevels: contourLevels)
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

extension ScalarField: ChartElement {
    public func extent(xScale: AxisScale, yScale: AxisScale) -> ElementExtent {
        ElementExtent(filled: (xRange, yRange))
    }

    /// The colour image, then the contour lines over it; the contours are what a legend avoids.
    public func draw(in plot: PlotFrame, on backend: any DrawingBackend) -> LegendObstacles {
        drawImage(in: plot, on: backend)
        var obstacles = LegendObstacles()
        for level in contourLevels {
            let contours = self.contours(at: level).map { $0.map { plot.position($0.x, $0.y) } }
            obstacles.polylines += contours
            let lines = contours.flatMap { line in
                PolylineClipper.clip(line.filter { $0.x.isFinite && $0.y.isFinite }, to: plot.geometryBounds)
            }
            guard !lines.isEmpty else { continue }
            for line in lines { backend.addPolyline(line) }
            backend.stroke(color: contourColor, width: contourWidth)
        }
        return obstacles
    }

    private func drawImage(in plot: PlotFrame, on backend: any DrawingBackend) {
        let x0 = plot.xScale.map(xRange.lowerBound), x1 = plot.xScale.map(xRange.upperBound)
        let y0 = plot.yScale.map(yRange.lowerBound), y1 = plot.yScale.map(yRange.upperBound)
        guard x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { return }
        let r = plot.rect
        let left = max(min(x0, x1), r.minX), right = min(max(x0, x1), r.maxX)
        let top = max(min(y0, y1), r.minY), bottom = min(max(y0, y1), r.maxY)
        guard right > left, bottom > top else { return }
        let target = Rect(x: left, y: top, width: right - left, height: bottom - top)
        // Rasterise at device resolution, interpolating values (not colours) so that the
        // colours between samples are true colormap colours, like matplotlib's gouraud shading.
        let width = min(2048, max(2, Int((target.width * plot.pixelsPerUnit).rounded(.up))))
        let height = min(2048, max(2, Int((target.height * plot.pixelsPerUnit).rounded(.up))))
        let table = colorScale.lookupTable(count: 1024)
        let columns = (0..<width).map { column in
            Self.sample(plot.xScale.invert(target.minX + (Double(column) + 0.5) / Double(width) * target.width),
                        range: xRange, count: nx)
        }
        var pixels = [RasterImage.Pixel](repeating: .clear, count: width * height)
        for row in 0..<height {
            let dataY = plot.yScale.invert(target.minY + (Double(row) + 0.5) / Double(height) * target.height)
            guard let sampleRow = Self.sample(dataY, range: yRange, count: ny) else { continue }
            for column in 0..<width {
                guard let sampleColumn = columns[column] else { continue }
                let v = value(sampleColumn, sampleRow)
                guard v.isFinite else { continue }
                pixels[row * width + column] = table.pixel(v)
            }
        }
        backend.drawImage(RasterImage(width: width, height: height, pixels: pixels), in: target, smooth: true)
    }
}

extension ScatterSeries: ChartElement {
    func bounds(xScale: AxisScale, yScale: AxisScale) -> DataBounds? {
        var bounds = DataBounds()
        for i in x.indices { bounds.include(x[i], y[i], xScale: xScale, yScale: yScale) }
        return bounds.isEmpty ? nil : bounds
    }

    public func extent(xScale: AxisScale, yScale: AxisScale) -> ElementExtent {
        ElementExtent(points: bounds(xScale: xScale, yScale: yScale))
    }

    public var legendEntries: [LegendEntry] {
        label.map { [LegendEntry(label: $0, symbol: .marker(marker, fillColor, radius))] } ?? []
    }

    public func draw(in plot: PlotFrame, on backend: any DrawingBackend) -> LegendObstacles {
        let positions = x.indices.map { plot.position(x[$0], y[$0]) }, bounds = plot.geometryBounds
        for p in positions where p.x.isFinite && p.y.isFinite && bounds.contains(p) {
            // One fill per marker so overlapping translucent markers darken, as in matplotlib.
            marker.draw(at: p, radius: radius, fill: fillColor, on: backend)
        }
        return LegendObstacles(points: positions)
    }
}

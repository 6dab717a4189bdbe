extension Figure {
    /// Renders the figure and returns the bytes of the encoded file.
    public func render(_ settings: RenderSettings) throws -> [UInt8] {
        let canvas = try CairoCanvas(settings: settings)
        draw(on: canvas.backend, width: Double(settings.width), height: Double(settings.height),
             pixelsPerUnit: settings.scale, theme: settings.theme)
        return try canvas.finish()
    }

    /// Where each panel's plot area lies on the canvas `settings` draws, in canvas units, with its data-to-canvas
    /// mapping: what a page needs to place its own marks over the rendered image (report.html's marker on the loss
    /// curve). The layout is the one ``render(_:)`` draws, measured with the same font.
    public func plotFrames(_ settings: RenderSettings) throws -> [PlotFrame] {
        let canvas = try CairoCanvas(settings: settings)
        return layouts(on: canvas.backend, width: Double(settings.width), height: Double(settings.height),
                       pixelsPerUnit: settings.scale, style: ChartStyle(theme: settings.theme)).map(\.frame)
    }

    /// Draws the figure on any backend over a `width × height` canvas.
    ///
    /// - Parameter pixelsPerUnit: device pixels per canvas unit, used to snap thin lines and to
    ///   size line decimation and field images; 1 for a PNG at scale 1.
    public func draw(on backend: any DrawingBackend, width: Double, height: Double, pixelsPerUnit: Double = 1,
                     theme: Theme = .light) {
        precondition(width > 0 && height > 0, "Figure.draw needs a positive canvas size")
        precondition(pixelsPerUnit > 0 && pixelsPerUnit.isFinite, "pixelsPerUnit must be positive")
        backend.fillRect(Rect(x: 0, y: 0, width: width, height: height), color: theme.background)
        let style = ChartStyle(theme: theme)
        for layout in layouts(on: backend, width: width, height: height, pixelsPerUnit: pixelsPerUnit, style: style,
                              drawingTitle: true) {
            ChartRenderer(layout: layout, backend: backend).draw()
        }
    }

    /// Each panel's layout under the figure's title, which is drawn on the way when `drawingTitle`.
    func layouts(on backend: any DrawingBackend, width: Double, height: Double, pixelsPerUnit: Double,
                 style: ChartStyle, drawingTitle: Bool = false) -> [ChartLayout] {
        let canvas = Rect(x: 0, y: 0, width: width, height: height)
        var body = canvas
        if let title, !title.isEmpty {
            let (title, size) = Label.fitted(title, size: style.figureTitleSize, width: width - 2 * style.outerPadding,
                                             on: backend)
            let metrics = Label.measure(title, size: size, on: backend)
            if drawingTitle {
                Label.draw(title, at: Point(x: width / 2, y: style.outerPadding + metrics.ascent), size: size,
                           color: style.textColor, anchor: TextAnchor(.center, .baseline), on: backend)
            }
            body = canvas.inset(top: style.outerPadding + metrics.height)
        }
        guard !panels.isEmpty else { return [] }
        let rows = (panels.count + columns - 1) / columns
        let cells = Array(body.split(rows: rows, columns: columns).prefix(panels.count))
        let domains = panels.map(AxisDomain.domains)

        func laidOut(_ margins: [Margins]) -> [ChartLayout] {
            panels.indices.map { k in
                ChartLayout(chart: panels[k], domains: domains[k], cell: cells[k], margins: margins[k],
                            pixelsPerUnit: pixelsPerUnit, style: style, backend: backend)
            }
        }
        // Panels in a column share left and right margins, panels in a row share top and
        // bottom, so that axes line up across the grid while a colour bar in one column does
        // not squeeze the others.
        func aligned(_ needed: [Margins]) -> [Margins] {
            needed.indices.map { k in
                func union(where same: (Int) -> Bool) -> Margins {
                    needed.indices.filter(same).map { needed[$0] }.reduce(needed[k]) { $0.union($1) }
                }
                let row = union { $0 / columns == k / columns }, column = union { $0 % columns == k % columns }
                return Margins(top: row.top, left: column.left, bottom: row.bottom, right: column.right)
            }
        }
        // Start from matplotlib's default subplot fractions, then grow the margins until every
        // label fits; growth is monotone, so this settles within a few rounds.
        let cell = cells[0]
        let initial = Margins(top: 0.12 * cell.height, left: 0.125 * cell.width,
                              bottom: 0.11 * cell.height, right: 0.1 * cell.width)
        var margins = aligned(laidOut(Array(repeating: initial, count: panels.count)).map(\.requiredMargins))
        var current = laidOut(margins)
        for _ in 0..<4 {
            let needed = aligned(current.map(\.requiredMargins))
            if zip(margins, needed).allSatisfy({ $0.covers($1) }) { break }
            margins = zip(margins, needed).map { $0.union($1) }
            current = laidOut(margins)
        }
        return current
    }
}

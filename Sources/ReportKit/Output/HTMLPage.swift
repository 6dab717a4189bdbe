import FoundationEssentials
import Plotting

/// What report.html, sweep.html and atlas.html share: the document around their bodies, their style, their pictures.
enum HTMLPage {
    /// `body` in a page of its own, titled `title` (escaped here); `data`, JSON from ``scriptJSON(_:)``, where `script`
    /// reads it as the element with id `data`.
    static func document(title: String, body: String, data: String?, script: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(Summary.htmlText(title))</title>
        <style>\(style)</style>
        </head>
        <body>
        \(body)
        \(data.map { "<script type=\"application/json\" id=\"data\">\($0)</script>\n" } ?? "")<script>\(script)</script>
        </body>
        </html>

        """
    }

    static let themes: [Theme] = [.light, .dark]

    /// One image in both themes: `figure` built under each theme's palette, rendered with `description` as its
    /// words.
    struct Picture {
        let light, dark: [UInt8]
        let description: String

        init(_ settings: RenderSettings, description: String, _ figure: () -> Figure) throws {
            let drawn = try HTMLPage.themes.map { theme in
                var canvas = settings
                (canvas.theme, canvas.metadata) = (theme, ImageMetadata(title: nil, description: description))
                return try Palette.$current.withValue(.of(theme)) { figure() }.render(canvas)
            }
            (light, dark, self.description) = (drawn[0], drawn[1], description)
        }

        /// A `<picture>` that shows the dark image where the reader prefers dark.
        func html(class name: String) -> String {
            "<picture class=\"\(name)\"><source media=\"(prefers-color-scheme: dark)\" srcset=\"\(Self.dataURI(dark))\">"
                + "<img src=\"\(Self.dataURI(light))\" alt=\"\(Summary.htmlAttribute(description))\"></picture>"
        }

        static func dataURI(_ png: [UInt8]) -> String { "data:image/png;base64," + Data(png).base64EncodedString() }
    }

    /// `value` as JSON inside a `<script>` element: sorted keys, and `<` written `\u003c` (it occurs only inside
    /// strings), so that no string can close the element or open a comment.
    static func scriptJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        return json.split(separator: "<", omittingEmptySubsequences: false).joined(separator: "\\u003c")
    }

    static func css(_ color: Color) -> String {
        let pixel = [color.red, color.green, color.blue].map { Int(($0 * 255).rounded()) }
        return "#" + pixel.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// The page's colours are the charts' own: each theme's canvas and text, and the loss line for the marker.
    static let style = """

        :root { color-scheme: light dark; --canvas: \(css(Theme.light.background)); --text: \(css(Theme.light.text)); \
        --muted: #57606a; --rule: #d0d7de; --accent: \(css(Palette.light.lossLine)); }
        @media (prefers-color-scheme: dark) {
          :root { --canvas: \(css(Theme.dark.background)); --text: \(css(Theme.dark.text)); --muted: #8b949e; \
        --rule: #30363d; --accent: \(css(Palette.dark.lossLine)); }
        }
        body { margin: 0; background: var(--canvas); color: var(--text); font: 16px/1.5 system-ui, sans-serif; }
        main { max-width: 820px; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.6rem; margin: 0.5rem 0; }
        h2 { font-size: 1.25rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; margin-top: 2rem; }
        h3 { font-size: 1rem; margin: 1rem 0 0.3rem; }
        figure { margin: 0; }
        figcaption, .hint, caption { color: var(--muted); font-size: 0.875rem; }
        img { display: block; max-width: 100%; height: auto; }
        .loss { margin: 0.5rem 0 1rem; }
        /* As wide as the image, so that the marker's percentages are the image's. */
        .plot { position: relative; display: inline-block; max-width: 100%; vertical-align: top; }
        .marker { position: absolute; width: 12px; height: 12px; margin: -6px 0 0 -6px; border-radius: 50%; \
        background: var(--accent); box-shadow: 0 0 0 2px var(--canvas); pointer-events: none; }
        .loss figcaption { margin-top: 0.2rem; }
        .epoch-view { display: flex; flex-wrap: wrap; gap: 0 1rem; }
        .epoch-view[hidden] { display: none; }
        .epoch-view figure { flex: 1 1 300px; }
        .controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
        .controls input { flex: 1 1 240px; accent-color: var(--accent); }
        .controls input:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
        .readout { margin: 0; font-variant-numeric: tabular-nums; }
        .scroll { max-width: 100%; overflow-x: auto; margin: 0.2rem 1.5rem 0.8rem 0; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        caption { text-align: left; white-space: nowrap; }
        .configuration { margin: 0.2rem 0; }
        th, td { border: 1px solid var(--rule); padding: 0.1rem 0.5rem; text-align: right; font-weight: normal; }
        thead th, tbody th { color: var(--muted); }
        .tables { display: flex; flex-wrap: wrap; align-items: flex-start; }
        .configuration th { text-align: left; }
        code, pre, td { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.875rem; }
        pre { overflow-x: auto; padding: 0.75rem; border: 1px solid var(--rule); }
        th button { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
        th[aria-sort="ascending"] button::after { content: " ▲"; }
        th[aria-sort="descending"] button::after { content: " ▼"; }

        """

}

import Backprop
import Plotting

/// sweep.html and atlas.html (`report sweep --html`, `report atlas --html`): the chart in both themes, the
/// configuration and a table of every seed or cell that sorts by any column, in one self-contained page as
/// report.html is.
struct TablePage {
    let title: String
    /// What the chart found, in one line.
    let headline: String
    let picture: HTMLPage.Picture
    let configuration: [(name: String, value: String)]
    /// The table's caption, and its columns; each cell its text and the number it sorts by (none: it sorts last).
    let caption: String
    let columns: [String]
    let rows: [[(text: String, key: Double?)]]

    func file(_ stem: FileStem) -> OutputFile { OutputFile(stem, kind: .html, bytes: Array(html().utf8)) }

    func html() -> String {
        func text(_ string: String) -> String { Summary.htmlText(string) }
        let header = columns.map { "<th scope=\"col\"><button type=\"button\">\(text($0))</button></th>" }.joined()
        let body = rows.map { row in
            "<tr>" + row.map { cell in
                "<td" + (cell.key.map { " data-key=\"\(NumpyFormat.scalar($0))\"" } ?? "") + ">\(text(cell.text))</td>"
            }.joined() + "</tr>"
        }
        let settings = configuration.map { "<tr><th scope=\"row\">\(text($0.name))</th><td>\(text($0.value))</td></tr>" }
        return HTMLPage.document(title: title, body: """
            <main>
            <h1>\(text(title))</h1>
            <p>\(text(headline))</p>
            <figure>\(picture.html(class: "chart"))</figure>
            <h2>Configuration</h2>
            <table class="configuration">\(settings.joined())</table>
            <h2>\(text(caption))</h2>
            <p class="hint">Select a column's heading to sort by it; again to reverse.</p>
            <div class="scroll"><table class="sortable">
            <thead><tr>\(header)</tr></thead>
            <tbody>
            \(body.joined(separator: "\n"))
            </tbody>
            </table></div>
            </main>
            """, data: nil, script: Self.script)
    }

    /// Sorts the table by the column whose heading is pressed: by each cell's number where it has one (cells
    /// without one last), else by its text; stable, so an earlier sort orders the ties.
    static let script = #"""

        "use strict";
        document.querySelectorAll("table.sortable").forEach(table => {
          const headings = [...table.tHead.rows[0].cells];
          headings.forEach((heading, column) => {
            heading.querySelector("button").addEventListener("click", () => {
              const ascending = heading.getAttribute("aria-sort") !== "ascending";
              headings.forEach(h => h.removeAttribute("aria-sort"));
              heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
              const key = row => row.cells[column].dataset.key;
              const rows = [...table.tBodies[0].rows].sort((a, b) => {
                const x = key(a), y = key(b);
                if (x === undefined || y === undefined) {
                  if (x !== y) return x === undefined ? 1 : -1;
                  const order = a.cells[column].textContent.localeCompare(b.cells[column].textContent);
                  return ascending ? order : -order;
                }
                return ascending ? x - y : y - x;
              });
              table.tBodies[0].append(...rows);
            });
          });
        });

        """#
}

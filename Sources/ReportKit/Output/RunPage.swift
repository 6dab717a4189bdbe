import Backprop
import Parallel
import Plotting

/// report.html (`--html`): the run in one self-contained page for course notes. The configuration, the transcript
/// and the loss curve, and for the epoch an accessible slider selects (the animation's snapshot epochs) the
/// probability view, the network and that iteration's every array. Every image is a PNG in a data: URI, in the
/// light and the dark theme, shown as the reader's `prefers-color-scheme` asks; the page's script and style are its
/// own, so it opens from disk with no network request, and the same run gives the same bytes.
///
/// Written by hand rather than with a typed-HTML library: the page is one template, every interpolated text
/// goes through ``Summary/htmlText(_:)`` and the embedded JSON through ``HTMLPage/scriptJSON(_:)``, and a library
/// would add its build time to every clone for no more safety than that (JohnSundell/Plot 0.14.0, 5,300 lines:
/// 25 s of a release build, 16 s of CPU, on this project's 2-core machine).
struct RunPage {
    let run: TrainingRun
    /// The run replayed with a snapshot at each epoch the slider shows.
    let frames: TrainingRun
    let transcript: [String]
    let charts: ChartSettings
    let lossScale: AxisScale

    /// The most samples a table of per-sample arrays shows: a `--data` file's thousands of columns would be
    /// unreadable, and megabytes per epoch.
    static let sampleColumns = 16

    func file() throws -> OutputFile { OutputFile(.page, bytes: Array(try html().utf8)) }

    /// Each epoch's views are drawn small, on the smallest canvas the network stays readable on (400×300 for up to
    /// 8 hidden units), so that 30 epochs in two themes stay within a few megabytes; the loss curve spans both.
    var panelSettings: RenderSettings {
        var settings = charts.renderSettings
        let size = NetworkSettings.smallestCanvas(hidden: run.recipe.hidden)
        (settings.width, settings.height, settings.format) = (size.width, size.height, .png)
        return settings
    }

    var lossSettings: RenderSettings {
        var settings = panelSettings
        settings.width *= 2
        return settings
    }

    /// What the slider shows at one epoch, as the page's script reads it.
    struct Snapshot: Encodable {
        let epoch: Int
        /// As numpy prints it.
        let loss: String
        /// The loss curve's point at this epoch, in percent of the image's width and height; absent where the plot
        /// has no place for it.
        let marker: [Double]?
        let tables: [Table]
    }

    /// One array of the iteration as a table: its rows and columns named.
    struct Table: Encodable {
        let group, name, formula, shape: String
        let columns, rows: [String]
        let cells: [[String]]
        /// "the first 16 of 1000 samples", where not every column is shown.
        let note: String?
    }

    func html() throws -> String {
        let snapshots = frames.snapshots
        let title = charts.pageTitle(or: "XORBackprop report")
        let lossPicture = try HTMLPage.Picture(lossSettings, description: Descriptions.losses(run)) {
            RunCharts.losses(run, scale: lossScale, title: nil)
        }
        // Where the curve's points lie on the image, for the marker: the layout is the same in either theme.
        let plot = try RunCharts.losses(run, scale: lossScale, title: nil).plotFrames(lossSettings)[0]
        // One width scale for every epoch, as network-evolution.png has, so that the weights' growth shows.
        let largest = snapshots.map { NetworkDiagram.largestWeight($0.parameters) }.max() ?? 0
        let (trained, panel) = (run, panelSettings)
        let views = try ParallelMap.map(0..<2 * snapshots.count) { k throws -> HTMLPage.Picture in
            let run = trained
            let snapshot = snapshots[k / 2], epoch = Descriptions.grouped(snapshot.epoch)
            if k % 2 == 0 {
                return try HTMLPage.Picture(panel, description: "ŷ at epoch \(epoch): "
                                   + Descriptions.probability(snapshot.parameters, run: run)) {
                    Figure(RunCharts.probabilityChart(snapshot.parameters, run: run, title: nil, colorBar: true))
                }
            }
            return try HTMLPage.Picture(panel, description: "The network at epoch \(epoch): "
                               + Descriptions.network(snapshot.parameters, run: run)) {
                Figure(RunCharts.networkChart(snapshot.parameters, run: run, title: nil, largestWeight: largest))
            }
        }
        let records = snapshots.map { snapshot in
            // None where the axes hold no place for it: a loss of 0 on a log axis, the trained network's epoch after
            // a one-iteration run's single point.
            let point = plot.position(Double(snapshot.epoch), snapshot.loss), area = plot.rect
            let inside = (area.minX - 1...area.maxX + 1).contains(point.x) && (area.minY - 1...area.maxY + 1).contains(point.y)
            let marker = inside ? [percent(point.x, of: lossSettings.width), percent(point.y, of: lossSettings.height)] : nil
            let trace = IterationTrace(parameters: snapshot.parameters, data: run.data, activation: run.recipe.activation)
            return Snapshot(epoch: snapshot.epoch, loss: NumpyFormat.scalar(snapshot.loss), marker: marker,
                            tables: tables(trace, epoch: snapshot.epoch))
        }
        let selected = snapshots.count - 1
        let epochViews = snapshots.indices.map { k in
            "<div class=\"epoch-view\" data-epoch=\"\(snapshots[k].epoch)\"\(k == selected ? "" : " hidden")>"
                + "<figure>\(views[2 * k].html(class: "view"))<figcaption>ŷ over the input square</figcaption></figure>"
                + "<figure>\(views[2 * k + 1].html(class: "view"))<figcaption>The network</figcaption></figure></div>"
        }
        let last = snapshots[selected]
        let configuration = ConfigurationRecord(run.recipe.training, hyperparameters: run.recipe.hyperparameters, seed: run.seed)
        let rows = configuration.rows.map { "<tr><th scope=\"row\">\(text($0.name))</th><td>\(text($0.value))</td></tr>" }
        let first = Descriptions.grouped(snapshots[0].epoch), end = Descriptions.grouped(last.epoch)
        let body = """
            <main>
            <h1>\(text(title))</h1>
            <p>\(text(Summary.sentence(run, data: { quoted($0) })))</p>
            <section aria-labelledby="training">
            <h2 id="training">Training</h2>
            <div class="controls">
            <label for="epoch-slider">Epoch</label>
            <input type="range" id="epoch-slider" min="0" max="\(selected)" step="1" value="\(selected)" aria-valuetext="epoch \(last.epoch)">
            <p class="readout" aria-live="polite">epoch <span id="epoch">\(last.epoch)</span> · loss <span id="loss">\(text(records[selected].loss))</span></p>
            </div>
            <p class="hint">\(snapshots.count) snapshot epochs from \(first) to \(end), spaced along the loss curve as drawn; \
            the slider and the ← and → keys step through them, and <code>#epoch=N</code> at the end of the page's address \
            opens the one nearest N.</p>
            <figure class="loss"><div class="plot">\(lossPicture.html(class: "curve"))\
            <span id="marker" class="marker" aria-hidden="true" hidden></span></div>\
            <figcaption>The loss at every epoch; the dot marks the selected one.</figcaption></figure>
            \(epochViews.joined(separator: "\n"))
            </section>
            <section aria-labelledby="arrays-heading">
            <h2 id="arrays-heading">Iteration <span class="epoch-ref">\(last.epoch)</span>, every array</h2>
            <p>The notebook's loop at the selected epoch, from the parameters after that many updates: the forward pass, \
            its loss, and backpropagation's gradients of the loss summed over the samples (<code>dz2 = y_hat - y</code>).</p>
            <div id="arrays"><noscript><p>The arrays are drawn by the page's script; trace.json holds an epoch's in numpy's shapes (<code>report --trace EPOCH</code>).</p></noscript></div>
            </section>
            <section aria-labelledby="configuration">
            <h2 id="configuration">Configuration</h2>
            <table class="configuration">\(rows.joined())</table>
            </section>
            <section aria-labelledby="transcript">
            <h2 id="transcript">The notebook's transcript</h2>
            <pre>\(text(transcript.joined(separator: "\n")))</pre>
            </section>
            </main>
            """
        return HTMLPage.document(title: title, body: body, data: try HTMLPage.scriptJSON(records), script: Self.script)
    }

    func text(_ string: String) -> String { Summary.htmlText(string) }

    /// `value` in percent of `whole`, to two decimals: precise to a twentieth of a pixel, and short.
    func percent(_ value: Double, of whole: Int) -> Double { (value / Double(whole) * 10_000).rounded() / 100 }

    /// The iteration's arrays, grouped as the notebook computes them, each row and column named.
    func tables(_ trace: IterationTrace, epoch: Int) -> [Table] {
        let data = trace.data, hidden = trace.w1.rows
        let units = (1...hidden).map { "h\($0)" }
        let shown = min(data.count, Self.sampleColumns)
        let samples = (0..<shown).map { Descriptions.point(data, $0) }
        let note = shown < data.count ? "the first \(shown) of \(data.count) samples" : nil
        let f = trace.activation.rawValue
        func table(_ group: String, _ name: String, _ formula: String, _ matrix: Matrix, rows: [String], columns: [String],
                   perSample: Bool = false) -> Table {
            let count = perSample ? shown : matrix.columns
            let cells = (0..<matrix.rows).map { r in (0..<count).map { NumpyFormat.printf("%.6g", matrix[r, $0]) } }
            return Table(group: group, name: name, formula: formula, shape: "\(matrix.rows)×\(matrix.columns)",
                         columns: columns, rows: rows, cells: cells, note: perSample ? note : nil)
        }
        let parameters = "parameters after \(epoch) updates"
        return [
            table(parameters, "w1", "hidden weights", trace.w1, rows: units, columns: ["x0", "x1"]),
            table(parameters, "b1", "hidden biases", trace.b1, rows: units, columns: ["bias"]),
            table(parameters, "w2", "output weights", trace.w2, rows: ["ŷ"], columns: units),
            table(parameters, "b2", "output bias", trace.b2, rows: ["ŷ"], columns: ["bias"]),
            table("forward", "x", "the inputs", trace.x, rows: ["x0", "x1"], columns: samples, perSample: true),
            table("forward", "y", "the labels", trace.y, rows: ["y"], columns: samples, perSample: true),
            table("forward", "z1", "w1 @ x + b1", trace.z1, rows: units, columns: samples, perSample: true),
            table("forward", "h1", "\(f)(z1)", trace.h1, rows: units, columns: samples, perSample: true),
            table("forward", "z2", "w2 @ h1 + b2", trace.z2, rows: ["ŷ"], columns: samples, perSample: true),
            table("forward", "y_hat", "sigmoid(z2)", trace.yHat, rows: ["ŷ"], columns: samples, perSample: true),
            table("backward", "dz2", "y_hat - y", trace.dz2, rows: ["ŷ"], columns: samples, perSample: true),
            table("backward", "dw2", "dz2 @ h1.T", trace.dw2, rows: ["ŷ"], columns: units),
            table("backward", "db2", "Σ dz2", trace.db2, rows: ["ŷ"], columns: ["bias"]),
            table("backward", "dz1", "(w2.T @ dz2) · \(f)′(z1)", trace.dz1, rows: units, columns: samples, perSample: true),
            table("backward", "dw1", "dz1 @ x.T", trace.dw1, rows: units, columns: ["x0", "x1"]),
            table("backward", "db1", "Σ dz1", trace.db1, rows: units, columns: ["bias"]),
        ]
    }

    /// The slider: shows one snapshot's views, marker, numbers and arrays, and keeps the address's `#epoch=N`.
    static let script = #"""

        "use strict";
        (() => {
          const snapshots = JSON.parse(document.getElementById("data").textContent);
          const slider = document.getElementById("epoch-slider");
          const views = document.querySelectorAll(".epoch-view");
          const marker = document.getElementById("marker");

          // The snapshot whose epoch is nearest `epoch`, the earlier one on a tie.
          function nearest(epoch) {
            let best = 0;
            snapshots.forEach((s, k) => {
              if (Math.abs(s.epoch - epoch) < Math.abs(snapshots[best].epoch - epoch)) best = k;
            });
            return best;
          }

          function element(name, text) {
            const e = document.createElement(name);
            if (text !== undefined) e.textContent = text;
            return e;
          }

          function table(t) {
            const e = element("table");
            const caption = element("caption");
            caption.append(element("code", t.name), ` ${t.shape}: ${t.formula}` + (t.note ? ` (${t.note})` : ""));
            e.append(caption);
            const head = element("tr");
            head.append(element("td"), ...t.columns.map(c => Object.assign(element("th", c), { scope: "col" })));
            const thead = element("thead");
            thead.append(head);
            e.append(thead);
            const body = element("tbody");
            t.cells.forEach((cells, r) => {
              const row = element("tr");
              row.append(Object.assign(element("th", t.rows[r]), { scope: "row" }), ...cells.map(c => element("td", c)));
              body.append(row);
            });
            e.append(body);
            const box = element("div");
            box.className = "scroll";
            box.append(e);
            return box;
          }

          function tables(all) {
            const groups = [...new Set(all.map(t => t.group))];
            return groups.map(group => {
              const section = element("section");
              const box = element("div");
              box.className = "tables";
              box.append(...all.filter(t => t.group === group).map(table));
              section.append(element("h3", group[0].toUpperCase() + group.slice(1)), box);
              return section;
            });
          }

          function show(k) {
            const s = snapshots[k];
            slider.value = k;
            slider.setAttribute("aria-valuetext", `epoch ${s.epoch}, loss ${s.loss}`);
            document.getElementById("epoch").textContent = s.epoch;
            document.getElementById("loss").textContent = s.loss;
            document.querySelectorAll(".epoch-ref").forEach(e => { e.textContent = s.epoch; });
            views.forEach((view, i) => { view.hidden = i !== k; });
            marker.hidden = !s.marker;
            if (s.marker) {
              marker.style.left = `${s.marker[0]}%`;
              marker.style.top = `${s.marker[1]}%`;
            }
            document.getElementById("arrays").replaceChildren(...tables(s.tables));
          }

          function select(k) {
            show(k);
            history.replaceState(null, "", `#epoch=${snapshots[k].epoch}`);
          }

          function fromAddress() {
            const match = /^#epoch=(\d+)$/.exec(location.hash);
            return match ? nearest(Number(match[1])) : snapshots.length - 1;
          }

          slider.addEventListener("input", () => select(Number(slider.value)));
          document.addEventListener("keydown", event => {
            // The focused slider steps by itself; elsewhere the arrows step too, unless they move a caret.
            if (event.target === slider || event.altKey || event.ctrlKey || event.metaKey) return;
            if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
            const step = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
            if (!step) return;
            event.preventDefault();
            select(Math.min(Math.max(Number(slider.value) + step, 0), snapshots.length - 1));
          });
          window.addEventListener("hashchange", () => show(fromAddress()));
          show(fromAddress());
        })();

        """#
}

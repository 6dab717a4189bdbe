import Plotting

/// Puts a command's rendered files into the output folder, or, with `--check`, compares them with its files.
struct Delivery {
    let settings: DeliverySettings
    let terminal: Terminal

    var folder: OutputFolder { settings.folder }

    /// `--check` found files that are not what this code draws.
    struct StaleFiles: ReportError {
        let stale, total: Int
        let path: String
        var status: ExitStatus { .failure }
        var description: String { "--check: \(stale) of \(total) files in \(quoted(path)) are stale or missing" }
    }

    /// Checks the folders this delivery writes, before any training.
    func prepare() throws {
        if let diffFolder = settings.diffFolder {
            try diffFolder.prepare()
        } else if !settings.check {
            try folder.prepare()
        }
    }

    /// Writes `files`, removing those of `leftovers` (names this command writes, but not this time) that
    /// an earlier run left; with `--check`, reports them as stale instead.
    func deliver(_ files: [OutputFile], leftovers: [String]) throws {
        if settings.check { return try compare(files, leftovers: leftovers) }
        var kept: [String] = []
        let written = try files.filter {
            guard settings.keepUnchanged,
                  try Freshness.of($0, in: folder, tolerance: .exact).isCurrent
            else { return true }
            kept.append(folder.displayPath(of: $0.name))
            return false
        }
        let removed = try folder.write(written, removing: leftovers).map { folder.displayPath(of: $0) }
        let names = written.map { folder.displayPath(of: $0.name) }
        let wrote = names.isEmpty ? "" : "wrote \(names.joined(separator: ", "))"
        let keptNote = kept.isEmpty ? "" : "kept \(kept.joined(separator: ", ")) (unchanged)"
        let removedNote = removed.isEmpty ? "" : "removed \(removed.joined(separator: ", ")) (an earlier run's; not drawn now)"
        terminal.inform([wrote, keptNote, removedNote].filter { !$0.isEmpty }.joined(separator: "; "))
    }

    /// `--check`: one `PATH: verdict` line per file on stdout, diffs into `--diff`, nothing into the folder.
    private func compare(_ files: [OutputFile], leftovers: [String]) throws {
        if settings.tolerance != .exact || settings.diff != nil, !files.contains(where: { $0.kind == .image(.png) }) {
            terminal.warn("--tolerance and --diff act on PNG files only, and this run draws none")
        }
        var stale = 0
        var diffs: [OutputFile] = []
        var obsolete: [String] = []
        for file in files {
            let freshness = try Freshness.of(file, in: folder, tolerance: settings.tolerance)
            try terminal.print("\(folder.displayPath(of: file.name)): \(freshness.verdict(tolerance: settings.tolerance))")
            if !freshness.isCurrent { stale += 1 }
            guard settings.diff != nil, file.kind == .image(.png) else { continue }
            // The diff folder shows this check only: images of an earlier one that no longer apply go.
            let (diff, actual) = (file.companion("diff", bytes: []), file.companion("actual", bytes: file.bytes))
            if case let .differentPixels(_, stored, drawn, _) = freshness,
               let difference = PixelComparison.differenceImage(expected: stored, actual: drawn) {
                diffs.append(file.companion("diff", bytes: try difference.pngData()))
            } else {
                obsolete.append(diff.name)
            }
            if freshness.isCurrent { obsolete.append(actual.name) } else { diffs.append(actual) }
        }
        if let diffFolder = settings.diffFolder {
            if !diffs.isEmpty {
                try diffFolder.write(diffs)
                terminal.inform("report --check: wrote \(diffs.map { diffFolder.displayPath(of: $0.name) }.joined(separator: ", "))")
            }
            try diffFolder.remove(obsolete)
        }
        var total = files.count
        for name in leftovers where folder.holdsLeftover(name) {
            try terminal.print("\(folder.displayPath(of: name)): stale (an earlier run's; this run does not draw it)")
            stale += 1
            total += 1
        }
        guard stale == 0 else { throw StaleFiles(stale: stale, total: total, path: folder.path) }
        terminal.inform("report --check: \(files.count) files in \(folder.path) are current")
    }
}

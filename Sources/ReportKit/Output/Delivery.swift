import Plotting

/// Puts a run's rendered files into the output folder, or, with `--check`, compares them with its files.
struct Delivery {
    let output: OutputOptions
    let check: CheckOptions

    var folder: OutputFolder { OutputFolder(path: output.path) }

    /// `--check` found files that are not what this code draws.
    struct StaleFiles: Error, CustomStringConvertible {
        let stale, total: Int
        let path: String
        var description: String { "--check: \(stale) of \(total) files in \(path) are stale or missing" }
    }

    /// Loads the font and checks the folders this delivery writes, before any training.
    func prepared() throws -> Delivery {
        try ChartFont.load(output.font, title: output.title)
        if let diffFolder = check.diffFolder {
            try diffFolder.prepare()
        } else if !check.check {
            try folder.prepare()
        }
        return self
    }

    func deliver(_ files: [(name: String, bytes: [UInt8])]) throws {
        if check.check { return try compare(files) }
        var kept: [String] = []
        let written = try files.filter {
            guard output.keepUnchanged, try Freshness.of($0.name, fresh: $0.bytes, in: folder, tolerance: 0).isCurrent
            else { return true }
            kept.append(folder.displayPath(of: $0.name))
            return false
        }
        if !written.isEmpty { try folder.write(written) }
        let names = written.map { folder.displayPath(of: $0.name) }
        let wrote = names.isEmpty ? "" : "wrote \(names.joined(separator: ", "))"
        let keptNote = kept.isEmpty ? "" : "kept \(kept.joined(separator: ", ")) (unchanged)"
        StandardError.write([wrote, keptNote].filter { !$0.isEmpty }.joined(separator: "; ") + "\n")
    }

    /// `--check`: one `PATH: verdict` line per file on stdout, diffs into `--diff`, nothing into the folder.
    private func compare(_ files: [(name: String, bytes: [UInt8])]) throws {
        var stale = 0
        var diffs: [(name: String, bytes: [UInt8])] = []
        var obsolete: [String] = []
        for file in files {
            let freshness = try Freshness.of(file.name, fresh: file.bytes, in: folder, tolerance: check.tolerance)
            try StandardOutput.write("\(folder.displayPath(of: file.name)): \(freshness.verdict(tolerance: check.tolerance))\n")
            if !freshness.isCurrent { stale += 1 }
            guard check.diff != nil, file.name.hasSuffix(".png") else { continue }
            // The diff folder shows this check only: images of an earlier one that no longer apply go.
            let stem = String(file.name.dropLast(".png".count))
            let (diffName, actualName) = ("\(stem)-diff.png", "\(stem)-actual.png")
            if case let .differentPixels(_, stored, drawn, _) = freshness,
               let difference = PixelComparison.differenceImage(expected: stored, actual: drawn) {
                diffs.append((name: diffName, bytes: try difference.pngData()))
            } else {
                obsolete.append(diffName)
            }
            if freshness.isCurrent { obsolete.append(actualName) } else { diffs.append((name: actualName, bytes: file.bytes)) }
        }
        if let diffFolder = check.diffFolder {
            if !diffs.isEmpty {
                try diffFolder.write(diffs)
                StandardError.write("report --check: wrote \(diffs.map { diffFolder.displayPath(of: $0.name) }.joined(separator: ", "))\n")
            }
            try diffFolder.remove(obsolete)
        }
        guard stale == 0 else { throw StaleFiles(stale: stale, total: files.count, path: folder.path) }
        StandardError.write("report --check: \(files.count) files in \(folder.path) are current\n")
    }
}

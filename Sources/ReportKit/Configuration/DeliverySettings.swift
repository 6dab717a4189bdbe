import ArgumentParser
import Plotting

/// `--check` and how it compares: the flags shared by `run` and `sweep`.
struct CheckOptions: ParsableArguments {
    /// RMS differences over R, G and B on the 0–255 scale lie in this range.
    static let toleranceRange = 0.0...255.0
    static let toleranceAllowed = "a number in \(FlagValue.shown(toleranceRange)) (an RMS over RGB)"

    @Flag(help: "Render in memory and compare with the files in --output; write nothing there. Exit 1 when any is stale or missing.")
    var check = false

    @Option(name: .customLong("tolerance"), parsing: .unconditional, help: ArgumentHelp(
        "With --check: the RMS difference a PNG may have and still count as current, \(toleranceAllowed), as matplotlib's compare_images computes it; 0 (the default) means the same pixels.",
        valueName: "rms"))
    var toleranceText: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "With --check: write NAME-diff.png (the difference, ×\(PixelComparison.differenceGain)) and NAME-actual.png (the fresh render) for each stale PNG into this folder, outside --output.",
        valueName: "folder"))
    var diff: String?

    /// The RMS a PNG may differ by and pass.
    var tolerance: Double { toleranceText.flatMap(Double.init) ?? 0 }

    var diffFolder: OutputFolder? { diff.map { OutputFolder(path: $0, flag: "--diff") } }

    func validate() throws {
        if let toleranceText {
            guard check else { throw ValidationError("--tolerance applies only with --check") }
            _ = try FlagValue.number(toleranceText, flag: "--tolerance", allowed: Self.toleranceAllowed) { Self.toleranceRange.contains($0) }
        }
        if let diff {
            guard check else { throw ValidationError("--diff applies only with --check") }
            try FlagValue.folder(diff, flag: "--diff")
        }
    }

    func validate(with output: OutputOptions) throws {
        if check, output.keepUnchanged { throw ValidationError("--keep-unchanged applies only without --check") }
        // --check promises to leave --output as it is; its diffs go elsewhere.
        if let diff, let diffFolder, OutputFolder(path: output.path).contains(diffFolder) {
            throw usageError(flag: "--diff", value: diff, allowed: "a folder outside --output '\(output.path)'")
        }
    }
}

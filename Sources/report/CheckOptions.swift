import ArgumentParser

/// `--check` and how it compares: the flags shared by `run` and `sweep`.
struct CheckOptions: ParsableArguments {
    static let toleranceRange = 0.0...255.0

    @Flag(help: "Render in memory and compare with the files in --output; write nothing there. Exit 1 when any is stale or missing.")
    var check = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "With --check: the RMS difference (over RGB, 0...255, as matplotlib's compare_images) a PNG may have and still count as current; 0 (the default) means the same pixels.",
        valueName: "rms"))
    var tolerance = 0.0

    @Option(help: ArgumentHelp(
        "With --check: write NAME-diff.png (the difference, ×10) and NAME-actual.png (the fresh render) for each stale PNG into this folder, outside --output.",
        valueName: "folder"))
    var diff: String?

    func validate() throws {
        guard tolerance.isFinite, Self.toleranceRange.contains(tolerance) else {
            throw UsageError(flag: "--tolerance", value: "\(tolerance)", allowed: FlagRanges.tolerance)
        }
        if !check, tolerance != 0 {
            throw ValidationError("--tolerance applies only with --check")
        }
        if let diff {
            guard check else { throw ValidationError("--diff applies only with --check") }
            guard !diff.isEmpty else { throw UsageError(flag: "--diff", value: diff, allowed: FlagRanges.output) }
        }
    }

    /// The rules that involve the output flags too.
    func validate(with output: OutputOptions) throws {
        if check, output.keepUnchanged { throw ValidationError("--keep-unchanged applies only without --check") }
        // --check promises to leave --output as it is; its diffs go elsewhere.
        if let diff, OutputFolder(path: output.path).contains(OutputFolder(path: diff, flag: "--diff")) {
            throw UsageError(flag: "--diff", value: diff, allowed: "a folder outside --output '\(output.path)'")
        }
    }
}

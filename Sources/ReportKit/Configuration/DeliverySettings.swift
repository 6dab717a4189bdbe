/// Where a command's files go, or what they are checked against, and what it says on the way.
public struct DeliverySettings: Sendable {
    public let output: FolderPath
    /// Compare with the files in `output` instead of writing.
    public let check: Bool
    public let tolerance: Tolerance
    /// With `check`: where the difference images of stale PNGs go.
    public let diff: FolderPath?
    /// Leave files that already hold what this run draws untouched.
    public let keepUnchanged: Bool
    /// No progress bar and no "wrote" line: only errors and warnings on stderr.
    public let quiet: Bool

    /// Refuses the flags that act only with `--check`, or only without it, and a `--diff` inside `--output`.
    public init(output: FolderPath = .defaultOutput, check: Bool = false, tolerance: Tolerance? = nil,
                diff: FolderPath? = nil, keepUnchanged: Bool = false, quiet: Bool = false) throws(UsageError) {
        if !check {
            if tolerance != nil { throw .cannotAct("--tolerance", without: "--check") }
            if diff != nil { throw .cannotAct("--diff", without: "--check") }
        }
        if check, keepUnchanged { throw UsageError("--keep-unchanged applies only without --check") }
        // --check promises to leave --output as it is; its diffs go elsewhere.
        if let diff, OutputFolder(path: output.path).contains(OutputFolder(path: diff.path)) {
            throw UsageError("--diff \(quoted(diff.path)) must be a folder outside --output \(quoted(output.path))")
        }
        self.output = output
        self.check = check
        self.tolerance = tolerance ?? .exact
        self.diff = diff
        self.keepUnchanged = keepUnchanged
        self.quiet = quiet
    }

    var folder: OutputFolder { OutputFolder(path: output.path) }
    var diffFolder: OutputFolder? { diff.map { OutputFolder(path: $0.path, flag: "--diff") } }
}

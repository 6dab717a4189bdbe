/// `--trace EPOCH`: one iteration of the notebook's loop, every array, as numbers and as a graph.
public struct TraceSettings: Sendable {
    /// The loop's iteration, computed from the parameters after `epoch` updates; the run's last epoch is the
    /// trained network and the gradient a next step would take.
    public let epoch: Int
    /// The training point the graph follows.
    public let sample: Int
    /// The most rows a trace writes: trace.json holds three n_h×m arrays, so a million rows would be
    /// gigabytes of JSON and of memory.
    public static let rowLimit = 10_000

    /// Nil without `epoch`, refusing `sample` then; refuses an epoch past the run's end.
    init?(epoch: Epoch?, sample: TraceSample?, iterations: Iterations, charts: ChartSettings) throws(UsageError) {
        guard let epoch else {
            if sample != nil { throw .cannotAct("--trace-sample", without: "--trace") }
            return nil
        }
        guard epoch.value <= iterations.value else {
            throw UsageError("--trace \(epoch) must be an epoch in 0...\(iterations) (the run's --iterations)")
        }
        // The graph is drawn on a canvas as wide as two charts, to fit its dozen boxes in a row.
        try charts.requireCanvas(of: 2, flag: "--trace")
        self.epoch = epoch.value
        self.sample = (sample ?? .first).value
    }
}

/// `--trace-sample J`: a row of the training set; whether the set has that many rows is the data's rule.
public typealias TraceSample = BoundedInteger<TraceSampleBounds>
public enum TraceSampleBounds: IntegerBounds { public static let range = 0...(DataFile.rowLimit - 1) }

extension TraceSample {
    public static var first: TraceSample { 0 }
}

/// `--network`: the network itself, each unit a map of its value over the input plane.
public struct NetworkSettings: Sendable {
    /// The widest network whose units stay readable side by side.
    public static let hiddenLimit = 16

    /// Nil when not `enabled`; refuses a network wider than ``hiddenLimit``.
    init?(enabled: Bool, hidden: HiddenUnits) throws(UsageError) {
        guard enabled else { return nil }
        guard hidden.value <= Self.hiddenLimit else {
            throw UsageError("--network draws at most \(Self.hiddenLimit) hidden units legibly (--hidden is \(hidden))")
        }
    }
}

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

    /// The smallest `--size` on which the diagram stays readable, by the most hidden units it holds.
    /// Measured: below 400×300 an 8-unit network's maps shrink under about 20 pixels and its weights'
    /// labels overlap; 16 units need the default 640×480 for the same (README's flag table says so).
    public static let smallestCanvas: [(hidden: Int, size: CanvasSize)] = [
        (8, CanvasSize(width: 400, height: 300)), (hiddenLimit, CanvasSize(width: 640, height: 480)),
    ]

    /// The smallest readable canvas for `hidden` units, from ``smallestCanvas``.
    public static func smallestCanvas(hidden: Int) -> CanvasSize {
        (smallestCanvas.first { hidden <= $0.hidden } ?? smallestCanvas[smallestCanvas.count - 1]).size
    }

    /// Nil when not `enabled`; refuses a network wider than ``hiddenLimit``, a `--size` smaller than
    /// ``smallestCanvas(hidden:)``, and with `evolution` or `animate` a grid of full-size panels past the canvas limits.
    init?(enabled: Bool, hidden: HiddenUnits, charts: ChartSettings, evolution: EvolutionSettings?,
          animate: Bool) throws(UsageError) {
        guard enabled else { return nil }
        guard hidden.value <= Self.hiddenLimit else {
            throw UsageError("--network draws at most \(Self.hiddenLimit) hidden units legibly (--hidden is \(hidden))")
        }
        let smallest = Self.smallestCanvas(hidden: hidden.value)
        guard charts.size.width >= smallest.width, charts.size.height >= smallest.height else {
            throw UsageError("--network needs --size \(smallest) or larger for \(hidden) hidden units to stay readable "
                + "(--size is \(charts.size))")
        }
        // network-evolution.png gives every panel the full --size, so its grid is checked before any training.
        if let evolution { try charts.requireCanvas(of: evolution.epochs.count, flag: "--network --evolution", fullPanels: true) }
        if animate { try charts.requireCanvas(of: 3, flag: "--network --animate", fullPanels: true) }
    }
}

/// `--animate`: training.png, the run as an animated PNG.
public struct AnimationSettings: Sendable {
    public let frames: FrameCount
    public let delay: FrameDelay

    /// Nil when not `enabled`, refusing `delay` given then: it cannot act. Otherwise ``FrameCount/resolved(_:iterations:)``'s
    /// frames and the delay, ``FrameDelay/standard`` unless given.
    init?(enabled: Bool, frames: FrameCount?, delay: FrameDelay?, iterations: Iterations,
          charts: ChartSettings) throws(UsageError) {
        guard enabled else {
            if delay != nil { throw .cannotAct("--frame-delay", without: "--animate") }
            return nil
        }
        try charts.requireCanvas(of: 2, flag: "--animate")
        self.frames = try FrameCount.resolved(frames, iterations: iterations)
        self.delay = delay ?? .standard
    }

    /// Each frame's milliseconds: the delay, and a hold for the last.
    public var milliseconds: [Int] {
        Array(repeating: delay.value, count: frames.value - 1) + [max(delay.value, FrameDelay.holdMilliseconds)]
    }
}

/// `--html`: report.html, every view of the run in one page, at the animation's epochs.
public struct PageSettings: Sendable {
    /// The epochs the page's slider steps through.
    public let frames: FrameCount

    /// Nil when not `enabled`; refuses a network too wide to draw, as the page shows the network at every epoch.
    init?(enabled: Bool, frames: FrameCount?, iterations: Iterations, hidden: HiddenUnits) throws(UsageError) {
        guard enabled else { return nil }
        guard hidden.value <= NetworkSettings.hiddenLimit else {
            throw UsageError("--html shows the network, which is drawn for at most \(NetworkSettings.hiddenLimit) hidden units "
                + "(--hidden is \(hidden))")
        }
        self.frames = try FrameCount.resolved(frames, iterations: iterations)
    }
}

extension FrameCount {
    /// The snapshots of `--animate` and `--html`: `frames`, or as many as the run has epochs up to ``preferred``;
    /// refused when the run has fewer epochs than `frames`.
    static func resolved(_ frames: FrameCount?, iterations: Iterations) throws(UsageError) -> FrameCount {
        let epochs = iterations.value + 1
        if let frames, frames.value > epochs {
            throw UsageError("--frames \(frames) needs a run of at least \(frames.value - 1) iterations "
                + "(--iterations is \(iterations)): one epoch a frame")
        }
        return frames ?? FrameCount(min(preferred.value, epochs))!
    }
}

/// `--evolution`: small multiples of the probability view at a few epochs.
public struct EvolutionSettings: Sendable {
    /// The most panels, as many as a list flag takes: beyond it each is too small to read.
    public static let panelLimit = FlagList<Epoch>.limit
    public let epochs: [Int]

    /// Nil when not `enabled`, refusing `snapshots` given then. Otherwise `snapshots`, sorted, or epochs
    /// spread over the run like 0, 250, ..., 10000; refused when one lies past the run's end.
    init?(enabled: Bool, snapshots: FlagList<Epoch>?, iterations: Iterations, charts: ChartSettings) throws(UsageError) {
        guard enabled else {
            if snapshots != nil { throw .cannotAct("--snapshots", without: "--evolution") }
            return nil
        }
        if let snapshots {
            if let late = snapshots.values.first(where: { $0.value > iterations.value }) {
                throw UsageError("--snapshots \(snapshots): epoch \(late) is past the run's end (--iterations \(iterations))")
            }
            epochs = snapshots.values.map(\.value).sorted()
        } else {
            let fractions = [0.0, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0]
            epochs = Set(fractions.map { Int((Double(iterations.value) * $0).rounded()) }).sorted()
        }
        try charts.requireCanvas(of: Self.panelLimit, flag: "--evolution")
    }
}

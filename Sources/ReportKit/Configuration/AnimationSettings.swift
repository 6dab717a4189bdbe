import ArgumentParser

/// The flags of `--animate`: training.png, the run as an animated PNG.
struct AnimationOptions: ParsableArguments {
    static let frameRange = 2...300
    static let delayRange = 10...10_000
    /// How long the last frame stays, at the least, before the animation loops.
    static let holdMilliseconds = 2_000

    @Flag(help: "Also write training.png: the run as an animated PNG, the probability view beside the loss curve.")
    var animate = false

    @Option(name: .customLong("frames"), parsing: .unconditional, help: ArgumentHelp(
        "The frames of --animate, \(frameRange) and at most --iterations + 1, spaced evenly along the loss curve as drawn.",
        valueName: "frames"))
    var framesText = "30"

    @Option(name: .customLong("frame-delay"), parsing: .unconditional, help: ArgumentHelp(
        "Milliseconds each frame of --animate shows, \(delayRange); the last stays \(holdMilliseconds / 1000) s "
            + "or the delay if longer.",
        valueName: "ms"))
    var delayText = "100"

    // The flags as values; validate() has read each, so these cannot fail.
    var frames: Int { Int(framesText) ?? 0 }
    var delay: Int { Int(delayText) ?? 0 }

    /// Checks the flags, and with `--animate` that a run of `iterations` has an epoch for every frame.
    func validate(iterations: Int) throws {
        let most = animate ? min(Self.frameRange.upperBound, iterations + 1) : Self.frameRange.upperBound
        _ = try FlagValue.integer(framesText, flag: "--frames", in: Self.frameRange.lowerBound...most)
        _ = try FlagValue.integer(delayText, flag: "--frame-delay", in: Self.delayRange)
    }

    /// Each frame's milliseconds: the delay, and a hold for the last.
    var milliseconds: [Int] { Array(repeating: delay, count: frames - 1) + [max(delay, Self.holdMilliseconds)] }
}

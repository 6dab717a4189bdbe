import Backprop
import Foundation
@testable import Plotting
@testable import ReportKit
import Testing

@Suite("report --animate: training.png")
struct AnimationTests {
    /// The loss curve of a default run, for the frame schedule.
    static let defaultRun = Result { try TrainingRun(seed: 4, recipe: NetworkRecipe(), data: Dataset(gate: .xor)) }

    @Test("frames run from epoch 0 to the last, strictly rising, denser where the loss falls")
    func epochsFollowTheCurve() throws {
        let run = try Self.defaultRun.get()
        for count in [2, 24, 30, 300] {
            let epochs = TrainingAnimation.epochs(of: run.lossCurve, iterations: 10_000, count: count, scale: .linear)
            #expect(epochs.count == count)
            #expect(epochs.first == 0 && epochs.last == 10_000)
            #expect(zip(epochs, epochs.dropFirst()).allSatisfy { $0 < $1 }, "\(epochs)")
        }
        // The default run's loss falls from 0.69 to 0.03 between epochs 500 and 2000 (a sixth of
        // the run): a third of the frames or more go there, and the plateau before it is not skipped.
        let epochs = TrainingAnimation.epochs(of: run.lossCurve, iterations: 10_000, count: 30, scale: .linear)
        #expect(epochs.filter { (500...2000).contains($0) }.count >= 10, "\(epochs)")
        #expect(epochs.contains { (5...500).contains($0) }, "\(epochs)")
        // As many frames as epochs: every epoch.
        let short = try TrainingRun(seed: 4, recipe: NetworkRecipe(training: TrainingSettings(iterations: 20)), data: Dataset(gate: .xor))
        #expect(TrainingAnimation.epochs(of: short.lossCurve, iterations: 20, count: 21, scale: .log) == Array(0...20))
    }

    /// The release binary, twice: 30 frames of 1280×480 take seconds in a debug build. What the frames
    /// hold is checked on the committed default animation (AnimatedPNGTests), which `--check` keeps current.
    @Test("the default animation: at most 2 MB, the same bytes twice, its frames in summary.json",
          .enabled(if: ReleaseBinary.path != nil, "needs the release binary: run scripts/test, which builds it"))
    func defaultAnimation() throws {
        let folders = try (0..<2).map { _ in try ReportProcess.temporaryFolder() }
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        for folder in folders {
            let ending = try ChildProcess.run(["--animate", "--output", folder.path], executable: try ReleaseBinary.executable())
            #expect(ending.status == 0, "\(ending)")
        }
        let file = try [UInt8](Data(contentsOf: folders[0].appendingPathComponent("training.png")))
        #expect(try [UInt8](Data(contentsOf: folders[1].appendingPathComponent("training.png"))) == file)
        #expect(file.count <= 2_000_000, "\(file.count) bytes")
        let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("output/animation/training.png")
        #expect(try [UInt8](Data(contentsOf: committed)) == file, "output/animation is the default animation")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: folders[0].appendingPathComponent("summary.json"))) as! [String: Any]
        let animation = try #require(summary["animation"] as? [String: Any])
        #expect((animation["epochs"] as? [Int])?.count == 30)
        #expect((summary["files"] as? [String])?.contains("training.png") == true)
    }

    @Test("--check compares every frame: their number, their timing, their pixels")
    func checkSeesEveryFrame() throws {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = RunSpec(iterations: 300, size: CanvasSize(width: 100, height: 100), animate: true, frames: 4, output: folder.path)
        try InProcess.write(base)
        #expect(InProcess.outcome(base.with { $0.check = true }).status == 0)
        let cases: [(String, RunSpec, String)] = [
            ("--frames 3", base.with { $0.frames = 3 }, "stale (4 frames; this code draws 3)"),
            ("--frame-delay 50", base.with { $0.frameDelay = 50 }, "stale (frame 1 of 4 shows 100 ms; this code 50 ms)"),
            ("--seed 5", base.with { $0.seed = 5 }, "stale (the still: "),
        ]
        for (flags, spec, verdict) in cases {
            let fresh = try #require(try InProcess.train(spec).files().first { $0.name == "training.png" }).bytes
            let freshness = try CheckTests.freshness("training.png", in: folder, fresh: fresh)
            #expect(freshness.verdict(tolerance: .exact).hasPrefix(verdict), "\(flags): \(freshness.verdict(tolerance: .exact))")
        }
        // A frame before the last changed on disk: the still passes, the frame does not.
        var frames = try #require(try AnimatedPNG.frames(of: CheckTests.bytes(folder, "training.png")))
        let drawn = try CheckTests.bytes(folder, "training.png")
        var changed = frames[2].image
        changed[10, 10] = RasterImage.Pixel(red: 1, green: 2, blue: 3)
        frames[2].image = changed
        let edited = try Self.reencoded(frames)
        try CheckTests.replace(folder, "training.png", with: edited)
        let verdict = try CheckTests.freshness("training.png", in: folder, fresh: drawn).verdict(tolerance: .exact)
        #expect(verdict.hasPrefix("stale (frame 3 of 4: 1 of 20000 pixels differ"), "\(verdict)")
        #expect(InProcess.outcome(base.with { $0.check = true }).status == 1)
    }

    /// Opaque frames written again as an APNG, the last one its still.
    static func reencoded(_ frames: [AnimatedPNG.Frame]) throws -> [UInt8] {
        let words = frames.map { frame in
            frame.image.pixels.map { UInt32($0.red) << 16 | UInt32($0.green) << 8 | UInt32($0.blue) }
        }
        return try AnimatedPNG.encode(milliseconds: frames.map { Int($0.milliseconds) }, width: frames[0].image.width,
                                      height: frames[0].image.height, still: frames.count - 1, level: 1) { _ = $1.update(fromContentsOf: words[$0]) }
    }

    /// A run shorter than the default 30 frames animates each of its epochs instead of failing.
    @Test("the default --frames fits the run; more frames than epochs are refused")
    func defaultFramesFitTheRun() throws {
        let charts = try ChartSettings()
        func frames(_ iterations: Iterations) throws -> FrameCount? {
            try AnimationSettings(enabled: true, frames: nil, delay: nil, iterations: iterations, charts: charts)?.frames
        }
        #expect(try frames(10) == 11)
        #expect(try frames(29) == 30)
        #expect(try frames(10_000) == FrameCount.preferred)
        let refused = try #require(throws: UsageError.self) {
            try AnimationSettings(enabled: true, frames: 12, delay: nil, iterations: 10, charts: charts)
        }
        #expect(refused.description.contains("--frames 12") && refused.description.contains("--iterations is 10"))
        let trained = try InProcess.train(RunSpec(iterations: 10, size: CanvasSize(width: 100, height: 100), animate: true))
        #expect(trained.outcome.frames?.snapshots.map(\.epoch) == Array(0...10))
    }

    @Test("animation flags without --animate are refused, not ignored")
    func animationFlagsNeedAnimate() {
        for (flags, needs) in [(["--frames", "5"], "--animate or --html"), (["--frame-delay", "50"], "--animate")] {
            let outcome = ReportCLI.outcome(flags + ["--output", "/nonexistent/never"])
            #expect(outcome.status == 64 && outcome.message == "\(flags[0]) applies only with \(needs)", "\(outcome)")
        }
        // --frame-delay cannot act on the page, which does not play.
        let page = ReportCLI.outcome(["--html", "--frame-delay", "50", "--output", "/nonexistent/never"])
        #expect(page.status == 64 && page.message == "--frame-delay applies only with --animate", "\(page)")
    }
}

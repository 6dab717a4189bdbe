import Backprop
import Foundation
@testable import Plotting
@testable import report
import Testing

@Suite("report --animate: training.png")
struct AnimationTests {
    /// The loss curve of a default run, for the frame schedule.
    static let defaultRun = Result { try TrainingRun(seed: 4, options: TrainingOptions.parse([]), data: Dataset(gate: .xor)) }

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
        let short = try TrainingRun(seed: 4, options: TrainingOptions.parse(["--iterations", "20"]), data: Dataset(gate: .xor))
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
        let base = ["--animate", "--iterations", "300", "--frames", "4", "--size", "100x100", "--output", folder.path]
        try InProcess.write(base)
        #expect(InProcess.outcome(base + ["--check"]).status == 0)
        let cases = [(["--frames", "3"], "stale (4 frames; this code draws 3)"),
                     (["--frame-delay", "50"], "stale (frame 1 of 4 shows 100 ms; this code 50 ms)"),
                     (["--seed", "5"], "stale (the still: ")]
        for (flags, verdict) in cases {
            let fresh = try #require(try InProcess.train(base + flags).files().first { $0.name == "training.png" }).bytes
            let freshness = try CheckTests.freshness("training.png", in: folder, fresh: fresh)
            #expect(freshness.verdict(tolerance: 0).hasPrefix(verdict), "\(flags): \(freshness.verdict(tolerance: 0))")
        }
        // A frame before the last changed on disk: the still passes, the frame does not.
        var frames = try #require(try AnimatedPNG.frames(of: CheckTests.bytes(folder, "training.png")))
        let drawn = try CheckTests.bytes(folder, "training.png")
        var changed = frames[2].image
        changed[10, 10] = RasterImage.Pixel(red: 1, green: 2, blue: 3)
        frames[2].image = changed
        let edited = try Self.reencoded(frames)
        try CheckTests.replace(folder, "training.png", with: edited)
        let verdict = try CheckTests.freshness("training.png", in: folder, fresh: drawn).verdict(tolerance: 0)
        #expect(verdict.hasPrefix("stale (frame 3 of 4: 1 of 20000 pixels differ"), "\(verdict)")
        #expect(InProcess.outcome(base + ["--check"]).status == 1)
    }

    /// Opaque frames written again as an APNG, the last one its still.
    static func reencoded(_ frames: [AnimatedPNG.Frame]) throws -> [UInt8] {
        let words = frames.map { frame in
            frame.image.pixels.map { UInt32($0.red) << 16 | UInt32($0.green) << 8 | UInt32($0.blue) }
        }
        return try AnimatedPNG.encode(milliseconds: frames.map { Int($0.milliseconds) }, width: frames[0].image.width,
                                      height: frames[0].image.height, still: frames.count - 1, level: 1) { words[$0] }
    }
}

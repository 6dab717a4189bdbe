import Foundation
import Testing

/// Progress is shown only on a terminal; the long runs themselves are in ``ReleaseBinaryTests``.
///
/// The slow measurements (100,000,000 iterations, a 1,000,000-row file) are kept out of the
/// suite; see `scripts/` and the report for their figures.
@Suite("long runs show progress on a terminal")
struct LongRunTests {
    /// A sweep's bar on a terminal, with its label and total, cleared at the end. Four seeds of
    /// ten iterations draw it as surely as forty of 3,000: the bar is drawn when the last seed is
    /// done, however quick, so the debug build proves it; a training run's bar needs 262,144
    /// iterations and is in ``ReleaseBinaryTests``.
    @Test func sweepProgressIsShownOnATerminal() throws {
        let output = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let (ending, text) = try PseudoTerminal.run(["sweep", "--seeds", "0..<4", "--iterations", "10", "--output", output.path])
        #expect(ending.status == 0, "\(ending)")
        #expect(text.contains("sweep "), "a progress bar: \(text)")
        #expect(text.contains("/4"), "counts to the total: \(text)")
        #expect(text.contains("\r\u{1B}[K"), "the bar is cleared: \(text)")
    }
    /// An atlas's one bar counts every seed of every cell.
    @Test func atlasProgressIsShownOnATerminal() throws {
        let output = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let (ending, text) = try PseudoTerminal.run(["atlas", "--seeds", "0..<3", "--learning-rates", "0.1,1", "--hidden", "2",
                                                     "--iterations", "10", "--output", output.path])
        #expect(ending.status == 0, "\(ending)")
        #expect(text.contains("atlas ") && text.contains("6/6"), "a progress bar to 2 cells × 3 seeds: \(text)")
        #expect(text.contains("\r\u{1B}[K"), "the bar is cleared: \(text)")
    }
}

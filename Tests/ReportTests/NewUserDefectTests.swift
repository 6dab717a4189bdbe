import Dispatch
import Foundation
import Glibc
import Plotting
@testable import report
import Testing

/// Defects a new user and a hostile tester found (issue 16, section 2), each checked where it shows:
/// the file a user reads, the status a script sees, a folder that must not hang the tool.
@Suite("issue 16: what a new user trips over")
struct NewUserDefectTests {
    /// A result handed from the thread that computes it to the one that waits, after the semaphore.
    final class Completion<T>: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var value: T?
    }

    // MARK: - 3. sweep.json's finalLossNotFinite

    /// Swift describes a NaN with its sign bit set as "-nan"; the file's contract knows only three words.
    @Test(arguments: zip([-Double.nan, Double.nan, Double.infinity, -Double.infinity], ["nan", "nan", "inf", "-inf"]))
    func notFiniteLossIsOneOfThreeWords(loss: Double, word: String) throws {
        let seed = SweepResult.Seed(seed: 7, finalLoss: loss, predictions: nil, accuracy: 0.5, converged: false, diverged: true)
        let json = try JSONSerialization.jsonObject(with: Data(try jsonFile(seed)))
        let object = try #require(json as? [String: Any])
        #expect(object["finalLossNotFinite"] as? String == word, "\(object)")
        #expect(object["finalLoss"] is NSNull, "\(object)")
    }

}

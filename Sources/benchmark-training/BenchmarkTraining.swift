import ArgumentParser
import Backprop
import Dispatch

/// Times training inside the process, for `scripts/bench`: no process start, no charts.
///
/// Its own executable, so that `report` holds only what users run. Each repetition builds a
/// fresh network from the seed (not timed) and trains it for `--iterations` steps (timed); the
/// best and the median wall time of the repetitions are printed as `best: S s` and `median: S s`
/// lines for the script to read.
@main
struct BenchmarkTraining: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark-training",
        abstract: "Time training in-process: best and median wall time over repetitions."
    )

    /// What a repetition runs.
    enum Mode: String, CaseIterable, ExpressibleByArgument {
        /// `train(iterations:)`: the notebook's loop, every loss kept in a list.
        case losses
        /// `trainReturningLastLoss(iterations:)`: what each seed of `report sweep` runs.
        case lastLoss = "last-loss"
        /// `SeedBatch.trainReturningLastLoss`: what the sweep runs, four seeds (from `--seed` on) to a vector; timed per network.
        case batch
    }

    @Option(parsing: .unconditional, help: "Iterations per run.")
    var iterations = 10_000

    @Option(parsing: .unconditional, help: "Timed runs; the best and the median are reported.")
    var repetitions = 50

    @Option(parsing: .unconditional, help: "The seed for np.random.seed.")
    var seed = 4

    @Option(help: "losses (the notebook's loop, a loss per iteration), last-loss (one seed alone) or batch (the sweep's seeds four to a vector; per network).")
    var mode: Mode = .losses

    @Option(help: "For --mode batch: the compiled copy of the loop, portable or haswell (default: the fastest this processor runs).")
    var kernel: SeedBatch.Kernel = .fastest

    func validate() throws {
        for (flag, value, range) in [("--iterations", iterations, 1...1_000_000_000), ("--repetitions", repetitions, 1...1_000_000),
                                     ("--seed", seed, 0...Int(UInt32.max - 3))] where !range.contains(value) {
            throw ValidationError("\(flag) must be an integer in \(range) (got \(value))")
        }
        if !kernel.isSupported { throw ValidationError("--kernel \(kernel.rawValue): this processor does not run it") }
    }

    func run() throws {
        let parameters = Parameters(seed: UInt32(seed))
        let batch = (0..<UInt32(SeedBatch.lanes)).map { Parameters(seed: UInt32(seed) + $0) }
        var seconds: [Double] = []
        seconds.reserveCapacity(repetitions)
        var lastLoss = 0.0
        for _ in 0..<repetitions {
            let network = Network(parameters: parameters)
            let start = DispatchTime.now().uptimeNanoseconds
            switch mode {
            case .losses: lastLoss = network.train(iterations: iterations).last!
            case .lastLoss: lastLoss = network.trainReturningLastLoss(iterations: iterations)
            case .batch:
                lastLoss = SeedBatch.trainReturningLastLoss(from: batch, data: .xor, learningRate: 0.1, activation: .sigmoid,
                                                            iterations: iterations, kernel: kernel)[0].loss
            }
            let end = DispatchTime.now().uptimeNanoseconds
            seconds.append(Double(end - start) / 1e9 / Double(mode == .batch ? batch.count : 1))
        }
        seconds.sort()
        let median = seconds.count % 2 == 1
            ? seconds[seconds.count / 2]
            : (seconds[seconds.count / 2 - 1] + seconds[seconds.count / 2]) / 2
        print("mode: \(mode.rawValue)\(mode == .batch ? " (\(kernel.rawValue) kernel)" : ""), seed \(seed), \(iterations) iterations, \(repetitions) repetitions")
        print("best: \(seconds[0]) s")
        print("median: \(median) s")
        func nanoseconds(_ s: Double) -> Double { (s / Double(iterations) * 1e10).rounded() / 10 }
        print("per iteration: \(nanoseconds(seconds[0])) ns best, \(nanoseconds(median)) ns median")
        // Printing the result keeps the training from being optimised away, and checks it.
        print("loss: \(lastLoss)")
    }
}
extension SeedBatch.Kernel: ExpressibleByArgument {}

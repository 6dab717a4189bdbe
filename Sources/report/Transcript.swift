import Backprop

/// The lines the notebook prints, formatted as numpy 2 prints them.
enum Transcript {
    static func lines(for run: TrainingRun) -> [String] {
        let parameters = run.final
        let lines = [
            "w1: \(NumpyFormat.array(parameters.w1))",
            "w2: \(NumpyFormat.array(parameters.w2))",
            "b1: \(NumpyFormat.array(parameters.b1))",
            "b2: \(NumpyFormat.array([parameters.b2]))",
            "loss: \(NumpyFormat.scalar(run.finalLoss))",
        ]
        guard run.isGate else {
            let right = Int((run.accuracy * Double(run.data.count)).rounded())
            return lines + ["accuracy: \(right) of \(run.data.count) points predicted right"]
        }
        // The notebook's `for x in X.T: print(f'{x} => ...')` prints integer pairs like `[0 1]`.
        return lines + run.predictions.enumerated().map { "[\(Int(run.data.x0[$0])) \(Int(run.data.x1[$0]))] => \($1)" }
    }
}

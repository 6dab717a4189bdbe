/// `n_h` and the hidden units' activation as the loops (``FourSamples``, ``SeedLanes``) see them: constants,
/// so that a loop is compiled for them and branches on nothing, or run-time values.
protocol HiddenLayer {
    var units: Int { get }
    var activation: Activation { get }
}

extension HiddenLayer {
    /// The notebook's two hidden units, a constant the compiler can unroll.
    var units: Int { 2 }
}

struct NotebookSigmoid: HiddenLayer { var activation: Activation { .sigmoid } }
struct NotebookTanh: HiddenLayer { var activation: Activation { .tanh } }
struct NotebookReLU: HiddenLayer { var activation: Activation { .relu } }

/// Any width and activation, chosen at run time.
struct AnyHiddenLayer: HiddenLayer {
    let units: Int
    let activation: Activation
}

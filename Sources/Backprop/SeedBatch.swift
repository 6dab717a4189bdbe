internal import CPUFeatures
#if canImport(BackpropHaswell)
internal import BackpropHaswell
#endif

/// Trains many networks of one recipe, four to a vector (``SeedLanes``): a sweep's seeds, an atlas cell's.
///
/// Each network ends bit for bit as ``Network/trainReturningLastLoss(iterations:)`` leaves it trained
/// alone, whichever ``Kernel`` runs.
public enum SeedBatch {
    /// The compiled copies of ``SeedLanes``: the same operations, other instructions.
    public enum Kernel: String, CaseIterable, Sendable {
        /// Any x86-64 (or the platform's own SIMD): a vector of four doubles is two SSE2 registers.
        case portable
        /// AVX2 and the rest of x86-64-v3, which Haswell (2013) introduced: four doubles to a register.
        case haswell

        /// Whether this processor runs the kernel.
        public var isSupported: Bool {
            switch self {
            case .portable: true
            case .haswell: Self.haswellSupported
            }
        }

        /// The fewest networks worth a vector: fewer train faster alone. A vector costs about as much as
        /// 1.6 networks alone with this kernel and 2.6 with the portable one (`scripts/bench`: 26 and 44 ns a
        /// network-iteration in a full vector against 67 alone).
        var fewestNetworks: Int {
            switch self {
            case .portable: 3
            case .haswell: 2
            }
        }

        /// The fastest kernel this processor runs.
        public static var fastest: Kernel { haswellSupported ? .haswell : .portable }

        private static let haswellSupported: Bool = {
            #if canImport(BackpropHaswell)
            xorbackprop_runs_haswell_code() != 0
            #else
            false
            #endif
        }()
    }

    /// How many networks a vector trains: a sweep's work divides best in multiples of it.
    public static let lanes = SeedLanes.Lanes.scalarCount

    /// Trains a network from each of `initial` for `iterations` steps on `data`; returns each one's last
    /// loss (before its last update, computed only then) and its final parameters.
    ///
    /// Data of other than four samples goes through ``Network``'s general loop, a network at a time, and so do
    /// the last networks when they are fewer than ``Kernel/fewestNetworks``.
    public static func trainReturningLastLoss(
        from initial: [Parameters], data: Dataset, learningRate: Double, activation: Activation, iterations: Int,
        kernel: Kernel = .fastest
    ) -> [(loss: Double, parameters: Parameters)] {
        precondition(iterations > 0, "a run needs at least one iteration to record a loss")
        precondition(kernel.isSupported, "this processor does not run the \(kernel.rawValue) kernel")
        guard data.count == 4, let hidden = initial.first?.hidden else {
            return trainAlone(initial, data: data, learningRate: learningRate, activation: activation, iterations: iterations)
        }
        precondition(initial.allSatisfy { $0.hidden == hidden }, "a batch shares its hidden width")
        let samples: SeedLanes.Samples = (SIMD4(data.x0), SIMD4(data.x1), SIMD4(data.y))
        var results: [(loss: Double, parameters: Parameters)] = []
        results.reserveCapacity(initial.count)
        var state = [SeedLanes.Lanes](repeating: .zero, count: 4 * hidden + 1)
        for start in stride(from: 0, to: initial.count, by: lanes) {
            guard initial.count - start >= kernel.fewestNetworks else {
                results += trainAlone(initial[start...], data: data, learningRate: learningRate, activation: activation,
                                      iterations: iterations)
                break
            }
            // A short last group repeats its last network in the spare lanes, whose results are dropped.
            let group = (0..<lanes).map { initial[min(start + $0, initial.count - 1)] }
            // Parameters' order, as SeedLanes keeps it: w1, w2, b1, b2.
            let flat = group.map { $0.w1 + $0.w2 + $0.b1 + [$0.b2] }
            for k in state.indices { state[k] = SeedLanes.Lanes(flat.map { $0[k] }) }
            let loss = state.withUnsafeMutableBufferPointer { state in
                train(state.baseAddress!, kernel: kernel, hidden: hidden, activation: activation, samples: samples,
                      learningRate: learningRate, iterations: iterations)
            }
            for lane in 0..<min(lanes, initial.count - start) {
                func values(_ range: Range<Int>) -> [Double] { range.map { state[$0][lane] } }
                let parameters = Parameters(hidden: hidden, w1: values(0..<2 * hidden), w2: values(2 * hidden..<3 * hidden),
                                            b1: values(3 * hidden..<4 * hidden), b2: state[4 * hidden][lane])
                results.append((loss[lane], parameters))
            }
        }
        return results
    }

    /// Each network by itself, through ``Network``.
    private static func trainAlone(
        _ initial: some Collection<Parameters>, data: Dataset, learningRate: Double, activation: Activation, iterations: Int
    ) -> [(loss: Double, parameters: Parameters)] {
        initial.map { parameters in
            let network = Network(parameters: parameters, data: data, learningRate: learningRate, activation: activation)
            let loss = network.trainReturningLastLoss(iterations: iterations)
            return (loss, network.parameters)
        }
    }

    private static func train(
        _ state: UnsafeMutablePointer<SeedLanes.Lanes>, kernel: Kernel, hidden: Int, activation: Activation,
        samples: SeedLanes.Samples, learningRate: Double, iterations: Int
    ) -> SeedLanes.Lanes {
        switch kernel {
        case .portable:
            return SeedLanes.train(state, hidden: hidden, activation: activation.rawValue, samples: samples,
                                   learningRate: learningRate, iterations: iterations)
        case .haswell:
            #if canImport(BackpropHaswell)
            return BackpropHaswell.SeedLanes.train(state, hidden: hidden, activation: activation.rawValue, samples: samples,
                                                   learningRate: learningRate, iterations: iterations)
            #else
            preconditionFailure("no haswell kernel on this platform")
            #endif
        }
    }
}

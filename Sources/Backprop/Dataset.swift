/// Labelled two-dimensional points: the notebook's `X` (2×m) and `y` (1×m).
public struct Dataset: Equatable, Sendable {
    /// The rows of `X` (every sample's first and second coordinate) and the labels, 0 or 1.
    public let x0, x1, y: [Double]

    /// The number of samples, the notebook's `m`.
    public var count: Int { y.count }

    /// Creates a dataset from columns of equal, non-zero length.
    public init(x0: [Double], x1: [Double], y: [Double]) {
        precondition(!y.isEmpty, "a dataset needs at least one sample")
        precondition(x0.count == y.count && x1.count == y.count, "every column needs one value per sample")
        self.x0 = x0
        self.x1 = x1
        self.y = y
    }

    /// The four corners of the unit square labelled by a two-input logic gate.
    public init(gate: Gate) {
        // The notebook's column order: X = [[0,0,1,1],[0,1,0,1]].
        let x0: [Double] = [0, 0, 1, 1]
        let x1: [Double] = [0, 1, 0, 1]
        let y = zip(x0, x1).map { gate.output($0 != 0, $1 != 0) ? 1.0 : 0.0 }
        self.init(x0: x0, x1: x1, y: y)
    }

    /// The notebook's data set.
    public static let xor = Dataset(gate: .xor)
}

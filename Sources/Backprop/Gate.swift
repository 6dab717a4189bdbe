/// A two-input logic gate, whose truth table is a four-point training set.
public enum Gate: String, CaseIterable, Sendable {
    case xor, and, or, nand, nor, xnor

    /// The gate's output for two inputs.
    public func output(_ a: Bool, _ b: Bool) -> Bool {
        switch self {
        case .xor: return a != b
        case .and: return a && b
        case .or: return a || b
        case .nand: return !(a && b)
        case .nor: return !(a || b)
        case .xnor: return a == b
        }
    }
}

import FoundationEssentials
import Plotting

/// What the flags whose values are not a plain integer range accept, for their usage errors;
/// and a canvas Cairo refused, told in terms of the flags.
enum FlagRanges {
    static let learningRate = "a number in (0, 1e6]"
    static let scale = "a number in 0.25...8"
    static let gridStep = "a number in 0.01...0.5"
    static let size = "WIDTHxHEIGHT with each in 100...10000, like 640x480"
    static let output = "a folder path"

    /// A canvas Cairo cannot allocate (a side over 32767 pixels), which only rendering finds out,
    /// told in terms of the flags.
    static func canvasSizeMessage(for error: Error) -> String? {
        guard case let PlottingError.invalidSize(width, height, scale) = error else { return nil }
        return "--size \(width)x\(height) at --scale \(scale) needs a canvas of "
            + "\(Int(Double(width) * scale))×\(Int(Double(height) * scale)) pixels; "
            + OutputOptions.canvasLimits
    }
}

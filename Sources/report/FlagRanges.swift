import FoundationEssentials
import Plotting

/// What each numeric or free-form flag accepts, to complete the parser's own messages, which
/// name the flag and the value but not the range ("The value 'ten' is invalid for '--iterations'").
enum FlagRanges {
    static let learningRate = "a number in (0, 1e6]"
    static let scale = "a number in 0.25...8"
    static let gridStep = "a number in 0.01...0.5"
    static let size = "WIDTHxHEIGHT with each in 100...10000, like 640x480"
    static let snapshots = "a list of 1 to \(Run.snapshotLimit) epochs within the run, like 0,100,1000"
    static let output = "a folder path"

    static func allowed(for flag: String) -> String? {
        switch flag {
        case "--seed": return "an integer in \(TrainingOptions.seedRange)"
        case "--iterations": return "an integer in \(TrainingOptions.iterationRange)"
        case "--skip-draws": return "an integer in \(TrainingOptions.skipRange)"
        case "--hidden": return "an integer in \(TrainingOptions.hiddenRange)"
        case "--learning-rate": return learningRate
        case "--scale": return scale
        case "--grid-step": return gridStep
        case "--size": return size
        case "--seeds": return SeedList.allowed
        case "--snapshots": return snapshots
        case "--output", "--diff": return output
        case "--tolerance": return CheckOptions.toleranceAllowed
        case "--font": return "a TrueType or OpenType file"
        case "--data": return "a CSV file of x0,x1,label rows"
        case "--title": return "a text"
        default: return nil
        }
    }

    /// A canvas Cairo cannot allocate (a side over 32767 pixels), which only rendering finds out,
    /// told in terms of the flags.
    static func canvasSizeMessage(for error: Error) -> String? {
        guard case let PlottingError.invalidSize(width, height, scale) = error else { return nil }
        return "--size \(width)x\(height) at --scale \(scale) needs a canvas of "
            + "\(Int(Double(width) * scale))×\(Int(Double(height) * scale)) pixels; "
            + OutputOptions.canvasLimits
    }

    /// The parser's message for a bad or missing value as one line that also names the allowed values.
    ///
    /// The parser spreads some messages over lines (a list of choices, then its usage text);
    /// CI logs want one line, so the choices are joined and the usage text is dropped.
    static func oneLine(_ message: String, arguments: [String] = CommandLine.arguments) -> String {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingSpaces
        }
        guard var line = lines.first(where: { !$0.isEmpty }) else { return message }
        if line.hasSuffix(":"), let start = lines.firstIndex(of: line) {
            // "Please provide one of the following:" and a bulleted list of choices.
            let choices = lines[(start + 1)...].prefix { $0.hasPrefix("- ") }.map { "'\($0.dropFirst(2))'" }
            if !choices.isEmpty { line = line + " " + choices.joined(separator: ", ") + "." }
        }
        if line.hasPrefix("The value '"), let flag = flag(after: "' is invalid for '", in: line), let allowed = allowed(for: flag) {
            return "\(line) (\(flag) must be \(allowed))"
        }
        if line.hasPrefix("Missing value for '"), let flag = flag(after: "Missing value for '", in: line) {
            // A value that starts with '-' reads as a flag unless it is attached with '='.
            if let index = arguments.firstIndex(of: flag), index + 1 < arguments.count, arguments[index + 1].hasPrefix("-") {
                let value = arguments[index + 1]
                return "\(line) (got '\(value)', which reads as a flag: write \(flag)=\(value))"
            }
            if let allowed = allowed(for: flag) { return "\(line) (\(flag) must be \(allowed))" }
        }
        return line
    }

    /// The `--flag` of `'--flag <flag>'` right after `marker` in a parser message.
    private static func flag(after marker: String, in line: String) -> String? {
        guard let range = line.firstRange(of: marker) else { return nil }
        let flag = line[range.upperBound...].prefix { $0 != " " && $0 != "'" }
        return flag.hasPrefix("--") ? String(flag) : nil
    }
}

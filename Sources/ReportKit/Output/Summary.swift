import Backprop
import FoundationEssentials

/// `summary.json`: what a run was asked to do and what it found, with stable keys and no timestamps.
struct Summary: Encodable {
    struct Weights: Encodable {
        let w1, w2, b1: [Double]
        let b2: Double
    }
    struct Checkpoint: Encodable {
        let iteration: Int
        let loss: Double
    }

    let configuration: ConfigurationRecord
    let final: Weights
    let lossCheckpoints: [Checkpoint]
    let finalLoss, accuracy: Double
    let predictions: [Int]
    let files: [String]
    /// `--animate`'s frames, or `null`.
    @Nullable var animation: AnimationSummary?
    /// `--trace`'s iteration, or `null`.
    @Nullable var trace: TraceSummary?
    /// `--network`'s picture, or `null`.
    @Nullable var network: String?
    /// Each image's description by file name, as the image carries it and report.md shows it.
    let descriptions: [String: String]

    /// What trace.json holds.
    struct TraceSummary: Encodable {
        let file: String
        let epoch: Int
        /// The training point the graph follows.
        let sample: Int
        let maxRelativeError: Double
        /// The parameter with the largest relative error, for the words of a failed check.
        let worst: String?
        let passes: Bool
    }

    /// What training.png shows.
    struct AnimationSummary: Encodable {
        let file: String
        /// The epoch of each frame, the last one the trained network.
        let epochs: [Int]
        /// How long each frame shows, the last one included.
        let milliseconds: [Int]
    }

    init(run: TrainingRun, files: [String], animation: AnimationSummary? = nil, trace: TraceSummary? = nil,
         network: String? = nil, descriptions: [String: String] = [:]) {
        self.descriptions = descriptions
        configuration = ConfigurationRecord(run.recipe.training, hyperparameters: run.recipe.hyperparameters, seed: run.seed)
        final = Weights(w1: run.final.w1, w2: run.final.w2, b1: run.final.b1, b2: run.final.b2)
        lossCheckpoints = run.checkpoints.map { Checkpoint(iteration: $0.iteration, loss: $0.loss) }
        finalLoss = run.finalLoss
        predictions = run.predictions
        accuracy = run.accuracy
        self.files = files
        self.animation = animation
        self.trace = trace
        self.network = network
    }

    /// `report.md`: the transcript and the images, ready to include in docs.
    static func markdown(run: TrainingRun, transcript: [String], images: [OutputFile], trace: TraceSummary? = nil,
                         network picture: String? = nil, page: String? = nil) -> [UInt8] {
        let description = sentence(run, data: { inlineCode($0) })
        // Markdown renderers show PNG and SVG inline; a PDF can only be linked.
        let links = Self.imageLinks(images)
        let traced: [String] = trace.map { trace -> [String] in
            ["", "The arrays after the transcript are the notebook's iteration \(trace.epoch), from the parameters after "
                + "\(trace.epoch) updates; [\(trace.file)](\(trace.file)) holds them in numpy's shapes. "
                + (trace.passes
                    ? "Backprop's gradients agree with central differences of the summed loss to a relative error of "
                        + NumpyFormat.printf("%.1e", trace.maxRelativeError) + "."
                    : "Backprop's gradients DISAGREE with central differences of the summed loss: a relative error of "
                        + NumpyFormat.printf("%.2g", trace.maxRelativeError) + " at \(trace.worst ?? "a parameter")"
                        + " (a relu unit at its kink, where the loss has no derivative, does this).")]
        } ?? []
        var drawn: [String] = []
        if let picture {
            drawn = ["", "\(picture) draws the network: each unit a map of its value over the input square, each weight an "
                + "edge coloured by its sign and as wide as its size, each bias beside its unit."]
        }
        let linked = page.map { ["", "[\($0)](\($0)) shows every view of the run in one page, with a slider over its epochs."] } ?? []
        let head: [String] = ["# XORBackprop report", "", description] + traced + drawn + linked
        let lines: [String] = head + ["", "```"] + transcript + ["```", ""] + links
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// What was trained, in one sentence; `data` shows a `--data` path in the document's own syntax.
    static func sentence(_ run: TrainingRun, data shown: (String) -> String) -> String {
        let training = run.recipe.training
        let data: String
        switch training.points {
        case let .gate(gate): data = gate.rawValue.uppercased()
        case let .file(path): data = shown(path)
        }
        let network = "A 2-\(run.recipe.hidden)-1 network (\(training.activation.rawValue) hidden layer, sigmoid output)"
        let skipped = training.skipDraws.value > 0 ? " after \(training.skipDraws) skipped draws" : ""
        return "\(network) trained on \(data) by full-batch gradient descent: seed \(run.seed), "
            + "\(training.initialization.rawValue) initial weights\(skipped), learning rate \(run.recipe.learningRate), "
            + "\(training.iterations) iterations."
    }

    /// Each image as a Markdown image (a PDF as a link); an image with a NAME-dark twin as a `<picture>` that
    /// shows the dark file to a reader whose system prefers dark and the light one otherwise.
    static func imageLinks(_ images: [OutputFile]) -> [String] {
        images.filter { $0.variant == .light }.map { image in
            if image.kind == .image(.pdf) {
                let dark = images.first { $0.variant == .dark && $0.stem == image.stem && $0.kind == image.kind }
                return "[\(image.name)](\(image.name))" + (dark.map { " ([dark](\($0.name)))" } ?? "")
            }
            let alt = image.description ?? image.name
            guard let dark = images.first(where: { $0.variant == .dark && $0.stem == image.stem && $0.kind == image.kind }) else {
                return "![\(altText(alt))](\(image.name))"
            }
            return "<picture><source media=\"(prefers-color-scheme: dark)\" srcset=\"\(dark.name)\">"
                + "<img src=\"\(image.name)\" alt=\"\(htmlAttribute(alt))\"></picture>"
        }
    }

    /// `text` as an HTML attribute value on one line: `&`, `"`, `<` and `>` escaped, line breaks as spaces.
    static func htmlAttribute(_ text: String) -> String {
        htmlText(String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 }))
    }

    /// `text` as HTML text or a double-quoted attribute value: `&`, `"`, `<` and `>` escaped, so that no text of a
    /// user's (a title, a path) can open a tag or end an attribute.
    static func htmlText(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }

    /// `text` as a Markdown image's alt text on one line: brackets and backslashes escaped, so that the
    /// text ends where the alt text ends, and line breaks as spaces, so that the image stays one line.
    static func altText(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\", "[", "]": out += "\\\(character)"
            case _ where character.isNewline: out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// `text` as one Markdown code span that shows it whole: a path is the user's, and a line break in it
    /// would end the span and start a heading or a link of their making. Control characters (and the
    /// Unicode line and paragraph separators) are shown escaped, as `--data` messages show them; the fence
    /// is one backtick longer than any run of backticks inside, padded with a space where the text starts
    /// or ends with one (CommonMark strips that space again).
    static func inlineCode(_ text: String) -> String {
        let shown = escapingControlCharacters(text)
        var longest = 0, run = 0
        for character in shown {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = shown.hasPrefix("`") || shown.hasSuffix("`") || (shown.hasPrefix(" ") && shown.hasSuffix(" ")) ? " " : ""
        return fence + pad + shown + pad + fence
    }
}

/// `value` as a JSON file, sorted keys and no dates making it identical for identical runs. A non-finite
/// number throws (a diverged run writes no summary; a sweep records it as `null` with the reason beside it).
func jsonFile(_ value: some Encodable) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(value)) + [UInt8(ascii: "\n")]
}

/// An optional that JSON shows as `null` when absent, where the synthesised encoding would leave its key out.
@propertyWrapper
struct Nullable<Value: Encodable>: Encodable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension Nullable: Sendable where Value: Sendable {}
extension Nullable: Equatable where Value: Equatable {}

extension Nullable: Decodable where Value: Decodable {
    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }
}

/// The lines the notebook prints, formatted as numpy 2 prints them.
enum Transcript {
    static func lines(for run: TrainingRun) -> [String] {
        let arrays = [("w1", run.final.w1), ("w2", run.final.w2), ("b1", run.final.b1), ("b2", [run.final.b2])]
        let lines = arrays.map { "\($0): \(NumpyFormat.array($1))" } + ["loss: \(NumpyFormat.scalar(run.finalLoss))"]
        guard run.isGate else {
            let right = Int((run.accuracy * Double(run.data.count)).rounded())
            return lines + ["accuracy: \(right) of \(run.data.count) points predicted right"]
        }
        // The notebook's `for x in X.T: print(f'{x} => ...')` prints integer pairs like `[0 1]`.
        return lines + run.predictions.enumerated().map { "[\(Int(run.data.x0[$0])) \(Int(run.data.x1[$0]))] => \($1)" }
    }
}

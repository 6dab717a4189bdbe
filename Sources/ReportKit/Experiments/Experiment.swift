import Backprop
import Parallel
import Plotting

/// What each command is: settings resolved once, a result computed from them and the data, the files
/// that draw it, and what it says on stdout. ``run(terminal:)`` is the one pipeline all share.
public protocol Experiment: Sendable {
    /// What it reads: the training set, or a merge's results.
    associatedtype Input
    associatedtype Outcome
    /// The files this command may write, whatever its flags: those it does not draw this time are an earlier
    /// run's, and go.
    static var stems: [FileStem] { get }
    /// Whether it draws charts, and so needs the font; a part of a sweep draws none.
    static var draws: Bool { get }
    var charts: ChartSettings { get }
    var delivery: DeliverySettings { get }
    /// Read before anything else, so that a bad file leaves not even an empty folder behind.
    func input() throws -> Input
    func compute(on input: Input, terminal: Terminal) throws -> Outcome
    func files(for outcome: Outcome) throws -> [OutputFile]
    /// The answer on stdout, line by line; `--check` prints its verdicts instead.
    func answer(for outcome: Outcome) -> [String]
    /// What the user should know though nothing failed.
    func warnings(for outcome: Outcome) -> [String]
}

extension Experiment {
    public static var draws: Bool { true }
    public func warnings(for outcome: Outcome) -> [String] { [] }

    /// Runs with the process's stdout and stderr, quiet as ``DeliverySettings/quiet`` says.
    public func run() throws { try run(terminal: .process(quiet: delivery.quiet)) }

    /// Computes, then writes (or checks) every file, then prints the answer.
    public func run(terminal: Terminal) throws {
        let input = try input()
        if Self.draws { try ChartFont.load(charts.font, title: charts.titleText, terminal: terminal) }
        let delivery = Delivery(settings: delivery, terminal: terminal)
        try delivery.prepare()
        let outcome = try compute(on: input, terminal: terminal)
        if !self.delivery.check { warnings(for: outcome).forEach(terminal.warn) }
        let files = try files(for: outcome)
        let drawn = Set(files.map(\.name))
        try delivery.deliver(files, leftovers: Self.stems.flatMap(\.possibleNames).filter { !drawn.contains($0) })
        // One write, so that the answer reaches a pipe whole.
        if !self.delivery.check { try terminal.print(answer(for: outcome).joined(separator: "\n")) }
    }

    /// `figure` as this command's image files, one per `--theme` (NAME, and NAME-dark with `both`), each carrying
    /// `description` and the `--title`; `figure` is built under each theme's ``Palette``.
    func image(_ stem: FileStem, on settings: RenderSettings? = nil, description: String,
               _ figure: @Sendable () -> Figure) throws -> [OutputFile] {
        let charts = charts
        @Sendable func draw(_ rendering: (variant: OutputVariant, theme: Theme)) throws -> OutputFile {
            var canvas = settings ?? charts.renderSettings
            canvas.metadata = charts.metadata(description: description)
            canvas.theme = rendering.theme
            let drawn = Palette.$current.withValue(.of(rendering.theme)) { figure() }
            return OutputFile(stem, kind: .image(charts.format), bytes: try drawn.render(canvas),
                              description: description, variant: rendering.variant)
        }
        let renderings = charts.theme.renderings
        guard let first = renderings.first, renderings.count > 1 else { return try renderings.map(draw) }
        // `--theme both`: the other themes' images drawn beside the first's.
        let (others, drawn) = try ParallelMap.concurrently({ try renderings.dropFirst().map(draw) }) { try draw(first) }
        return [drawn] + others
    }
}

extension PlottingError: ReportError {
    public var status: ExitStatus {
        switch self {
        case .invalidSize: return .usage
        case .cairo, .invalidImage: return .software
        }
    }
}

import ArgumentParser
import ReportKit

/// `report merge`: the part files of `report sweep --shard K/N` or `report atlas --shard K/N`, joined into the
/// files one machine's run writes.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the parts that sweep or atlas --shard K/N wrote into sweep.json and sweep.png (or atlas.json and atlas.png), as one machine writes them.")

    @Argument(help: ArgumentHelp("Folders holding the part files (NAME.part-K-of-N.json), or part files; every part of one run, each once.",
                                 valueName: "part-folder"), completion: .directory)
    var parts: [String]

    @OptionGroup(title: "Charts") var charts: ChartFlags
    @Flag(help: "Also write sweep.html (or atlas.html), as report sweep --html (or report atlas --html) does.")
    var html = false

    @OptionGroup(title: "Output") var output: OutputFlags

    func run() throws {
        try Parts.merge(parts, charts: try charts.settings(), html: html, delivery: try output.settings()).run()
    }
}

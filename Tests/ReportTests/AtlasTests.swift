import Backprop
import Foundation
@testable import ReportKit
import Testing

/// `report atlas` in-process on a small grid; each cell is a sweep, so the sweep's own checks against numpy carry over.
@Suite("report atlas")
struct AtlasTests {
    static func smallAtlas() throws -> (experiment: AtlasExperiment, result: AtlasResult) {
        let experiment = try AtlasExperiment(seeds: Seeds(0..<6), training: TrainingSettings(iterations: 400),
                                             learningRates: FlagList([0.3, 3]), hidden: FlagList([1, 3]),
                                             charts: try ChartSettings(), delivery: try DeliverySettings())
        return (experiment, try experiment.compute(on: try experiment.input(), terminal: InProcess.silent))
    }

    @Test("each cell equals report sweep with its learning rate and width, seed by seed")
    func cellsAreSweeps() throws {
        let (_, result) = try Self.smallAtlas()
        #expect(result.cells.map(\.learningRate) == [0.3, 3, 0.3, 3])
        #expect(result.cells.map(\.hidden) == [1, 1, 3, 3])
        for cell in result.cells {
            let spec = RunSpec(iterations: 400, learningRate: LearningRate(cell.learningRate)!, hidden: HiddenUnits(cell.hidden)!)
            let sweep = try InProcess.sweep(Seeds(0..<6), spec).result
            #expect(cell.seeds.map(\.seed) == sweep.seeds.map(\.seed))
            for (a, b) in zip(cell.seeds, sweep.seeds) {
                #expect(a.finalLoss.bitPattern == b.finalLoss.bitPattern, "lr \(cell.learningRate), hidden \(cell.hidden), seed \(a.seed)")
                #expect(a.predictions == b.predictions && a.converged == b.converged && a.diverged == b.diverged)
            }
        }
    }

    @Test("atlas.json: the grid, and per cell its seeds' verdicts and losses, typed")
    func json() throws {
        let (experiment, result) = try Self.smallAtlas()
        let files = try experiment.files(for: result)
        #expect(files.map(\.name) == ["atlas.png", "atlas.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(files[1].bytes)) as? [String: Any])
        #expect(json["learningRates"] as? [Double] == [0.3, 3])
        #expect(json["hidden"] as? [Int] == [1, 3])
        let configuration = try #require(json["configuration"] as? [String: Any])
        #expect(configuration["learningRate"] is NSNull && configuration["hidden"] is NSNull)
        #expect(configuration["iterations"] as? Int == 400)
        let cells = try #require(json["cells"] as? [[String: Any]])
        #expect(cells.count == 4)
        for (cell, expected) in zip(cells, result.cells) {
            let seeds = try #require(cell["seeds"] as? [[String: Any]])
            #expect(seeds.count == 6)
            #expect(cell["converged"] as? Int == expected.tally.converged)
            #expect(cell["convergenceRate"] as? Double == Double(expected.tally.converged) / 6)
            #expect(seeds.allSatisfy { $0["finalLoss"] is Double && $0["converged"] is Bool })
        }
        // One hidden unit cannot draw XOR's two lines; three can, at a rate that is not too small.
        #expect(result.cells[0].tally.converged == 0 && result.cells[1].tally.converged == 0)
        #expect(result.cells[3].tally.converged > 0)
    }

    @Test("the defaults: a grid of rates a factor of about 3 apart and widths 1 to 8, 100 seeds each")
    func defaults() throws {
        let atlas = try AtlasExperiment(charts: try ChartSettings(), delivery: try DeliverySettings())
        #expect(atlas.learningRates.values.map(\.value) == [0.01, 0.03, 0.1, 0.3, 1, 3, 10])
        #expect(atlas.hidden.values.map(\.value) == [1, 2, 3, 4, 8])
        #expect(atlas.seeds.values == Array(0..<100))
        #expect(atlas.recipes.count == 35)
    }
}

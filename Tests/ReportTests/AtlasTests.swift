import Backprop
import Foundation
@testable import report
import Testing

/// `report atlas` in-process on a small grid; each cell is a sweep, so the sweep's own checks against numpy carry over.
@Suite("report atlas")
struct AtlasTests {
    static let flags = ["--seeds", "0..<6", "--iterations", "400", "--learning-rates", "0.3,3", "--hidden", "1,3"]

    static func atlas(_ arguments: [String]) throws -> (command: Atlas, result: AtlasResult) {
        let command = try #require(try Report.parseAsRoot(["atlas"] + arguments) as? Atlas)
        let grid = try command.grid()
        let result = AtlasResult.train(learningRates: grid.learningRates, hidden: grid.hidden, seeds: grid.seeds,
                                       options: command.training, data: try command.training.dataset(hidden: grid.hidden.max()!))
        return (command, result)
    }

    @Test("each cell equals report sweep with its learning rate and width, seed by seed")
    func cellsAreSweeps() throws {
        let (_, result) = try Self.atlas(Self.flags)
        #expect(result.cells.map(\.learningRate) == [0.3, 3, 0.3, 3])
        #expect(result.cells.map(\.hidden) == [1, 1, 3, 3])
        for cell in result.cells {
            let sweep = try InProcess.sweep(["--seeds", "0..<6", "--iterations", "400", "--learning-rate", "\(cell.learningRate)",
                                             "--hidden", "\(cell.hidden)", "--output", "/nonexistent"]).result
            #expect(cell.seeds.map(\.seed) == sweep.seeds.map(\.seed))
            for (a, b) in zip(cell.seeds, sweep.seeds) {
                #expect(a.finalLoss.bitPattern == b.finalLoss.bitPattern, "lr \(cell.learningRate), hidden \(cell.hidden), seed \(a.seed)")
                #expect(a.predictions == b.predictions && a.converged == b.converged && a.diverged == b.diverged)
            }
        }
    }

    @Test("atlas.json: the grid, and per cell its seeds' verdicts and losses, typed")
    func json() throws {
        let (command, result) = try Self.atlas(Self.flags)
        let files = try OutputFiles(output: command.output).atlasFiles(for: result)
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
            #expect(cell["converged"] as? Int == expected.converged)
            #expect(cell["convergenceRate"] as? Double == Double(expected.converged) / 6)
            #expect(seeds.allSatisfy { $0["finalLoss"] is Double && $0["converged"] is Bool })
        }
        // One hidden unit cannot draw XOR's two lines; three can, at a rate that is not too small.
        #expect(result.cells[0].converged == 0 && result.cells[1].converged == 0)
        #expect(result.cells[3].converged > 0)
    }

    @Test("the defaults: a grid of rates a factor of about 3 apart and widths 1 to 8, 100 seeds each")
    func defaults() throws {
        let command = try #require(try Report.parseAsRoot(["atlas"]) as? Atlas)
        let grid = try command.grid()
        #expect(grid.learningRates == Atlas.defaultLearningRates && grid.hidden == Atlas.defaultHidden)
        #expect(grid.seeds == Array(0..<100))
    }
}

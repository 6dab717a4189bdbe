import Backprop
import Testing

struct TrainingFixture: Decodable, CustomStringConvertible {
    struct Arrays: Decodable {
        let w1, w2, b1, b2: [String]
    }
    struct Checkpoint: Decodable {
        let iteration: Int
        let loss: String
    }
    let seed: UInt32
    let skip: Int
    let hidden: Int
    let learningRate: Double
    let iterations: Int
    let activation: String
    let initialization: String
    let task: String
    let initial: Arrays
    let final: Arrays
    let lossCheckpoints: [Checkpoint]
    let predictions: [Int]

    var description: String {
        "seed \(seed) skip \(skip) n_h \(hidden) lr \(learningRate) \(iterations) it \(activation) \(initialization) \(task)"
    }
}

@Suite("Training against the notebook's numpy code")
struct TrainingTests {
    private static let fixtures: [TrainingFixture] = try! Fixture.load("training")

    private func parameters(_ arrays: TrainingFixture.Arrays, hidden: Int) -> Parameters {
        Parameters(
            hidden: hidden, w1: Fixture.doubles(arrays.w1), w2: Fixture.doubles(arrays.w2),
            b1: Fixture.doubles(arrays.b1), b2: Fixture.doubles(arrays.b2)[0])
    }

    @Test func fixturesCoverTheCasesTheIssueNames() {
        let cases = Self.fixtures
        #expect(cases.count >= 10)
        #expect(cases.contains { $0.seed == 4 && $0.skip == 27 })
        #expect(cases.contains { $0.predictions == [0, 1, 0, 1] }, "a run stuck in a local minimum")
        #expect(Set(cases.map(\.learningRate)).count >= 3)
        #expect(Set(cases.map(\.iterations)).count >= 3)
    }

    @Test(arguments: fixtures)
    func trainingMatchesNumpy(_ fixture: TrainingFixture) throws {
        let initialization = try #require(Initialization(rawValue: fixture.initialization))
        let activation = try #require(Activation(rawValue: fixture.activation))
        let gate = try #require(Gate(rawValue: fixture.task))
        let start = Parameters(seed: fixture.seed, skipDraws: fixture.skip, hidden: fixture.hidden, initialization: initialization)
        #expect(start == parameters(fixture.initial, hidden: fixture.hidden), "initial draws, \(fixture)")

        let network = Network(parameters: start, data: Dataset(gate: gate), learningRate: fixture.learningRate, activation: activation)
        let losses = network.train(iterations: fixture.iterations)
        let expected = parameters(fixture.final, hidden: fixture.hidden)
        let actual = network.parameters
        let pairs = zip(actual.w1 + actual.w2 + actual.b1 + [actual.b2], expected.w1 + expected.w2 + expected.b1 + [expected.b2])
        for (a, e) in pairs {
            #expect(closeEnough(a, e, relative: 1e-12), "final parameter \(a) vs numpy \(e), \(fixture)")
        }
        for checkpoint in fixture.lossCheckpoints {
            let numpy = Fixture.doubles([checkpoint.loss])[0]
            #expect(closeEnough(losses[checkpoint.iteration], numpy, relative: 1e-12), "loss at \(checkpoint.iteration), \(fixture)")
        }
        let points: [(Double, Double)] = [(0, 0), (0, 1), (1, 0), (1, 1)]
        #expect(points.map { actual.predict($0.0, $0.1, activation: activation) } == fixture.predictions, "\(fixture)")
    }

    @Test func notebooksPrintedRunIsReproduced() {
        let network = Network(parameters: Parameters(seed: 4, skipDraws: 27))
        let losses = network.train(iterations: 10_000)
        #expect(closeEnough(losses.last!, 0.0027791323813310333, relative: 1e-12))
        #expect(losses.count == 10_000)
    }

    @Test func lossIsRecordedBeforeEachUpdate() {
        let start = Parameters(seed: 4)
        let network = Network(parameters: start)
        let firstLoss = network.step()
        #expect(firstLoss == Network(parameters: start).lossAndGradients().loss)
        #expect(network.parameters != start)
    }
}

import Backprop
import Testing

/// One array or scalar as `scripts/fixtures/format.py` recorded it: the doubles' bit patterns and numpy's `str`.
struct FormatCase: Decodable {
    let bits: [String]
    let text: String
}

struct ScalarFormatCase: Decodable {
    let bits: String
    let text: String
}

struct FormatFixture: Decodable {
    let arrays: [FormatCase]
    let scalars: [ScalarFormatCase]
}

@Suite("NumpyFormat against numpy's str()")
struct NumpyFormatTests {
    let fixture: FormatFixture = try! Fixture.load("format")

    @Test func arraysMatchNumpyCharacterForCharacter() {
        #expect(fixture.arrays.count >= 500)
        for testCase in fixture.arrays {
            let values = Fixture.doubles(testCase.bits)
            let printed = NumpyFormat.array(values)
            // A short input is easier to reproduce in Python than its bit patterns.
            let input = values.count <= 40 ? "\(values)" : "\(values.count) values starting \(values.prefix(6))"
            #expect(printed == testCase.text, "np.array(\(input)), bits \(testCase.bits.prefix(40))")
        }
    }

    @Test func scalarsMatchNumpyCharacterForCharacter() {
        #expect(fixture.scalars.count >= 300)
        for testCase in fixture.scalars {
            let value = Fixture.doubles([testCase.bits])[0]
            #expect(NumpyFormat.scalar(value) == testCase.text, "np.float64(\(value)), bits \(testCase.bits)")
        }
    }

    @Test func notebookTranscript() {
        #expect("w1: " + NumpyFormat.array([7.45239535, 7.4485394, 5.67564407, 5.67490743]) == "w1: [7.45239535 7.4485394  5.67564407 5.67490743]")
        #expect("w2: " + NumpyFormat.array([12.98812417, -13.76741383]) == "w2: [ 12.98812417 -13.76741383]")
        #expect("b2: " + NumpyFormat.array([-6.09160319]) == "b2: [-6.09160319]")
        #expect("loss: " + NumpyFormat.scalar(0.0026961313614018967) == "loss: 0.0026961313614018967")
    }

    @Test func readableEdgeCases() {
        #expect(NumpyFormat.array([]) == "[]")
        #expect(NumpyFormat.array([1, 2.5]) == "[1.  2.5]")
        #expect(NumpyFormat.array([1e-5, 1e10]) == "[1.e-05 1.e+10]")
        #expect(NumpyFormat.array([1.5e-5, -2]) == "[ 1.5e-05 -2.0e+00]")
        #expect(NumpyFormat.array([-0.0, 0]) == "[-0.  0.]")
        #expect(NumpyFormat.array([.nan, -.infinity]) == "[ nan -inf]")
        #expect(NumpyFormat.array([0x1p-9]) == "[0.00195312]", "an exact tie at the 8th digit rounds half to even")
        #expect(NumpyFormat.array([.leastNonzeroMagnitude, 1.5e-5]) == "[4.9e-324 1.5e-005]", "subnormals show their true digits")
        #expect(NumpyFormat.scalar(1e-5) == "1e-05")
        #expect(NumpyFormat.scalar(1.5e16) == "1.5e+16")
        #expect(NumpyFormat.scalar(-0.0) == "-0.0")
        #expect(NumpyFormat.scalar(1e15) == "1000000000000000.0")
    }

    @Test func longArraysAreSummarisedAndWrapped() {
        let printed = NumpyFormat.array((0..<1001).map(Double.init))
        #expect(printed == "[   0.    1.    2. ...  998.  999. 1000.]")
        let wrapped = NumpyFormat.array(Array(repeating: 0.12345678, count: 7))
        #expect(wrapped == "[0.12345678 0.12345678 0.12345678 0.12345678 0.12345678 0.12345678\n 0.12345678]")
    }
}

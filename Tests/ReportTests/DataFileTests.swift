import Backprop
import Foundation
@testable import ReportKit
import Testing

/// `DataFile.load` on good files: the forms a CSV takes, and streaming across chunk boundaries.
@Suite("--data files are read as written")
struct DataFileTests {
    static func load(_ text: String, hidden: Int = 2) throws -> Dataset {
        try load(bytes: Array(text.utf8), hidden: hidden)
    }

    static func load(bytes: [UInt8], hidden: Int = 2) throws -> Dataset {
        let folder = try ReportProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("data.csv")
        try Data(bytes).write(to: file)
        return try DataFile.load(file.path, hidden: hidden)
    }

    @Test func plainRows() throws {
        let data = try Self.load("0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
        #expect(data == Dataset(gate: .xor))
    }

    @Test func headerBlankLinesSpacesCRLFAndAByteOrderMark() throws {
        let text = "\u{FEFF}x0 , x1 , label\r\n\r\n 0 ,0, 0\r\n0,\t1,1\r\n\n1,0,1.0\r\n1e0,1,0.0"
        let data = try Self.load(text)
        #expect(data == Dataset(gate: .xor))
    }

    @Test func aHeaderIsOnlyAFirstLineWithNoNumber() throws {
        // A typo in the first row is an error, not a header silently dropped.
        #expect(throws: DataFile.Problem.self) { try Self.load("a,1,0\n0,1,1\n") }
        #expect(throws: DataFile.Problem.self) { try Self.load("0,0,0\nx0,x1,label\n1,1,1\n") }
    }

    @Test func linesAcrossReadChunksAreJoined() throws {
        // Just over 1 MiB: the first read chunk ends inside a row, which must be joined with the
        // rest of it from the next chunk. One boundary proves the joining as well as several did
        // (2.7 MB before); a debug build parses about a megabyte a second.
        let chunk = 1 << 20
        var text = "x0,x1,label\n"
        var expected: (x0: [Double], x1: [Double], y: [Double]) = ([], [], [])
        var row = 0
        while text.utf8.count < chunk + 4096 {
            let x0 = Double(row) / 7, x1 = -Double(row % 1000) * 0.125
            text += "\(x0),\(x1),\(row % 2)\n"
            expected.x0.append(x0)
            expected.x1.append(x1)
            expected.y.append(Double(row % 2))
            row += 1
        }
        let bytes = Array(text.utf8)
        #expect(bytes[chunk - 1] != UInt8(ascii: "\n") && bytes[chunk] != UInt8(ascii: "\n"), "a row straddles the chunk boundary")
        let data = try Self.load(bytes: bytes)
        #expect(data.count == row)
        #expect(data == Dataset(x0: expected.x0, x1: expected.x1, y: expected.y))
    }

    @Test func theRowLimitDependsOnTheHiddenWidth() throws {
        #expect(DataFile.rowLimit(hidden: 2) == DataFile.rowLimit)
        #expect(DataFile.rowLimit(hidden: 256) == 65_536)
        let rows = (0..<65_537).map { "\($0 % 3),\($0 % 5),\($0 % 2)" }.joined(separator: "\n")
        #expect(try Self.load(rows, hidden: 255).count == 65_537)
        let error = try #require(throws: DataFile.Problem.self) { try Self.load(rows, hidden: 256) }
        #expect(error.line == 65_537)
    }

    @Test func problemsNameTheLine() throws {
        let cases: [(String, Int?)] = [
            ("0,0,0\n1,1,1\n\n1,2\n", 4),
            ("0,0,0\r\n1,1,1\r\n1,x,1\r\n", 3),
            ("x0,x1,label\n0,0,0\n0,0,0\n", nil),  // one class: the whole file
        ]
        for (text, line) in cases {
            let error = try #require(throws: DataFile.Problem.self) { try Self.load(text) }
            #expect(error.line == line, "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }
}

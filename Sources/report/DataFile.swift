import Backprop
import Foundation

/// A user's labelled points, read from a CSV file of `x0,x1,label` rows.
///
/// The file is streamed in chunks, so its size costs only the parsed columns; an optional
/// header line is recognised by its first field not being a number.
enum DataFile {
    /// The most rows a file may hold; past it the run would be slower than useful.
    static let rowLimit = 10_000_000

    /// A problem with the file, naming the line where possible.
    struct Problem: Error, CustomStringConvertible {
        let description: String

        init(_ path: String, line: Int? = nil, _ reason: String) {
            description = "--data '\(path)'" + (line.map { " line \($0)" } ?? "") + ": " + reason
        }
    }

    static func load(_ path: String) throws -> Dataset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Problem(path, "no such file")
        }
        guard !isDirectory.boolValue else { throw Problem(path, "is a folder, not a CSV file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Problem(path, "cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { try? handle.close() }

        var x0: [Double] = [], x1: [Double] = [], y: [Double] = []
        var lineNumber = 0
        var pending: [UInt8] = []

        func parse(_ line: ArraySlice<UInt8>) throws {
            lineNumber += 1
            var text = line
            if text.last == UInt8(ascii: "\r") { text = text.dropLast() }
            if text.contains(0) { throw Problem(path, line: lineNumber, "is not text (it holds NUL bytes)") }
            guard let string = String(validating: text, as: UTF8.self) else {
                throw Problem(path, line: lineNumber, "is not UTF-8 text")
            }
            let trimmed = string.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return }
            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 3 else {
                throw Problem(path, line: lineNumber, "has \(fields.count) fields; expected 3 (x0,x1,label)")
            }
            if lineNumber == 1, Double(fields[0]) == nil { return }  // a header
            guard let a = Double(fields[0]), let b = Double(fields[1]) else {
                let bad = Double(fields[0]) == nil ? fields[0] : fields[1]
                throw Problem(path, line: lineNumber, "'\(bad)' is not a number")
            }
            guard a.isFinite, b.isFinite else {
                throw Problem(path, line: lineNumber, "coordinates must be finite (got \(fields[0]), \(fields[1]))")
            }
            guard fields[2] == "0" || fields[2] == "1" else {
                throw Problem(path, line: lineNumber, "the label must be 0 or 1 (got '\(fields[2])')")
            }
            guard y.count < rowLimit else {
                throw Problem(path, line: lineNumber, "more than \(rowLimit) rows; the limit keeps runs and memory bounded")
            }
            x0.append(a)
            x1.append(b)
            y.append(fields[2] == "1" ? 1 : 0)
        }

        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw Problem(path, "cannot be read: \(error.localizedDescription)")
            }
            if chunk.isEmpty { break }
            pending.append(contentsOf: chunk)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                try parse(pending[start..<newline])
                start = newline + 1
            }
            pending.removeSubrange(..<start)
        }
        if !pending.isEmpty { try parse(pending[...]) }

        guard !y.isEmpty else { throw Problem(path, "holds no data rows") }
        let ones = y.reduce(0, +)
        guard ones > 0, ones < Double(y.count) else {
            throw Problem(path, "every row has label \(Int(y[0])); a classifier needs both 0 and 1")
        }
        return Dataset(x0: x0, x1: x1, y: y)
    }
}

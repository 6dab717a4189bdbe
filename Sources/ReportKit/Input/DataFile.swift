import Backprop
import Glibc

/// A user's labelled points, read from a CSV file of `x0,x1,label` rows, streamed with every limit checked
/// as the rows arrive, so that an endless input (a pipe, a file with no line breaks) fails at the first line
/// past a limit instead of filling memory. A header is the first non-blank line with no number in it;
/// blank lines, a UTF-8 byte-order mark and CRLF line ends are accepted.
enum DataFile {
    /// The most rows a file may hold; past it the run would be slower than useful.
    static let rowLimit = 2_000_000
    /// The most rows × hidden units: the network keeps three such arrays of doubles (400 MB at most).
    static let cellLimit = 1 << 24
    /// The longest line accepted; a longer one is not a row of three numbers.
    static let lineLengthLimit = 4096
    /// The largest coordinate magnitude: beyond it every activation saturates and chart ranges overflow.
    static let coordinateLimit = 1e9

    /// The most rows a file may hold for a network with `hidden` units.
    static func rowLimit(hidden: Int) -> Int { min(rowLimit, cellLimit / max(hidden, 1)) }

    /// Why a file with more rows than ``rowLimit(hidden:)`` is refused for a network with `hidden` units.
    static func tooManyRows(hidden: Int) -> String {
        let limit = rowLimit(hidden: hidden)
        let forHidden = limit == rowLimit ? "" : " for --hidden \(hidden) (rows × hidden units at most \(cellLimit))"
        return "more than \(limit) rows\(forHidden); the limit keeps runs and memory bounded"
    }

    /// A problem with the file, naming the line where possible.
    struct Problem: ReportError {
        let description: String
        let line: Int?
        /// 66 (EX_NOINPUT) for a file that is missing or cannot be read, as for `--font`; 65 for bad contents.
        let status: ExitStatus

        init(_ path: String, line: Int? = nil, _ reason: String, status: ExitStatus = .dataError) {
            self.line = line
            self.status = status
            let name = path == DataFile.standardInput ? "--data - (standard input)" : "--data \(quoted(path))"
            description = name + (line.map { " line \($0)" } ?? "") + ": " + reason
        }
    }

    /// The `--data` that names standard input, as for coreutils.
    static let standardInput = "-"

    /// Reads the file at `path` (standard input for `-`) for a network with `hidden` units, which bound the rows.
    static func load(_ path: String, hidden: Int) throws -> Dataset {
        let descriptor = path == standardInput ? STDIN_FILENO : try openForReading(path)
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var parser = Parser(path: path, rowLimit: rowLimit(hidden: hidden), hidden: hidden)
        if let error = try readAll(descriptor, { try parser.consume($0) }) {
            throw Problem(path, line: parser.lineNumber + 1, "cannot be read: \(systemMessage(error))", status: .noInput)
        }
        guard !parser.sawNothing else { throw Problem(path, "is empty; expected rows of x0,x1,label") }
        return try parser.finish()
    }

    /// Opens `path` for reading after checking that it is a file (or a pipe) and not a folder or device.
    private static func openForReading(_ path: String) throws -> Int32 {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let error = errno
            throw Problem(path, error == ENOENT ? "no such file" : "cannot be read: \(systemMessage(error))", status: .noInput)
        }
        switch info.fileType {
        case S_IFREG, S_IFIFO: break
        case S_IFDIR: throw Problem(path, "is a folder, not a CSV file", status: .noInput)
        case S_IFCHR, S_IFBLK: throw Problem(path, "is a device, not a CSV file", status: .noInput)
        default: throw Problem(path, "is not a regular file", status: .noInput)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Problem(path, "cannot be read: \(systemMessage(errno))", status: .noInput) }
        return descriptor
    }

    /// Splits a byte stream into lines and lines into rows, checking each as it comes.
    private struct Parser {
        let path: String
        let rowLimit, hidden: Int
        var lineNumber = 0
        var pending: [UInt8] = []
        var x0: [Double] = [], x1: [Double] = [], y: [Double] = []
        var sawHeaderOrRow = false
        var firstRowLine = 0, lastRowLine = 0
        var sawNothing: Bool { lineNumber == 0 && pending.isEmpty }

        mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            var start = 0
            while start < bytes.count {
                guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                    // An unfinished line: keep it for the next chunk, within the line limit.
                    try checkLength(pending.count + bytes.count - start)
                    pending.append(contentsOf: bytes[start...])
                    return
                }
                let line = bytes[start..<newline]
                try checkLength(pending.count + line.count)
                if pending.isEmpty {
                    try parse(UnsafeBufferPointer(rebasing: line))
                } else {
                    pending.append(contentsOf: line)
                    try parsePending()
                }
                start = newline + 1
            }
        }

        private mutating func parsePending() throws {
            let line = pending
            pending.removeAll(keepingCapacity: true)
            try line.withUnsafeBufferPointer { try parse($0) }
        }

        mutating func finish() throws -> Dataset {
            if !pending.isEmpty { try parsePending() }
            guard !y.isEmpty else {
                throw Problem(path, sawHeaderOrRow ? "holds a header but no data rows" : "holds no data rows")
            }
            let ones = y.reduce(0, +)
            guard ones > 0, ones < Double(y.count) else {
                let lines = firstRowLine == lastRowLine ? "line \(firstRowLine)" : "lines \(firstRowLine)-\(lastRowLine)"
                let rows = y.count == 1 ? "its one row (\(lines)) has" : "all \(y.count) rows (\(lines)) have"
                throw Problem(path, "\(rows) label \(Int(y[0])); a classifier needs rows of both 0 and 1")
            }
            return Dataset(x0: x0, x1: x1, y: y)
        }

        private func checkLength(_ length: Int) throws {
            guard length <= DataFile.lineLengthLimit else {
                throw Problem(path, line: lineNumber + 1,
                              "is longer than \(DataFile.lineLengthLimit) bytes; expected a row of x0,x1,label (is this a CSV file?)")
            }
        }

        private mutating func parse(_ raw: UnsafeBufferPointer<UInt8>) throws {
            lineNumber += 1
            var bytes = raw[...]
            if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            if bytes.contains(0) { throw problem("is not text (it holds NUL bytes); expected a CSV file of x0,x1,label rows") }
            guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self) else {
                throw problem("is not text (it is not valid UTF-8); expected a CSV file of x0,x1,label rows")
            }
            let fields = text.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimming { $0 == " " || $0 == "\t" }
            }
            if fields.count == 1, fields[0].isEmpty { return }  // a blank line
            guard fields.count == 3 else {
                throw problem("has \(fields.count) field\(fields.count == 1 ? "" : "s"); expected 3 (x0,x1,label)")
            }
            let numbers = fields.map { Double($0) }
            if !sawHeaderOrRow {
                sawHeaderOrRow = true
                if numbers.allSatisfy({ $0 == nil }) { return }  // a header like x0,x1,label
            }
            let names = ["x0", "x1", "label"]
            for (index, number) in numbers.enumerated() where number == nil {
                throw problem("\(names[index]) \(Self.quoted(fields[index])) is not a number")
            }
            // Neither nan nor an infinity is within the limit.
            for index in 0..<2 where !(abs(numbers[index]!) <= DataFile.coordinateLimit) {
                throw problem("\(names[index]) must be a finite number within ±\(FlagText.shown(DataFile.coordinateLimit)) "
                              + "(got \(Self.quoted(fields[index])))")
            }
            let label = numbers[2]!
            guard label == 0 || label == 1 else {
                throw problem("the label must be 0 or 1 (got \(Self.quoted(fields[2])))")
            }
            guard y.count < rowLimit else { throw problem(DataFile.tooManyRows(hidden: hidden)) }
            if y.isEmpty { firstRowLine = lineNumber }
            lastRowLine = lineNumber
            x0.append(numbers[0]!)
            x1.append(numbers[1]!)
            y.append(label)
        }

        private func problem(_ reason: String) -> Problem { Problem(path, line: lineNumber, reason) }

        /// A field as a message shows it: quoted, shortened, so the message stays one readable line.
        static func quoted(_ field: Substring) -> String { ReportKit.quoted(field, limit: 32) }
    }
}

import Backprop
import FoundationEssentials

/// `sweep.part-K-of-N.json` or `atlas.part-K-of-N.json`, what `--shard K/N` writes: the run it is a part of (every
/// flag but the charts'), which part, and its jobs' outcomes with each job's number, in the keys and number
/// format of sweep.json, whose numbers read back to the same bits.
public struct PartFile: Codable, Sendable {
    /// Raised when a change to the keys or their meaning would make another report misread the file.
    static let currentFormat = 1

    let formatVersion: Int
    /// The report that trained the part: parts of other versions may have other numbers for one seed.
    let reportVersion: String
    let run: GridRecord
    /// With `--data`, a digest of the rows as this part read them: each machine reads its own copy of the file.
    @Nullable var dataDigest: String?
    /// K and N of `--shard K/N`.
    let part, parts: Int
    let results: [JobOutcome]

    /// One job's outcome: sweep.json's keys for a seed, and the job's number in the whole run.
    struct JobOutcome: Codable, Sendable {
        let job: Int
        let outcome: SeedOutcome

        enum CodingKeys: String, CodingKey { case job }

        init(job: Int, outcome: SeedOutcome) { (self.job, self.outcome) = (job, outcome) }

        init(from decoder: Decoder) throws {
            job = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .job)
            outcome = try SeedOutcome(from: decoder)
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(job, forKey: .job)
            try outcome.encode(to: encoder)
        }
    }

    init(run: GridRecord, data: Dataset, shard: Shard, jobs: JobSelection, outcomes: [SeedOutcome]) {
        formatVersion = Self.currentFormat
        reportVersion = ReportKit.reportVersion
        self.run = run
        dataDigest = run.configuration.data == nil ? nil : Self.digest(data)
        (part, parts) = (shard.index, shard.count)
        results = zip(jobs, outcomes).map(JobOutcome.init)
    }

    /// A part that cannot be merged, or one that is missing; the message names the file or the part.
    struct Problem: ReportError {
        let description: String
        /// 65 (EX_DATAERR) for a file that is damaged or does not belong, 66 (EX_NOINPUT) for one that is missing.
        let status: ExitStatus

        static func damaged(_ path: String, _ reason: String) -> Problem {
            Problem(description: "\(quoted(path)) is damaged: \(reason)", status: .dataError)
        }
    }

    /// Reads and decodes the part file at `path`: a file of another format version, or one that is not a
    /// part file, is refused before its results are read.
    static func read(_ path: String) throws(Problem) -> PartFile {
        let contents: [UInt8]?
        do {
            contents = try OutputFolder.contents(ofFile: path)
        } catch {
            throw Problem(description: "\(quoted(path)) cannot be read: \(error.reason)", status: .noInput)
        }
        guard let bytes = contents else { throw Problem(description: "\(quoted(path)): no such file or folder", status: .noInput) }
        struct Header: Decodable { let formatVersion: Int }
        let decoder = JSONDecoder()
        do {
            let format = try decoder.decode(Header.self, from: Data(bytes)).formatVersion
            guard format == currentFormat else {
                throw Problem(description: "\(quoted(path)) is a part file of format \(format); report \(ReportKit.reportVersion) "
                    + "reads format \(currentFormat): merge with the report that wrote it", status: .dataError)
            }
            let part = try decoder.decode(PartFile.self, from: Data(bytes))
            guard Shard.countRange.contains(part.parts), (1...part.parts).contains(part.part) else {
                throw Problem.damaged(path, "its part \(part.part) of \(part.parts) is not a --shard K/N")
            }
            return part
        } catch let problem as Problem {
            throw problem
        } catch let error as DecodingError {
            throw Problem.damaged(path, Self.reason(error))
        } catch {
            throw Problem.damaged(path, escapingControlCharacters("\(error)"))
        }
    }

    /// What is wrong with the file in a few words, on one line: that it is not JSON, or which key is missing
    /// or holds what.
    static func reason(_ error: DecodingError) -> String {
        func at(_ path: [CodingKey]) -> String {
            path.isEmpty ? "" : " at " + path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        func sentence(_ context: DecodingError.Context) -> String {
            let text = context.debugDescription
            return escapingControlCharacters(text.prefix(1).lowercased() + text.dropFirst().trimming { $0 == "." }) + at(context.codingPath)
        }
        switch error {
        case let .dataCorrupted(context) where context.codingPath.isEmpty: return "it is not valid JSON (cut short, or not a part file)"
        case let .typeMismatch(_, context) where context.codingPath.isEmpty: return "it is not a part file (a JSON object)"
        case let .keyNotFound(key, context): return "it has no key \(quoted(key.stringValue))\(at(context.codingPath))"
        case let .dataCorrupted(context), let .typeMismatch(_, context), let .valueNotFound(_, context): return sentence(context)
        @unknown default: return escapingControlCharacters("\(error)")
        }
    }

    /// The first setting in which this part and `other` are of different runs, as the flag and each one's value.
    func difference(from other: PartFile) -> (flag: String, mine: String, theirs: String)? {
        let mine = settings, theirs = other.settings
        return zip(mine, theirs).first { $0.value != $1.value }.map { ($0.flag, $0.value, $1.value) }
    }

    private var settings: [(flag: String, value: String)] {
        [("report version", reportVersion)] + run.settings
            + [("the --data rows' digest", dataDigest ?? "null"), ("--shard", "K/\(parts)")]
    }

    /// 64-bit FNV-1a over every coordinate's and label's bits, row by row, in hexadecimal: two copies of a data
    /// file that a merge may join are the same rows.
    static func digest(_ data: Dataset) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for row in 0..<data.count {
            for value in [data.x0[row], data.x1[row], data.y[row]] {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes in
                    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
                }
            }
        }
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}

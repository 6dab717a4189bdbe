import ArgumentParser

/// A flag whose value is outside its allowed range: one line, naming the flag, the value and the range.
///
/// It is the parser's `ValidationError`, so that the parser reports it with EX_USAGE.
func UsageError(flag: String, value: String, allowed: String) -> ValidationError {
    ValidationError("\(flag) must be \(allowed) (got \(value.isEmpty ? "''" : value))")
}

/// Process exit statuses from BSD's sysexits.h, which batch tools and CI scripts recognise.
enum ExitStatus {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let cannotCreate = ExitCode(73)
    static let ioError = ExitCode(74)
}

/// Checks that `value` lies in `range`, or throws a ``UsageError`` naming `flag`.
func require<T: Comparable>(_ value: T, in range: ClosedRange<T>, flag: String) throws {
    guard range.contains(value) else {
        throw UsageError(flag: flag, value: "\(value)", allowed: "an integer in \(range.lowerBound)...\(range.upperBound)")
    }
}

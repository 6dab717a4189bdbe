import ArgumentParser

/// A flag whose value is outside its allowed range: one line, naming the flag, the value and the range.
///
/// It is the parser's `ValidationError`, so that the parser reports it with EX_USAGE.
func usageError(flag: String, value: String, allowed: String) -> ValidationError {
    ValidationError("\(flag) must be \(allowed) (got \(value.isEmpty ? "''" : value))")
}

/// Checks that `value` lies in `range`, or throws a usage error (``usageError(flag:value:allowed:)``) naming `flag`.
func require<T: Comparable>(_ value: T, in range: ClosedRange<T>, flag: String) throws {
    guard range.contains(value) else {
        throw usageError(flag: flag, value: "\(value)", allowed: "an integer in \(range.lowerBound)...\(range.upperBound)")
    }
}

import Foundation
import Testing

/// The release build of `report` that `scripts/test` builds and names in `REPORT_RELEASE_BINARY`.
///
/// Properties that need long runs are checked with it, where they take a second instead of
/// minutes in the debug build.
enum ReleaseBinary {
    /// The binary's path, or nil when the variable is unset or empty.
    ///
    /// A path that names no executable is not nil: the tests then fail instead of being skipped,
    /// so that a broken `scripts/test` cannot silently drop them.
    static let path: String? = {
        guard let path = ProcessInfo.processInfo.environment["REPORT_RELEASE_BINARY"], !path.isEmpty else { return nil }
        return path
    }()

    /// ``path``, checked to be an executable file.
    static func executable() throws -> String {
        let path = try #require(path)
        try #require(FileManager.default.isExecutableFile(atPath: path), "REPORT_RELEASE_BINARY=\(path) is not an executable file")
        return path
    }
}

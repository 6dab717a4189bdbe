import Foundation

/// The release build of `report` that `scripts/test` builds and names in `REPORT_RELEASE_BINARY`.
///
/// Properties that need long runs are checked with it, where they take a second instead of
/// minutes in the debug build.
enum ReleaseBinary {
    /// The binary's path, or nil when the variable is unset or names no executable file.
    static let path: String? = {
        guard let path = ProcessInfo.processInfo.environment["REPORT_RELEASE_BINARY"], !path.isEmpty,
              FileManager.default.isExecutableFile(atPath: path)
        else { return nil }
        return path
    }()
}

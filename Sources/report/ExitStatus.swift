import ArgumentParser

/// Process exit statuses from BSD's sysexits.h, which batch tools and CI scripts recognise.
enum ExitStatus {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let unavailable = ExitCode(69)
    static let systemError = ExitCode(71)
    static let cannotCreate = ExitCode(73)
    static let ioError = ExitCode(74)
}

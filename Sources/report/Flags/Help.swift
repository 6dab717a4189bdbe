import ArgumentParser

extension ArgumentHelp {
    /// Help ending with the flag's default: an option read by `transform:` does not show it by itself.
    static func text(_ abstract: String, default value: some CustomStringConvertible, valueName: String) -> ArgumentHelp {
        ArgumentHelp("\(abstract) (default: \(value))", valueName: valueName)
    }
}

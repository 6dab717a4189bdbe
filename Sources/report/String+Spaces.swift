extension StringProtocol {
    /// The text without the leading and trailing characters that `isBlank` accepts.
    func trimming(_ isBlank: (Character) -> Bool) -> SubSequence {
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }

    /// The text without leading and trailing spaces and tabs, as people type around list items.
    var trimmingSpaces: String {
        String(trimming { character in
            character.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
        })
    }
}

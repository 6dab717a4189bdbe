import FoundationEssentials
import Glibc
import Plotting

/// The font file the charts are drawn with: `--font FILE`, or DejaVu Sans where Debian puts it.
enum ChartFont {
    /// The file `--font` names, or the default (in debug builds, `REPORT_TEST_DEFAULT_FONT` if set, for tests).
    static func path(for flag: String?) -> String {
        #if DEBUG
        if flag == nil, let path = ProcessInfo.processInfo.environment["REPORT_TEST_DEFAULT_FONT"] { return path }
        #endif
        return flag ?? Font.dejaVuSansPath
    }

    /// Loads the font before any training, so that a missing one fails early; warns of `title`'s missing glyphs.
    static func load(_ flag: String?, title: String?, terminal: Terminal) throws {
        let font: Font
        do { font = try Font.load(path: path(for: flag)) } catch { throw FontUnavailable(error: error, isDefault: flag == nil) }
        let missing = font.missingCharacters(in: title ?? "")
        guard !missing.isEmpty else { return }
        let named = missing.map { character in
            let codes = character.unicodeScalars.map { scalar in
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
            return "'\(character.isLetter || character.isPunctuation || character.isSymbol ? String(character) : "?")' (\(codes.joined(separator: " ")))"
        }
        terminal.warn("\(font.familyName) has no glyph for \(named.joined(separator: ", ")) in --title; "
                      + "\(missing.count == 1 ? "it is" : "they are") drawn as empty boxes (choose another with --font FILE)")
    }
}

/// The charts' font cannot be used: the default is not installed (exit 69), the `--font` file is missing or
/// unreadable (66) or not a font (65), or FreeType failed (71).
struct FontUnavailable: ReportError {
    let error: Font.LoadError
    /// Whether it is the default font, which a package provides, rather than a `--font` file.
    let isDefault: Bool

    var status: ExitStatus {
        switch error {
        case .freeType: return .systemError
        case .notAFont where !isDefault: return .dataError
        case .unreadable where !isDefault: return .noInput
        default: return .unavailable
        }
    }

    /// Font's own words, with the path quoted as every message quotes a path.
    private var reason: String {
        switch error {
        case let .unreadable(path, reason): return "cannot read the font file \(quoted(path)): \(reason)"
        case let .notAFont(path): return "\(quoted(path)) is not a TrueType or OpenType font file"
        case let .freeType(path, code): return "FreeType failed on \(quoted(path)) with error \(code)"
        }
    }

    var description: String {
        isDefault
            ? "\(reason); install \(Font.dejaVuSansPackage) (apt-get install \(Font.dejaVuSansPackage)) or choose a font file with --font FILE"
            : "--font: \(reason) (the default, \(Font.dejaVuSansPath), comes with \(Font.dejaVuSansPackage))"
    }
}

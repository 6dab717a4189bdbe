import CCairo
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TrueType or OpenType font file whose glyph outlines draw all text, loaded by path.
///
/// The file is opened with FreeType directly, never looked up through fontconfig, so every
/// machine with the same file draws the same outlines: which font "DejaVu Sans" resolves to,
/// and how it is hinted, no longer depend on the system's configuration. Glyphs load unhinted
/// (hinting moves outlines onto a version-dependent pixel grid) and without embedded bitmaps.
/// A file is loaded once per process and kept: Cairo may hold on to its face indefinitely.
public final class Font: @unchecked Sendable {
    /// DejaVu Sans, matplotlib's default font, where Debian's `fonts-dejavu-core` installs it.
    public static let dejaVuSansPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    /// The Debian package that provides ``dejaVuSansPath``, for messages.
    public static let dejaVuSansPackage = "fonts-dejavu-core"

    /// The face's family name as the file states it (like "DejaVu Sans").
    public let familyName: String
    /// A Cairo font face on the FreeType face; both live as long as the process.
    let cairoFace: OpaquePointer

    private init(familyName: String, cairoFace: OpaquePointer) {
        self.familyName = familyName
        self.cairoFace = cairoFace
    }

    /// The characters of `text` that the font has no glyph for, each once, in order; they would
    /// be drawn as the font's empty box. Line breaks are not drawn, so never missing.
    public func missingCharacters(in text: String) -> [Character] {
        var identity = cairo_matrix_t()
        cairo_matrix_init_identity(&identity)
        guard let options = cairo_font_options_create() else { return [] }
        defer { cairo_font_options_destroy(options) }
        guard let scaled = cairo_scaled_font_create(cairoFace, &identity, &identity, options) else { return [] }
        defer { cairo_scaled_font_destroy(scaled) }
        var missing: [Character] = []
        for character in text where !character.isNewline && !missing.contains(character) {
            var glyphs: UnsafeMutablePointer<cairo_glyph_t>?
            var count: Int32 = 0
            let status = String(character).withCString {
                cairo_scaled_font_text_to_glyphs(scaled, 0, 0, $0, -1, &glyphs, &count, nil, nil, nil)
            }
            defer { cairo_glyph_free(glyphs) }
            // Glyph 0 is .notdef, the box a font draws for what it lacks.
            if status != CAIRO_STATUS_SUCCESS || (0..<Int(count)).contains(where: { glyphs![$0].index == 0 }) {
                missing.append(character)
            }
        }
        return missing
    }

    /// Why a font file could not be used.
    public enum LoadError: Error, Equatable, CustomStringConvertible {
        /// The file does not exist, cannot be read or is not a regular file; `reason` is the system's.
        case unreadable(path: String, reason: String)
        /// FreeType read the file but found no scalable face in it.
        case notAFont(path: String)
        /// FreeType failed for another reason (memory, say), with its error code.
        case freeType(path: String, code: Int32)

        public var description: String {
            switch self {
            case let .unreadable(path, reason): return "cannot read the font file '\(path)': \(reason)"
            case let .notAFont(path): return "'\(path)' is not a TrueType or OpenType font file"
            case let .freeType(path, code): return "FreeType failed on '\(path)' with error \(code)"
            }
        }
    }

    /// The FreeType library and the fonts loaded so far; FreeType's library is not thread-safe.
    private static let loaded = Mutex<(library: OpaquePointer?, fonts: [String: Font])>((nil, [:]))

    /// The font in the file at `path`, loading it on first use.
    public static func load(path: String) throws(LoadError) -> Font {
        try loaded.withLock { (state) throws(LoadError) -> Font in
            if let font = state.fonts[path] { return font }
            func unreadable(_ reason: String = String(cString: strerror(errno))) -> LoadError {
                .unreadable(path: path, reason: reason)
            }
            var info = stat()
            guard stat(path, &info) == 0 else { throw unreadable() }
            guard info.st_mode & S_IFMT == S_IFREG else { throw unreadable("not a regular file") }
            guard access(path, R_OK) == 0 else { throw unreadable() }
            if state.library == nil {
                var library: OpaquePointer?
                let error = FT_Init_FreeType(&library)
                guard error == 0, let library else { throw .freeType(path: path, code: error) }
                state.library = library
            }
            var face: FT_Face?
            let error = FT_New_Face(state.library, path, 0, &face)
            switch error {
            case 0: break
            // FreeType's error codes (fterrdef.h): 1 cannot open, 2 unknown and 3 invalid file format.
            case 1: throw unreadable("FreeType cannot open it")
            case 2, 3: throw .notAFont(path: path)
            default: throw .freeType(path: path, code: error)
            }
            guard let face else { throw .notAFont(path: path) }
            let loadFlags = Int32(FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP)
            guard face.pointee.face_flags & FT_Long(FT_FACE_FLAG_SCALABLE) != 0,
                  let cairoFace = cairo_ft_font_face_create_for_ft_face(face, loadFlags),
                  cairo_font_face_status(cairoFace) == CAIRO_STATUS_SUCCESS
            else {
                FT_Done_Face(face)
                throw .notAFont(path: path)
            }
            let family = face.pointee.family_name.map { String(cString: $0) } ?? path
            let font = Font(familyName: family, cairoFace: cairoFace)
            state.fonts[path] = font
            return font
        }
    }
}

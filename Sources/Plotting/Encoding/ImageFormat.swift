/// The file formats a ``Figure`` can be rendered to.
public enum ImageFormat: String, CaseIterable, Sendable {
    case png
    case svg
    case pdf
}

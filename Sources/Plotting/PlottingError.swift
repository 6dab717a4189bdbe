import CCairo

/// An error raised while rendering a figure.
public enum PlottingError: Error, CustomStringConvertible, Equatable {
    /// The requested canvas has no area, is not finite, or is larger than Cairo can allocate.
    case invalidSize(width: Int, height: Int, scale: Double)
    /// A Cairo object entered an error state; `operation` says which step found it.
    case cairo(operation: String, status: String)
    /// PNG bytes could not be decoded.
    case invalidImage(String)

    public var description: String {
        switch self {
        case let .invalidSize(width, height, scale):
            return "invalid canvas size \(width)×\(height) at scale \(scale)"
        case let .cairo(operation, status):
            return "cairo failed during \(operation): \(status)"
        case let .invalidImage(reason):
            return "invalid image: \(reason)"
        }
    }

    /// Throws if `status` is not `CAIRO_STATUS_SUCCESS`, naming the status via `cairo_status_to_string`.
    static func check(_ status: cairo_status_t, _ operation: String) throws {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw PlottingError.cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
    }
}

/// Space around a plot rectangle reserved for ticks, labels, titles and colour bars.
struct Margins: Sendable, Equatable {
    var top = 0.0
    var left = 0.0
    var bottom = 0.0
    var right = 0.0

    /// The larger of each side, so one set of margins fits several panels.
    func union(_ other: Margins) -> Margins {
        Margins(top: max(top, other.top), left: max(left, other.left),
                bottom: max(bottom, other.bottom), right: max(right, other.right))
    }

    /// Whether every side of `self` is at least that of `other` (within a hair).
    func covers(_ other: Margins) -> Bool {
        top >= other.top - 0.01 && left >= other.left - 0.01
            && bottom >= other.bottom - 0.01 && right >= other.right - 0.01
    }
}

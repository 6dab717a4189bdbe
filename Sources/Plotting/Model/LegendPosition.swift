/// Where a chart's legend box goes.
public enum LegendPosition: Sendable, Equatable {
    /// The corner covering the least data, preferring upper right (matplotlib's "best").
    case best
    case upperRight, upperLeft, lowerLeft, lowerRight
}

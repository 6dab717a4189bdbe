#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mapping from data values on one axis to canvas positions, with its inverse and ticks.
public protocol Scale: Sendable {
    /// The canvas position of `value`, or NaN when the value cannot be shown (e.g. ≤ 0 on a log scale).
    func map(_ value: Double) -> Double
    /// The data value at canvas position `pixel`.
    func invert(_ pixel: Double) -> Double
    /// Ticks for an axis that has room for about `maxIntervals` labelled intervals.
    func ticks(maxIntervals: Int) -> AxisTicks
}

/// A scale proportional to the data value, from `domain` onto `pixelStart`…`pixelEnd` (descending on a y axis).
public struct LinearScale: Scale, Equatable {
    public let domain: ClosedRange<Double>
    public let pixelStart: Double
    public let pixelEnd: Double

    public init(domain: ClosedRange<Double>, pixelStart: Double, pixelEnd: Double) {
        precondition(domain.lowerBound.isFinite && domain.upperBound.isFinite, "LinearScale needs a finite domain")
        precondition(pixelStart.isFinite && pixelEnd.isFinite, "LinearScale needs finite pixel positions")
        self.domain = domain
        self.pixelStart = pixelStart
        self.pixelEnd = pixelEnd
    }

    private var span: Double { domain.upperBound - domain.lowerBound }

    public func map(_ value: Double) -> Double {
        guard value.isFinite else { return .nan }
        // A single-value domain has no extent; put everything in the middle rather than divide by zero.
        guard span > 0 else { return (pixelStart + pixelEnd) / 2 }
        return pixelStart + (value - domain.lowerBound) / span * (pixelEnd - pixelStart)
    }

    public func invert(_ pixel: Double) -> Double {
        guard pixelEnd != pixelStart else { return domain.lowerBound }
        return domain.lowerBound + (pixel - pixelStart) / (pixelEnd - pixelStart) * span
    }

    public func ticks(maxIntervals: Int) -> AxisTicks {
        NiceTicks(from: domain.lowerBound, to: domain.upperBound, maxIntervals: max(1, maxIntervals)).axisTicks
    }
}

/// A scale proportional to the base-10 logarithm of the data value.
public struct LogScale: Scale, Equatable {
    public let domain: ClosedRange<Double>
    /// The same mapping of the values' logarithms, onto the same pixels.
    private let logarithms: LinearScale

    public init(domain: ClosedRange<Double>, pixelStart: Double, pixelEnd: Double) {
        precondition(domain.lowerBound > 0 && domain.upperBound.isFinite, "LogScale needs a positive finite domain")
        precondition(pixelStart.isFinite && pixelEnd.isFinite, "LogScale needs finite pixel positions")
        self.domain = domain
        logarithms = LinearScale(domain: log10(domain.lowerBound)...log10(domain.upperBound),
                                 pixelStart: pixelStart, pixelEnd: pixelEnd)
    }

    /// Non-positive values have no logarithm; callers skip their NaN positions like missing data.
    public func map(_ value: Double) -> Double { logarithms.map(log10(value)) }

    public func invert(_ pixel: Double) -> Double {
        logarithms.pixelEnd == logarithms.pixelStart ? domain.lowerBound : pow(10, logarithms.invert(pixel))
    }

    public func ticks(maxIntervals: Int) -> AxisTicks {
        LogTicks(from: domain.lowerBound, to: domain.upperBound, maxLabels: max(1, maxIntervals + 1)).axisTicks
    }
}

/// Derivation of the data interval an axis shows, matplotlib-style.
enum AxisDomain {
    typealias Domains = (x: ClosedRange<Double>, y: ClosedRange<Double>)

    /// The intervals `chart`'s axes show; they depend only on the data, so they are resolved once per render.
    static func domains(of chart: Chart) -> Domains {
        let (xScale, yScale) = (chart.xAxis.scale, chart.yAxis.scale)
        var bounds = DataBounds()
        var filled: (x: ClosedRange<Double>, y: ClosedRange<Double>)?
        for extent in chart.elements.map({ $0.extent(xScale: xScale, yScale: yScale) }) {
            if let points = extent.points { bounds.formUnion(points) }
            if let area = extent.filled {
                filled = filled.map { (union($0.x, area.x), union($0.y, area.y)) } ?? area
            }
        }
        // Every element's points have both directions or none, so neither direction is empty alone.
        return (resolve(chart.xAxis, data: bounds.x, field: filled?.x), resolve(chart.yAxis, data: bounds.y, field: filled?.y))
    }

    private static func union(_ a: ClosedRange<Double>, _ b: ClosedRange<Double>) -> ClosedRange<Double> {
        min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
    }

    /// The interval for `axis` given the extent of the data points and, separately, of what
    /// fills the axes exactly (fields, like `contourf`, and cell grids), which gets no margin.
    static func resolve(_ axis: Axis, data: DataBounds.Interval, field: ClosedRange<Double>?) -> ClosedRange<Double> {
        if let range = axis.range {
            return range.lowerBound < range.upperBound ? range : expandSingular(range.lowerBound, axis.scale)
        }
        var fieldRange = field
        if axis.scale == .log, let f = fieldRange, f.upperBound <= 0 { fieldRange = nil }
        if axis.scale == .log, let f = fieldRange, f.lowerBound <= 0 {
            fieldRange = f.upperBound / 1000...f.upperBound  // a log axis cannot reach zero
        }
        guard !data.isEmpty else { return fieldRange ?? (axis.scale == .log ? 1...10 : 0...1) }
        let padded = pad(data.low < data.high ? data.low...data.high : expandSingular(data.low, axis.scale),
                         by: 0.05, scale: axis.scale)
        guard let fieldRange else { return padded }
        return min(padded.lowerBound, fieldRange.lowerBound)...max(padded.upperBound, fieldRange.upperBound)
    }

    /// A non-empty interval around a single value (matplotlib's `nonsingular`, ±5%).
    static func expandSingular(_ v: Double, _ scale: AxisScale) -> ClosedRange<Double> {
        switch scale {
        case .linear:
            let delta = v == 0 ? 0.05 : abs(v) * 0.05
            return (v - delta)...(v + delta)
        case .log:
            let base = v > 0 ? v : 1
            return (base / 2)...(base * 2)
        }
    }

    static func pad(_ r: ClosedRange<Double>, by fraction: Double, scale: AxisScale) -> ClosedRange<Double> {
        switch scale {
        case .linear:
            let span = r.upperBound - r.lowerBound
            let padded = (r.lowerBound - span * fraction)...(r.upperBound + span * fraction)
            return padded.lowerBound.isFinite && padded.upperBound.isFinite ? padded : r
        case .log:
            let low = log10(r.lowerBound), high = log10(r.upperBound)
            let span = high - low
            return pow(10, low - span * fraction)...pow(10, high + span * fraction)
        }
    }

    static func makeScale(_ axis: Axis, domain: ClosedRange<Double>, from start: Double, to end: Double) -> any Scale {
        switch axis.scale {
        case .linear: return LinearScale(domain: domain, pixelStart: start, pixelEnd: end)
        case .log: return LogScale(domain: domain, pixelStart: start, pixelEnd: end)
        }
    }
}

/// The running extent of data in x and y, used to derive axis ranges.
public struct DataBounds: Sendable, Equatable {
    public struct Interval: Sendable, Equatable {
        public var low = Double.infinity
        public var high = -Double.infinity
        public var isEmpty: Bool { low > high }

        public mutating func include(_ v: Double) {
            if v < low { low = v }
            if v > high { high = v }
        }

        public mutating func formUnion(_ other: Interval) {
            low = min(low, other.low)
            high = max(high, other.high)
        }
    }

    public var x = Interval()
    public var y = Interval()

    public init() {}

    public var isEmpty: Bool { x.isEmpty || y.isEmpty }

    public mutating func formUnion(_ other: DataBounds) {
        x.formUnion(other.x)
        y.formUnion(other.y)
    }

    /// Whether a value can be placed on an axis of the given scale.
    public static func usable(_ v: Double, _ scale: AxisScale) -> Bool {
        v.isFinite && (scale == .linear || v > 0)
    }

    /// Includes the point (x, y) if both coordinates can be shown on their axes.
    public mutating func include(_ x: Double, _ y: Double, xScale: AxisScale, yScale: AxisScale) {
        guard Self.usable(x, xScale), Self.usable(y, yScale) else { return }
        self.x.include(x)
        self.y.include(y)
    }
}

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
    public let pixelStart: Double
    public let pixelEnd: Double
    /// The same mapping of the values' logarithms.
    private let logarithms: LinearScale

    public init(domain: ClosedRange<Double>, pixelStart: Double, pixelEnd: Double) {
        precondition(domain.lowerBound > 0 && domain.upperBound.isFinite, "LogScale needs a positive finite domain")
        precondition(pixelStart.isFinite && pixelEnd.isFinite, "LogScale needs finite pixel positions")
        self.domain = domain
        self.pixelStart = pixelStart
        self.pixelEnd = pixelEnd
        logarithms = LinearScale(domain: log10(domain.lowerBound)...log10(domain.upperBound),
                                 pixelStart: pixelStart, pixelEnd: pixelEnd)
    }

    /// Non-positive values have no logarithm; callers skip their NaN positions like missing data.
    public func map(_ value: Double) -> Double { logarithms.map(log10(value)) }

    public func invert(_ pixel: Double) -> Double {
        pixelEnd == pixelStart ? domain.lowerBound : pow(10, logarithms.invert(pixel))
    }

    public func ticks(maxIntervals: Int) -> AxisTicks {
        LogTicks(from: domain.lowerBound, to: domain.upperBound, maxLabels: max(1, maxIntervals + 1)).axisTicks
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scale proportional to the base-10 logarithm of the data value.
public struct LogScale: Scale, Equatable {
    public let domain: ClosedRange<Double>
    public let pixelStart: Double
    public let pixelEnd: Double

    public init(domain: ClosedRange<Double>, pixelStart: Double, pixelEnd: Double) {
        precondition(domain.lowerBound > 0 && domain.upperBound.isFinite, "LogScale needs a positive finite domain")
        precondition(pixelStart.isFinite && pixelEnd.isFinite, "LogScale needs finite pixel positions")
        self.domain = domain
        self.pixelStart = pixelStart
        self.pixelEnd = pixelEnd
    }

    private var logLow: Double { log10(domain.lowerBound) }
    private var logSpan: Double { log10(domain.upperBound) - log10(domain.lowerBound) }

    public func map(_ value: Double) -> Double {
        // Non-positive values have no logarithm; callers skip NaN positions like missing data.
        guard value.isFinite, value > 0 else { return .nan }
        guard logSpan > 0 else { return (pixelStart + pixelEnd) / 2 }
        return pixelStart + (log10(value) - logLow) / logSpan * (pixelEnd - pixelStart)
    }

    public func invert(_ pixel: Double) -> Double {
        guard pixelEnd != pixelStart else { return domain.lowerBound }
        return pow(10, logLow + (pixel - pixelStart) / (pixelEnd - pixelStart) * logSpan)
    }

    public func ticks(maxIntervals: Int) -> AxisTicks {
        LogTicks(from: domain.lowerBound, to: domain.upperBound, maxLabels: max(1, maxIntervals + 1)).axisTicks
    }
}

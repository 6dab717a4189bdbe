/// A scale proportional to the data value.
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

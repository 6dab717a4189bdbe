#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ticks for a logarithmic axis: labelled decades ("10⁻³") with unlabelled 2…9 sub-ticks.
///
/// Ranges spanning less than two decades would show at most one label, so they are labelled
/// at 1-2-5 multiples (0.2, 0.5, 1, 2) instead, and failing that with linear nice ticks.
public struct LogTicks: Sendable, Equatable {
    public let major: [Double]
    public let labels: [String]
    public let minor: [Double]

    /// - Parameter maxLabels: decades are thinned to every 2nd, 5th, … when more would fit.
    public init(from start: Double, to end: Double, maxLabels: Int = 9) {
        precondition(maxLabels >= 1, "LogTicks needs at least one label")
        let low = min(start, end)
        let high = max(start, end)
        guard low.isFinite, high.isFinite, low > 0 else {
            major = []
            labels = []
            minor = []
            return
        }
        let tolerance = 1e-9
        let firstDecade = Int(ceil(log10(low) - tolerance))
        let lastDecade = Int(floor(log10(high) + tolerance))
        func inRange(_ v: Double) -> Bool { v >= low * (1 - tolerance) && v <= high * (1 + tolerance) }
        let decadeCount = lastDecade - firstDecade + 1

        if decadeCount >= 2 {
            var stride = 1
            while (decadeCount + stride - 1) / stride > maxLabels {
                stride = stride == 1 ? 2 : stride == 2 ? 5 : stride * 2
            }
            let decades = (firstDecade...lastDecade).filter { $0 % stride == 0 }
            major = decades.map(Self.decade)
            labels = decades.map(Superscript.powerOfTen)
            var minor: [Double] = []
            let lowDecade = Int(floor(log10(low)))
            let highDecade = Int(floor(log10(high)))
            for k in lowDecade...highDecade {
                if stride == 1 {
                    for m in 2...9 {
                        let v = Double(m) * Self.decade(k)
                        if inRange(v) { minor.append(v) }
                    }
                } else if k % stride != 0 {
                    // Thinned decades still get a tick, just no label.
                    let v = Self.decade(k)
                    if inRange(v) { minor.append(v) }
                }
            }
            self.minor = minor
        } else {
            var values: [Double] = []
            let lowDecade = Int(floor(log10(low)))
            let highDecade = Int(floor(log10(high)))
            for k in lowDecade...highDecade {
                for m in [1, 2, 5] {
                    let v = k >= 0 ? Double(m) * Self.decade(k) : Double(m) / TickStep.powerOfTen(-k)
                    if inRange(v) { values.append(v) }
                }
            }
            if values.count >= 3 {
                major = values
                labels = values.map(NumberFormat.short)
            } else {
                let linear = NiceTicks(from: low, to: high, maxIntervals: min(maxLabels, 6))
                major = linear.values
                labels = linear.values.map(NumberFormat.short)
            }
            var minor: [Double] = []
            for k in lowDecade...highDecade {
                for m in 1...9 {
                    let v = Double(m) * Self.decade(k)
                    if inRange(v), !major.contains(where: { abs($0 - v) <= v * tolerance }) { minor.append(v) }
                }
            }
            self.minor = minor
        }
    }

    /// 10^k as the double nearest the decimal, which `pow(10, -3)` does not always give.
    static func decade(_ k: Int) -> Double {
        k >= 0 ? TickStep.powerOfTen(k) : 1 / TickStep.powerOfTen(-k)
    }

    public var axisTicks: AxisTicks { AxisTicks(major: major, labels: labels, minor: minor) }
}

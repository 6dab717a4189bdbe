/// The running extent of data in x and y, used to derive axis ranges.
struct DataBounds: Sendable, Equatable {
    struct Interval: Sendable, Equatable {
        var low = Double.infinity
        var high = -Double.infinity
        var isEmpty: Bool { low > high }

        mutating func include(_ v: Double) {
            if v < low { low = v }
            if v > high { high = v }
        }

        mutating func formUnion(_ other: Interval) {
            low = min(low, other.low)
            high = max(high, other.high)
        }
    }

    var x = Interval()
    var y = Interval()

    var isEmpty: Bool { x.isEmpty || y.isEmpty }

    mutating func formUnion(_ other: DataBounds) {
        x.formUnion(other.x)
        y.formUnion(other.y)
    }

    /// Whether a value can be placed on an axis of the given scale.
    static func usable(_ v: Double, _ scale: AxisScale) -> Bool {
        v.isFinite && (scale == .linear || v > 0)
    }
}

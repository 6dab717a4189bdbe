extension Axis {
    /// The range this axis would show for data spanning `data` if it had no fixed range: the span
    /// plus 5% on each side (in decades on a log axis). For charts whose data grows, like an
    /// animation's frames, so that every frame's axis can be the whole run's.
    public func range(fitting data: ClosedRange<Double>) -> ClosedRange<Double> {
        AxisDomain.pad(data.lowerBound < data.upperBound ? data : AxisDomain.expandSingular(data.lowerBound, scale),
                       by: 0.05, scale: scale)
    }
}

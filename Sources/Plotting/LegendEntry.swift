/// One labelled row of a legend and the symbol drawn beside it.
struct LegendEntry {
    enum Kind {
        case line(Color, Double)
        case marker(Marker, Color, Double)
    }

    let label: String
    let kind: Kind
}

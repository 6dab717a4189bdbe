/// The version `report --version` prints and the tests read.
public let reportVersion = "0.12.0"

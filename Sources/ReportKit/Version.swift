/// The version `report --version` prints and the tests read.
public let reportVersion = "0.11.0"

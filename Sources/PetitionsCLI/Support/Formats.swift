import ArgumentParser
import PetitionsApp
import PetitionsOptions

/// Output formats for commands that print data.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json
}

/// Output formats for listings and comparisons.
public enum DataFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv, markdown
}

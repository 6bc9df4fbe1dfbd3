import ArgumentParser
import PetitionsApp
import PetitionsOptions

struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the database: schema migrations and the embedded server.",
        subcommands: [DBMigrate.self, DBStatus.self, DBStart.self, DBStop.self, DBURL.self]
    )
}

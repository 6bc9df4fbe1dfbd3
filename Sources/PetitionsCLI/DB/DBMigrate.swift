import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsOptions
import PetitionsStore
import Postgres

struct DBMigrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations, in order, each in its own transaction.",
        discussion: """
            The migrations are built into this binary from the Schema/ folder; the source tree is not needed. \
            Concurrent runs are safe: an advisory lock makes each migration apply exactly once. A migration \
            that was edited after it was applied, or a database newer than this binary, is refused before \
            anything is applied.

            Examples:
              petitions db migrate
              petitions db migrate \\
                  --database-url postgresql://admin@db.example.org/petitions
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func run() async throws {
        let logger = global.makeLogger()
        let connection = try global.connect(logger: logger)
        defer { connection.close() }
        let applied = try DatabaseTarget.migrate(connection, logger: logger) { migration in
            if format == .table { print("applying \(migration.file) ...") }
        }
        let current = Migration.bundled.last?.version ?? 0
        switch format {
        case .table:
            print(
                applied.isEmpty
                    ? "the schema is up to date (version \(current))"
                    : "applied \(applied.count) migration\(applied.count == 1 ? "" : "s"); the schema is at version \(current)")
        case .json:
            struct Migrated: Encodable {
                var applied: [String]
                var version: Int
            }
            try JSONOutput.print(Migrated(applied: applied.map(\.file), version: current))
        }
    }
}

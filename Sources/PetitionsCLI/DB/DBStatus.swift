import ArgumentParser
import Foundation
import LocalPostgres
import PetitionsApp
import PetitionsOptions
import PetitionsStore
import Postgres

struct DBStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show which database is used, and its applied and pending migrations.",
        discussion: """
            States: applied; pending (run `petitions db migrate`); changed (the file differs from what was \
            applied: restore it); unknown (applied by a newer binary).

            Examples:
              petitions db status
              petitions db status --format json
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table

    func run() async throws {
        let logger = global.makeLogger()
        let target = global.target()
        let connection = try global.connect(logger: logger)
        defer { connection.close() }
        let states = try Migrator().status(on: connection)
        let pending = states.filter { $0.state == .pending }.count
        let problems = states.filter { $0.state == .changed || $0.state == .unknown }.count
        switch format {
        case .table:
            print("database: \(target.displayName)")
            print("server:   PostgreSQL \(connection.serverVersion / 10000).\(connection.serverVersion % 10000)")
            let rows = states.map { state in
                [String(format: "%04d", state.version), state.name, state.state.rawValue, state.appliedAt.map(Timestamps.display) ?? "-"]
            }
            print("")
            print(TextTable.render(header: ["version", "name", "state", "applied at (UTC)"], rows: rows))
            print("")
            if problems > 0 {
                print("\(problems) migration\(problems == 1 ? " needs" : "s need") attention (see the states above)")
            } else if pending > 0 {
                print("\(pending) pending: run `petitions db migrate`")
            } else {
                print("up to date")
            }
        case .json:
            /// A migration's state; `applied_at` and `checksum` are left out until it is applied.
            struct Migration: Encodable {
                var version: Int
                var name: String
                var state: String
                var applied_at: String?
                var checksum: String?
            }
            struct Status: Encodable {
                var database: String
                var migrations: [Migration]
                var pending: Int
            }
            let items = states.map {
                Migration(version: $0.version, name: $0.name, state: $0.state.rawValue, applied_at: $0.appliedAt.map(Timestamps.iso8601), checksum: $0.checksum)
            }
            try JSONOutput.print(Status(database: target.displayName, migrations: items, pending: pending))
        }
    }
}

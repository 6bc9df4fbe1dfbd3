import ArgumentParser
import LocalPostgres
import PetitionsApp
import PetitionsOptions
import Postgres

struct DBURL: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "url",
        abstract: "Print the URL of the database commands use (passwords redacted).",
        discussion: """
            For the embedded server this is a socket URL for psql and other clients. \
            The server is not started by this command.

            Example:
              psql "$(petitions db url)"
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        switch global.target() {
        case .configured(let url, _): print(ConnectionString.redacted(url))
        case .embedded(let cluster): print(cluster.url)
        }
    }
}

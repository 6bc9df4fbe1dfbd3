import ArgumentParser
import FoundationEssentials
import LocalPostgres
import PetitionsApp
import PetitionsOptions

struct DBStart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Create (on first use) and start the embedded PostgreSQL server.",
        discussion: """
            The server keeps its files in $PETITIONS_HOME and listens only on a Unix socket there (no TCP). \
            As root it runs as the `postgres` account. Other commands start it by themselves when needed.

            Example:
              PETITIONS_HOME=/srv/petitions petitions db start
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let logger = global.makeLogger()
        let cluster = LocalCluster(home: LocalCluster.defaultHome())
        if case .configured(_, let source) = global.target() {
            print("note: \(source) is set, so other commands use that database, not the embedded server")
        }
        do {
            let wasRunning = try cluster.status().running
            try cluster.start(logger: logger)
            print(wasRunning ? "the embedded server is already running in \(cluster.home.path)" : "started the embedded server in \(cluster.home.path)")
            print("url: \(cluster.url)")
        } catch let error as LocalClusterError {
            throw CommandFailure(error.description)
        }
    }
}

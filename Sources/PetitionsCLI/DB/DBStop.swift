import ArgumentParser
import LocalPostgres

struct DBStop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop the embedded PostgreSQL server (open sessions are ended).",
        discussion: "Example:\n  petitions db stop"
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let cluster = LocalCluster(home: LocalCluster.defaultHome())
        do {
            print(try cluster.stop() ? "stopped the embedded server in \(cluster.home.path)" : "the embedded server in \(cluster.home.path) is not running")
        } catch let error as LocalClusterError {
            throw CommandFailure(error.description)
        }
    }
}

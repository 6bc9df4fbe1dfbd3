import ArgumentParser
import FoundationEssentials
import LocalPostgres
import PetitionsApp
import PetitionsOptions

struct DBStop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop the embedded PostgreSQL server (open sessions are ended).",
        discussion: """
            As root, the server runs as the postgres account. When $PETITIONS_HOME lies under a folder that \
            account cannot pass through (such as /root), petitions lets it through (an ACL entry, or the search \
            bit for others) and records what it changed; --restore-permissions undoes those changes after \
            stopping. The default home as root, /var/lib/petitions, needs no such change.

            Examples:
              petitions db stop
              petitions db stop --restore-permissions
            """
    )

    @OptionGroup var global: GlobalOptions
    @Flag(name: .customLong("restore-permissions"), help: "After stopping, undo the permission changes made so the server's account could reach the home.")
    var restorePermissions = false

    func run() async throws {
        let cluster = LocalCluster(home: LocalCluster.defaultHome())
        do {
            print(try cluster.stop() ? "stopped the embedded server in \(cluster.home.path)" : "the embedded server in \(cluster.home.path) is not running")
            if restorePermissions {
                let undone = try cluster.restorePermissions()
                print(undone.isEmpty ? "no permissions had been changed for \(cluster.home.path)" : undone.joined(separator: "\n"))
            } else if !cluster.permissionChanges().isEmpty {
                print(
                    "permissions changed for this server stay: " + cluster.permissionChanges().map { "\($0.folder) (\($0.how))" }.joined(separator: ", ")
                        + "; undo them with `petitions db stop --restore-permissions`")
            }
        } catch let error as LocalClusterError {
            throw CommandFailure(error.description)
        }
    }
}

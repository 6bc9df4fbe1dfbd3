import ArgumentParser
import PetitionsCLI
import PetitionsServe

/// `petitions`: the admin CLI, and `petitions serve`, the web service. Only this executable sees
/// both: PetitionsCLI and PetitionsServe sit side by side over PetitionsApp and import neither the other.
public struct PetitionsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "petitions",
        abstract: "Track petitions, open letters and statements: who reported how many signatures, and when.",
        discussion: """
            Without --database-url or PETITIONS_DATABASE_URL, commands use an embedded PostgreSQL server \
            kept in $PETITIONS_HOME (default: $XDG_DATA_HOME/petitions; else, as root, /var/lib/petitions \
            unless a cluster already lives in ~/.local/share/petitions; else ~/.local/share/petitions), \
            created and started on first use. Commands connect to it as the role petitions_app.

            Exit status: 0 ok, 1 the operation failed, 2 bad usage.

            Examples:
              petitions db migrate
              petitions db status --format json
              petitions db url
            """,
        version: "0.1.0",
        subcommands: CLICommands.all + [ServeCommand.self]
    )

    public init() {}
}

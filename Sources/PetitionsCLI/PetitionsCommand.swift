import ArgumentParser

/// `petitions`: the admin CLI.
public struct PetitionsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "petitions",
        abstract: "Track petitions, open letters and statements: who reported how many signatures, and when.",
        discussion: """
            Without --database-url or PETITIONS_DATABASE_URL, commands use an embedded PostgreSQL server \
            kept in $PETITIONS_HOME (default: $XDG_DATA_HOME/petitions or ~/.local/share/petitions), \
            created and started on first use.

            Exit status: 0 ok, 1 the operation failed, 2 bad usage.

            Examples:
              petitions db migrate
              petitions db status --format json
              petitions db url
            """,
        version: "0.1.0",
        subcommands: [DemoCommand.self, CampaignCommand.self, OutletCommand.self, FigureCommand.self, CompareCommand.self, TrendCommand.self, ReportCommand.self, SignatoryCommand.self, ReconcileCommand.self, ExtractCommand.self, SourceCommand.self, JobsCommand.self, ImportCommand.self, ExportCommand.self, AlertCommand.self, ServeCommand.self, DBCommand.self]
    )

    public init() {}
}

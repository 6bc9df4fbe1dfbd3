import ArgumentParser

/// The admin commands, in the order `petitions --help` lists them. The root command (in the
/// `petitions` executable) adds `serve` from PetitionsServe.
public enum CLICommands {
    public static let all: [any ParsableCommand.Type] = [
        DemoCommand.self, CampaignCommand.self, OutletCommand.self, FigureCommand.self, CompareCommand.self, TrendCommand.self, ReportCommand.self,
        SignatoryCommand.self, ReconcileCommand.self, ExtractCommand.self, SourceCommand.self, JobsCommand.self, ImportCommand.self, ExportCommand.self,
        AlertCommand.self, AuditCommand.self, DBCommand.self,
    ]
}

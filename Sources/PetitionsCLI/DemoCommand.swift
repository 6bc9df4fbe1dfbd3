import ArgumentParser
import Foundation
import LocalPostgres
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsReports
import PetitionsStore
import Postgres

struct DemoCommand: AsyncParsableCommand {
    /// How this program was run (`.build/debug/petitions` from a checkout, `petitions` when
    /// installed on the PATH): the command to suggest next is one that works as typed.
    static var invokedAs: String {
        let path = CommandLine.arguments.first ?? "petitions"
        return path.contains("/") && !path.hasPrefix("/usr/") ? path : "petitions"
    }

    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load the bundled real case and show how far the reported figures disagree.",
        discussion: """
            Uses the embedded database unless --database-url or PETITIONS_DATABASE_URL says otherwise, \
            migrates it, loads the sample (once: running demo again adds nothing), and compares the \
            figures outlets gave for two campaigns of 2024: the "Dear Corporate AI Overlords" open letter \
            against OpenAI's Sora early-access programme, and the "Statement on AI training". An invented \
            petition with four days of hourly polls of its (invented) site shows outlets judged against \
            the platform's own count: consistent, rounded, behind, ahead, contradicts. It ends by \
            writing the case's HTML report (charts, comparison, who reported first, provenance) and \
            printing its path.

            Examples:
              petitions demo
              petitions demo --report /tmp/sora-case.html
              petitions demo --format markdown --no-report > demo.md
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "table, json, csv or markdown.") var format: DataFormat = .table
    @Option(help: ArgumentHelp("Where to write the HTML report. Default: $PETITIONS_HOME/reports/demo-report.html.", valueName: "file"))
    var report: String?
    @Flag(name: .customLong("no-report"), help: "Do not write the HTML report.") var noReport = false

    func run() async throws {
        let logger = global.makeLogger()
        let connection = try global.connect(logger: logger)
        defer { connection.close() }
        try DatabaseTarget.migrate(connection, logger: logger)
        let repository = Repository(connection)
        let loaded = try DemoSample.load(into: repository)
        let list = try DemoSignatories.load(into: repository)
        let petition = try DemoPetition.load(into: repository)
        let now = Date()
        let slugs = DemoSample.campaigns.map(\.slug) + [DemoPetition.slug]
        let comparisons = try slugs.map { slug in
            let (stored, figures, readings) = try repository.figures.comparisonInput(campaign: slug)
            return Comparison.compare(campaign: stored, figures: figures, platform: readings, now: now)
        }
        switch format {
        case .table:
            print("Sample loaded into \(global.target().displayName): \(loaded.figuresAdded) new figures, \(loaded.figuresAlreadyThere) already there.")
            print("Invented petition with its platform's hourly polls: \(petition.added) new figures, \(petition.alreadyThere) already there.")
            print("Times are approximations; see `petitions campaign show SLUG`.\n")
            print(comparisons.map(ComparisonRendering.table).joined(separator: "\n\n" + String(repeating: "─", count: 72) + "\n\n"))
            print("\n" + String(repeating: "─", count: 72) + "\n")
            print(
                "The open letter's list of signatories (invented for the demo: \(NumberFormatting.grouped(list.inserted)) new entries, \(NumberFormatting.grouped(list.alreadyStored)) already there):"
            )
            let letter = comparisons.first { $0.campaign.slug == DemoSignatories.campaign }!
            for line in Reconciliation.reconcile(letter, counts: try repository.signatories.counts(campaign: DemoSignatories.campaign)) {
                print("- \(line.metric.words): \(line.words).")
            }
            print("See `petitions signatory duplicates \(DemoSignatories.campaign)` for a likely duplicate and a watch-list name.")
        case .markdown:
            print(comparisons.map(ComparisonRendering.markdown).joined(separator: "\n"))
        case .json:
            try JSONOutput.print(comparisons.map(ComparisonJSON.init))
        case .csv:
            print(CSV.line(ComparisonRendering.csvHeader))
            for comparison in comparisons { for row in ComparisonRendering.csvRows(comparison) { print(CSV.line(row)) } }
        }
        defer {
            // The same case on the web: what `petitions serve` shows at its default address.
            let served =
                "\nOn the web: run `\(Self.invokedAs) serve`, then open http://127.0.0.1:8080/c/\(DemoSignatories.campaign)\n(every campaign: http://127.0.0.1:8080/ ; the API: http://127.0.0.1:8080/api/v1/openapi.json)\n"
            if format == .table { print(served, terminator: "") } else { FileHandle.standardError.write(Data(served.utf8)) }
        }
        guard !noReport else { return }
        let path = report ?? LocalCluster.defaultHome().appendingPathComponent("reports/demo-report.html").path
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        let options = try TrendOptions.parse([]).resolved()
        var document = Report(
            title: "The Sora open letter, the Statement on AI training and an invented petition: what was reported, when", generated: now,
            source: "the demo's sample (the real case's reported figures and an invented petition)",
            campaigns: try slugs.map { try options.campaignReport(repository, campaign: $0, now: now) })
        document.outletNames = try repository.outlets.names()
        try ReportCommand.write(document, format: .html, output: path, quiet: true)
        // On standard error for machine formats, so their output stays parseable.
        let line = "\nReport: \(path)\n(open it in a browser; it is one self-contained file)\n"
        if format == .table { print(line, terminator: "") } else { FileHandle.standardError.write(Data(line.utf8)) }
    }
}

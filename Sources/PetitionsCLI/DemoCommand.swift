import ArgumentParser
import Foundation
import PetitionsDomain
import PetitionsStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load the bundled real case and show how far the reported figures disagree.",
        discussion: """
            Uses the embedded database unless --database-url or PETITIONS_DATABASE_URL says otherwise, \
            migrates it, loads the sample (once: running demo again adds nothing), and compares the \
            figures outlets gave for two campaigns of 2024: the "Dear Corporate AI Overlords" open letter \
            against OpenAI's Sora early-access programme, and the "Statement on AI training".

            Examples:
              petitions demo
              petitions demo --format markdown > demo.md
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "table, json, csv or markdown.") var format: DataFormat = .table

    func run() async throws {
        let logger = global.makeLogger()
        let connection = try global.connect(logger: logger)
        defer { connection.close() }
        try GlobalOptions.migrate(connection, logger: logger)
        let repository = Repository(connection)
        let loaded = try DemoSample.load(into: repository)
        let now = Date()
        let comparisons = try DemoSample.campaigns.map { campaign in
            let (stored, figures, readings) = try repository.comparisonInput(campaign: campaign.slug)
            return Comparison.compare(campaign: stored, figures: figures, platformReadings: readings, now: now)
        }
        switch format {
        case .table:
            print("Sample loaded into \(global.target().displayName): \(loaded.figuresAdded) new figures, \(loaded.figuresAlreadyThere) already there.")
            print("Times are approximations; see `petitions campaign show SLUG`.\n")
            print(comparisons.map(ComparisonRendering.table).joined(separator: "\n\n" + String(repeating: "─", count: 72) + "\n\n"))
        case .markdown:
            print(comparisons.map(ComparisonRendering.markdown).joined(separator: "\n"))
        case .json:
            try JSONOutput.print(comparisons.map(ComparisonRendering.json))
        case .csv:
            print(CSV.line(ComparisonRendering.csvHeader))
            for comparison in comparisons { for row in ComparisonRendering.csvRows(comparison) { print(CSV.line(row)) } }
        }
    }
}

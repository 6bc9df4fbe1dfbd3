import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Set a campaign's list of signatories next to the figures outlets report, with a verdict for each.",
        discussion: """
            Authors are compared with listed authors, signatures with everyone listed (authors included, \
            anonymous entries counted), verified signatures with entries confirmed by the organisers or \
            independently. Removed entries are not counted. A count is consistent when it lies within the \
            interval most reports agree on (see `petitions compare`).

            Examples:
              petitions reconcile dear-corporate-ai-overlords
              petitions reconcile dear-corporate-ai-overlords --format json
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Campaign slug.") var campaign: String
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        let slug = campaign
        let (comparison, counts) = try global.withRepository { repository in
            let (campaign, figures, readings) = try repository.figures.comparisonInput(campaign: slug)
            return (
                Comparison.compare(campaign: campaign, figures: figures, platform: readings, now: Date()), try repository.signatories.counts(campaign: slug)
            )
        }
        let lines = Reconciliation.reconcile(comparison, counts: counts)
        switch format {
        case .json:
            try JSONOutput.print(ReconciliationJSON(campaign: slug, counts: counts, lines: lines))
        case .table:
            print("\(comparison.campaign.title)  [\(slug)]")
            let rows = lines.map { line in
                [
                    line.metric.words, line.reported?.description ?? "-", NumberFormatting.grouped(line.listed),
                    line.verdict.rawValue.replacingOccurrences(of: "_", with: " "),
                ]
            }
            print(TextTable.render(header: ["metric", "reports allow", "listed", "verdict"], rows: rows))
            print("")
            for line in lines { print("- \(line.metric.words): \(line.words).") }
            if counts.disputed > 0 || counts.removed > 0 || counts.erased > 0 {
                print(
                    "\nof the list: \(counts.disputed) disputed (counted), \(counts.removed) removed (not counted), \(counts.erased) erased on request (counted, unnamed)"
                )
            }
        }
    }
}

/// A list set against what outlets reported (`reconcile --format json`): the list's counts, then
/// one line per metric with the range reports allow (null ends when none bound it) and the verdict.
struct ReconciliationJSON: Encodable {
    var campaign: String
    var list: List
    var metrics: [Line]

    struct List: Encodable {
        var named: Int
        var anonymous: Int
        var authors: Int
        var confirmed: Int
        var disputed: Int
        var removed: Int
        var erased: Int
        var as_of: Nullable<String>
    }

    struct Line: Encodable {
        var metric: String
        var listed: Int
        var verdict: String
        var words: String
        var reported_low: Nullable<Int>
        var reported_high: Nullable<Int>
    }

    init(campaign: String, counts: ListCounts, lines: [ReconciliationLine]) {
        self.campaign = campaign
        list = List(
            named: counts.named, anonymous: counts.anonymous, authors: counts.authors, confirmed: counts.confirmed, disputed: counts.disputed,
            removed: counts.removed, erased: counts.erased, as_of: Nullable(counts.asOf.map(TimeFormatting.iso)))
        metrics = lines.map {
            Line(
                metric: $0.metric.rawValue, listed: $0.listed, verdict: $0.verdict.rawValue, words: $0.words, reported_low: Nullable($0.reported?.low),
                reported_high: Nullable($0.reported?.high))
        }
    }
}

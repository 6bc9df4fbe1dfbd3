import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare what outlets report for a campaign: consensus, spread, and flagged figures.",
        discussion: """
            Each outlet's latest current figure per metric is compared as the interval of counts it allows. \
            The consensus is the narrowest interval consistent with the most outlets; a closed one has a \
            point (their median value moved into it), an open one ("more than 19,000") has none. \
            Where a platform outlet's own count is tracked, it is the reference: each figure gets a verdict \
            against it (consistent, rounded, behind, ahead, contradicts, untracked) and takes no part in the \
            consensus. Flags:
              outdated_when_published  a newer, different count had been out elsewhere for more than --stale-after
              since_overtaken          right when published, overtaken since (no fault of the outlet)
              outlier                  does not overlap the consensus
              metric_mixup             off the count and equal to another metric's figure (16 authors as 16 signatures)
              rounded                  consistent with a more precise figure from about the same time
              behind_platform          below the platform's own count at that time
              ahead_of_platform        above the platform's count, which got there later
              above_platform           above anything the platform has shown

            Examples:
              petitions compare statement-on-ai-training
              petitions compare dear-corporate-ai-overlords --metric signatures \\
                  --format json
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Campaign slug.") var campaign: String
    @Option(help: "Only this metric (repeatable): \(Metric.helpList).") var metric: [String] = []
    @Option(
        name: .customLong("stale-after"),
        help: ArgumentHelp(
            "How long a newer, different figure must have been out (or held later) to make one outdated when published (or overtaken since).",
            valueName: "duration"))
    var staleAfter = "24h"
    @Option(help: "table, json, csv or markdown.") var format: DataFormat = .table
    @Flag(name: .customLong("include-unreviewed"), help: "Also compare extracted figures awaiting review (marked as such).")
    var includeUnreviewed = false

    func run() async throws {
        let metrics = try metric.isEmpty ? nil : metric.map { try Parse.word($0, Metric.self, option: "--metric")! }
        let settings = ComparisonSettings(staleAfter: try Parse.duration(staleAfter, option: "--stale-after"))
        let slug = campaign
        let includeUnreviewed = includeUnreviewed
        let (campaign, figures, readings) = try global.withRepository { try $0.figures.comparisonInput(campaign: slug, includeUnreviewed: includeUnreviewed) }
        let comparison = Comparison.compare(campaign: campaign, figures: figures, platform: readings, metrics: metrics, now: Date(), settings: settings)
        try Self.print(comparison, format: format)
    }

    static func print(_ comparison: CampaignComparison, format: DataFormat) throws {
        switch format {
        case .table: Swift.print(ComparisonRendering.table(comparison))
        case .markdown: Swift.print(ComparisonRendering.markdown(comparison))
        case .json: try JSONOutput.print(ComparisonJSON(comparison))
        case .csv:
            Swift.print(CSV.line(ComparisonRendering.csvHeader))
            for row in ComparisonRendering.csvRows(comparison) { Swift.print(CSV.line(row)) }
        }
    }
}

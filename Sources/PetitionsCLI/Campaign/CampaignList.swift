import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct CampaignList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List campaigns: the figures outlets reported, how many outlets, and the platform's latest count.",
        discussion: "Examples:\n  petitions campaign list\n  petitions campaign list --format json"
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "table, json, csv or markdown.") var format: DataFormat = .table

    func run() async throws {
        let summaries = try global.withRepository { try $0.campaigns.list() }
        let header = ["slug", "kind", "title", "reported figures", "outlets reporting", "latest report as of", "platform count"]
        let rows = summaries.map {
            [
                $0.campaign.slug, $0.campaign.kind.rawValue, $0.campaign.title, String($0.figures), String($0.outlets),
                $0.latestAsOf.map(TimeFormatting.short) ?? "-",
                $0.platform.map { "\(NumberFormatting.grouped($0.value)) (\(TimeFormatting.short($0.asOf)))" } ?? "-",
            ]
        }
        try Render.rows(
            header: header, rows: rows, format: format, json: summaries.map(CampaignSummaryJSON.init),
            empty: "no campaigns yet; add one with `petitions campaign add` or load the sample with `petitions demo`")
    }
}

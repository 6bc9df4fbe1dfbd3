import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsSources
import PetitionsStore

struct SourceList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List sources with their latest count, last poll and next due time.",
        discussion: "Examples:\n  petitions source list\n  petitions source list --campaign my-petition --format json"
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this campaign's sources.") var campaign: String?
    @Flag(name: .customLong("include-removed"), help: "Include removed sources.") var includeRemoved = false
    @Option(help: "table, json, csv or markdown.") var format: DataFormat = .table
    @Flag(help: "Show whole errors and URLs in the table instead of cutting them.") var wide = false

    func run() async throws {
        let campaign = self.campaign
        let includeRemoved = self.includeRemoved
        let sources = try global.withRepository { try $0.sources.list(campaign: campaign, includeRemoved: includeRemoved) }
        let now = Date()
        // A table cuts long errors and URLs (--wide shows them whole); the other formats never do.
        let cut = format == .table && !wide
        let rows = sources.map { source -> [String] in
            [
                String(source.id), source.campaign, source.kind.rawValue, source.status, SourceShapes.every(source.every),
                source.kind == .feed ? "\(source.feedItems) items" : source.count.map(String.init) ?? "-",
                source.lastPolledAt.map { TimeFormatting.short($0) } ?? "never",
                source.removedAt == nil && !source.paused ? (source.openJob ?? TimeFormatting.short(source.schedule.nextDue(after: now))) : "-",
                source.lastError.map { Render.cell($0, 40, cut: cut) } ?? "", Render.cell(SourceURL.redacted(source.url), 60, cut: cut),
            ]
        }
        try Render.rows(
            header: ["id", "campaign", "kind", "status", "every", "latest", "last poll", "next", "last error", "url"], rows: rows, format: format,
            json: sources.map { SourceJSON($0) }, empty: "no sources yet; add one with `petitions source add`")
    }
}

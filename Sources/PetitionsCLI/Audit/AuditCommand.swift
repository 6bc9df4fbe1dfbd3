import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show who changed what: the audit trail, filtered by campaign, time, actor or action.",
        discussion: """
            Every write is recorded with who did it (--actor), when and what: campaigns and outlets added \
            and edited, figures added (by hand, imported, extracted or polled), reviewed, corrected and \
            retracted, sources and alerts, jobs cancelled, signatories verified and erased. With \
            --campaign, the campaign's own entries and those of its figures, sources and alerts. The \
            newest --limit entries are shown, oldest first.

            Examples:
              petitions audit --campaign statement-on-ai-training
              petitions audit --since 2024-11-26 --actor alice --format json
              petitions audit --action figure.retract
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Only this campaign's entries.", valueName: "slug")) var campaign: String?
    @Option(help: ArgumentHelp("Only entries from this time on (2024-11-26, 2024-11-26T14:30Z).", valueName: "time")) var since: String?
    @Option(name: .customLong("by"), help: ArgumentHelp("Only entries by this actor.", valueName: "name")) var by: String?
    @Option(help: ArgumentHelp("Only actions starting with this (figure.retract, figure., source.).", valueName: "action")) var action: String?
    @Option(help: ArgumentHelp("The newest entries to show (1-100000).", valueName: "n")) var limit = 1000
    @Option(help: "table, json, csv or markdown.") var format: DataFormat = .table

    func validate() throws {
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit: between 1 and 100000") }
        _ = try Parse.time(since, option: "--since")
    }

    func run() async throws {
        let (campaign, since, by, action, limit) = (self.campaign, try Parse.time(self.since, option: "--since"), self.by, self.action, self.limit)
        let entries = try global.withRepository { try $0.auditTrail(campaign: campaign, since: since, actor: by, action: action, limit: limit) }
        try Render.rows(
            header: ["at (UTC)", "actor", "action", "subject", "details"],
            rows: entries.map { [TimeFormatting.short($0.at), $0.actor, $0.action, $0.subject, String($0.details.prefix(120))] }, format: format,
            json: entries.map(AuditJSON.init), empty: "no audit entries match")
    }
}

/// One audit entry as JSON; `details` is the JSON text recorded with it.
struct AuditJSON: Encodable {
    var at: String
    var actor: String
    var action: String
    var subject: String
    var details: String

    init(_ entry: Repository.AuditEntry) {
        at = TimeFormatting.iso(entry.at)
        actor = entry.actor
        action = entry.action
        subject = entry.subject
        details = entry.details
    }
}

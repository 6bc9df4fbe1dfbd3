import ArgumentParser
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsSources
import PetitionsStore

struct AlertList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List alerts and how their deliveries went.",
        discussion: "Examples:\n  petitions alert list\n  petitions alert list keep-the-island-ferry --format json"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Only this campaign's alerts.") var campaign: String?
    @Option(help: "table, json, csv or markdown.") var format: DataFormat = .table

    func run() async throws {
        let slug = campaign
        let alerts = try global.withRepository { try $0.alerts.list(campaign: slug) }
        let header = ["id", "campaign", "on", "threshold", "sends to", "sent", "waiting", "failed", "last error"]
        let rows = alerts.map { alert in
            [
                String(alert.id), alert.campaign, alert.event.rawValue, alert.threshold.map(NumberFormatting.grouped) ?? "-",
                alert.webhookURL.map(SourceURL.redacted) ?? alert.command ?? "", String(alert.sent), String(alert.waiting), String(alert.failed),
                alert.lastError.map { String($0.prefix(60)) } ?? "-",
            ]
        }
        try Render.rows(
            header: header, rows: rows, format: format,
            json: alerts.map(AlertJSON.init), empty: "no alerts yet; add one with `petitions alert add CAMPAIGN --on threshold --threshold N --webhook URL`")
    }
}

/// An alert as JSON: what it watches, where it sends, and how its deliveries went. The
/// threshold, webhook (password redacted), command and last error are left out when absent.
struct AlertJSON: Encodable {
    var id: Int
    var campaign: String
    var event: String
    var threshold: Int?
    var webhook: String?
    var command: String?
    var sent: Int
    var waiting: Int
    var failed: Int
    var last_error: String?
    var created_by: String
    var created_at: String

    init(_ alert: StoredAlert) {
        id = alert.id
        campaign = alert.campaign
        event = alert.event.rawValue
        threshold = alert.threshold
        webhook = alert.webhookURL.map(SourceURL.redacted)
        command = alert.command
        sent = alert.sent
        waiting = alert.waiting
        failed = alert.failed
        last_error = alert.lastError
        created_by = alert.createdBy
        created_at = TimeFormatting.iso(alert.createdAt)
    }
}

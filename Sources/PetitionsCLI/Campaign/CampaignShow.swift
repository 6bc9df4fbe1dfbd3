import ArgumentParser
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct CampaignShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one campaign and its audit trail (its figures, sources and alerts included).",
        discussion: "Example:\n  petitions campaign show dear-corporate-ai-overlords"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Campaign slug.") var slug: String
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        let (campaign, trail) = try global.withRepository { repository in
            guard let campaign = try repository.campaigns.find(slug) else { throw try repository.campaigns.unknown(slug) }
            // The campaign's own entries and its figures', sources' and alerts' (`petitions audit` filters more).
            return (campaign, try repository.auditTrail(campaign: slug, limit: 200))
        }
        switch format {
        case .json:
            try JSONOutput.print(CampaignJSON(campaign))
        case .table:
            let fields: [(String, String?)] = [
                ("slug", campaign.slug), ("title", campaign.title), ("kind", campaign.kind.rawValue),
                ("aliases", campaign.aliases.isEmpty ? nil : campaign.aliases.joined(separator: "; ")), ("target", campaign.target),
                ("organiser", campaign.organiser), ("platform", campaign.platformURL), ("launched", campaign.launched?.description),
                ("closed", campaign.closed?.description), ("goal", campaign.goal.map(NumberFormatting.grouped)), ("notes", campaign.notes),
            ]
            Render.fields(fields, trail: trail)
        }
    }
}

import ArgumentParser
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct CampaignEdit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a campaign's details. An empty value clears an optional field.",
        discussion: """
            Examples:
              petitions campaign edit statement-on-ai-training \\
                  --organiser "Ed Newton-Rex" --add-alias "Erklärung zum KI-Training"
              petitions campaign edit my-petition --goal "" --closed 2025-01-31
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Campaign slug.") var slug: String
    @Option(name: .customLong("slug"), help: "New slug.") var newSlug: String?
    @Option(help: "New title.") var title: String?
    @Option(help: "\(CampaignKind.helpList).") var kind: String?
    @Option(name: .customLong("add-alias"), help: "Add an alias (repeatable).") var addAliases: [String] = []
    @Option(name: .customLong("remove-alias"), help: "Remove an alias (repeatable).") var removeAliases: [String] = []
    @Option var target: String?
    @Option var organiser: String?
    @Option(name: .customLong("platform-url")) var platformURL: String?
    @Option(help: ArgumentHelp(valueName: "date")) var launched: String?
    @Option(help: ArgumentHelp(valueName: "date")) var closed: String?
    @Option(help: ArgumentHelp(valueName: "n")) var goal: String?
    @Option var notes: String?

    func run() async throws {
        let kind = try Parse.word(kind, CampaignKind.self, option: "--kind")
        let launched = try launched.map { Parse.optionalText($0) == nil ? Day?.none : try Parse.day($0, option: "--launched") }
        let closed = try closed.map { Parse.optionalText($0) == nil ? Day?.none : try Parse.day($0, option: "--closed") }
        let goal = try goal.map { Parse.optionalText($0) == nil ? Int?.none : try Parse.count($0, option: "--goal") }
        let after = try global.withRepository { repository in
            try repository.campaigns.edit(slug, actor: global.actorName) { campaign in
                if let newSlug { campaign.slug = newSlug }
                if let title { campaign.title = title }
                if let kind { campaign.kind = kind }
                for alias in removeAliases {
                    guard campaign.aliases.contains(alias) else {
                        throw ValidationError("--remove-alias: \"\(alias)\" is not an alias of \(slug) (it has: \(campaign.aliases.joined(separator: "; ")))")
                    }
                    campaign.aliases.removeAll { $0 == alias }
                }
                for alias in addAliases where !campaign.aliases.contains(alias) { campaign.aliases.append(alias) }
                if let target { campaign.target = Parse.optionalText(target) }
                if let organiser { campaign.organiser = Parse.optionalText(organiser) }
                if let platformURL { campaign.platformURL = Parse.optionalText(platformURL) }
                if let launched { campaign.launched = launched }
                if let closed { campaign.closed = closed }
                if let goal { campaign.goal = goal }
                if let notes { campaign.notes = Parse.optionalText(notes) }
            }
        }
        print("updated campaign \(after.slug)")
    }
}

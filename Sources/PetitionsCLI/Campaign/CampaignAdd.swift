import ArgumentParser
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct CampaignAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a campaign.",
        discussion: """
            Examples:
              petitions campaign add statement-on-ai-training \\
                  --title "Statement on AI training" --kind statement \\
                  --launched 2024-10-22 --alias "AI training statement"
              petitions campaign add my-petition --title "Save the library" \\
                  --kind petition --goal 10000 \\
                  --platform-url https://petition.parliament.uk/petitions/700000
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Short unique name: lowercase letters, digits and hyphens.") var slug: String
    @Option(help: "Full title.") var title: String
    @Option(help: "\(CampaignKind.helpList).") var kind: String
    @Option(name: .customLong("alias"), help: "Another name, in any language (repeatable).") var aliases: [String] = []
    @Option(help: "Who the campaign addresses.") var target: String?
    @Option(help: "Who runs it.") var organiser: String?
    @Option(name: .customLong("platform-url"), help: "Where people sign.") var platformURL: String?
    @Option(help: ArgumentHelp("Launch date, YYYY-MM-DD.", valueName: "date")) var launched: String?
    @Option(help: ArgumentHelp("Closing date, YYYY-MM-DD.", valueName: "date")) var closed: String?
    @Option(help: ArgumentHelp("Signature target.", valueName: "n")) var goal: String?
    @Option(help: "Notes about the record.") var notes: String?

    func run() async throws {
        let campaign = Campaign(
            slug: slug, title: title, kind: try Parse.word(kind, CampaignKind.self, option: "--kind")!, aliases: aliases, target: target,
            organiser: organiser, platformURL: platformURL, launched: try Parse.day(launched, option: "--launched"),
            closed: try Parse.day(closed, option: "--closed"), goal: try Parse.count(goal, option: "--goal"), notes: notes)
        try global.withRepository { try $0.campaigns.add(campaign, actor: global.actorName) }
        print("added campaign \(slug)")
    }
}

import ArgumentParser
import PetitionsApp
import PetitionsOptions

struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Add, list, show and edit campaigns (petitions, open letters, statements).",
        subcommands: [CampaignAdd.self, CampaignList.self, CampaignShow.self, CampaignEdit.self]
    )
}

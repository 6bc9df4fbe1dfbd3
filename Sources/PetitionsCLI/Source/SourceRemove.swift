import ArgumentParser
import PetitionsApp
import PetitionsOptions
import PetitionsStore

struct SourceRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Stop polling a source for good; its figures, series and jobs stay as history.",
        discussion: "Example:\n  petitions source remove 3 --reason \"petition closed\""
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Source id.") var id: Int
    @Option(help: "Why, for the audit trail.") var reason: String?

    func run() async throws {
        let (id, actor, reason) = (self.id, global.actorName, self.reason)
        try global.withRepository { try $0.sources.remove(id, actor: actor, reason: reason) }
        print("removed source \(id); its history stays (see `petitions source list --include-removed`)")
    }
}

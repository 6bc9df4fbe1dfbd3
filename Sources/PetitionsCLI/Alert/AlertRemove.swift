import ArgumentParser
import PetitionsApp
import PetitionsOptions
import PetitionsStore

struct AlertRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Stop an alert; what it sent stays on record, what it had not sent yet is dropped.",
        discussion: "Example:\n  petitions alert remove 3"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Alert id (see: petitions alert list).") var id: Int

    func run() async throws {
        let (id, actor) = (self.id, global.actorName)
        try global.withRepository { try $0.alerts.remove(id, actor: actor) }
        print("removed alert \(id)")
    }
}

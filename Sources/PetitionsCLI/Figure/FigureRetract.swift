import ArgumentParser
import PetitionsApp
import PetitionsOptions
import PetitionsStore

struct FigureRetract: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retract",
        abstract: "Withdraw a figure, with a reason. It stays in the history.",
        discussion: "Example:\n  petitions figure retract 42 \\\n      --reason \"the outlet removed the figure from the article\""
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Figure id (see: petitions figure list CAMPAIGN).") var id: Int
    @Option(help: "Why the figure is withdrawn.") var reason: String

    func run() async throws {
        try global.withRepository { try $0.figures.retract(id, reason: reason, actor: global.actorName) }
        print("retracted figure \(id)")
    }
}

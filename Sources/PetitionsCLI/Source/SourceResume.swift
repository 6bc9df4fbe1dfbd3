import ArgumentParser
import PetitionsApp
import PetitionsOptions
import PetitionsSources
import PetitionsStore

struct SourceResume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Poll a paused source again, from its next due time.",
        discussion: "Example:\n  petitions source resume 3"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Source id.") var id: Int

    func run() async throws {
        let (id, actor) = (self.id, global.actorName)
        let source = try global.withRepository { try $0.sources.setPaused(id, false, actor: actor) }
        print("resumed source \(source.id) (\(source.kind.rawValue) \(SourceURL.redacted(source.url))), every \(SourceShapes.every(source.every))")
    }
}

import ArgumentParser
import PetitionsApp
import PetitionsOptions
import PetitionsSources
import PetitionsStore

struct SourcePause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Stop polling a source for now (its queued job is cancelled; a running one finishes).",
        discussion: "Example:\n  petitions source pause 3"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Source id.") var id: Int

    func run() async throws {
        let (id, actor) = (self.id, global.actorName)
        let source = try global.withRepository { try $0.sources.setPaused(id, true, actor: actor) }
        print("paused source \(source.id) (\(source.kind.rawValue) \(SourceURL.redacted(source.url))); resume it with `petitions source resume \(source.id)`")
    }
}

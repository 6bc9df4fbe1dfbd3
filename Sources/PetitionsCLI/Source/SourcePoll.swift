import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsOptions
import PetitionsStore

struct SourcePoll: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll",
        abstract: "Queue a job for a source now, outside its schedule (a running worker picks it up).",
        discussion: "Example:\n  petitions source poll 3 && petitions-worker --once"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Source id.") var id: Int

    func run() async throws {
        let id = self.id
        let job = try global.withRepository { try $0.jobs.queueNow(source: id, now: Date()) }
        print("job \(job) is queued for source \(id); see `petitions jobs show \(job)`")
    }
}

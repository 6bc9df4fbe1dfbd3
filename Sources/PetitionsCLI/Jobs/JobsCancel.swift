import ArgumentParser
import PetitionsApp
import PetitionsOptions
import PetitionsStore

struct JobsCancel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a queued or running job (a running job's worker rolls back what it was about to record).",
        discussion: "Example:\n  petitions jobs cancel 42 --reason \"the page is down for maintenance\""
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Job id.") var id: Int
    @Option(help: "Why, for the audit trail.") var reason: String?

    func run() async throws {
        let (id, actor, reason) = (self.id, global.actorName, self.reason)
        let job = try global.withRepository { try $0.jobs.cancel(id, actor: actor, reason: reason) }
        print("cancelled job \(job.id) of source \(job.sourceID); the source's next due time queues a new one")
    }
}

import ArgumentParser
import PetitionsApp
import PetitionsOptions
import PetitionsStore

struct JobsRetry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Queue a failed or cancelled job again, with a fresh set of attempts.",
        discussion: "Example:\n  petitions jobs retry 42"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Job id.") var id: Int

    func run() async throws {
        let (id, actor) = (self.id, global.actorName)
        let job = try global.withRepository { try $0.jobs.retry(id, actor: actor) }
        print("job \(job.id) is queued again (\(job.maxAttempts - job.attempts) more attempts); a running worker picks it up, or run `petitions-worker --once`")
    }
}

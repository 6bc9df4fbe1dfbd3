import ArgumentParser
import PetitionsApp
import PetitionsOptions

struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List, show, retry, cancel and prune the worker's jobs.",
        discussion: """
            States: queued (waiting for its time or a worker), running (claimed, under a lease), succeeded, \
            failed (no attempts left, or an error that waiting cannot fix), cancelled.
            """,
        subcommands: [JobsList.self, JobsShow.self, JobsRetry.self, JobsCancel.self, JobsPrune.self]
    )
}

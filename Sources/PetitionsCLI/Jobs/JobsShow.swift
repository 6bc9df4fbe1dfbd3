import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct JobsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a job with every attempt: worker, times, outcome and error.",
        discussion: "Example:\n  petitions jobs show 42"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Job id.") var id: Int
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        let id = self.id
        let (job, attempts) = try global.withRepository { repository in
            guard let job = try repository.jobs.find(id) else { throw CommandFailure("there is no job \(id) (see: petitions jobs list)") }
            return (job, try repository.jobs.attempts(id))
        }
        switch format {
        case .json:
            try JSONOutput.print(Merged(JobJSON(job), AttemptLogJSON(attempt_log: attempts.map(AttemptJSON.init))))
        case .table:
            Render.fields(
                [
                    ("job", String(job.id)), ("source", "\(job.sourceID) (\(job.kind) \(job.url))"), ("campaign", job.campaign),
                    ("due", TimeFormatting.short(job.dueAt)), ("state", job.state.rawValue), ("attempts", "\(job.attempts) of \(job.maxAttempts)"),
                    ("run after", job.state == .queued ? TimeFormatting.short(job.runAfter) : nil), ("worker", job.worker),
                    ("lease until", job.leaseUntil.map(TimeFormatting.short)), ("finished", job.finishedAt.map(TimeFormatting.short)),
                    ("result", job.result), ("last error", job.lastError),
                ], trail: [])
            if !attempts.isEmpty {
                print("\nattempts:")
                print(
                    TextTable.render(
                        header: ["#", "worker", "started", "finished", "outcome", "error"],
                        rows: attempts.map {
                            [
                                String($0.attempt), $0.worker, TimeFormatting.short($0.startedAt), $0.finishedAt.map(TimeFormatting.short) ?? "",
                                $0.outcome?.rawValue ?? "running",
                                String(($0.error ?? "").prefix(80)),
                            ]
                        }))
            }
        }
    }
}

/// A job's attempts (`jobs show --format json`: the job's keys, then `attempt_log`).
struct AttemptLogJSON: Encodable {
    var attempt_log: [AttemptJSON]
}

/// One attempt: null where it has not finished, or finished without an error.
struct AttemptJSON: Encodable {
    var attempt: Int
    var worker: String
    var started_at: String
    var finished_at: Nullable<String>
    var outcome: Nullable<String>
    var error: Nullable<String>

    init(_ attempt: StoredAttempt) {
        self.attempt = attempt.attempt
        worker = attempt.worker
        started_at = Timestamps.iso8601(attempt.startedAt)
        finished_at = Nullable(attempt.finishedAt.map(Timestamps.iso8601))
        outcome = Nullable(attempt.outcome?.rawValue)
        error = Nullable(attempt.error)
    }
}

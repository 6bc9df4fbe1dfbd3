import ArgumentParser
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct JobsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List jobs, newest first, with a count per state.",
        discussion: "Examples:\n  petitions jobs list\n  petitions jobs list --state failed\n  petitions jobs list --source 3 --format json"
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only jobs in this state: \(JobState.allCases.map(\.rawValue).joined(separator: ", ")).") var state: String?
    @Option(help: "Only jobs of this source.") var source: Int?
    @Option(help: "How many jobs to show.") var limit = 50
    @Option(help: "table, json, csv or markdown.") var format: DataFormat = .table
    @Flag(help: "Show whole errors in the table instead of their first 60 characters.") var wide = false

    func validate() throws {
        _ = try Parse.word(state, JobState.self, option: "--state")
        guard limit > 0 else { throw ValidationError("--limit: at least 1") }
    }

    func run() async throws {
        let (state, source, limit) = (try Parse.word(self.state, JobState.self, option: "--state"), self.source, self.limit)
        let (jobs, counts) = try global.withRepository { (try $0.jobs.list(state: state, source: source, limit: limit), try $0.jobs.counts()) }
        let rows = jobs.map { job -> [String] in
            [
                String(job.id), String(job.sourceID), job.campaign, job.kind, TimeFormatting.short(job.dueAt), job.state.rawValue,
                "\(job.attempts)/\(job.maxAttempts)",
                job.worker ?? "", Render.cell(job.lastError ?? job.result ?? "", 60, cut: format == .table && !wide),
            ]
        }
        try Render.rows(
            header: ["job", "source", "campaign", "kind", "due", "state", "attempts", "worker", "result or error"], rows: rows, format: format,
            json: jobs.map(JobJSON.init), empty: "no jobs yet; add sources with `petitions source add`, then run `petitions-worker`")
        if format == .table && !counts.isEmpty {
            print("\n" + JobState.allCases.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }.joined(separator: ", "))
        }
    }
}

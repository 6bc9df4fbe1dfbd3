import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct JobsPrune: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete finished jobs (and their attempts) older than the retention ages.",
        discussion: """
            Running workers do this by themselves every minute (petitions-worker --keep-jobs, --keep-failed); \
            this command runs it by hand, for example after a worker ran with --no-prune. Queued and running \
            jobs are never touched. Observations, figures, feed items and flags are history and stay; they keep \
            the pruned job's id. It deletes in batches of --batch rows, each a short statement that skips rows \
            a worker holds, so it never blocks claims.

            Examples:
              petitions jobs prune --dry-run
              petitions jobs prune --keep-jobs 1d --keep-failed 14d
              petitions jobs prune --format json
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("keep-jobs"), help: ArgumentHelp("Keep succeeded jobs that finished within this long.", valueName: "duration")) var keepJobs =
        "7d"
    @Option(name: .customLong("keep-failed"), help: ArgumentHelp("Keep failed and cancelled jobs that finished within this long.", valueName: "duration"))
    var keepFailed = "30d"
    @Option(help: "Rows deleted per statement.") var batch = 1000
    @Flag(name: .customLong("dry-run"), help: "Count what would be pruned; delete nothing.") var dryRun = false
    @Option(help: "table or json.") var format: DataFormat = .table

    func ages() throws -> (succeeded: TimeInterval, failed: TimeInterval) {
        (try Parse.duration(keepJobs, option: "--keep-jobs"), try Parse.duration(keepFailed, option: "--keep-failed"))
    }

    func validate() throws {
        _ = try ages()
        guard (1...100_000).contains(batch) else { throw ValidationError("--batch: between 1 and 100000") }
        guard format == .table || format == .json else { throw ValidationError("--format: table or json") }
    }

    func run() async throws {
        let (keep, batch, dryRun) = (try ages(), self.batch, self.dryRun)
        let started = Date()
        let result = try global.withRepository {
            try $0.jobs.prune(now: Date(), keepSucceeded: keep.succeeded, keepFailed: keep.failed, batch: batch, dryRun: dryRun)
        }
        let seconds = Date().timeIntervalSince(started)
        if format == .json {
            struct Pruned: Encodable {
                var dry_run: Bool
                var succeeded: Int
                var failed_or_cancelled: Int
                var attempts: Int
                var batches: Int
                var seconds: Double
            }
            try JSONOutput.print(
                Pruned(
                    dry_run: dryRun, succeeded: result.succeeded, failed_or_cancelled: result.failed, attempts: result.attempts, batches: result.batches,
                    seconds: (seconds * 1000).rounded() / 1000))
            return
        }
        let verb = dryRun ? "would prune" : "pruned"
        print(
            "\(verb) \(NumberFormatting.grouped(result.succeeded)) succeeded job(s) finished more than \(keepJobs) ago and "
                + "\(NumberFormatting.grouped(result.failed)) failed or cancelled job(s) finished more than \(keepFailed) ago, "
                + "with \(NumberFormatting.grouped(result.attempts)) attempt(s)"
                + (dryRun ? "; run again without --dry-run to delete them" : String(format: ", in %.1fs", seconds)))
    }
}

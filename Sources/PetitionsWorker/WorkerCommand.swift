import ArgumentParser
import Foundation
import Logging
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsSources
import PetitionsStore
import Postgres
import ServiceLifecycle
import UnixSignals

/// `petitions-worker`: polls petition platforms and outlet feeds from the PostgreSQL job queue.
public struct WorkerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "petitions-worker",
        abstract: "Polls petition platforms and outlet feeds: runs the jobs of the sources added with `petitions source add`.",
        discussion: """
            Each source is due every --every (see `petitions source list`). The worker puts one job per source \
            and due time in the jobs table, claims due jobs with FOR UPDATE SKIP LOCKED, and holds each under a \
            lease it renews while it works; if a worker dies, its jobs are claimed again when their lease expires. \
            Run as many workers as you like, on one machine or many, against the same database.

            Politeness: at most one request in flight per host across every worker on the database, with \
            --host-gap between them. A job whose host is busy for more than a few seconds is given back to the \
            queue for when the host is free (without using an attempt), so one slow host never holds up others.

            Addresses: a source's host is resolved before each request and refused when it is link-local or a \
            cloud metadata service (always), or loopback or private (unless --allow-private-hosts). Plain-HTTP \
            requests go to exactly the address checked. Redirects are followed within the same host only, each \
            hop checked the same way.

            Finished jobs are pruned as the worker runs: succeeded ones after --keep-jobs, failed and cancelled \
            ones after --keep-failed, in small batches that never block claims. Observations and figures are \
            history and are never pruned.

            A failed attempt is retried with exponential backoff and jitter (network errors, timeouts, HTTP 408, \
            425, 429 and 5xx, and database errors) until the source's --max-attempts; a body that cannot be read \
            (malformed JSON, a missing field, a page the pattern no longer matches), or any other HTTP 4xx, fails \
            the job at once (the next due time polls again). See `petitions jobs list --state failed`.

            Alerts (`petitions alert add`) raised by the counts it records are sent as they fall due: a \
            webhook POST with an Idempotency-Key, or a command with the alert as JSON on stdin, each claimed \
            by one worker and retried with the same backoff; a --once pass sends what is due before it exits.

            Without --once the worker runs until SIGTERM or SIGINT, then stops claiming, lets running jobs finish \
            within --grace, releases the rest, and exits 0. /healthz and /metrics (Prometheus) are served on \
            127.0.0.1:--http-port.

            Exit status: 0 done (or stopped by a signal), 1 the database is not ready or failed, or a --once \
            pass had a job fail or left one to retry (it says how many and why), 2 bad usage.

            Examples:
              petitions-worker                       # run until stopped
              petitions-worker --once                # run what is due, then exit
              petitions-worker --concurrency 8 --http-port 9475 --log-level info
            """,
        version: "0.2.0"
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Run the jobs due now (and retries due now), then exit.") var once = false
    @Flag(help: "Only check that the database is reachable and migrated, then exit.") var check = false
    @Option(help: "Jobs run at once by this process.") var concurrency = 2
    @Option(help: ArgumentHelp("How long a claimed job is held without renewal (renewed every third of it).", valueName: "duration")) var lease = "60s"
    @Option(name: .customLong("poll-interval"), help: ArgumentHelp("Longest sleep between looks at the queue when idle.", valueName: "duration"))
    var pollInterval = "5s"
    @Option(help: ArgumentHelp("After SIGTERM/SIGINT, how long running jobs may take before they are released.", valueName: "duration")) var grace = "20s"
    @Option(
        name: .customLong("http-port"),
        help: ArgumentHelp(
            "Port on 127.0.0.1 for /healthz and /metrics; 0 picks a free one (logged). Default: 9475; none with --once unless given.", valueName: "port"))
    var httpPort: Int?
    @Flag(name: .customLong("no-http"), help: "Serve no /healthz or /metrics.") var noHTTP = false
    @Option(help: "This worker's name on the jobs it claims. Default: HOST:PID.") var name: String?
    @Option(name: .customLong("connect-timeout"), help: ArgumentHelp("Longest wait to connect to a host.", valueName: "duration")) var connectTimeout = "10s"
    @Option(name: .customLong("read-timeout"), help: ArgumentHelp("Longest wait for a response.", valueName: "duration")) var readTimeout = "30s"
    @Option(
        name: .customLong("statement-timeout"),
        help: ArgumentHelp(
            "Longest any of the worker's database statements may run (PostgreSQL's statement_timeout); 15 s after it, an unanswered call is taken for a dead link and the connection is made again.",
            valueName: "duration")) var statementTimeout = "30s"
    @Option(
        name: .customLong("fetch-deadline"),
        help: ArgumentHelp("Longest a whole request may take, from connecting to the last byte of the body.", valueName: "duration")) var fetchDeadline = "60s"
    @Option(
        name: .customLong("min-rate"),
        help: ArgumentHelp("Least average speed of a response body, checked after its first 5 seconds; a slower host is cut off.", valueName: "bytes/s"))
    var minRate = 512
    @Flag(
        name: .customLong("allow-private-hosts"),
        help: "Also fetch from loopback and private-network addresses (hosts of your own). Link-local and cloud-metadata addresses are always refused.")
    var allowPrivateHosts = false
    @Option(name: .customLong("max-bytes"), help: "Largest response body accepted, after decompression.") var maxBytes = 10 << 20
    @Option(name: .customLong("max-redirects"), help: "Redirects followed per request.") var maxRedirects = 5
    @Option(
        name: .customLong("host-gap"),
        help: ArgumentHelp(
            "Least time between two requests to the same host, across every worker on the database (one request in flight per host); 0s turns politeness off, for hosts you own.",
            valueName: "duration")) var hostGap = "1s"
    @Option(
        name: .customLong("keep-jobs"),
        help: ArgumentHelp("How long succeeded jobs (and their attempts) are kept before they are pruned.", valueName: "duration")) var keepJobs = "7d"
    @Option(name: .customLong("keep-failed"), help: ArgumentHelp("How long failed and cancelled jobs are kept before they are pruned.", valueName: "duration"))
    var keepFailed = "30d"
    @Flag(name: .customLong("no-prune"), help: "Never prune finished jobs (see `petitions jobs prune`).") var noPrune = false
    @Option(
        name: .customLong("stop-closed-after"),
        help: ArgumentHelp("A closed petition's source is polled daily, then paused once its count has not changed for this long.", valueName: "duration"))
    var stopClosedAfter = "7d"
    @Option(name: .customLong("max-items"), help: "New feed items read per run of a feed; the rest wait for the next run.") var maxItems = 25
    @Option(
        name: .customLong("retry-base"),
        help: ArgumentHelp("Delay before the first retry; it doubles with each attempt (with jitter), up to --retry-cap.", valueName: "duration"))
    var retryBase = "30s"
    @Option(name: .customLong("retry-cap"), help: ArgumentHelp("Longest delay between retries.", valueName: "duration")) var retryCap = "1h"

    public init() {}

    public func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency: between 1 and 64") }
        guard maxBytes >= 1024 else { throw ValidationError("--max-bytes: at least 1024") }
        guard (0...20).contains(maxRedirects) else { throw ValidationError("--max-redirects: between 0 and 20") }
        guard (1...1000).contains(maxItems) else { throw ValidationError("--max-items: between 1 and 1000") }
        if let httpPort, !(0...65535).contains(httpPort) { throw ValidationError("--http-port: 0-65535 (0 picks a free port); --no-http serves none") }
        if noHTTP && httpPort != nil { throw ValidationError("--http-port and --no-http do not go together") }
        let leaseSeconds = try Parse.duration(lease, option: "--lease", allowZero: false)
        guard leaseSeconds >= 1 else { throw ValidationError("--lease: at least 1s") }
        _ = try Parse.duration(pollInterval, option: "--poll-interval", allowZero: false)
        _ = try Parse.duration(grace, option: "--grace")
        _ = try Parse.duration(connectTimeout, option: "--connect-timeout", allowZero: false)
        _ = try Parse.duration(readTimeout, option: "--read-timeout", allowZero: false)
        _ = try Parse.duration(fetchDeadline, option: "--fetch-deadline", allowZero: false)
        _ = try Parse.duration(statementTimeout, option: "--statement-timeout", allowZero: false)
        guard minRate >= 0 else { throw ValidationError("--min-rate: 0 or more bytes per second (0 turns the check off)") }
        _ = try Parse.duration(hostGap, option: "--host-gap")
        _ = try Parse.duration(retryBase, option: "--retry-base", allowZero: false)
        _ = try Parse.duration(retryCap, option: "--retry-cap", allowZero: false)
        _ = try Parse.duration(stopClosedAfter, option: "--stop-closed-after", allowZero: false)
        let keep = (
            try Parse.duration(keepJobs, option: "--keep-jobs", allowZero: false), try Parse.duration(keepFailed, option: "--keep-failed", allowZero: false)
        )
        guard keep.1 >= keep.0 else {
            throw ValidationError("--keep-failed (\(keepFailed)) is shorter than --keep-jobs (\(keepJobs)); failed jobs are kept at least as long")
        }
    }

    public func run() async throws {
        let logger = global.makeLogger(label: "petitions.worker")
        let statementTimeout = try Parse.duration(self.statementTimeout, option: "--statement-timeout", allowZero: false)
        let control = try global.connect(logger: logger, statementTimeout: statementTimeout)
        defer { control.close() }
        try global.requireCurrentSchema(control, logger: logger)
        if check {
            let version = try Migrator().status(on: control).last?.version ?? 0
            print("petitions-worker: the database is ready (schema version \(version))")
            return
        }
        let workerName = name ?? "\(ProcessInfo.processInfo.hostName):\(getpid())"
        var fetchSettings = FetchSettings()
        fetchSettings.connectTimeout = try Parse.duration(connectTimeout, option: "--connect-timeout", allowZero: false)
        fetchSettings.readTimeout = try Parse.duration(readTimeout, option: "--read-timeout", allowZero: false)
        fetchSettings.maxBytes = maxBytes
        fetchSettings.allowPrivateHosts = allowPrivateHosts
        fetchSettings.deadline = try Parse.duration(fetchDeadline, option: "--fetch-deadline", allowZero: false)
        fetchSettings.minRate = Double(minRate)
        fetchSettings.maxRedirects = maxRedirects
        fetchSettings.hostGap = try Parse.duration(hostGap, option: "--host-gap")
        var jobSettings = JobSettings(workerName: workerName)
        jobSettings.lease = try Parse.duration(lease, option: "--lease", allowZero: false)
        jobSettings.maxItemsPerRun = maxItems
        jobSettings.hostGap = fetchSettings.hostGap
        jobSettings.closedQuiet = try Parse.duration(stopClosedAfter, option: "--stop-closed-after", allowZero: false)
        jobSettings.backoff = Backoff(
            base: try Parse.duration(retryBase, option: "--retry-base", allowZero: false),
            cap: try Parse.duration(retryCap, option: "--retry-cap", allowZero: false))
        var loopSettings = LoopSettings()
        loopSettings.concurrency = concurrency
        loopSettings.pollInterval = try Parse.duration(pollInterval, option: "--poll-interval", allowZero: false)
        loopSettings.grace = try Parse.duration(grace, option: "--grace")
        loopSettings.once = once
        if noPrune {
            loopSettings.retention = nil
        } else {
            loopSettings.retention?.keepSucceeded = try Parse.duration(keepJobs, option: "--keep-jobs", allowZero: false)
            loopSettings.retention?.keepFailed = try Parse.duration(keepFailed, option: "--keep-failed", allowZero: false)
        }

        let connectionString = try global.connectionString(logger: logger)
        let pool = PGPool(
            connectionString: connectionString, maximumConnections: concurrency + 1, logger: logger,
            statementTimeout: statementTimeout)
        let gate = DatabaseHostGate(pool: pool, gap: fetchSettings.hostGap, hold: fetchSettings.deadline + 5, holder: workerName, logger: logger)
        let fetcher = Fetcher(settings: fetchSettings, turns: gate)
        let metrics = WorkerMetrics()
        let clock = SystemClock()
        let runner = JobRunner(settings: jobSettings, fetcher: fetcher, pool: pool, clock: clock, metrics: metrics, logger: logger)
        // Idle workers are woken by NOTIFY when a job is queued; without that connection they poll.
        let listener =
            once ? nil : try? PGConnection(connectionString, applicationName: "petitions-worker-listen", logger: logger, statementTimeout: statementTimeout)
        defer { listener?.close() }
        let worker = Worker(loop: loopSettings, jobs: jobSettings, runner: runner, control: control, clock: clock, logger: logger, listener: listener)
        // The status endpoint first: the group stops services last to first, so it keeps answering
        // (503 "stopping") while the worker drains, and closes after.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if !noHTTP, let port = httpPort ?? (once ? nil : 9475) {
            services.append(.init(service: StatusServer(port: port, worker: worker, metrics: metrics, logger: logger)))
        }
        services.append(
            .init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup))
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger))
        let started = Date()
        do {
            try await group.run()
        } catch {
            await fetcher.shutdown()
            await pool.close()
            throw CommandFailure("the worker stopped on an error: \(error)")
        }
        await fetcher.shutdown()
        await pool.close()
        let state = worker.health
        let finished = await state.completed
        if once {
            let (failed, retrying, failures) = (await state.failedCount, await state.retryingCount, await state.failures)
            var line =
                "petitions-worker: ran \(finished) job\(finished == 1 ? "" : "s") in \(String(format: "%.1f", Date().timeIntervalSince(started)))s"
            if failed + retrying > 0 {
                line += "; \(failed) failed, \(retrying) will be retried"
                for failure in failures { line += "\n  \(failure.kind): \(failure.message)" }
                line += "\nsee `petitions jobs list --state failed` and `petitions jobs show ID`"
            } else {
                line += "; see `petitions jobs list`"
            }
            print(line)
            // A pass whose jobs did not all succeed is no success: say so in the exit status.
            if failed + retrying > 0 { throw ExitCode(1) }
        }
    }
}

import Foundation
import Logging
import PetitionsSources
import PetitionsStore
import Postgres
import Prometheus
import ServiceLifecycle

/// How the worker's loop behaves.
public struct LoopSettings: Sendable {
    /// Jobs run at once by this process.
    public var concurrency = 2
    /// Longest sleep when nothing is due (new due times and retries are looked for at least this often).
    public var pollInterval: TimeInterval = 5
    /// After SIGTERM/SIGINT: how long running jobs may take to finish before they are released.
    public var grace: TimeInterval = 20
    /// Run what is due, then exit.
    public var once = false
    /// Finished jobs kept; nil keeps them all.
    public var retention: Retention? = Retention()
    public init() {}
}

/// How long finished jobs are kept before the worker prunes them (with their attempts).
public struct Retention: Sendable {
    /// Succeeded jobs.
    public var keepSucceeded: TimeInterval = 7 * 86_400
    /// Failed and cancelled jobs: kept longer, for a person to look at.
    public var keepFailed: TimeInterval = 30 * 86_400
    /// How often a running worker prunes.
    public var every: TimeInterval = 60
    /// Rows deleted per statement, and statements per run (the rest waits for the next run).
    public var batch = 1000
    public var maxBatches = 20
    public init() {}
}

/// The worker's main loop as a service: schedules due jobs, claims them with SKIP LOCKED, runs them
/// with their leases renewed, and on graceful shutdown stops claiming, lets running jobs finish
/// within the grace period, and releases the rest.
public final class Worker: Service, Sendable {
    let loop: LoopSettings
    let jobs: JobSettings
    let runner: JobRunner
    let control: PGConnection
    /// The control and listening connections' own threads (see `PGThread`).
    let controlThread = PGThread(name: "petitions.worker.control")
    let listenerThread = PGThread(name: "petitions.worker.listen")
    let clock: any WorkerClock
    let logger: Logger
    /// A connection of its own for LISTEN, or nil to rely on polling alone.
    let listener: PGConnection?
    let state = WorkerState()

    /// Sources scheduled per statement.
    static let scheduleBatch = 1000

    /// The channel jobs that become claimable are announced on (see `Schema/0006_job_notify.sql`).
    public static let channel = "petitions_jobs"

    public init(
        loop: LoopSettings, jobs: JobSettings, runner: JobRunner, control: PGConnection, clock: any WorkerClock, logger: Logger,
        listener: PGConnection? = nil
    ) {
        self.loop = loop
        self.jobs = jobs
        self.runner = runner
        self.control = control
        self.clock = clock
        self.logger = logger
        self.listener = listener
    }

    deinit {
        controlThread.shutdown()
        listenerThread.shutdown()
    }

    /// Health for /healthz: whether the database answered the last time it was asked.
    public var health: WorkerState { state }

    /// /healthz reports unhealthy when the database has not answered for this long (the loop asks
    /// it at least every poll interval).
    public var silenceLimit: TimeInterval { max(3 * loop.pollInterval, 10) }

    func database<T>(_ body: (Repository) throws -> T) async throws -> T {
        let control = self.control
        do {
            let value = try await withTaskExecutorPreference(controlThread) { try body(Repository(control)) }
            await state.databaseAnswered(true, at: clock.now())
            return value
        } catch let error as PGError where error.kind == .connection || error.kind == .connectionLost {
            await state.databaseAnswered(false, at: clock.now())
            throw error
        }
    }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await self.runLoop()
        } onGracefulShutdown: {
            Task { await self.state.stop() }
        }
    }

    /// Wakes the loop when a job is queued (LISTEN), so idle workers need not wait for their next poll.
    /// Polling stays the fallback: a lost connection is re-established and listened on again.
    func listen(on connection: PGConnection) async {
        var listening = false
        while await !state.stopping, !Task.isCancelled {
            do {
                if !listening {
                    try await withTaskExecutorPreference(listenerThread) { try connection.listen(Self.channel) }
                    listening = true
                    // Jobs queued while the listener was away notified no one: look for them now,
                    // not at the next poll.
                    await state.nudge()
                }
                let notes = try await withTaskExecutorPreference(listenerThread) { try connection.waitForNotifications(timeout: 1) }
                if !notes.isEmpty { await state.nudge() }
            } catch {
                listening = false
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Prunes finished jobs now and then, in small batches on a pooled connection, so that the loop's
    /// claims never wait for it.
    func prune(_ retention: Retention) async {
        let now = clock.now()
        do {
            let result = try await runner.database {
                try $0.jobs.prune(
                    now: now, keepSucceeded: retention.keepSucceeded, keepFailed: retention.keepFailed,
                    batch: retention.batch, maxBatches: retention.maxBatches)
            }
            if result.total > 0 {
                runner.metrics.pruned.increment(by: Int64(result.total))
                logger.info(
                    "pruned finished jobs",
                    metadata: [
                        "jobs.succeeded": "\(result.succeeded)", "jobs.failed": "\(result.failed)",
                        "attempts": "\(result.attempts)",
                    ])
            }
        } catch {
            logger.warning("could not prune finished jobs: \(error); trying again later")
        }
    }

    func pruneNowAndThen(_ retention: Retention) async {
        while await !state.stopping, !Task.isCancelled {
            await prune(retention)
            try? await Task.sleep(for: .milliseconds(Int(retention.every * 1000)))
        }
    }

    func runLoop() async throws {
        let listening = listener.map { connection in Task { await listen(on: connection) } }
        let pruning = loop.once ? nil : loop.retention.map { retention in Task { await pruneNowAndThen(retention) } }
        let alerting = loop.once ? nil : Task { await deliverAlertsNowAndThen() }
        // The companions end before the loop returns: the listening connection is closed after it,
        // and closing it under a blocking wait for notifications would free it while in use.
        await loopUntilStopped()
        listening?.cancel()
        pruning?.cancel()
        alerting?.cancel()
        await listening?.value
        await pruning?.value
        await alerting?.value
        // A --once pass sends the alerts it (or anyone) raised.
        if loop.once { while await deliverAlerts() > 0 {} }
    }

    /// Sends due alert deliveries, a few at a time, each claimed under a lease; returns how many
    /// were claimed. A failure that waiting may cure is retried with the jobs' backoff.
    func deliverAlerts() async -> Int {
        let now = clock.now()
        let worker = jobs.workerName
        // On a pooled connection, as pruning is, so that the loop's claims never wait for it.
        guard let claimed = try? await runner.database({ try $0.alerts.claimDeliveries(worker: worker, now: now, lease: 60, limit: 5) }) else { return 0 }
        let sender = AlertSender(fetcher: runner.fetcher)
        for delivery in claimed {
            let failure = await sender.send(delivery)
            let finished = clock.now()
            let retryAt = failure.flatMap {
                $0.retryable && delivery.attempt < delivery.maxAttempts
                    ? finished.addingTimeInterval(jobs.backoff.delay(afterAttempt: delivery.attempt, random: Double.random(in: 0...1))) : nil
            }
            _ = try? await runner.database { try $0.alerts.finishDelivery(delivery, worker: worker, now: finished, error: failure?.message, retryAt: retryAt) }
            let metadata: Logger.Metadata = [
                "alert": "\(delivery.alertID)", "delivery": "\(delivery.id)", "event": "\(delivery.eventKey)", "attempt": "\(delivery.attempt)",
            ]
            if let failure {
                logger.warning("alert delivery failed: \(failure.message)\(retryAt == nil ? "; giving up" : "; trying again later")", metadata: metadata)
            } else {
                runner.metrics.alertsSent.increment()
                logger.notice("alert sent", metadata: metadata)
            }
        }
        return claimed.count
    }

    func deliverAlertsNowAndThen() async {
        while await !state.stopping, !Task.isCancelled {
            if await deliverAlerts() == 0 { try? await Task.sleep(for: .milliseconds(500)) }
        }
    }

    private func loopUntilStopped() async {
        let worker = jobs.workerName
        logger.notice("worker started", metadata: ["worker": "\(worker)", "concurrency": "\(loop.concurrency)", "once": "\(loop.once)"])
        var databaseFailures = 0
        var lastSchedule: Date?
        var lastScheduled = 0
        var lastRescue: Date?
        var scheduleAgain = true
        while await !state.stopping {
            let generation = await state.generation
            let free = loop.concurrency - (await state.runningCount)
            var claimed: [ClaimedJob] = []
            // Whether this pass looked for due sources and found none (so an empty claim means nothing is due).
            var nothingLeftToSchedule = false
            if free <= 0, let contact = await state.lastDatabaseContact, clock.now().timeIntervalSince(contact) >= loop.pollInterval {
                // Every slot is busy: still look at the database now and then, so /healthz knows it answers.
                _ = try? await database { try $0.db.query("SELECT 1") }
            }
            if free > 0 {
                let now = clock.now()
                let lease = jobs.lease
                // Scheduling is a round trip of its own: every quarter second while it finds due
                // sources, every second when it found none, and at once after a full batch (more are
                // due) or when nothing was left to claim.
                let schedule = scheduleAgain || lastSchedule.map { now.timeIntervalSince($0) >= (lastScheduled > 0 ? 0.25 : 1) || now < $0 } ?? true
                do {
                    let batch = Self.scheduleBatch
                    // Expired leases are looked for every few seconds, and whenever the queue seems empty.
                    let rescue = lastRescue.map { now.timeIntervalSince($0) >= min(5, lease / 4) || now < $0 } ?? true
                    let (turn, jobs) = try await database { repository in
                        let turn = schedule ? try repository.jobs.schedule(now: now, limit: batch) : (ran: false, added: 0)
                        var jobs = try repository.jobs.claim(worker: worker, now: now, lease: lease, limit: free, rescue: rescue)
                        if jobs.isEmpty && !rescue { jobs = try repository.jobs.claim(worker: worker, now: now, lease: lease, limit: free, rescue: true) }
                        return (turn, jobs)
                    }
                    if rescue || jobs.isEmpty { lastRescue = now }
                    claimed = jobs
                    if schedule { (lastSchedule, lastScheduled) = (now, turn.added) }
                    nothingLeftToSchedule = schedule && turn.ran && turn.added == 0
                    // Another worker had the scheduler's turn: look again soon.
                    scheduleAgain = turn.added == batch || (jobs.isEmpty && !(schedule && turn.ran))
                    if schedule && !turn.ran && jobs.isEmpty { try? await Task.sleep(for: .milliseconds(20)) }
                    if databaseFailures > 0 { logger.notice("the database answers again; carrying on") }
                    databaseFailures = 0
                } catch {
                    databaseFailures += 1
                    let wait = min(Double(1 << min(databaseFailures, 5)) * 0.25, loop.pollInterval)
                    logger.error("cannot reach the job queue: \(error); trying again in \(wait)s")
                    await state.waitForChange(timeout: wait)
                    continue
                }
            }
            for job in claimed { await start(job) }
            let running = await state.runningCount
            if loop.once && claimed.isEmpty && running == 0 && !nothingLeftToSchedule { continue }
            if loop.once && claimed.isEmpty && running == 0 {
                // A --once run finishes what is due: jobs it gave back for a busy host run when the host is free.
                guard let until = await state.takeDeferral(), until > clock.now() else { break }
                await state.waitForChange(timeout: min(until.timeIntervalSince(clock.now()) + 0.01, loop.pollInterval))
                continue
            }
            if claimed.isEmpty || running >= loop.concurrency {
                // Sleep until a job ends, shutdown, or something may be due.
                var wait = loop.pollInterval
                if running == 0, let next = try? await database({ try $0.jobs.nextRunAfter() }) {
                    wait = min(wait, max(next.timeIntervalSince(clock.now()), 0.05))
                }
                if loop.once && running == 0 { wait = 0.05 }
                await state.waitForChange(timeout: wait, since: generation)
            }
        }
        await drain()
        if loop.once, let retention = loop.retention { await prune(retention) }
        logger.notice("worker stopped", metadata: ["worker": "\(worker)"])
    }

    /// Starts a job with a companion task that renews its lease.
    func start(_ job: ClaimedJob) async {
        await state.claimedOne()
        runner.metrics.claimed.increment()
        runner.metrics.running.increment()
        let worker = jobs.workerName
        let lease = jobs.lease
        let task = Task {
            let renewal = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(Int(lease * 1000 / 3)))
                    if Task.isCancelled { break }
                    let now = clock.now()
                    let held = try? await database { try $0.jobs.extendLease(job, worker: worker, now: now, lease: lease) }
                    if held == false { break }
                }
            }
            let end = await runner.run(job)
            renewal.cancel()
            runner.metrics.running.decrement()
            await state.finished(job.id, end: end)
        }
        await state.started(job.id, task: task)
    }

    /// Lets running jobs finish within the grace period, then cancels (and so releases) the rest.
    func drain() async {
        let running = await state.runningCount
        guard running > 0 else { return }
        logger.notice("stopping: waiting up to \(loop.grace)s for \(running) running job(s)")
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(loop.grace * 1000)))
        while await state.runningCount > 0, ContinuousClock.now < deadline {
            let remaining = (deadline - ContinuousClock.now).components
            await state.waitForChange(timeout: max(0.01, Double(remaining.seconds) + Double(remaining.attoseconds) / 1e18))
        }
        let left = await state.runningCount
        if left > 0 {
            logger.warning("grace period over: releasing \(left) unfinished job(s)")
            await state.cancelAll()
            let hardStop = ContinuousClock.now.advanced(by: .seconds(10))
            while await state.runningCount > 0, ContinuousClock.now < hardStop { await state.waitForChange(timeout: 0.1) }
        }
    }
}

/// What the loop shares with job tasks and the status endpoint.
public actor WorkerState {
    private(set) var stopping = false
    private var tasks: [Int: Task<Void, Never>] = [:]
    private var ended: Set<Int> = []
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private(set) var runningCount = 0
    /// Moves on at every job end and at shutdown, so a waiter does not miss one that came just before it.
    private(set) var generation = 0
    public private(set) var databaseReachable = true
    public private(set) var lastDatabaseContact: Date?
    public private(set) var completed = 0
    func stop() {
        stopping = true
        wake()
    }

    /// Something may be claimable now.
    func nudge() { wake() }

    func started(_ id: Int, task: Task<Void, Never>) {
        if ended.remove(id) != nil { return }
        tasks[id] = task
    }

    func claimedOne() { runningCount += 1 }

    /// The latest time a job this worker gave back (its host was busy) runs again.
    private var deferredUntil: Date?

    func takeDeferral() -> Date? {
        defer { deferredUntil = nil }
        return deferredUntil
    }

    /// Jobs that failed for good or will be retried, with why (the last few), for `--once`'s report.
    public private(set) var failures: [(kind: String, message: String)] = []
    public private(set) var failedCount = 0
    public private(set) var retryingCount = 0

    func finished(_ id: Int, end: JobEnd) {
        if case .deferred(let until) = end { deferredUntil = max(deferredUntil ?? until, until) }
        switch end {
        case .failed(let message):
            failedCount += 1
            if failures.count < 5 { failures.append(("failed", message)) }
        case .retrying(let message, _):
            retryingCount += 1
            if failures.count < 5 { failures.append(("will retry", message)) }
        default:
            break
        }
        if tasks.removeValue(forKey: id) == nil { ended.insert(id) }
        runningCount -= 1
        completed += 1
        wake()
    }

    func cancelAll() { for task in tasks.values { task.cancel() } }

    func databaseAnswered(_ answered: Bool, at date: Date) {
        databaseReachable = answered
        if answered { lastDatabaseContact = date }
    }

    /// Returns when a job ends, shutdown begins, or `timeout` seconds pass.
    func waitForChange(timeout: TimeInterval, since: Int? = nil) async {
        if let since, since != generation { return }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: .milliseconds(Int(max(timeout, 0) * 1000)))
            await self?.wake()
        }
        await withCheckedContinuation { waiters.append($0) }
        timer.cancel()
    }

    private func wake() {
        generation += 1
        let current = waiters
        waiters = []
        for waiter in current { waiter.resume() }
    }
}

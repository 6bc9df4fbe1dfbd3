import Foundation
import PetitionsDomain
import PetitionsSources
import Postgres

/// A job a worker has claimed, with what it needs to run it.
public struct ClaimedJob: Sendable, Hashable {
    public var id: Int
    public var attempt: Int
    public var maxAttempts: Int
    public var dueAt: Date
    public var source: StoredSource
    public var etag: String?
    public var lastModified: String?
}

/// A job as admins see it.
public struct StoredJob: Sendable, Hashable, Codable {
    public var id: Int
    public var sourceID: Int
    public var campaign: String
    public var kind: String
    public var url: String
    public var dueAt: Date
    public var state: JobState
    public var runAfter: Date
    public var attempts: Int
    public var maxAttempts: Int
    public var worker: String?
    public var leaseUntil: Date?
    public var lastError: String?
    public var result: String?
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
}

public struct StoredAttempt: Sendable, Hashable, Codable {
    public var attempt: Int
    public var worker: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var outcome: AttemptOutcome?
    public var error: String?
}

/// The job's claim was lost: its lease ran out and another worker took it, or an admin cancelled it.
/// Nothing the job wrote was kept.
public struct LeaseLost: Error, Sendable, CustomStringConvertible {
    public var job: Int
    public var description: String { "job \(job) is no longer held by this worker (lease expired or cancelled); its changes were rolled back" }
}

/// The PostgreSQL job queue. Every time comes from the caller's clock, so tests can move time
/// without sleeping.
public struct JobStore: StoreArea {
    public let db: PGConnection
    public init(_ db: PGConnection) { self.db = db }

    // MARK: Scheduling

    /// Queues one job for the latest due time of each active source whose next due time has come,
    /// and moves the source's next due time one period past `now`. Sources are taken through the
    /// `sources_due` index in due order, at most `limit` a call, and locked with SKIP LOCKED, so any
    /// number of schedulers can run and each due time gets one job; one at a time does the work (a
    /// transaction advisory lock), the others return 0 at once. A source whose job is
    /// still queued or running gets none for this slot (it catches up with one job, not a burst), and
    /// nothing is inserted only to conflict, so no job id is wasted.
    /// - Returns: how many jobs were added.
    @discardableResult
    public func scheduleDue(now: Date, limit: Int = 1000) throws -> Int {
        try schedule(now: now, limit: limit).added
    }

    /// `scheduleDueJobs`, saying also whether this call had the scheduler's turn (when it did not,
    /// another scheduler was at work and nothing can be concluded from `added == 0`).
    public func schedule(now: Date, limit: Int = 1000) throws -> (ran: Bool, added: Int) {
        let row = try db.query(
            """
            WITH turn AS (
                -- One scheduler at a time: the others return at once instead of walking the same index.
                SELECT pg_try_advisory_xact_lock(\(Self.schedulerLockKey)) AS mine
            ), due AS (
                SELECT s.id, s.max_attempts, s.every,
                       s.anchor + floor(extract(epoch FROM (\(now)::timestamptz - s.anchor)) / extract(epoch FROM s.every)) * s.every AS at
                FROM turn, sources s
                WHERE turn.mine AND s.next_due_at <= \(now) AND NOT s.paused AND s.removed_at IS NULL
                ORDER BY s.next_due_at
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            ), advanced AS (
                -- `= ANY(ARRAY(...))` lets the planner take the rows by primary key instead of hashing the whole table.
                UPDATE sources s SET next_due_at = due.at + due.every FROM due
                WHERE s.id = due.id AND s.id = ANY(ARRAY(SELECT id FROM due))
            ), added AS (
                -- OFFSET 0 keeps each look-up a correlated index probe: with a queue's stale statistics
                -- the planner otherwise joined every open job against every due source.
                INSERT INTO jobs (source_id, due_at, run_after, max_attempts)
                SELECT due.id, due.at, due.at, due.max_attempts FROM due
                WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.source_id = due.id AND j.open OFFSET 0)
                  AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.source_id = due.id AND j.due_at = due.at OFFSET 0)
                ON CONFLICT DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT mine FROM turn) AS ran, (SELECT count(*) FROM added) AS added
            """)[0]
        return (try row.decode("ran"), try row.decode("added"))
    }

    /// The transaction advisory lock that lets one scheduler run at a time (the others skip the pass).
    public static let schedulerLockKey = 7_316_140_002

    /// Queues a job for a source now, outside its schedule (`petitions source poll`). The source's
    /// row is locked first, so two at once give one job; an open job is returned instead of a new one.
    public func queueNow(source id: Int, now: Date) throws -> Int {
        try db.withTransaction { db in
            guard let locked = try db.query("SELECT max_attempts FROM sources WHERE id = \(id) AND removed_at IS NULL FOR UPDATE").first else {
                throw StoreError.notFound("there is no source \(id) (see: petitions source list)")
            }
            if let open = try db.query("SELECT id FROM jobs WHERE source_id = \(id) AND open").first {
                return try open.decode("id")
            }
            let maxAttempts: Int = try locked.decode("max_attempts")
            return try db.query(
                """
                INSERT INTO jobs (source_id, due_at, run_after, max_attempts) VALUES (\(id), \(now), \(now), \(maxAttempts))
                ON CONFLICT (source_id, due_at) DO UPDATE SET run_after = excluded.run_after RETURNING id
                """)[0].decode("id")
        }
    }

    /// When something next needs the worker (a queued job's time, an expiring lease, a source falling
    /// due), for an idle worker's sleep; nil when nothing is waiting. Three index lookups.
    public func nextRunAfter() throws -> Date? {
        try db.query(
            """
            SELECT least((SELECT min(run_after) FROM jobs WHERE state = 'queued'),
                         (SELECT min(lease_until) FROM jobs WHERE state = 'running'),
                         (SELECT min(next_due_at) FROM sources WHERE NOT paused AND removed_at IS NULL)) AS next
            """
        ).first?.decode("next")
    }

    // MARK: Claiming

    /// The columns `decodeSource` reads, without the per-source look-ups of `source(_:)` (a claim
    /// needs none of what polling last saw).
    private static let claimedSourceColumns = """
        s.id, c.slug AS campaign, o.slug AS outlet, s.kind, s.url, extract(epoch FROM s.every)::float8 AS every_seconds, s.metric,
        s.pointer, s.pattern, s.max_attempts, s.paused, s.anchor, s.created_at, s.removed_at, s.last_polled_at, s.last_changed_at, s.last_error,
        NULL::bigint AS count, NULL::timestamptz AS count_since, NULL::timestamptz AS count_last_seen, 0::bigint AS feed_items,
        'running'::text AS open_job, s.etag, s.last_modified
        """

    /// Claims up to `limit` claimable jobs, in one statement: queued ones whose time has come (through
    /// the `jobs_ready` index, in claim order) and running ones whose lease expired (through
    /// `jobs_leased`). Jobs whose lease ran out on their last attempt are failed on the way. Rows
    /// another worker is claiming are skipped, never waited for.
    /// - Parameter rescue: also take jobs whose lease ran out (and fail those on their last attempt).
    ///   Their index holds an entry for every job that ever ran, so a worker asks for them now and
    ///   then (`Worker` every few seconds), not on every claim.
    public func claim(worker: String, now: Date, lease: TimeInterval, limit: Int, rescue: Bool = true) throws -> [ClaimedJob] {
        let rows = try db.query(
            """
            WITH exhausted AS (
                UPDATE jobs SET state = 'failed', lease_until = NULL, finished_at = \(now),
                       last_error = 'the lease expired on attempt ' || attempts || ' of ' || max_attempts || ' (the worker died or hung); run `petitions jobs retry ' || id || '` to try again'
                WHERE id IN (SELECT id FROM jobs WHERE \(rescue) AND state = 'running' AND lease_until < \(now) AND attempts >= max_attempts
                             ORDER BY lease_until, id LIMIT 100 FOR UPDATE SKIP LOCKED)
                RETURNING id, attempts
            ), exhausted_logged AS (
                UPDATE job_attempts a SET finished_at = \(now), outcome = 'lease expired'
                FROM exhausted e WHERE a.job_id = e.id AND a.attempt = e.attempts AND a.finished_at IS NULL
            ), expired AS (
                SELECT id, state AS previous_state, attempts AS previous_attempts FROM jobs
                WHERE \(rescue) AND state = 'running' AND lease_until < \(now) AND attempts < max_attempts
                ORDER BY lease_until, id LIMIT \(limit) FOR UPDATE SKIP LOCKED
            ), ready AS (
                SELECT id, state AS previous_state, attempts AS previous_attempts FROM jobs
                WHERE state = 'queued' AND run_after <= \(now)
                ORDER BY run_after, id LIMIT \(limit) FOR UPDATE SKIP LOCKED
            ), picked AS (
                SELECT * FROM (SELECT * FROM expired UNION ALL SELECT * FROM ready) both_kinds LIMIT \(limit)
            ), expired_logged AS (
                UPDATE job_attempts a SET finished_at = \(now), outcome = 'lease expired'
                FROM picked p
                WHERE p.previous_state = 'running' AND a.job_id = p.id AND a.attempt = p.previous_attempts AND a.finished_at IS NULL
            ), claimed AS (
                UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, worker = \(worker),
                       lease_until = \(now)::timestamptz + make_interval(secs => \(lease)), started_at = coalesce(j.started_at, \(now))
                FROM picked p WHERE j.id = p.id
                RETURNING j.id, j.source_id, j.attempts, j.max_attempts, j.due_at, j.run_after
            ), logged AS (
                INSERT INTO job_attempts (job_id, attempt, worker, started_at) SELECT id, attempts, \(worker), \(now) FROM claimed
            )
            SELECT cl.id AS job_id, cl.attempts AS attempt, cl.max_attempts AS job_max_attempts, cl.due_at, \(unsafeRaw: Self.claimedSourceColumns)
            FROM claimed cl JOIN sources s ON s.id = cl.source_id JOIN campaigns c ON c.id = s.campaign_id JOIN outlets o ON o.id = s.outlet_id
            ORDER BY cl.run_after, cl.id
            """)
        return try rows.map { row in
            ClaimedJob(
                id: try row.decode("job_id"), attempt: try row.decode("attempt"), maxAttempts: try row.decode("job_max_attempts"),
                dueAt: try row.decode("due_at"), source: try SourceStore.decodeSource(row), etag: try row.decode("etag"),
                lastModified: try row.decode("last_modified"))
        }
    }

    /// Extends a held lease. - Returns: false when the job is no longer this worker's.
    public func extendLease(_ job: ClaimedJob, worker: String, now: Date, lease: TimeInterval) throws -> Bool {
        try db.execute(
            """
            UPDATE jobs SET lease_until = \(now)::timestamptz + make_interval(secs => \(lease))
            WHERE id = \(job.id) AND state = 'running' AND worker = \(worker) AND attempts = \(job.attempt)
            """) == 1
    }

    // MARK: Finishing

    /// Runs `body` and marks the job succeeded, in one transaction: either both happen or neither.
    /// - Throws: `LeaseLost` (and rolls back) when the job is no longer this worker's.
    public func complete<T>(
        _ job: ClaimedJob, worker: String, now: Date, result: (T) -> [String: String] = { _ in [:] },
        _ body: (Repository) throws -> T
    ) throws -> T {
        try db.withTransaction { db in
            try holdJob(job, worker: worker, db: db)
            let value = try body(Repository(db))
            let summary = try PGJSON(encoding: result(value))
            try db.execute(
                """
                WITH attempt AS (
                    UPDATE job_attempts SET finished_at = \(now), outcome = 'succeeded' WHERE job_id = \(job.id) AND attempt = \(job.attempt)
                ), source AS (
                    UPDATE sources SET last_error = NULL WHERE id = \(job.source.id) AND last_error IS NOT NULL
                )
                UPDATE jobs SET state = 'succeeded', lease_until = NULL, finished_at = \(now), result = \(summary), last_error = NULL WHERE id = \(job.id)
                """)
            return value
        }
    }

    private func holdJob(_ job: ClaimedJob, worker: String, db: PGConnection) throws {
        let held = try db.query(
            """
            SELECT 1 FROM jobs WHERE id = \(job.id) AND state = 'running' AND worker = \(worker) AND attempts = \(job.attempt) FOR UPDATE
            """)
        guard !held.isEmpty else { throw LeaseLost(job: job.id) }
    }

    /// Records a failed attempt: the job is queued again at `retryAt`, or failed for good when it
    /// has used its attempts (or `retryAt` is nil: the error will not go away by waiting).
    /// - Returns: true when the job will be retried.
    @discardableResult
    public func fail(_ job: ClaimedJob, worker: String, now: Date, error: String, retryAt: Date?) throws -> Bool {
        try db.withTransaction { db in
            try holdJob(job, worker: worker, db: db)
            let retry = retryAt != nil && job.attempt < job.maxAttempts
            let message = String(error.prefix(2000))
            if retry {
                try db.execute(
                    """
                    UPDATE jobs SET state = 'queued', lease_until = NULL, run_after = \(retryAt!), last_error = \(message) WHERE id = \(job.id)
                    """)
            } else {
                try db.execute(
                    """
                    UPDATE jobs SET state = 'failed', lease_until = NULL, finished_at = \(now), last_error = \(message) WHERE id = \(job.id)
                    """)
            }
            try db.execute(
                """
                UPDATE job_attempts SET finished_at = \(now), outcome = 'failed', error = \(message) WHERE job_id = \(job.id) AND attempt = \(job.attempt)
                """)
            try db.execute("UPDATE sources SET last_error = \(message), last_polled_at = \(now) WHERE id = \(job.source.id)")
            return retry
        }
    }

    /// Gives a job back unfinished: queued again at `runAfter` (default now), and the attempt does
    /// not count against its maximum. Used when the worker is stopping, and when the job's host is
    /// busy with another worker's request (`reason` says so on the attempt).
    public func release(_ job: ClaimedJob, worker: String, now: Date, runAfter: Date? = nil, reason: String? = nil) throws {
        try db.withTransaction { db in
            try holdJob(job, worker: worker, db: db)
            try db.execute(
                """
                WITH attempt AS (
                    UPDATE job_attempts SET finished_at = \(now), outcome = 'released', error = \(reason) WHERE job_id = \(job.id) AND attempt = \(job.attempt)
                )
                UPDATE jobs SET state = 'queued', lease_until = NULL, run_after = \(runAfter ?? now), max_attempts = max_attempts + 1 WHERE id = \(job.id)
                """)
        }
    }

    // MARK: Admin

    private static let jobColumns = """
        j.id, j.source_id, c.slug AS campaign, s.kind, s.url, j.due_at, j.state, j.run_after, j.attempts, j.max_attempts, j.worker,
        j.lease_until, j.last_error, j.result::text AS result, j.created_at, j.started_at, j.finished_at
        FROM jobs j JOIN sources s ON s.id = j.source_id JOIN campaigns c ON c.id = s.campaign_id
        """

    static func decodeJob(_ row: PGRow) throws -> StoredJob {
        StoredJob(
            id: try row.decode("id"), sourceID: try row.decode("source_id"), campaign: try row.decode("campaign"), kind: try row.decode("kind"),
            url: try row.decode("url"), dueAt: try row.decode("due_at"), state: try JobState.parse(try row.decode("state")),
            runAfter: try row.decode("run_after"),
            attempts: try row.decode("attempts"), maxAttempts: try row.decode("max_attempts"), worker: try row.decode("worker"),
            leaseUntil: try row.decode("lease_until"), lastError: try row.decode("last_error"), result: try row.decode("result"),
            createdAt: try row.decode("created_at"), startedAt: try row.decode("started_at"), finishedAt: try row.decode("finished_at"))
    }

    /// Jobs, newest first, optionally of one state and source.
    public func list(state: JobState? = nil, source: Int? = nil, limit: Int = 50) throws -> [StoredJob] {
        try db.query(
            """
            SELECT \(unsafeRaw: Self.jobColumns)
            WHERE (\(state?.rawValue)::text IS NULL OR j.state = \(state?.rawValue)) AND (\(source)::bigint IS NULL OR j.source_id = \(source))
            ORDER BY j.id DESC LIMIT \(limit)
            """
        ).map(Self.decodeJob)
    }

    public func find(_ id: Int) throws -> StoredJob? {
        try db.query("SELECT \(unsafeRaw: Self.jobColumns) WHERE j.id = \(id)").first.map(Self.decodeJob)
    }

    public func attempts(_ id: Int) throws -> [StoredAttempt] {
        try db.query("SELECT attempt, worker, started_at, finished_at, outcome, error FROM job_attempts WHERE job_id = \(id) ORDER BY attempt").map {
            StoredAttempt(
                attempt: try $0.decode("attempt"), worker: try $0.decode("worker"), startedAt: try $0.decode("started_at"),
                finishedAt: try $0.decode("finished_at"), outcome: try (try $0.decode("outcome") as String?).map { try AttemptOutcome.parse($0) },
                error: try $0.decode("error"))
        }
    }

    /// How many jobs are in each state.
    public func counts() throws -> [JobState: Int] {
        var counts: [JobState: Int] = [:]
        for row in try db.query("SELECT state, count(*) AS n FROM jobs GROUP BY state") {
            counts[try JobState.parse(try row.decode("state"))] = try row.decode("n")
        }
        return counts
    }

    /// Queues a failed or cancelled job again, with a fresh set of attempts.
    public func retry(_ id: Int, actor: String, now: Date = Date()) throws -> StoredJob {
        try db.withTransaction { db in
            guard let job = try find(id) else { throw StoreError.notFound("there is no job \(id) (see: petitions jobs list)") }
            guard job.state == .failed || job.state == .cancelled else {
                throw StoreError.conflict("job \(id) is \(job.state); only failed or cancelled jobs can be retried")
            }
            // The source's row is the lock every job maker takes (scheduler, `source poll`, retry).
            try db.execute("SELECT 1 FROM sources WHERE id = \(job.sourceID) FOR UPDATE")
            let open = try db.query("SELECT id FROM jobs WHERE source_id = \(job.sourceID) AND open AND id <> \(id)")
            if let other = open.first {
                throw StoreError.conflict(
                    "source \(job.sourceID) already has job \(try other.decode("id", as: Int.self)) waiting or running; retrying \(id) too would poll it twice")
            }
            try db.execute(
                """
                UPDATE jobs j SET state = 'queued', run_after = \(now), finished_at = NULL,
                       max_attempts = j.attempts + (SELECT s.max_attempts FROM sources s WHERE s.id = j.source_id)
                WHERE id = \(id)
                """)
            try audit(db, actor: actor, action: "job.retry", type: "job", subject: String(id), details: ["previous_state": job.state.rawValue])
            return try find(id)!
        }
    }

    /// Cancels a queued or running job. A running job's worker finds its claim gone and rolls back.
    public func cancel(_ id: Int, actor: String, reason: String?, now: Date = Date()) throws -> StoredJob {
        try Validate.bounded((reason, Validate.Limit.reason, "reason"), (actor, Validate.Limit.actor, "actor"))
        return try db.withTransaction { db in
            guard let job = try find(id) else { throw StoreError.notFound("there is no job \(id) (see: petitions jobs list)") }
            guard job.state.isOpen else {
                throw StoreError.conflict("job \(id) is already \(job.state); only queued or running jobs can be cancelled")
            }
            try db.execute(
                """
                UPDATE jobs SET state = 'cancelled', lease_until = NULL, finished_at = \(now), last_error = \("cancelled by \(actor)" + (reason.map { ": \($0)" } ?? "")) WHERE id = \(id)
                """)
            try db.execute("UPDATE job_attempts SET finished_at = \(now), outcome = 'cancelled' WHERE job_id = \(id) AND finished_at IS NULL")
            try audit(
                db, actor: actor, action: "job.cancel", type: "job", subject: String(id),
                details: ["previous_state": job.state.rawValue, "reason": reason ?? ""])
            return try find(id)!
        }
    }

    // MARK: Retention

    /// What pruning removed (or, on a dry run, would remove).
    public struct PruneResult: Sendable, Equatable, Codable {
        public var succeeded = 0
        public var failed = 0
        public var attempts = 0
        public var batches = 0
        public var total: Int { succeeded + failed }
        public init() {}
    }

    /// Deletes finished jobs, with their attempts: succeeded ones that finished before
    /// `now - keepSucceeded`, failed and cancelled ones before `now - keepFailed`. It works in
    /// batches of `batch` rows, each its own short statement taking its rows with SKIP LOCKED, so
    /// it never waits for (or holds up) a claim; queued and running jobs are never touched.
    /// Observations, figures, feed items and flags are history and stay (with the pruned job's id).
    /// - Parameter maxBatches: stop after this many batches (the rest waits for the next run).
    public func prune(
        now: Date, keepSucceeded: TimeInterval, keepFailed: TimeInterval, batch: Int = 1000,
        maxBatches: Int = .max, dryRun: Bool = false
    ) throws -> PruneResult {
        var result = PruneResult()
        let classes: [(states: [String], cutoff: Date, add: (inout PruneResult, Int) -> Void)] = [
            ([JobState.succeeded.rawValue], now.addingTimeInterval(-keepSucceeded), { $0.succeeded += $1 }),
            ([JobState.failed, .cancelled].map(\.rawValue), now.addingTimeInterval(-keepFailed), { $0.failed += $1 }),
        ]
        for kind in classes {
            if dryRun {
                let row = try db.query(
                    """
                    SELECT count(*) AS jobs, coalesce(sum((SELECT count(*) FROM job_attempts a WHERE a.job_id = j.id)), 0)::bigint AS attempts
                    FROM jobs j WHERE j.state = ANY(\(kind.states)) AND j.finished_at < \(kind.cutoff)
                    """)[0]
                kind.add(&result, try row.decode("jobs"))
                result.attempts += try row.decode("attempts") as Int
                continue
            }
            while result.batches < maxBatches {
                let row = try db.query(
                    """
                    WITH doomed AS (
                        SELECT id FROM jobs WHERE state = ANY(\(kind.states)) AND finished_at < \(kind.cutoff)
                        ORDER BY finished_at, id LIMIT \(batch) FOR UPDATE SKIP LOCKED
                    ), attempts AS (
                        DELETE FROM job_attempts a USING doomed d WHERE a.job_id = d.id RETURNING 1
                    ), deleted AS (
                        DELETE FROM jobs j USING doomed d WHERE j.id = d.id RETURNING 1
                    )
                    SELECT (SELECT count(*) FROM deleted) AS jobs, (SELECT count(*) FROM attempts) AS attempts
                    """)[0]
                let jobs: Int = try row.decode("jobs")
                guard jobs > 0 else { break }
                result.batches += 1
                kind.add(&result, jobs)
                result.attempts += try row.decode("attempts") as Int
                if jobs < batch { break }
            }
        }
        return result
    }

    // MARK: Politeness

    /// Whether a host's turn was taken, and if not, why.
    public struct HostTurn: Sendable, Equatable {
        public var taken: Bool
        /// Another worker is fetching from the host (not taken only).
        public var held: Bool
        /// When the gap after the host's last request ends.
        public var nextAllowedAt: Date?
    }

    /// Takes `host` for one request, for at most `hold` seconds, unless another holder has it or its
    /// gap after the last request has not passed. One statement; the row is made on first use.
    public func takeHost(_ host: String, holder: String, now: Date, hold: TimeInterval) throws -> HostTurn {
        let row = try db.query(
            """
            WITH taken AS (
                INSERT INTO fetch_hosts AS h (host, holder, held_until) VALUES (\(host), \(holder), \(now)::timestamptz + make_interval(secs => \(hold)))
                ON CONFLICT (host) DO UPDATE SET holder = excluded.holder, held_until = excluded.held_until
                WHERE (h.held_until IS NULL OR h.held_until < \(now)) AND h.next_allowed_at <= \(now)
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM taken) AS taken,
                   coalesce((SELECT held_until >= \(now) FROM fetch_hosts WHERE host = \(host)), false) AS held,
                   (SELECT nullif(next_allowed_at, '-infinity') FROM fetch_hosts WHERE host = \(host)) AS next_allowed_at
            """)[0]
        return HostTurn(taken: try row.decode("taken"), held: try row.decode("held"), nextAllowedAt: try row.decode("next_allowed_at"))
    }

    /// Gives `host` back after a request: the next may start `gap` seconds from `now`.
    public func giveBackHost(_ host: String, holder: String, now: Date, gap: TimeInterval) throws {
        try db.execute(
            """
            UPDATE fetch_hosts SET holder = NULL, held_until = NULL, next_allowed_at = \(now)::timestamptz + make_interval(secs => \(gap))
            WHERE host = \(host) AND holder = \(holder)
            """)
    }
}

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
    public var state: String
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
    public var outcome: String?
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
extension Repository {
    // MARK: Scheduling

    /// Inserts, for every active source without an unfinished job, one job for its latest due time.
    /// Safe to run from any number of workers at once: the unique key on (source, due time) keeps it
    /// to one job per due time.
    /// - Returns: how many jobs were added.
    @discardableResult
    public func scheduleDueJobs(now: Date) throws -> Int {
        try db.execute("""
            INSERT INTO jobs (source_id, due_at, run_after, max_attempts)
            SELECT s.id, due.at, due.at, s.max_attempts
            FROM sources s
            CROSS JOIN LATERAL (
                SELECT s.anchor + floor(extract(epoch FROM (\(now)::timestamptz - s.anchor)) / extract(epoch FROM s.every)) * s.every AS at
            ) due
            WHERE NOT s.paused AND s.removed_at IS NULL AND s.anchor <= \(now)
              AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.source_id = s.id AND j.state IN ('queued', 'running'))
            ON CONFLICT (source_id, due_at) DO NOTHING
            """)
    }

    /// Queues a job for a source now, outside its schedule (`petitions source poll`).
    public func queueNow(source id: Int, now: Date) throws -> Int {
        try db.withTransaction { db in
            guard let source = try Repository(db).source(id), source.removedAt == nil else {
                throw StoreError.notFound("there is no source \(id) (see: petitions source list)")
            }
            if let open = try db.query("SELECT id FROM jobs WHERE source_id = \(id) AND state IN ('queued', 'running')").first {
                return try open.decode("id")
            }
            return try db.query("""
                INSERT INTO jobs (source_id, due_at, run_after, max_attempts) VALUES (\(id), \(now), \(now), \(source.maxAttempts))
                ON CONFLICT (source_id, due_at) DO UPDATE SET run_after = excluded.run_after RETURNING id
                """)[0].decode("id")
        }
    }

    /// When the next job becomes claimable (for an idle worker's sleep), nil when none is queued.
    public func nextRunAfter() throws -> Date? {
        try db.query("""
            SELECT least((SELECT min(run_after) FROM jobs WHERE state = 'queued'), (SELECT min(lease_until) FROM jobs WHERE state = 'running')) AS next
            """).first?.decode("next")
    }

    // MARK: Claiming

    /// Fails jobs whose lease ran out on their last allowed attempt: their worker died or hung each time.
    @discardableResult
    public func failExhaustedLeases(now: Date) throws -> Int {
        try db.withTransaction { db in
            let rows = try db.query("""
                UPDATE jobs SET state = 'failed', lease_until = NULL, finished_at = \(now),
                       last_error = 'the lease expired on attempt ' || attempts || ' of ' || max_attempts || ' (the worker died or hung); run `petitions jobs retry ' || id || '` to try again'
                WHERE state = 'running' AND lease_until < \(now) AND attempts >= max_attempts
                RETURNING id, attempts
                """)
            for row in rows {
                let id: Int = try row.decode("id")
                let attempt: Int = try row.decode("attempts")
                try db.execute("UPDATE job_attempts SET finished_at = \(now), outcome = 'lease expired' WHERE job_id = \(id) AND attempt = \(attempt) AND finished_at IS NULL")
            }
            return rows.count
        }
    }

    /// Claims up to `limit` claimable jobs: queued ones whose time has come, and running ones whose
    /// lease expired. Rows another worker is claiming are skipped, never waited for.
    public func claimJobs(worker: String, now: Date, lease: TimeInterval, limit: Int) throws -> [ClaimedJob] {
        try failExhaustedLeases(now: now)
        return try db.withTransaction { db in
            let rows = try db.query("""
                WITH picked AS (
                    SELECT id, state AS previous_state, attempts AS previous_attempts FROM jobs
                    WHERE (state = 'queued' AND run_after <= \(now)) OR (state = 'running' AND lease_until < \(now))
                    ORDER BY run_after, id
                    LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED
                ), expired AS (
                    UPDATE job_attempts a SET finished_at = \(now), outcome = 'lease expired'
                    FROM picked p
                    WHERE p.previous_state = 'running' AND a.job_id = p.id AND a.attempt = p.previous_attempts AND a.finished_at IS NULL
                ), claimed AS (
                    UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, worker = \(worker),
                           lease_until = \(now)::timestamptz + make_interval(secs => \(lease)), started_at = coalesce(j.started_at, \(now))
                    FROM picked p WHERE j.id = p.id
                    RETURNING j.id, j.source_id, j.attempts, j.max_attempts, j.due_at
                ), logged AS (
                    INSERT INTO job_attempts (job_id, attempt, worker, started_at) SELECT id, attempts, \(worker), \(now) FROM claimed
                )
                SELECT c.id AS job_id, c.source_id, c.attempts AS attempt, c.max_attempts AS job_max_attempts, c.due_at, s.etag, s.last_modified
                FROM claimed c JOIN sources s ON s.id = c.source_id
                """)
            return try rows.map { row in
                let jobID: Int = try row.decode("job_id")
                guard let source = try Repository(db).source(try row.decode("source_id")) else {
                    throw StoreError.notFound("job \(jobID) has no source")
                }
                return ClaimedJob(id: jobID, attempt: try row.decode("attempt"), maxAttempts: try row.decode("job_max_attempts"),
                                  dueAt: try row.decode("due_at"), source: source, etag: try row.decode("etag"), lastModified: try row.decode("last_modified"))
            }
        }
    }

    /// Extends a held lease. - Returns: false when the job is no longer this worker's.
    public func extendLease(_ job: ClaimedJob, worker: String, now: Date, lease: TimeInterval) throws -> Bool {
        try db.execute("""
            UPDATE jobs SET lease_until = \(now)::timestamptz + make_interval(secs => \(lease))
            WHERE id = \(job.id) AND state = 'running' AND worker = \(worker) AND attempts = \(job.attempt)
            """) == 1
    }

    // MARK: Finishing

    /// Runs `body` and marks the job succeeded, in one transaction: either both happen or neither.
    /// - Throws: `LeaseLost` (and rolls back) when the job is no longer this worker's.
    public func completeJob<T>(_ job: ClaimedJob, worker: String, now: Date, result: (T) -> [String: String] = { _ in [:] },
                               _ body: (Repository) throws -> T) throws -> T {
        try db.withTransaction { db in
            try holdJob(job, worker: worker, db: db)
            let value = try body(Repository(db))
            let summary = try PGJSON(encoding: result(value))
            try db.execute("""
                UPDATE jobs SET state = 'succeeded', lease_until = NULL, finished_at = \(now), result = \(summary), last_error = NULL WHERE id = \(job.id)
                """)
            try db.execute("UPDATE job_attempts SET finished_at = \(now), outcome = 'succeeded' WHERE job_id = \(job.id) AND attempt = \(job.attempt)")
            try db.execute("UPDATE sources SET last_error = NULL WHERE id = \(job.source.id)")
            return value
        }
    }

    private func holdJob(_ job: ClaimedJob, worker: String, db: PGConnection) throws {
        let held = try db.query("""
            SELECT 1 FROM jobs WHERE id = \(job.id) AND state = 'running' AND worker = \(worker) AND attempts = \(job.attempt) FOR UPDATE
            """)
        guard !held.isEmpty else { throw LeaseLost(job: job.id) }
    }

    /// Records a failed attempt: the job is queued again at `retryAt`, or failed for good when it
    /// has used its attempts (or `retryAt` is nil: the error will not go away by waiting).
    /// - Returns: true when the job will be retried.
    @discardableResult
    public func failJob(_ job: ClaimedJob, worker: String, now: Date, error: String, retryAt: Date?) throws -> Bool {
        try db.withTransaction { db in
            try holdJob(job, worker: worker, db: db)
            let retry = retryAt != nil && job.attempt < job.maxAttempts
            let message = String(error.prefix(2000))
            if retry {
                try db.execute("""
                    UPDATE jobs SET state = 'queued', lease_until = NULL, run_after = \(retryAt!), last_error = \(message) WHERE id = \(job.id)
                    """)
            } else {
                try db.execute("""
                    UPDATE jobs SET state = 'failed', lease_until = NULL, finished_at = \(now), last_error = \(message) WHERE id = \(job.id)
                    """)
            }
            try db.execute("""
                UPDATE job_attempts SET finished_at = \(now), outcome = 'failed', error = \(message) WHERE job_id = \(job.id) AND attempt = \(job.attempt)
                """)
            try db.execute("UPDATE sources SET last_error = \(message), last_polled_at = \(now) WHERE id = \(job.source.id)")
            return retry
        }
    }

    /// Gives a job back unfinished (the worker is stopping): queued again at once, and the attempt
    /// does not count against its maximum.
    public func releaseJob(_ job: ClaimedJob, worker: String, now: Date) throws {
        try db.withTransaction { db in
            try holdJob(job, worker: worker, db: db)
            try db.execute("""
                UPDATE jobs SET state = 'queued', lease_until = NULL, run_after = \(now), max_attempts = max_attempts + 1 WHERE id = \(job.id)
                """)
            try db.execute("UPDATE job_attempts SET finished_at = \(now), outcome = 'released' WHERE job_id = \(job.id) AND attempt = \(job.attempt)")
        }
    }

    // MARK: Admin

    private static let jobColumns = """
        j.id, j.source_id, c.slug AS campaign, s.kind, s.url, j.due_at, j.state, j.run_after, j.attempts, j.max_attempts, j.worker,
        j.lease_until, j.last_error, j.result::text AS result, j.created_at, j.started_at, j.finished_at
        FROM jobs j JOIN sources s ON s.id = j.source_id JOIN campaigns c ON c.id = s.campaign_id
        """

    static func decodeJob(_ row: PGRow) throws -> StoredJob {
        StoredJob(id: try row.decode("id"), sourceID: try row.decode("source_id"), campaign: try row.decode("campaign"), kind: try row.decode("kind"),
                  url: try row.decode("url"), dueAt: try row.decode("due_at"), state: try row.decode("state"), runAfter: try row.decode("run_after"),
                  attempts: try row.decode("attempts"), maxAttempts: try row.decode("max_attempts"), worker: try row.decode("worker"),
                  leaseUntil: try row.decode("lease_until"), lastError: try row.decode("last_error"), result: try row.decode("result"),
                  createdAt: try row.decode("created_at"), startedAt: try row.decode("started_at"), finishedAt: try row.decode("finished_at"))
    }

    /// Jobs, newest first, optionally of one state and source.
    public func jobs(state: String? = nil, source: Int? = nil, limit: Int = 50) throws -> [StoredJob] {
        try db.query("""
            SELECT \(unsafeRaw: Self.jobColumns)
            WHERE (\(state)::text IS NULL OR j.state = \(state)) AND (\(source)::bigint IS NULL OR j.source_id = \(source))
            ORDER BY j.id DESC LIMIT \(limit)
            """).map(Self.decodeJob)
    }

    public func job(_ id: Int) throws -> StoredJob? {
        try db.query("SELECT \(unsafeRaw: Self.jobColumns) WHERE j.id = \(id)").first.map(Self.decodeJob)
    }

    public func jobAttempts(_ id: Int) throws -> [StoredAttempt] {
        try db.query("SELECT attempt, worker, started_at, finished_at, outcome, error FROM job_attempts WHERE job_id = \(id) ORDER BY attempt").map {
            StoredAttempt(attempt: try $0.decode("attempt"), worker: try $0.decode("worker"), startedAt: try $0.decode("started_at"),
                          finishedAt: try $0.decode("finished_at"), outcome: try $0.decode("outcome"), error: try $0.decode("error"))
        }
    }

    /// How many jobs are in each state.
    public func jobCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try db.query("SELECT state, count(*) AS n FROM jobs GROUP BY state") { counts[try row.decode("state")] = try row.decode("n") }
        return counts
    }

    /// Queues a failed or cancelled job again, with a fresh set of attempts.
    public func retryJob(_ id: Int, actor: String, now: Date = Date()) throws -> StoredJob {
        try db.withTransaction { db in
            let repository = Repository(db)
            guard let job = try repository.job(id) else { throw StoreError.notFound("there is no job \(id) (see: petitions jobs list)") }
            guard job.state == "failed" || job.state == "cancelled" else {
                throw StoreError.conflict("job \(id) is \(job.state); only failed or cancelled jobs can be retried")
            }
            let open = try db.query("SELECT id FROM jobs WHERE source_id = \(job.sourceID) AND state IN ('queued', 'running') AND id <> \(id)")
            if let other = open.first {
                throw StoreError.conflict("source \(job.sourceID) already has job \(try other.decode("id", as: Int.self)) waiting or running; retrying \(id) too would poll it twice")
            }
            try db.execute("""
                UPDATE jobs j SET state = 'queued', run_after = \(now), finished_at = NULL,
                       max_attempts = j.attempts + (SELECT s.max_attempts FROM sources s WHERE s.id = j.source_id)
                WHERE id = \(id)
                """)
            try audit(db, actor: actor, action: "job.retry", type: "job", subject: String(id), details: ["previous_state": job.state])
            return try repository.job(id)!
        }
    }

    /// Cancels a queued or running job. A running job's worker finds its claim gone and rolls back.
    public func cancelJob(_ id: Int, actor: String, reason: String?, now: Date = Date()) throws -> StoredJob {
        try db.withTransaction { db in
            let repository = Repository(db)
            guard let job = try repository.job(id) else { throw StoreError.notFound("there is no job \(id) (see: petitions jobs list)") }
            guard job.state == "queued" || job.state == "running" else {
                throw StoreError.conflict("job \(id) is already \(job.state); only queued or running jobs can be cancelled")
            }
            try db.execute("""
                UPDATE jobs SET state = 'cancelled', lease_until = NULL, finished_at = \(now), last_error = \("cancelled by \(actor)" + (reason.map { ": \($0)" } ?? "")) WHERE id = \(id)
                """)
            try db.execute("UPDATE job_attempts SET finished_at = \(now), outcome = 'cancelled' WHERE job_id = \(id) AND finished_at IS NULL")
            try audit(db, actor: actor, action: "job.cancel", type: "job", subject: String(id), details: ["previous_state": job.state, "reason": reason ?? ""])
            return try repository.job(id)!
        }
    }
}

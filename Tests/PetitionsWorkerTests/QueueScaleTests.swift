import Foundation
import Logging
import PetitionsSources
import PetitionsStore
import PetitionsWorker
import Postgres
import TestSupport
import Testing

/// The queue's incremental scheduling, its one-open-job rule, retention and politeness across
/// workers. Times come from explicit clocks except where processes run for real.
@Suite(.ownThread) struct QueueScaleTests {
    /// Identity values the jobs table handed out, against the jobs that exist: equal when none was wasted.
    static func idsUsed(_ bench: WorkerBench) throws -> (used: Int, jobs: Int) {
        let row = try bench.db.query("SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('jobs', 'id')), 0) AS used, count(*) AS jobs FROM jobs")[0]
        return (try row.decode("used"), try row.decode("jobs"))
    }

    @Test func threeSchedulersInSmallBatchesGiveOneJobPerSourceAndDueTimeAndWasteNoIds() async throws {
        try await WorkerBench.with { bench in
            try WorkerProcessTests.addSources(bench.db, count: 300, base: "https://a.example/n/", every: "5 minutes")
            let now = Date()
            // Three schedulers at once, 25 sources a call, until none finds more.
            func scheduleAll(at time: Date) async throws -> Int {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<3 {
                        group.addTask {
                            let connection = try PGConnection(bench.url)
                            defer { connection.close() }
                            var added = 0
                            while true {
                                let n = try Repository(connection).jobs.scheduleDue(now: time, limit: 25)
                                added += n
                                if n == 0, try connection.query("SELECT count(*) AS n FROM sources WHERE next_due_at <= \(time)")[0].decode("n") == 0 { break }
                            }
                            return added
                        }
                    }
                    var total = 0
                    for try await n in group { total += n }
                    return total
                }
            }
            #expect(try await scheduleAll(at: now) == 300)
            #expect(try bench.count("SELECT count(DISTINCT (source_id, due_at)) FROM jobs") == 300)
            // Every source's next due time moved one period on; nothing more until it comes.
            #expect(try bench.repository.jobs.scheduleDue(now: now.addingTimeInterval(60)) == 0)
            // Half the jobs finish; at the next due time only their sources get a new job, and the
            // others' slot is skipped (caught up with one job later), with no id spent on a conflict.
            let claimed = try bench.repository.jobs.claim(worker: "w", now: now, lease: 600, limit: 150)
            #expect(claimed.count == 150)
            for job in claimed { _ = try bench.repository.jobs.complete(job, worker: "w", now: now) { _ in () } }
            #expect(try await scheduleAll(at: now.addingTimeInterval(301)) == 150)
            #expect(try bench.count("SELECT count(*) FROM jobs WHERE state IN ('queued', 'running')") == 300)
            let ids = try Self.idsUsed(bench)
            #expect(ids.used == ids.jobs && ids.jobs == 450)
        }
    }

    @Test func aSourceCanNeverHaveTwoOpenJobs() async throws {
        try await WorkerBench.with { bench in
            let source = try bench.addSource(.json, url: "https://a.example/1", pointer: "/n")
            let now = bench.clock.now()
            // `source poll` from two sessions at once: one job.
            let ids = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let connection = try PGConnection(bench.url)
                        defer { connection.close() }
                        return try Repository(connection).jobs.queueNow(source: source.id, now: now)
                    }
                }
                var ids: Set<Int> = []
                for try await id in group { ids.insert(id) }
                return ids
            }
            #expect(ids.count == 1)
            // Replaying its insert by hand in another session, with another due time, is refused by the index.
            let other = try PGConnection(bench.url)
            defer { other.close() }
            #expect(throws: PGError.self) {
                try other.execute(
                    "INSERT INTO jobs (source_id, due_at, run_after, max_attempts) VALUES (\(source.id), \(now.addingTimeInterval(5)), \(now), 5)")
            }
            #expect(try bench.count("SELECT count(*) FROM jobs WHERE state IN ('queued', 'running')") == 1)
            // And the scheduler adds none while it is open.
            #expect(try bench.repository.jobs.scheduleDue(now: now.addingTimeInterval(3600)) == 0)
        }
    }

    @Test func pruningRemovesOnlyOldFinishedJobsAndKeepsTheHistory() async throws {
        try await WorkerBench.with { bench in
            let server = try await FixtureServer()
            defer { Task { await server.close() } }
            server.set("/n", .init(body: "{\"n\": 10}"))
            let source = try bench.addSource(.json, url: server.url("/n"), every: 60, pointer: "/n")
            let start = bench.clock.now()
            // Eight polls a minute apart: eight succeeded jobs, one observation stretch, one figure.
            for minute in 0..<8 {
                bench.clock.set(start.addingTimeInterval(Double(minute) * 60))
                let ends = try await bench.runDue()
                #expect(ends.count == 1)
            }
            // A failed one (old), a failed one (recent), a cancelled one (old), and a queued and a running one.
            func job(_ state: String, finishedDaysAgo days: Double?, due minutes: Double) throws {
                let due = start.addingTimeInterval(minutes * 60)
                let finished = days.map { bench.clock.now().addingTimeInterval(-$0 * 86_400) }
                let lease: Date? = state == "running" ? bench.clock.now().addingTimeInterval(600) : nil
                try bench.db.execute(
                    """
                    INSERT INTO jobs (source_id, due_at, run_after, max_attempts, state, attempts, finished_at, lease_until, worker)
                    VALUES (\(source.id), \(due), \(due), 5, \(state), 1, \(finished), \(lease), 'w')
                    """)
            }
            try job("failed", finishedDaysAgo: 40, due: -1000)
            try job("failed", finishedDaysAgo: 3, due: -1001)
            try job("cancelled", finishedDaysAgo: 31, due: -1002)
            try job("queued", finishedDaysAgo: nil, due: 100)
            // Everything but the open jobs is now ten days old, except the recent failure.
            try bench.db.execute("UPDATE jobs SET finished_at = finished_at - interval '10 days' WHERE state = 'succeeded'")
            try bench.db.execute("UPDATE jobs SET started_at = finished_at WHERE state = 'succeeded'")
            let now = bench.clock.now()
            let dry = try bench.repository.jobs.prune(now: now, keepSucceeded: 7 * 86_400, keepFailed: 30 * 86_400, dryRun: true)
            #expect(dry.succeeded == 8 && dry.failed == 2 && dry.attempts == 8)
            #expect(try bench.count("SELECT count(*) FROM jobs") == 12)
            let pruned = try bench.repository.jobs.prune(now: now, keepSucceeded: 7 * 86_400, keepFailed: 30 * 86_400, batch: 3)
            #expect(pruned.succeeded == 8 && pruned.failed == 2 && pruned.attempts == 8 && pruned.batches == 4)
            let left = try bench.db.query("SELECT state FROM jobs ORDER BY state").map { try $0.decode("state", as: String.self) }
            #expect(left == ["failed", "queued"])
            #expect(try bench.count("SELECT count(*) FROM job_attempts") == 0)
            // History stays: the observation stretch, its figure, and the pruned job's id on it.
            #expect(try bench.count("SELECT count(*) FROM observations WHERE job_id IS NOT NULL") == 1)
            #expect(try bench.count("SELECT count(*) FROM figures WHERE method = 'polled'") == 1)
            // A running job is never pruned, however old its start.
            try bench.db.execute(
                "UPDATE jobs SET state = 'running', lease_until = \(now.addingTimeInterval(60)), finished_at = \(now.addingTimeInterval(-400 * 86_400)) WHERE state = 'queued'"
            )
            #expect(try bench.repository.jobs.prune(now: now, keepSucceeded: 0, keepFailed: 0).total == 1)
            #expect(try bench.count("SELECT count(*) FROM jobs WHERE state = 'running'") == 1)
        }
    }

    @Test func aBusyHostGivesTheJobBackInsteadOfHoldingASlot() async throws {
        try await WorkerBench.with { bench in
            let logger = Logger(label: "test")
            let first = DatabaseHostGate(pool: bench.pool, gap: 0.1, hold: 30, maxWait: 5, holder: "a", logger: logger)
            let second = DatabaseHostGate(pool: bench.pool, gap: 0.1, hold: 30, maxWait: 0.2, holder: "b", logger: logger)
            // Held long enough that a loaded machine (the leak check, other work) still finds it busy.
            let holding = Task {
                try await first.withTurn(host: "slow.example") {
                    try await Task.sleep(for: .seconds(4)); return 1
                }
            }
            // Wait until the first has the host (a fixed sleep lost the race on a loaded machine).
            let deadline = Date().addingTimeInterval(20)
            while try bench.count("SELECT count(*) FROM fetch_hosts WHERE holder LIKE 'a#%'") == 0, Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            await #expect(throws: HostBusy.self) { try await second.withTurn(host: "slow.example") { 2 } }
            // Another host is not held up.
            #expect(try await second.withTurn(host: "fast.example") { 3 } == 3)
            #expect(try await holding.value == 1)
            // Once given back (and its gap over), the host is free again.
            try await Task.sleep(for: .milliseconds(150))
            #expect(try await second.withTurn(host: "slow.example") { 4 } == 4)
            #expect(try bench.count("SELECT count(*) FROM fetch_hosts WHERE holder IS NOT NULL") == 0)
        }
    }

    @Test func twoWorkerProcessesSendOneRequestAtATimeToAHost() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            for i in 1...8 { server.set("/p/\(i)", .init(body: "{\"count\": \(i)}", delay: 0.2)) }
            try WorkerProcessTests.addSources(bench.db, count: 8, base: server.url("/p/"))
            let workers = try (1...2).map {
                try BackgroundProcess(
                    "petitions-worker",
                    [
                        "--database-url", bench.url, "--host-gap", "100ms", "--allow-private-hosts", "--once", "--concurrency", "4",
                        "--name", "polite\($0)", "--log-level", "notice",
                    ])
            }
            for worker in workers {
                let status = await worker.wait(timeout: 120)
                #expect(status == 0, "\(worker.output().stderr.suffix(2000))")
            }
            let states = try bench.db.query("SELECT state || ' ' || coalesce(last_error, '') AS s FROM jobs").map { try $0.decode("s", as: String.self) }
            #expect(try bench.count("SELECT count(*) FROM jobs WHERE state = 'succeeded'") == 8, "\(states)")
            let arrivals = server.arrivals.map(\.at).sorted()
            #expect(arrivals.count == 8)
            // Each request came after the one before had been answered (0.2 s) and the gap (0.1 s) had passed.
            let gaps = zip(arrivals.dropFirst(), arrivals).map { $0.timeIntervalSince($1) }
            #expect(gaps.allSatisfy { $0 >= 0.29 }, "gaps between requests: \(gaps)")
            #expect(try bench.count("SELECT count(DISTINCT worker) FROM jobs") == 2)
        }
    }

    @Test func aStuckHostDoesNotStarveAnother() async throws {
        let trickle = try TrickleServer(interval: 0.5)
        defer { trickle.close() }
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            server.set("/fast/1", .init(body: "{\"count\": 42}"))
            // Three sources on the stuck host first in line, then one on a healthy host.
            try WorkerProcessTests.addSources(bench.db, count: 3, base: trickle.url("/stuck/"))
            try bench.db.execute("UPDATE sources SET anchor = anchor - interval '1 minute', next_due_at = next_due_at - interval '1 minute'")
            // Politeness goes by host name: "localhost" is another host than "127.0.0.1", on the same machine.
            try WorkerProcessTests.addSources(bench.db, count: 1, base: server.url("/fast/").replacingOccurrences(of: "127.0.0.1", with: "localhost"))
            let start = Date()
            let worker = try BackgroundProcess(
                "petitions-worker",
                [
                    "--database-url", bench.url, "--host-gap", "100ms", "--allow-private-hosts", "--concurrency", "2",
                    "--fetch-deadline", "300s", "--min-rate", "0", "--read-timeout", "200s",
                    "--no-http", "--name", "patient", "--log-level", "notice",
                ])
            defer { worker.signal(SIGTERM) }
            let fast = try await WorkerProcessTests.eventually(90) {
                try bench.count("SELECT count(*) FROM jobs j JOIN sources s ON s.id = j.source_id WHERE s.url LIKE '%/fast/%' AND j.state = 'succeeded'") == 1
            }
            #expect(fast, "\(worker.output().stderr.suffix(2000))")
            // Both slots could have been stuck behind the one host; the healthy host waited seconds, not the 300 s deadline.
            #expect(Date().timeIntervalSince(start) < 90)
            #expect(trickle.connections == 1)
        }
    }
}

/// A password planted in a source URL and in the database URL never shows in a worker's logs.
@Suite(.ownThread) struct SecretTests {
    @Test func aPlantedPasswordNeverReachesTheWorkersLogs() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            let planted = "Planted-Secret-77"
            server.set("/s/1", .init(body: "{\"count\": 7}"))
            server.set("/s/2", .init(status: 503, body: "down"))
            try WorkerProcessTests.addSources(bench.db, count: 2, base: server.url("/s/").replacingOccurrences(of: "http://", with: "http://bot:\(planted)@"))
            // The test cluster trusts local connections, so a password in the URL is accepted and ignored.
            let environment = try ConnectionString.environment(bench.url)
            #expect(environment["PGPASSWORD"] == nil)
            let withPassword =
                "postgresql://\(environment["PGUSER"] ?? "petitions"):\(planted)@\(environment["PGHOST"]!.replacingOccurrences(of: "/", with: "%2F"))/\(environment["PGDATABASE"]!)"
            #expect(try ConnectionString.environment(withPassword)["PGPASSWORD"] == planted)
            let worker = try BackgroundProcess(
                "petitions-worker",
                [
                    "--database-url", withPassword, "--once", "--host-gap", "0s", "--allow-private-hosts",
                    "--log-level", "debug", "--retry-base", "1h",
                ])
            let status = await worker.wait(timeout: 60)
            let output = worker.output()
            // One job is left to retry (503), so the pass says so and exits 1.
            #expect(status == 1, "\(output.stderr.suffix(2000))")
            #expect(output.stdout.contains("0 failed, 1 will be retried"), "\(output.stdout)")
            #expect(try bench.count("SELECT count(*) FROM jobs WHERE state = 'succeeded'") == 1)
            #expect(output.stderr.contains("bot:***@"), "\(output.stderr.suffix(2000))")
            #expect(!output.stderr.contains(planted) && !output.stdout.contains(planted), "\(output.stderr)")
            // Nor in what the queue recorded about the failure.
            #expect(try bench.count("SELECT count(*) FROM jobs WHERE last_error LIKE '%Planted%' OR result::text LIKE '%Planted%'") == 0)
            #expect(try bench.count("SELECT count(*) FROM job_attempts WHERE error LIKE '%Planted%'") == 0)
        }
    }
}

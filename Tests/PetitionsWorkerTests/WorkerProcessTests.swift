import Foundation
import LocalPostgres
import PetitionsDomain
import PetitionsSources
import PetitionsStore
import PetitionsWorker
import Postgres
import TestSupport
import Testing

/// `petitions-worker` processes against a real server: many at once, killed, signalled, and
/// with PostgreSQL restarted under them.
@Suite(.serialized, .ownThread) struct WorkerProcessTests {
    static func worker(_ url: String, _ extra: [String]) throws -> BackgroundProcess {
        try BackgroundProcess("petitions-worker", ["--database-url", url, "--host-gap", "0s", "--allow-private-hosts", "--log-level", "notice"] + extra)
    }

    /// Waits until `condition` holds, checking every 50 ms, up to `timeout` seconds.
    static func eventually(_ timeout: TimeInterval, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try condition()
    }

    /// Sources in bulk (SQL, for speed), all due now.
    static func addSources(_ db: PGConnection, count: Int, base: String, every: String = "1 hour") throws {
        try db.execute(
            """
            INSERT INTO sources (campaign_id, outlet_id, kind, url, every, pointer, anchor, created_by)
            SELECT (SELECT id FROM campaigns LIMIT 1), (SELECT id FROM outlets LIMIT 1), 'json', \(base) || i, \(every)::interval, '/count',
                   now() - interval '1 second', 'test'
            FROM generate_series(1, \(count)) AS i
            """)
    }

    @Test func fourWorkersRunAThousandJobsExactlyOnce() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            // A little latency, as real hosts have: one worker alone would take at least 5 s, so a worker
            // that starts late on a loaded machine still finds work to share.
            for i in 1...1000 { server.set("/n/\(i)", .init(body: "{\"count\": \(i * 10)}", delay: 0.02)) }
            try Self.addSources(bench.db, count: 1000, base: server.url("/n/"))
            let workers = try (1...4).map { try Self.worker(bench.url, ["--once", "--concurrency", "4", "--name", "w\($0)"]) }
            for worker in workers {
                let status = await worker.wait(timeout: 240)
                #expect(status == 0, "\(worker.output().stderr.suffix(2000))")
            }
            #expect(try bench.count("SELECT count(*) FROM jobs") == 1000)
            #expect(try bench.count("SELECT count(*) FROM jobs WHERE state = 'succeeded' AND attempts = 1") == 1000)
            #expect(try bench.count("SELECT count(*) FROM job_attempts") == 1000)
            #expect(try bench.count("SELECT count(*) FROM figures WHERE method = 'polled'") == 1000)
            #expect(try bench.count("SELECT count(DISTINCT source_id) FROM observations") == 1000)
            let requests = server.allRequests
            #expect((1...1000).allSatisfy { requests["/n/\($0)"] == 1 })
            // They shared the work.
            let perWorker = try bench.db.query("SELECT worker, count(*) AS n FROM jobs GROUP BY worker")
            #expect(perWorker.count >= 2)
        }
    }

    @Test func aKilledWorkersJobIsFinishedByAnotherAfterItsLease() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            server.set("/slow/1", .init(body: "{\"count\": 777}", delay: 2))
            try Self.addSources(bench.db, count: 1, base: server.url("/slow/"))
            let first = try Self.worker(bench.url, ["--once", "--lease", "2s", "--name", "doomed"])
            #expect(try await Self.eventually(30) { server.requests("/slow/1") >= 1 })
            first.signal(SIGKILL)
            #expect(await first.wait(timeout: 10) == 128 + SIGKILL)
            #expect(try bench.count("SELECT count(*) FROM jobs WHERE state = 'running' AND worker = 'doomed'") == 1)
            // Until the lease runs out, nobody else takes it.
            try await Task.sleep(for: .milliseconds(2200))
            let second = try Self.worker(bench.url, ["--once", "--lease", "10s", "--name", "rescuer"])
            #expect(await second.wait(timeout: 60) == 0, "\(second.output().stderr.suffix(2000))")
            let job = try #require(try bench.repository.jobs.list().first)
            #expect(job.state == .succeeded && job.attempts == 2 && job.worker == "rescuer")
            #expect(try bench.repository.jobs.attempts(job.id).map(\.outcome) == [.leaseExpired, .succeeded])
            #expect(try bench.count("SELECT count(*) FROM figures") == 1)
        }
    }

    @Test func sigtermLetsTheRunningJobFinishAndExitsZero() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            server.set("/t/1", .init(body: "{\"count\": 5}", delay: 3))
            try Self.addSources(bench.db, count: 1, base: server.url("/t/"))
            let worker = try Self.worker(bench.url, ["--grace", "10s", "--http-port", "0", "--poll-interval", "200ms"])
            #expect(try await Self.eventually(30) { server.requests("/t/1") >= 1 })

            // The status endpoint, while it works.
            var statusURL: String?
            _ = try await Self.eventually(10) {
                statusURL = worker.output().stderr.split(separator: "\n").first { $0.contains("status endpoint listening") }
                    .flatMap { line in line.range(of: "http://127.0.0.1:[0-9]+", options: .regularExpression).map { String(line[$0]) } }
                return statusURL != nil
            }
            let base = try #require(statusURL)
            let fetcher = Fetcher(
                settings: {
                    var settings = FetchSettings(); settings.allowPrivateHosts = true; settings.hostGap = 0; return settings
                }())
            if case .body(let health, _, _, _) = try await fetcher.fetch(base + "/healthz") {
                let text = String(decoding: health, as: UTF8.self)
                #expect(text.contains("\"status\":\"ok\"") && text.contains("\"running_jobs\":1"), "\(text)")
            }
            if case .body(let metrics, _, _, _) = try await fetcher.fetch(base + "/metrics") {
                let text = String(decoding: metrics, as: UTF8.self)
                #expect(text.contains("petitions_jobs_claimed_total 1"), "\(text)")
                #expect(text.contains("petitions_fetch_duration_seconds"))
            }
            let signalled = Date()
            worker.signal(SIGTERM)
            // Through the drain the endpoint answers: 503 "stopping", and the metrics.
            try await Task.sleep(for: .milliseconds(300))
            do {
                _ = try await fetcher.fetch(base + "/healthz")
                Issue.record("/healthz answered 200 while the worker was stopping")
            } catch {
                #expect((error as? FetchError)?.status == 503, "\(error)")
            }
            do {
                if case .body(let metrics, _, _, _) = try await fetcher.fetch(base + "/metrics") {
                    #expect(String(decoding: metrics, as: UTF8.self).contains("petitions_jobs_claimed_total 1"))
                }
            } catch {
                Issue.record("/metrics while the worker was stopping: \(error)")
            }
            await fetcher.shutdown()
            let status = await worker.wait(timeout: 15)
            #expect(status == 0, "\(worker.output().stderr.suffix(2000))")
            #expect(Date().timeIntervalSince(signalled) < 11)
            #expect(try bench.count("SELECT count(*) FROM jobs WHERE state = 'running'") == 0)
            #expect(try bench.repository.jobs.list().first?.state == .succeeded)
            #expect(try bench.count("SELECT count(*) FROM figures") == 1)
        }
    }

    /// A --once pass whose job failed is no success: exit 1, with how many and why.
    @Test func aOncePassWithAFailedJobExitsOne() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            server.set("/gone/1", .init(status: 404, body: "no such petition"))
            server.set("/fine/1", .init(body: "{\"count\": 5}"))
            try Self.addSources(bench.db, count: 1, base: server.url("/gone/"))
            try Self.addSources(bench.db, count: 1, base: server.url("/fine/"))
            let worker = try Self.worker(bench.url, ["--once"])
            #expect(await worker.wait(timeout: 60) == 1, "\(worker.output().stderr.suffix(2000))")
            let out = worker.output().stdout
            #expect(out.contains("ran 2 jobs") && out.contains("1 failed, 0 will be retried") && out.contains("HTTP 404"), "\(out)")
        }
    }

    @Test func aQueuedJobWakesAnIdleWorkerBeforeItsNextPoll() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            server.set("/w/1", .init(body: "{\"count\": 9}"))
            try Self.addSources(bench.db, count: 1, base: server.url("/w/"))
            // Polling alone would look again only after 10 minutes.
            let worker = try Self.worker(bench.url, ["--poll-interval", "10m", "--no-http"])
            func succeeded() throws -> Int { try bench.count("SELECT count(*) FROM jobs WHERE state = 'succeeded'") }
            #expect(try await Self.eventually(30) { try succeeded() == 1 })
            try await Task.sleep(for: .milliseconds(500))  // idle now, until the next due time in an hour
            let source = try #require(try bench.repository.sources.list().first)
            _ = try bench.repository.jobs.queueNow(source: source.id, now: Date())
            #expect(try await Self.eventually(30) { try succeeded() == 2 }, "\(worker.output().stderr.suffix(2000))")
            worker.signal(SIGTERM)
            let status = await worker.wait(timeout: 15)
            #expect(status == 0, "\(worker.output().stderr.suffix(3000))")
        }
    }

    @Test func sigtermReleasesAJobThatOutlastsTheGracePeriod() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            server.set("/long/1", .init(body: "{\"count\": 5}", delay: 20))
            try Self.addSources(bench.db, count: 1, base: server.url("/long/"))
            let worker = try Self.worker(bench.url, ["--grace", "500ms", "--no-http", "--poll-interval", "200ms"])
            #expect(try await Self.eventually(30) { server.requests("/long/1") >= 1 })
            let signalled = Date()
            worker.signal(SIGTERM)
            #expect(await worker.wait(timeout: 15) == 0, "\(worker.output().stderr.suffix(2000))")
            #expect(Date().timeIntervalSince(signalled) < 5)
            #expect(try bench.count("SELECT count(*) FROM jobs WHERE state = 'running'") == 0)
            let job = try #require(try bench.repository.jobs.list().first)
            #expect(job.state == .queued)
            #expect(try bench.repository.jobs.attempts(job.id).map(\.outcome) == [.released])
            #expect(try bench.count("SELECT count(*) FROM figures") == 0)
        }
    }

    @Test func theWorkerReconnectsWhenPostgreSQLRestarts() async throws {
        let home = URL(fileURLWithPath: "/tmp/petitions-restart-\(getpid())")
        try? FileManager.default.removeItem(at: home)
        let cluster = LocalCluster(home: home, extraSettings: ["fsync = off"])
        let url = try cluster.ensureRunning()
        defer {
            _ = try? cluster.stop()
            try? FileManager.default.removeItem(at: home)
        }
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        let db = try PGConnection(url)
        defer { db.close() }
        _ = try Migrator().migrate(on: db)
        try Repository(db).campaigns.add(WorkerBench.campaign, actor: "test")
        try Repository(db).outlets.add(.init(slug: "platform", name: "Platform", kind: .platform), actor: "test")
        for i in 1...3 { server.set("/r/\(i)", .init(body: "{\"count\": \(i)}")) }
        try Self.addSources(db, count: 3, base: server.url("/r/"), every: "1 second")
        func succeeded(after date: Date) throws -> Int {
            try db.query("SELECT count(*) FROM jobs WHERE state = 'succeeded' AND finished_at > \(date)")[0].decode(at: 0)
        }
        let worker = try Self.worker(url, ["--lease", "3s", "--poll-interval", "200ms", "--no-http"])
        #expect(try await Self.eventually(30) { try succeeded(after: Date(timeIntervalSince1970: 0)) >= 3 })
        #expect(try cluster.stop())
        try await Task.sleep(for: .seconds(1))
        try cluster.start()
        let restarted = Date()
        #expect(try await Self.eventually(40) { (try? succeeded(after: restarted)) ?? 0 >= 6 }, "\(worker.output().stderr.suffix(3000))")
        worker.signal(SIGTERM)
        #expect(await worker.wait(timeout: 15) == 0, "\(worker.output().stderr.suffix(2000))")
        #expect(try db.query("SELECT count(*) FROM jobs WHERE state = 'running'")[0].decode(at: 0, as: Int.self) == 0)
        #expect(worker.output().stderr.contains("the database answers again"))
    }
}

/// The database link failing in the ways a network does.
@Suite(.serialized, .ownThread) struct DatabaseLinkTests {
    @Test func aLinkThatStopsForwardingTurnsHealthzUnhealthyAndTheWorkerRecovers() async throws {
        try await WorkerBench.with { bench in
            let environment = try ConnectionString.environment(bench.url)
            let socket = "\(environment["PGHOST"] ?? "")/.s.PGSQL.\(environment["PGPORT"] ?? "5432")"
            let proxy = try BlackholeProxy(unixSocket: socket)
            defer { proxy.close() }
            let viaProxy = proxy.connectionString(database: environment["PGDATABASE"] ?? "", user: environment["PGUSER"] ?? "")
            let worker = try BackgroundProcess(
                "petitions-worker",
                [
                    "--database-url", viaProxy, "--http-port", "0", "--poll-interval", "500ms",
                    "--statement-timeout", "2s", "--log-level", "notice", "--name", "linked",
                ])
            defer { worker.signal(SIGTERM) }
            var statusURL: String?
            _ = try await WorkerProcessTests.eventually(20) {
                statusURL = worker.output().stderr.split(separator: "\n").first { $0.contains("status endpoint listening") }
                    .flatMap { line in line.range(of: "http://127.0.0.1:[0-9]+", options: .regularExpression).map { String(line[$0]) } }
                return statusURL != nil
            }
            let health = try #require(statusURL) + "/healthz"
            let fetcher = Fetcher(
                settings: {
                    var settings = FetchSettings(); settings.hostGap = 0; settings.readTimeout = 5; settings.allowPrivateHosts = true; return settings
                }())
            func status() async -> String {
                do {
                    if case .body(let bytes, _, _, _) = try await fetcher.fetch(health) { return String(decoding: bytes, as: UTF8.self) }
                    return "not modified"
                } catch { return "\(error)" }
            }
            var last = ""
            func becomes(_ words: String, within seconds: TimeInterval) async throws -> Bool {
                let deadline = Date().addingTimeInterval(seconds)
                while Date() < deadline {
                    last = await status()
                    if last.contains(words) { return true }
                    try await Task.sleep(for: .milliseconds(250))
                }
                return false
            }
            #expect(try await becomes("\"status\":\"ok\"", within: 20), "\(last)")
            // The link stops forwarding: no error ever comes back, yet /healthz must stop saying ok.
            proxy.blackhole()
            #expect(try await becomes("HTTP 503", within: 30), "\(last)")
            // Forwarding again: the worker drops the dead connection, makes a new one and is healthy.
            proxy.restore()
            #expect(try await becomes("\"status\":\"ok\"", within: 60), "\(last)\n\(worker.output().stderr.suffix(1500))")
            await fetcher.shutdown()
            worker.signal(SIGTERM)
            #expect(await worker.wait(timeout: 30) == 0, "\(worker.output().stderr.suffix(2000))")
        }
    }
}

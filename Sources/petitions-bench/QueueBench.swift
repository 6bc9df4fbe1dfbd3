import Foundation
import LoopbackHTTP
import PetitionsDomain
import PetitionsStore
import Postgres
import Synchronization

/// `petitions-bench queue`: the real worker (`petitions-worker --once` processes) against sources
/// that all fall due at once, each pointing at a loopback fixture that answers at once, with a
/// million finished jobs already in the table. The reference, in the same run and on the same
/// server: pgbench running the minimal claim + complete statements on a copy of the jobs table
/// (same columns, indexes and row count) with the same number of clients.
enum QueueBench {
    struct Settings {
        var sources = 100_000
        var workers = [1, 2, 4]
        var concurrency = 8
        var finished = 1_000_000
        var flatSizes: [Int] { [min(1_000, sources), min(20_000, sources), sources].reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } } }
    }

    /// One run of the worker processes over `sources` due jobs.
    struct Run {
        var workers: Int
        var sources: Int
        var jobs: Int
        /// From the first claim to the last completion, as the jobs table recorded them.
        var seconds: Double
        var wall: Double
        var cpu: CPU
        var maxRSSKiB: Int
        var jobsPerSecond: Double { Double(jobs) / seconds }
        var msPerJob: Double { seconds * 1000 / Double(jobs) }
    }

    /// CPU seconds spent during a run: the worker processes, this process (the fixture), and the
    /// rest of the machine (PostgreSQL, almost all of it).
    struct CPU {
        var workers = 0.0
        var fixture = 0.0
        var rest = 0.0
    }

    static func machineBusySeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8), let line = text.split(separator: "\n").first else { return 0 }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count >= 5 else { return 0 }
        // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
        let busy = fields.enumerated().filter { $0.offset != 3 && $0.offset != 4 && $0.offset < 8 }.map(\.element).reduce(0, +)
        return busy / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func selfCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func run(settings: Settings, serverURL: String, scratch: URL, psqlDirectory: String?) async throws {
        let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let workerPath = binDirectory.appendingPathComponent("petitions-worker").path
        guard FileManager.default.isExecutableFile(atPath: workerPath) else {
            throw BenchError("\(workerPath) is missing; build it: swift build -c release --product petitions-worker")
        }
        let pgbench =
            try [psqlDirectory.map { $0 + "/pgbench" }, "/usr/lib/postgresql/15/bin/pgbench", "/usr/bin/pgbench"].compactMap { $0 }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? { throw BenchError("pgbench is missing; install postgresql") }()

        let scratchDatabase = try ScratchDatabase(serverURL: serverURL, prefix: "petitions_bench_queue")
        defer { scratchDatabase.drop() }
        let (url, db) = (scratchDatabase.url, scratchDatabase.db)
        let repository = Repository(db)
        try repository.campaigns.add(Campaign(slug: "bench-queue", title: "Queue benchmark", kind: .petition), actor: "bench")
        try repository.outlets.add(Outlet(slug: "bench-platform", name: "Benchmark platform", kind: .platform), actor: "bench")

        // The fixture: every path answers a count at once; the count changes with each run, so every
        // poll records a new figure and observation (the heavier path).
        let round = RoundCounter()
        let fixture = try await LoopbackServer(
            port: 0,
            immediate: { _ in
                HTTPResponseInfo(status: 200, contentType: "application/json", "{\"count\": \(10_000 + round.value)}")
            })
        defer { Task { await fixture.close() } }

        print(
            "petitions-bench queue: \(NumberFormatting.grouped(settings.sources)) sources due at once, \(NumberFormatting.grouped(settings.finished)) finished jobs in the table,"
        )
        print(
            "petitions-worker --once processes (--concurrency \(settings.concurrency), --host-gap 0s) against a loopback fixture; reference: pgbench, same server"
        )
        print("server: \(ConnectionString.redacted(serverURL))\n")

        // History: a million finished jobs (with their attempts) of a paused source.
        let started = Date()
        try db.execute(
            """
            INSERT INTO sources (campaign_id, outlet_id, kind, url, every, pointer, anchor, created_by, paused)
            VALUES ((SELECT id FROM campaigns), (SELECT id FROM outlets WHERE slug = 'bench-platform'), 'json', 'http://127.0.0.1:1/history',
                    interval '1 minute', '/count', now() - interval '2 years', 'bench', true)
            """)
        try db.execute(
            """
            INSERT INTO jobs (source_id, due_at, run_after, max_attempts, state, attempts, worker, started_at, finished_at, created_at, result)
            SELECT s.id, t, t, 5, 'succeeded', 1, 'history', t, t + interval '80 ms', t, '{"count": "1"}'
            FROM sources s, generate_series(1, \(settings.finished)) AS i,
                 LATERAL (SELECT now() - interval '6 days' + i * (interval '5 days' / \(settings.finished)) AS t) times
            WHERE s.url = 'http://127.0.0.1:1/history'
            """)
        try db.execute(
            "INSERT INTO job_attempts (job_id, attempt, worker, started_at, finished_at, outcome) SELECT id, 1, 'history', started_at, finished_at, 'succeeded' FROM jobs"
        )
        // The sources to poll, paused until a run wants them.
        try db.execute(
            """
            INSERT INTO sources (campaign_id, outlet_id, kind, url, every, pointer, anchor, created_by, paused)
            SELECT (SELECT id FROM campaigns), (SELECT id FROM outlets WHERE slug = 'bench-platform'), 'json',
                   \("http://127.0.0.1:\(fixture.port)/petitions/") || i || '.json', interval '1 day', '/count', now(), 'bench', true
            FROM generate_series(1, \(settings.sources)) AS i
            """)
        for table in ["jobs", "job_attempts", "sources"] { try db.executeScript(unsafeSQL: "VACUUM ANALYZE \(table)") }
        print(
            String(
                format: "loaded %@ finished jobs and %@ sources in %.1fs\n", NumberFormatting.grouped(settings.finished) as NSString,
                NumberFormatting.grouped(settings.sources) as NSString, Date().timeIntervalSince(started)))

        /// Activates the first `sources` sources, all due now, runs `workers` processes until they
        /// exit, and reads the run's span from the jobs table.
        func runWorkers(_ workers: Int, sources: Int) async throws -> Run {
            round.next()
            let firstJob: Int = try db.query("SELECT coalesce(max(id), 0) AS id FROM jobs")[0].decode("id")
            try db.execute(
                """
                UPDATE sources SET paused = (id > (SELECT min(id) FROM sources WHERE url LIKE '%/petitions/%') + \(sources - 1)),
                                   anchor = now() - interval '1 second', next_due_at = now() - interval '1 second'
                WHERE url LIKE '%/petitions/%'
                """)
            try db.executeScript(unsafeSQL: "VACUUM ANALYZE sources")
            let (busy0, self0) = (machineBusySeconds(), selfCPUSeconds())
            let wallStart = Date()
            let children = try (1...workers).map { index in
                try Child.spawn(
                    workerPath,
                    [
                        "--once", "--concurrency", String(settings.concurrency), "--host-gap", "0s", "--allow-private-hosts", "--no-http",
                        "--log-level", "error", "--name", "bench-\(index)",
                    ],
                    environment: ["PETITIONS_DATABASE_URL": url])
            }
            var workerCPU = 0.0
            var maxRSS = 0
            for child in children {
                let result = try child.wait()
                guard result.status == 0 else { throw BenchError("petitions-worker failed:\n\(result.output.suffix(3000))") }
                workerCPU += result.cpuSeconds
                maxRSS = max(maxRSS, result.maxRSSKiB)
            }
            let wall = Date().timeIntervalSince(wallStart)
            let (busy1, self1) = (machineBusySeconds(), selfCPUSeconds())
            let row = try db.query(
                """
                SELECT count(*) AS jobs, count(*) FILTER (WHERE state = 'succeeded') AS succeeded,
                       extract(epoch FROM max(finished_at) - min(started_at))::float8 AS span
                FROM jobs WHERE id > \(firstJob)
                """)[0]
            let jobs: Int = try row.decode("jobs")
            let succeeded: Int = try row.decode("succeeded")
            guard jobs == sources, succeeded == sources else {
                let sample = try db.query(
                    "SELECT state || ': ' || coalesce(last_error, '') AS s FROM jobs WHERE id > \(firstJob) AND state <> 'succeeded' LIMIT 3"
                )
                .map { try $0.decode("s", as: String.self) }
                throw BenchError("expected \(sources) succeeded jobs, found \(succeeded) of \(jobs); for example:\n" + sample.joined(separator: "\n"))
            }
            let fixtureCPU = self1 - self0
            let cpu = CPU(workers: workerCPU, fixture: fixtureCPU, rest: max(0, busy1 - busy0 - workerCPU - fixtureCPU))
            return Run(workers: workers, sources: sources, jobs: jobs, seconds: try row.decode("span"), wall: wall, cpu: cpu, maxRSSKiB: maxRSS)
        }

        /// The reference: minimal claim + complete through pgbench on a copy of the jobs table of the
        /// same size, `clients` clients, `jobs` jobs.
        func reference(clients: Int, jobs: Int) throws -> Double {
            try db.executeScript(unsafeSQL: "DROP TABLE IF EXISTS reference_jobs")
            try db.executeScript(
                unsafeSQL:
                    "CREATE TABLE reference_jobs (LIKE jobs INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES INCLUDING IDENTITY INCLUDING GENERATED)")
            // The same autovacuum settings as jobs (Schema/0007_queue_scale.sql).
            try db.executeScript(
                unsafeSQL:
                    "ALTER TABLE reference_jobs SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 10000, autovacuum_vacuum_cost_delay = 0)"
            )
            try db.execute(
                """
                INSERT INTO reference_jobs (source_id, due_at, run_after, max_attempts, state, attempts, worker, started_at, finished_at, created_at, result)
                SELECT source_id, due_at, run_after, max_attempts, state, attempts, worker, started_at, finished_at, created_at, result FROM jobs
                WHERE state = 'succeeded' LIMIT \(settings.finished)
                """)
            try db.execute(
                """
                INSERT INTO reference_jobs (source_id, due_at, run_after, max_attempts)
                SELECT -i, now() + i * interval '1 microsecond' - interval '1 hour', now() - interval '1 hour', 5
                FROM generate_series(1, \(jobs + clients * 10)) AS i
                """)
            try db.executeScript(unsafeSQL: "VACUUM ANALYZE reference_jobs")
            let script = scratch.appendingPathComponent("claim-complete.sql")
            try """
            UPDATE reference_jobs SET state = 'running', attempts = attempts + 1, worker = 'pgbench', lease_until = now() + interval '60 seconds', started_at = now()
            WHERE id = (SELECT id FROM reference_jobs WHERE state = 'queued' AND run_after <= now() ORDER BY run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id AS claimed \\gset
            UPDATE reference_jobs SET state = 'succeeded', lease_until = NULL, finished_at = now(), result = '{"count": "1"}' WHERE id = :claimed;

            """.write(to: script, atomically: true, encoding: .utf8)
            let perClient = max(1, jobs / clients)
            let child = try Child.spawn(
                pgbench, ["-n", "-c", String(clients), "-j", String(clients), "-t", String(perClient), "-f", script.path],
                environment: try ConnectionString.environment(url))
            let result = try child.wait()
            guard result.status == 0 else { throw BenchError("pgbench failed:\n\(result.output.suffix(3000))") }
            guard
                let tps = result.output.split(separator: "\n").first(where: { $0.hasPrefix("tps = ") })
                    .flatMap({ Double($0.dropFirst(6).split(separator: " ").first ?? "") })
            else {
                throw BenchError("pgbench printed no tps:\n\(result.output)")
            }
            try db.executeScript(unsafeSQL: "DROP TABLE reference_jobs")
            return tps
        }

        // Which statements the time goes to, where the server has pg_stat_statements.
        let statements =
            (try? db.executeScript(unsafeSQL: "CREATE EXTENSION IF NOT EXISTS pg_stat_statements")) != nil
            && (try? db.query("SELECT 1 FROM pg_stat_statements LIMIT 1")) != nil
        func resetStatements() { if statements { _ = try? db.query("SELECT pg_stat_statements_reset()") } }
        func topStatements(jobs: Int) throws -> [String] {
            guard statements else { return ["(pg_stat_statements is not loaded on this server)"] }
            return try db.query(
                """
                SELECT calls, total_exec_time + total_plan_time AS ms, total_plan_time AS plan_ms, regexp_replace(left(query, 110), '\\s+', ' ', 'g') AS query
                FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                ORDER BY total_exec_time + total_plan_time DESC LIMIT 10
                """
            ).map { row in
                let (calls, ms, plan): (Int, Double, Double) = (try row.decode("calls"), try row.decode("ms"), try row.decode("plan_ms"))
                return String(
                    format: "%8.3f ms/job (plan %.3f) %6.2f calls/job  %@", ms / Double(jobs), plan / Double(jobs), Double(calls) / Double(jobs),
                    try row.decode("query", as: String.self) as NSString)
            }
        }

        var runs: [Run] = []
        var references: [Int: Double] = [:]
        var statementLines: [String] = []
        for workers in settings.workers {
            resetStatements()
            let run = try await runWorkers(workers, sources: settings.sources)
            if workers == settings.workers.last { statementLines = try topStatements(jobs: run.jobs) }
            runs.append(run)
            references[workers] = try reference(clients: workers, jobs: min(settings.sources, 50_000))
            print(
                String(
                    format: "%d worker(s): %7.0f jobs/s (%.3f ms/job; wall %.1fs)   reference %d client(s): %7.0f jobs/s   ratio %.2f",
                    workers, run.jobsPerSecond, run.msPerJob, run.wall, workers, references[workers]!, run.jobsPerSecond / references[workers]!))
        }
        let main = runs.last!
        // Time per job against the number of sources, with the history in the table.
        var flat: [(sources: Int, run: Run)] = []
        for size in settings.flatSizes {
            let run = size == main.sources ? main : try await runWorkers(main.workers, sources: size)
            flat.append((size, run))
        }
        print("\ntime per job with \(main.workers) worker(s), by number of sources (history in the table grows with each run):")
        for (size, run) in flat {
            let history: Int = try db.query("SELECT count(*) AS n FROM jobs WHERE state = 'succeeded'")[0].decode("n")
            print(
                String(
                    format: "  %@ sources: %.3f ms/job (%7.0f jobs/s), worker peak RSS %.1f MiB; %@ finished jobs now",
                    NumberFormatting.grouped(size) as NSString,
                    run.msPerJob, run.jobsPerSecond, Double(run.maxRSSKiB) / 1024, NumberFormatting.grouped(history) as NSString))
        }
        let cpu = main.cpu
        let perJob = { (seconds: Double) in seconds * 1000 / Double(main.jobs) }
        print(
            String(
                format: "\nwhere the time goes (CPU per job, %d worker(s), %@ sources): workers (Swift, HTTP client, libpq) %.3f ms, "
                    + "fixture %.3f ms, PostgreSQL and the rest %.3f ms; 2 cores give %.3f ms of CPU per job at this rate",
                main.workers, NumberFormatting.grouped(main.sources) as NSString, perJob(cpu.workers), perJob(cpu.fixture), perJob(cpu.rest), 2 * main.msPerJob)
        )
        print("\nserver time by statement in that run (execution and planning, per job):")
        for line in statementLines { print("  " + line) }
        try printStorage(db, sources: settings.sources)
        let reference = references[main.workers]!
        let flatRatio = flat.last!.run.msPerJob / flat.first!.run.msPerJob
        print(
            String(
                format: "\nqueue: sources=%d workers=%d jobs_per_s=%.0f reference_jobs_per_s=%.0f ratio=%.2f flat=%.2f rss_mib=%.1f",
                main.sources, main.workers, main.jobsPerSecond, reference, main.jobsPerSecond / reference, flatRatio,
                Double(flat.map(\.run.maxRSSKiB).max() ?? 0) / 1024))
    }
}

/// What each job leaves on disk (heap, indexes and TOAST over rows), and what that makes a day at
/// one poll a minute per source: the figures that say when `--keep-jobs` matters and when the kept
/// history (observations, figures) wants partitioning by time.
private func printStorage(_ db: PGConnection, sources: Int) throws {
    _ = try db.query("ANALYZE jobs, job_attempts, observations, figures")
    print("\nstorage per row (table, indexes and TOAST), and per day at one poll a minute for \(NumberFormatting.grouped(sources)) sources:")
    for (table, kept) in [
        ("jobs", "pruned after --keep-jobs"), ("job_attempts", "pruned with their job"),
        ("observations", "kept; added only when a value changed"), ("figures", "kept; added only when the count changed"),
    ] {
        let row = try db.query(
            """
            SELECT pg_total_relation_size(c.oid)::float8 AS bytes, (SELECT count(*) FROM \(unsafeRaw: table))::float8 AS n
            FROM pg_class c WHERE c.oid = \(table)::regclass
            """)[0]
        let (bytes, rows): (Double, Double) = (try row.decode("bytes"), try row.decode("n"))
        guard rows > 0 else { print("  \(table): no rows"); continue }
        let perRow = bytes / rows
        // In the runs every poll is a source's first, so each adds one row to every table: the upper bound.
        print(
            String(
                format: "  %@ %7.0f bytes/row over %@ rows; %6.1f GB/day if every poll adds one (%@)",
                table.padding(toLength: 13, withPad: " ", startingAt: 0) as NSString, perRow,
                NumberFormatting.grouped(Int(rows)) as NSString, perRow * Double(sources) * 1440 / 1e9, kept as NSString))
    }
}

final class RoundCounter: Sendable {
    private let current = Mutex(0)
    var value: Int { current.withLock { $0 } }
    func next() { current.withLock { $0 += 1 } }
}

/// A child process with its output in a file, its CPU time and peak memory.
struct Child {
    let pid: pid_t
    let outPath: String

    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Child {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("bench-child-\(UUID().uuidString)").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        // A clean signal mask and default handlers: the child of a thread that blocks signals would
        // inherit the block (pgbench -T ends on SIGALRM, and ran forever without this).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        guard posix_spawn(&pid, executable, &actions, &attributes, argv, envp) == 0 else { throw BenchError("cannot run \(executable)") }
        return Child(pid: pid, outPath: outPath)
    }

    func wait() throws -> (status: Int32, output: String, cpuSeconds: Double, maxRSSKiB: Int) {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: outPath)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let exit: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exit, output, cpu, usage.ru_maxrss)
    }
}

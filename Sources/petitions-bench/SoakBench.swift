import Foundation
import LoopbackHTTP
import PetitionsDomain
import PetitionsStore
import Postgres

/// `petitions-bench soak`: one long-running `petitions-worker` (not `--once`) polling a loopback
/// fixture at a steady rate, its memory sampled from /proc as it goes. The question is whether
/// the worker's resident memory stays flat over an hour at 100 jobs/s, or grows.
enum SoakBench {
    struct Settings {
        var seconds = 3600.0
        /// Jobs a second: `rate × 60` sources, each polled every minute, their phases spread.
        var rate = 100
    }

    static func rssMiB(_ pid: pid_t) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kib / 1024
    }

    static func run(settings: Settings, serverURL: String) async throws {
        let workerPath = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("petitions-worker").path
        guard FileManager.default.isExecutableFile(atPath: workerPath) else {
            throw BenchError("\(workerPath) is missing; build it: swift build -c release --product petitions-worker")
        }
        let scratch = try ScratchDatabase(serverURL: serverURL, prefix: "petitions_bench_soak")
        defer { scratch.drop() }
        let (url, db) = (scratch.url, scratch.db)
        let repository = Repository(db)
        try repository.campaigns.add(Campaign(slug: "bench-soak", title: "Soak benchmark", kind: .petition), actor: "bench")
        try repository.outlets.add(Outlet(slug: "bench-platform", name: "Benchmark platform", kind: .platform), actor: "bench")
        // Counts move once a minute, so each source records a change about every poll: the heavier path.
        let started = Date()
        let fixture = try await LoopbackServer(
            port: 0,
            immediate: { request in
                let minute = Int(Date().timeIntervalSince(started) / 60)
                return HTTPResponseInfo(status: 200, contentType: "application/json", "{\"count\": \(10_000 + minute * 7 + request.uri.count)}")
            })
        defer { Task { await fixture.close() } }
        let sources = settings.rate * 60
        try db.execute(
            """
            INSERT INTO sources (campaign_id, outlet_id, kind, url, every, pointer, anchor, created_by)
            SELECT (SELECT id FROM campaigns), (SELECT id FROM outlets), 'json',
                   \("http://127.0.0.1:\(fixture.port)/petitions/") || i || '.json', interval '1 minute', '/count',
                   now() + (i % 60) * interval '1 second' + (i / 60 % 10) * interval '100 milliseconds', 'bench'
            FROM generate_series(1, \(sources)) AS i
            """)
        print("petitions-bench soak: one petitions-worker, \(NumberFormatting.grouped(sources)) sources polled every minute (\(settings.rate) jobs/s),")
        print("for \(Int(settings.seconds)) s against a loopback fixture; resident memory read from /proc every 10 s")
        print("server: \(ConnectionString.redacted(serverURL))\n")
        let worker = try Child.spawn(
            workerPath, ["--database-url", url, "--host-gap", "0s", "--allow-private-hosts", "--concurrency", "16", "--no-http", "--log-level", "warning"],
            environment: [:])
        var samples: [(seconds: Double, mib: Double)] = []
        var lastReport = 0.0
        func succeeded() -> Int { (try? db.query("SELECT count(*) FROM jobs WHERE state = 'succeeded'")[0].decode(at: 0, as: Int.self)) ?? 0 }
        let begin = Date()
        while Date().timeIntervalSince(begin) < settings.seconds {
            try await Task.sleep(for: .seconds(10))
            let elapsed = Date().timeIntervalSince(begin)
            guard let mib = rssMiB(worker.pid) else { throw BenchError("petitions-worker exited early") }
            samples.append((elapsed, mib))
            if elapsed - lastReport >= 300 || elapsed >= settings.seconds {
                lastReport = elapsed
                let done = succeeded()
                print(String(format: "  %5.0f s  %9d jobs done  %6.1f jobs/s  rss %.1f MiB", elapsed, done, Double(done) / elapsed, mib))
                fflush(nil)
            }
        }
        let done = succeeded()
        let failed = (try? db.query("SELECT count(*) FROM jobs WHERE state IN ('failed', 'dead')")[0].decode(at: 0, as: Int.self)) ?? 0
        kill(worker.pid, SIGTERM)
        let result = try worker.wait()
        // After the first five minutes (start-up, the pool filling), memory should be flat: the
        // least-squares slope of the samples, per hour, and the last ten minutes against the first
        // ten after warm-up.
        let steady = samples.filter { $0.seconds >= min(300, settings.seconds / 4) }
        let n = Double(steady.count)
        let meanX = steady.map(\.seconds).reduce(0, +) / n, meanY = steady.map(\.mib).reduce(0, +) / n
        let sxx = steady.map { ($0.seconds - meanX) * ($0.seconds - meanX) }.reduce(0, +)
        let slope = sxx > 0 ? steady.map { ($0.seconds - meanX) * ($0.mib - meanY) }.reduce(0, +) / sxx * 3600 : 0
        let window = max(1, steady.count / 6)
        let early = steady.prefix(window).map(\.mib).reduce(0, +) / Double(min(window, steady.count))
        let late = steady.suffix(window).map(\.mib).reduce(0, +) / Double(min(window, steady.count))
        print("")
        print("worker exited \(result.status) after SIGTERM; \(failed) jobs failed")
        print(
            String(
                format:
                    "soak: seconds=%.0f jobs=%d jobs_per_s=%.1f rss_start_mib=%.1f rss_early_mib=%.1f rss_late_mib=%.1f rss_max_mib=%.1f slope_mib_per_h=%.2f failed=%d",
                settings.seconds, done, Double(done) / settings.seconds, samples.first?.mib ?? 0, early, late, samples.map(\.mib).max() ?? 0, slope, failed))
    }
}

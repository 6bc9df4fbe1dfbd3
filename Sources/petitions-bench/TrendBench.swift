import Foundation
import PetitionsDomain
import PetitionsStore
import Postgres

/// `petitions-bench trend`: a polled series of N changes (over 1,000 days, with the run-length
/// observations the worker writes) plus six outlets' figures, then `petitions trend` (hour over
/// the last 30 days, day and week over everything) and `petitions report`, each against a
/// hand-written SQL probe per bucket returning the same points, run by psql on the same server
/// in the same run. Both sides are whole processes (start, connect, query, print); each is timed
/// three times and the median kept.
enum TrendBench {
    static let campaign = "bench-trend"
    static let span: TimeInterval = 1000 * 86400
    static let start = TimeFormatting.parse("2023-01-01T00:00Z")!
    static var end: Date { start.addingTimeInterval(span) }

    struct Timing {
        var ours: Double
        var reference: Double
        var rssKiB: Int
        var ratio: Double { ours / reference }
    }

    /// - Parameter keep: leave the last size's database on the server (and say where), to look into it.
    static func run(rows sizes: [Int], serverURL: String, psql: String, petitions: String, keep: Bool = false) throws {
        print("petitions-bench trend: petitions trend and report against a hand-written SQL probe per bucket (psql), same server, same run")
        print("server: \(ConnectionString.redacted(serverURL))\n")
        var last: (rows: Int, timings: [String: Timing])?
        var peak = 0
        for rows in sizes {
            let scratch = try ScratchDatabase(serverURL: serverURL, prefix: "petitions_bench_trend_\(rows)")
            defer {
                if keep && rows == sizes.last { print("kept: \(ConnectionString.redacted(scratch.url))\n") } else { scratch.drop() }
            }
            let loadStart = Date()
            try load(scratch.db, rows: rows)
            print(
                String(
                    format: "%@ polled changes (and their observations) over 1,000 days, 6 outlets: loaded in %.1fs",
                    NumberFormatting.grouped(rows) as NSString, Date().timeIntervalSince(loadStart)))
            let connection = try ConnectionString.environment(scratch.url)
            let ours = ["PETITIONS_DATABASE_URL": scratch.url]
            let since = TimeFormatting.iso(end.addingTimeInterval(-30 * 86400))
            var timings: [String: Timing] = [:]
            let cases: [(String, [String], String)] = [
                ("hour", ["trend", campaign, "--bucket", "hour", "--since", since, "--format", "json"], probeSQL(bucket: "hour", since: since)),
                ("day", ["trend", campaign, "--bucket", "day", "--format", "json"], probeSQL(bucket: "day", since: nil)),
                ("week", ["trend", campaign, "--bucket", "week", "--format", "json"], probeSQL(bucket: "week", since: nil)),
                (
                    "report",
                    ["report", campaign, "--output", FileManager.default.temporaryDirectory.appendingPathComponent("bench-trend-\(getpid()).html").path],
                    reportSQL()
                ),
            ]
            for (name, arguments, sql) in cases {
                var oursRuns: [Double] = [], referenceRuns: [Double] = []
                var rss = 0
                for _ in 0..<3 {
                    let run = try measure(petitions, arguments, environment: ours)
                    oursRuns.append(run.seconds)
                    rss = max(rss, run.maxRSSKiB)
                    // JIT off, as the CLI's trend statements have it: compiling a plan of thousands of
                    // probes takes longer than running it, and a reference paying that would flatter us.
                    referenceRuns.append(
                        try measure(
                            psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-c", "SET jit = off", "-c", sql],
                            environment: connection
                        ).seconds)
                }
                let timing = Timing(ours: oursRuns.sorted()[1], reference: referenceRuns.sorted()[1], rssKiB: rss)
                timings[name] = timing
                peak = max(peak, rss)
                print(
                    String(
                        format: "  %@ petitions %6.3f s (%5.1f MiB peak)   psql probe %6.3f s   ratio %5.2f",
                        name.padding(toLength: 6, withPad: " ", startingAt: 0) as NSString, timing.ours,
                        Double(rss) / 1024, timing.reference, timing.ratio))
            }
            print("")
            last = (rows, timings)
        }
        guard let last else { return }
        let t = last.timings
        print(
            String(
                format: "trend: rows=%d day_ratio=%.2f hour_ratio=%.2f report_ratio=%.2f rss_mib=%.1f week_ratio=%.2f", last.rows,
                t["day"]!.ratio, t["hour"]!.ratio, t["report"]!.ratio, Double(peak) / 1024, t["week"]!.ratio))
    }

    /// The series: one platform outlet polled over 1,000 days, `rows` changes (mostly rising, now
    /// and then falling by one), each with its observation (first and last seen, as the worker
    /// writes them); six news outlets with 40 figures each.
    static func load(_ db: PGConnection, rows: Int) throws {
        let repository = Repository(db)
        try repository.campaigns.add(Campaign(slug: campaign, title: "Trend benchmark petition", kind: .petition, goal: rows * 4), actor: "bench")
        try repository.outlets.add(Outlet(slug: "bench-platform", name: "Benchmark platform", kind: .platform), actor: "bench")
        for index in 1...6 { try repository.outlets.add(Outlet(slug: "bench-news-\(index)", name: "Benchmark outlet \(index)", kind: .news), actor: "bench") }
        let spacing = span / Double(rows)
        try db.withTransaction { db in
            try db.execute(
                """
                INSERT INTO sources (campaign_id, outlet_id, kind, url, every, anchor, created_by, paused)
                SELECT c.id, o.id, 'uk-parliament', 'https://petition.example/1.json', interval '1 minute', \(start), 'bench', true
                FROM campaigns c, outlets o WHERE c.slug = \(campaign) AND o.slug = 'bench-platform'
                """)
            try db.execute(
                """
                INSERT INTO figures (campaign_id, outlet_id, metric, value, qualifier, as_of, method, entered_by)
                SELECT c.id, o.id, 'signatures', i * 3 + (i * 7919) % 5, 'exact', \(start) + i * make_interval(secs => \(spacing)), 'polled', 'bench'
                FROM campaigns c, outlets o, generate_series(1, \(rows)) AS i WHERE c.slug = \(campaign) AND o.slug = 'bench-platform'
                """)
            try db.execute(
                """
                INSERT INTO observations (source_id, series, value_number, first_seen_at, last_seen_at, figure_id)
                SELECT s.id, 'count', f.value, f.as_of, f.as_of + make_interval(secs => \(spacing * 0.9)), f.id
                FROM figures f JOIN sources s ON s.outlet_id = f.outlet_id WHERE f.method = 'polled'
                """)
            try db.execute(
                """
                INSERT INTO figures (campaign_id, outlet_id, metric, value, qualifier, as_of, published_at, method, entered_by)
                SELECT c.id, o.id, 'signatures', (k * \(rows / 40) * 3 / 1000) * 1000, CASE WHEN k % 3 = 0 THEN 'over' ELSE 'exact' END,
                       \(start) + (k * \(rows / 40)) * make_interval(secs => \(spacing)) + make_interval(hours => n),
                       \(start) + (k * \(rows / 40)) * make_interval(secs => \(spacing)) + make_interval(hours => n + 2), 'manual', 'bench'
                FROM campaigns c, generate_series(1, 6) AS n
                JOIN outlets o ON o.slug = 'bench-news-' || n, generate_series(1, 39) AS k
                WHERE c.slug = \(campaign)
                """)
        }
        for table in ["figures", "observations"] { try db.executeScript(unsafeSQL: "VACUUM ANALYZE \(table)") }
    }

    /// Per source and bucket, the latest figure in the bucket: what `trend` returns, written as
    /// plainly as the schema allows (one probe of `figures_latest` per source and bucket).
    static func probeSQL(bucket: String, since: String?) -> String {
        let step = bucket == "week" ? "7 days" : "1 \(bucket)"
        // The range by index (figures_timeline is campaign, metric, as_of: both filters make min and max one probe each).
        let lower =
            since.map { "timestamptz '\($0)'" }
            ?? "(SELECT min(as_of) FROM figures WHERE campaign_id = (SELECT id FROM campaigns WHERE slug = '\(campaign)') AND metric = 'signatures')"
        return """
            WITH c AS (SELECT id FROM campaigns WHERE slug = '\(campaign)'),
            range AS (SELECT date_trunc('\(bucket)', \(lower) AT TIME ZONE 'UTC') AS lo,
                             (SELECT max(as_of) FROM figures WHERE campaign_id = (SELECT id FROM c) AND metric = 'signatures') AT TIME ZONE 'UTC' AS hi),
            b AS (SELECT s AT TIME ZONE 'UTC' AS start, (s + interval '\(step)') AT TIME ZONE 'UTC' AS stop
                  FROM range, generate_series(range.lo, range.hi, interval '\(step)') AS s)
            SELECT o.slug, b.start, p.value, p.as_of
            FROM outlets o CROSS JOIN b
            CROSS JOIN LATERAL (
                SELECT f.value, f.as_of FROM figures f
                WHERE f.campaign_id = (SELECT id FROM c) AND f.metric = 'signatures' AND f.outlet_id = o.id AND f.as_of >= b.start AND f.as_of < b.stop
                ORDER BY f.campaign_id, f.metric, f.outlet_id, f.as_of DESC, f.id DESC LIMIT 1
            ) p
            WHERE o.slug LIKE 'bench-%'
            ORDER BY o.slug, b.start
            """
    }

    /// What the report shows, fetched by hand: the week probes (the report's bucket over 1,000
    /// days), the platform's line at 1,000 points, each outlet's latest figure, and every figure
    /// from reporters for the provenance list.
    static func reportSQL() -> String {
        """
        \(probeSQL(bucket: "week", since: nil));
        WITH c AS (SELECT id FROM campaigns WHERE slug = '\(campaign)'), o AS (SELECT id FROM outlets WHERE slug = 'bench-platform')
        SELECT p.value, p.as_of FROM generate_series(0, 999) AS k
        CROSS JOIN LATERAL (
            SELECT f.value, f.as_of FROM figures f
            WHERE f.campaign_id = (SELECT id FROM c) AND f.metric = 'signatures' AND f.outlet_id = (SELECT id FROM o)
              AND f.as_of >= timestamptz '\(TimeFormatting.iso(start))' + k * interval '1 day'
              AND f.as_of < timestamptz '\(TimeFormatting.iso(start))' + (k + 1) * interval '1 day'
            ORDER BY f.campaign_id, f.metric, f.outlet_id, f.as_of DESC, f.id DESC LIMIT 1) p;
        SELECT o.slug, l.value, l.as_of FROM outlets o
        CROSS JOIN LATERAL (SELECT f.value, f.as_of FROM figures f WHERE f.campaign_id = (SELECT id FROM campaigns WHERE slug = '\(campaign)')
                            AND f.metric = 'signatures' AND f.outlet_id = o.id ORDER BY f.campaign_id, f.metric, f.outlet_id, f.as_of DESC, f.id DESC LIMIT 1) l;
        SELECT f.* FROM figures f JOIN outlets o ON o.id = f.outlet_id
        WHERE f.campaign_id = (SELECT id FROM campaigns WHERE slug = '\(campaign)') AND o.kind <> 'platform' AND f.method <> 'polled' ORDER BY f.as_of
        """
    }
}

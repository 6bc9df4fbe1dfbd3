import Foundation
import LocalPostgres
import Postgres

/// `petitions-bench archive`: `petitions export archive` and `import archive` of a database with a
/// polled petition (N observations and N/2 figures), against `pg_dump --data-only` and `psql`
/// restoring the same tables into an empty database, on the same server in the same run.
enum ArchiveBench {
    static func run(rows: Int, serverURL: String, petitions: String, scratch: URL) throws {
        let binaries = try? PostgresBinaries.locate().directory
        func tool(_ name: String) throws -> String {
            try [binaries.map { "\($0)/\(name)" }, "/usr/bin/\(name)"].compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
                ?? { throw BenchError("\(name) is missing; install postgresql-client") }()
        }
        let (pgDump, psql) = (try tool("pg_dump"), try tool("psql"))
        let source = try ScratchDatabase(serverURL: serverURL, prefix: "petitions_bench_archive_from")
        let ours = try ScratchDatabase(serverURL: serverURL, prefix: "petitions_bench_archive_to")
        let reference = try ScratchDatabase(serverURL: serverURL, prefix: "petitions_bench_archive_ref")
        defer { [source, ours, reference].forEach { $0.drop() } }
        let figures = max(1, rows / 2)
        try source.db.executeScript(
            unsafeSQL: """
                INSERT INTO campaigns (slug, title, kind) VALUES ('bench-polled', 'Benchmark petition', 'petition');
                INSERT INTO outlets (slug, name, kind) VALUES ('bench-platform', 'Benchmark platform', 'platform');
                INSERT INTO sources (campaign_id, outlet_id, kind, url, every, pointer, anchor, created_by)
                VALUES (1, 1, 'json', 'https://petitions.example/bench.json', '1 minute', '/count', '2025-01-01', 'bench');
                INSERT INTO figures (campaign_id, outlet_id, metric, value, qualifier, as_of, method, entered_by, source_url, note)
                SELECT 1, 1, 'signatures', g, 'exact', timestamptz '2025-01-01' + g * interval '1 minute', 'polled', 'bench',
                       'https://petitions.example/bench.json', 'polled by source 1'
                FROM generate_series(1, \(figures)) g;
                INSERT INTO observations (source_id, series, value_number, first_seen_at, last_seen_at, figure_id)
                SELECT 1, 'count', g, timestamptz '2025-01-01' + g * interval '1 minute', timestamptz '2025-01-01' + g * interval '1 minute' + interval '30 seconds', g
                FROM generate_series(1, \(figures)) g;
                INSERT INTO observations (source_id, series, value_number, first_seen_at, last_seen_at)
                SELECT 1, 'country:GB', g, timestamptz '2025-01-01' + g * interval '1 minute', timestamptz '2025-01-01' + g * interval '1 minute'
                FROM generate_series(1, \(rows - figures)) g;
                ANALYZE
                """)
        let total = 3 + figures + rows
        print("petitions-bench archive: export archive and import archive against pg_dump --data-only and psql, same server, same tables")
        print("server: \(ConnectionString.redacted(serverURL)); \(total) rows (\(figures) figures, \(rows) observations)\n")

        let file = scratch.appendingPathComponent("bench.petitions.jsonl").path
        let dump = scratch.appendingPathComponent("bench.sql").path
        let export = try measure(petitions, ["export", "archive", "--output", file], environment: ["PETITIONS_DATABASE_URL": source.url])
        let size = Double((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) / 1_048_576
        let restore = try measure(petitions, ["import", "archive", file], environment: ["PETITIONS_DATABASE_URL": ours.url, "PETITIONS_ACTOR": "bench"])
        let tables = ["outlets", "campaigns", "figures", "sources", "observations"].flatMap { ["-t", $0] }
        let dumped = try measure(pgDump, ["--data-only", "--no-owner", "-f", dump] + tables, environment: try ConnectionString.environment(source.url))
        let restored = try measure(
            psql, ["-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", dump], environment: try ConnectionString.environment(reference.url))
        let same = try ours.db.query("SELECT count(*) AS n FROM observations")[0].decode("n", as: Int.self) == rows
        guard same else { throw BenchError("the import restored a different number of observations") }

        func line(_ name: String, _ result: (seconds: Double, maxRSSKiB: Int, output: String)) -> String {
            String(
                format: "  %@: %.2f s, %.0f rows/s, %.1f MiB peak memory", name, result.seconds, Double(total) / result.seconds, Double(result.maxRSSKiB) / 1024
            )
        }
        print(line("petitions export archive (\(String(format: "%.0f", size)) MiB of JSON lines)", export))
        print(line("pg_dump --data-only (COPY text)", dumped))
        print(line("petitions import archive (one transaction, ids kept)", restore))
        print(line("psql restoring the dump (COPY, one transaction)", restored))
        print(
            String(
                format: "archive: rows=%d export_s=%.2f import_s=%.2f export_ratio=%.2f import_ratio=%.2f export_peak_mib=%.1f import_peak_mib=%.1f",
                total, export.seconds, restore.seconds, export.seconds / dumped.seconds, restore.seconds / restored.seconds,
                Double(export.maxRSSKiB) / 1024, Double(restore.maxRSSKiB) / 1024))
    }
}

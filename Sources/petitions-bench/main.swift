// petitions-bench: measures a signatory import against `psql \copy` of the same file into a plain
// table, on the same server in the same run, with the peak memory of each process; then times name
// searches on the imported list and prints their plan.
//
//   swift run -c release petitions-bench [--rows 1000000] [--database-url URL]
//
// Without a URL it starts a private cluster in a temporary folder and removes it at the end.
import Foundation
import LocalPostgres
import PetitionsDomain
import PetitionsStore
import Postgres

struct Options {
    var rows = 1_000_000
    /// `trend --rows 1000000,10000000`: the sizes of the polled series.
    var trendRows = [1_000_000, 10_000_000]
    var keep = false
    var megabytes = 50
    var parts: Set<String> = ["signatories", "extract"]
    var databaseURL = ProcessInfo.processInfo.environment["PETITIONS_DATABASE_URL"]
    var queue = QueueBench.Settings()
    var serve = ServeBench.Settings()
    var soak = SoakBench.Settings()
    var smallRows: Int { max(1, rows / 5) }

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--rows":
                let list = (iterator.next() ?? "").replacingOccurrences(of: "_", with: "").split(separator: ",").compactMap { Int($0) }.filter { $0 >= 1000 }
                if list.isEmpty { fail("--rows takes a number of at least 1000, or for trend a list such as 1000000,10000000") }
                rows = list[0]
                trendRows = list
                serve.rows = list[0]
            case "--database-url": databaseURL = iterator.next()
            case "--keep": keep = true
            case "--megabytes": megabytes = iterator.next().flatMap { Int($0) } ?? megabytes
            case "signatories", "extract", "queue", "trend", "serve", "soak", "archive": parts = [argument]
            case "--duration":
                soak.seconds = iterator.next().flatMap { Double($0) }.flatMap { $0 >= 60 ? $0 : nil } ?? { fail("--duration takes seconds, at least 60") }()
            case "--rate":
                soak.rate = iterator.next().flatMap { Int($0) }.flatMap { (1...2000).contains($0) ? $0 : nil } ?? { fail("--rate takes 1 to 2000") }()
            case "--seconds":
                serve.seconds = iterator.next().flatMap { Double($0) }.flatMap { $0 > 0 ? $0 : nil } ?? { fail("--seconds takes a positive number") }()
            case "--soak": serve.soak = iterator.next().flatMap { Double($0) }.flatMap { $0 > 0 ? $0 : nil } ?? { fail("--soak takes a positive number") }()
            case "--connections":
                serve.connections =
                    iterator.next().flatMap { Int($0) }.flatMap { (1...256).contains($0) ? $0 : nil } ?? { fail("--connections takes 1 to 256") }()
            case "--sources": queue.sources = iterator.next().flatMap { Int($0.replacingOccurrences(of: "_", with: "")) } ?? queue.sources
            case "--workers":
                queue.workers = (iterator.next() ?? "").split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
                if queue.workers.isEmpty { fail("--workers takes a list such as 1,2,4") }
            case "--concurrency": queue.concurrency = iterator.next().flatMap { Int($0) } ?? queue.concurrency
            case "--finished": queue.finished = iterator.next().flatMap { Int($0.replacingOccurrences(of: "_", with: "")) } ?? queue.finished
            case "--help", "-h":
                print(
                    """
                    usage: petitions-bench [signatories | extract] [--rows N (default 1000000)] [--megabytes N (default 50)] [--database-url URL]
                           petitions-bench trend [--rows 1000000,10000000] [--database-url URL [--keep]]
                           petitions-bench queue [--sources N (default 100000)] [--workers 1,2,4] [--concurrency N (default 8)]
                                                 [--finished N (default 1000000)] [--database-url URL]
                           petitions-bench serve [--rows N (default 1000000)] [--connections N (default 8)] [--seconds S (default 10)]
                                                 [--soak S (default 60; the million-figure compare)] [--database-url URL]
                           petitions-bench soak [--duration S (default 3600)] [--rate JOBS_PER_S (default 100)] [--database-url URL]
                           petitions-bench archive [--rows N (default 1000000 observations)] [--database-url URL]
                    Without a URL (or PETITIONS_DATABASE_URL) a private cluster is started in a temporary folder and removed at the end.
                    Build first: swift build -c release (the bench runs petitions and petitions-worker from beside itself).
                    """)
                exit(0)
            default: fail("unknown argument \(argument)")
            }
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("petitions-bench: \(message); see --help\n".utf8))
    exit(2)
}

/// Runs a program, returning its wall time, peak resident memory (KiB) and output.
func measure(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (seconds: Double, maxRSSKiB: Int, output: String) {
    let start = Date()
    let result = try Child.spawn(executable, arguments, environment: environment).wait()
    let seconds = Date().timeIntervalSince(start)
    guard result.status == 0 else { throw BenchError("\(executable) \(arguments.joined(separator: " ")) failed:\n\(result.output)") }
    return (seconds, result.maxRSSKiB, result.output)
}

/// A database of its own on the bench's server, migrated, dropped by `drop()`.
struct ScratchDatabase {
    let admin: PGConnection
    let name: String
    let url: String
    let db: PGConnection

    init(serverURL: String, prefix: String) throws {
        admin = try PGConnection(try ConnectionString.replacingDatabase(in: serverURL, with: "postgres"))
        name = "\(prefix)_\(getpid())"
        try admin.executeScript(unsafeSQL: "CREATE DATABASE \(name)")
        url = try ConnectionString.replacingDatabase(in: serverURL, with: name)
        db = try PGConnection(url)
        try Migrator().migrate(on: db)
    }

    func drop() {
        db.close()
        _ = try? admin.executeScript(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        admin.close()
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A list of `rows` signatories with names in several scripts, written as CSV.
func writeList(rows: Int, to path: String) throws -> Int {
    let given = [
        "Ada", "Bruno", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Inès", "Jonas", "Kaito", "Lena", "Mateo", "Nadia",
        "Omar", "Priya", "Zoë", "Łukasz", "Søren", "José", "太郎", "Пётр", "明", "ＹＵＫＩ",
    ]
    let family = [
        "Abbott", "Brandt", "Castillo", "Dubois", "Eriksen", "Fischer", "García", "Hoffmann", "Ivanova", "Jensen", "Kowalski",
        "Müller", "Nguyễn", "Okafor", "Rossi", "Schmidt", "山田", "Чайковский", "王", "ＴＡＮＡＫＡ",
    ]
    let affiliations = ["Independent artist", "Freelance illustrator", "", "Animation guild", "\"Studio, North\"", "University of Lyon"]
    let countries = ["FR", "IT", "JP", "GB", "PT", "PL", "DE", "US", "RU", "CN"]
    let statuses = ["unverified", "unverified", "self_asserted", "confirmed_by_organiser"]
    guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
        throw BenchError("cannot write \(path)")
    }
    defer { try? handle.close() }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func random(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    var buffer = "name,affiliation,country,signed_at,status\n"
    var bytes = 0
    for index in 0..<rows {
        let day = 26 + random(5), hour = random(24), minute = random(60)
        buffer += "\(given[random(given.count)]) \(family[random(family.count)]) \(index),\(affiliations[random(affiliations.count)]),"
        buffer +=
            "\(countries[random(countries.count)]),2024-11-\(day)T\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute):00Z,\(statuses[random(statuses.count)])\n"
        if buffer.utf8.count > 1 << 20 {
            bytes += buffer.utf8.count
            handle.write(Data(buffer.utf8))
            buffer = ""
        }
    }
    bytes += buffer.utf8.count
    handle.write(Data(buffer.utf8))
    return bytes
}

func run() async throws {
    let options = Options(CommandLine.arguments)
    if options.parts.contains("extract") {
        ExtractBench.run(megabytes: options.megabytes)
        let petitions = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("petitions").path
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("petitions-bench-extract-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        if FileManager.default.isExecutableFile(atPath: petitions) {
            try ExtractBench.runCommand(petitions: petitions, scratch: scratch, megabytes: [max(1, options.megabytes / 5), options.megabytes])
        }
        ExtractBench.scoreRealText()
        ExtractBench.printSummary()
        print("")
    }
    guard ["signatories", "queue", "trend", "serve", "soak", "archive"].contains(where: options.parts.contains) else {
        return
    }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("petitions-bench-\(getpid())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    var cluster: LocalCluster?
    defer {
        if let cluster { _ = try? cluster.stop() }
        try? FileManager.default.removeItem(at: scratch)
    }
    let serverURL: String
    if let url = options.databaseURL {
        serverURL = url
    } else {
        // pg_stat_statements (shipped with Debian's server) lets the queue bench say which statements the time goes to.
        let statements = FileManager.default.fileExists(atPath: ((try? PostgresBinaries.locate().directory) ?? "") + "/../lib/pg_stat_statements.so")
        let local = LocalCluster(
            home: scratch.appendingPathComponent("cluster"),
            extraSettings: statements ? ["shared_preload_libraries = 'pg_stat_statements'", "pg_stat_statements.track_planning = on"] : [])
        try local.ensureRunning()
        cluster = local
        serverURL = local.adminConnectionString(database: "postgres")
    }
    if options.parts.contains("trend") {
        let petitions = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("petitions").path
        guard FileManager.default.isExecutableFile(atPath: petitions) else {
            throw BenchError("\(petitions) is missing; build it: swift build -c release --product petitions")
        }
        let psql =
            try ["/usr/bin/psql", (try? PostgresBinaries.locate().directory).map { $0 + "/psql" } ?? ""].first {
                FileManager.default.isExecutableFile(atPath: $0)
            }
            ?? { throw BenchError("psql is missing; install postgresql-client") }()
        try TrendBench.run(rows: options.trendRows, serverURL: serverURL, psql: psql, petitions: petitions, keep: options.keep && options.databaseURL != nil)
        return
    }
    if options.parts.contains("serve") {
        let directory = (try? PostgresBinaries.locate().directory)
        let pgbench =
            try [directory.map { $0 + "/pgbench" }, "/usr/bin/pgbench"].compactMap { $0 }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? { throw BenchError("pgbench is missing; install postgresql") }()
        try await ServeBench.run(settings: options.serve, serverURL: serverURL, pgbench: pgbench, scratch: scratch)
        return
    }
    if options.parts.contains("archive") {
        let petitions = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("petitions").path
        guard FileManager.default.isExecutableFile(atPath: petitions) else {
            throw BenchError("\(petitions) is missing; build it: swift build -c release --product petitions")
        }
        try ArchiveBench.run(rows: options.rows, serverURL: serverURL, petitions: petitions, scratch: scratch)
        return
    }
    if options.parts.contains("soak") {
        try await SoakBench.run(settings: options.soak, serverURL: serverURL)
        return
    }
    if options.parts.contains("queue") {
        let psqlDirectory = (try? PostgresBinaries.locate().directory)
        try await QueueBench.run(settings: options.queue, serverURL: serverURL, scratch: scratch, psqlDirectory: psqlDirectory)
        return
    }
    let scratchDatabase = try ScratchDatabase(serverURL: serverURL, prefix: "petitions_bench")
    defer { scratchDatabase.drop() }
    let (url, db) = (scratchDatabase.url, scratchDatabase.db)
    let repository = Repository(db)
    try repository.campaigns.add(Campaign(slug: "bench-large", title: "Benchmark list", kind: .openLetter), actor: "bench")
    try repository.campaigns.add(Campaign(slug: "bench-small", title: "Benchmark list (small)", kind: .openLetter), actor: "bench")
    try db.execute("CREATE TABLE plain_signers (name text, affiliation text, country text, signed_at timestamptz, status text)")
    // What any design that keeps the list indexed pays: the same copy into a table with an identity
    // key, a unique fingerprint and a name-prefix index (as signatories has), and the plain copy
    // followed by building those indexes in bulk.
    try db.executeScript(
        unsafeSQL: """
            CREATE TABLE indexed_signers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, affiliation text, country text,
                                          signed_at timestamptz, status text);
            CREATE UNIQUE INDEX indexed_signers_fingerprint ON indexed_signers ((md5(name || coalesce(affiliation, ''))::uuid));
            CREATE INDEX indexed_signers_search ON indexed_signers (lower(name) text_pattern_ops, id)
            """)

    let petitions = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("petitions").path
    guard FileManager.default.isExecutableFile(atPath: petitions) else {
        throw BenchError("\(petitions) is missing; build it: swift build -c release --product petitions")
    }
    let psql =
        try ["/usr/bin/psql", (try? PostgresBinaries.locate().directory).map { $0 + "/psql" } ?? ""].first { FileManager.default.isExecutableFile(atPath: $0) }
        ?? { throw BenchError("psql is missing; install postgresql-client") }()

    // Children get the connection through libpq's environment: a password never appears in their argv.
    let connection = try ConnectionString.environment(url)
    print("petitions-bench: signatory import against psql \\copy, same server, same file")
    print("server: \(ConnectionString.redacted(serverURL))\n")
    var results: [(rows: Int, megabytes: Double, copy: (Double, Int), ours: (Double, Int), sameEnd: Double)] = []
    var floor: (indexed: Double, bulk: Double)?
    // The same end state: a clone of signatories (every column, key, constraint, index and the
    // campaign foreign key), loaded by psql \copy with the import's own final values.
    try db.executeScript(
        unsafeSQL: """
            CREATE TABLE same_end_signatories (LIKE signatories INCLUDING ALL);
            ALTER TABLE same_end_signatories ADD FOREIGN KEY (campaign_id) REFERENCES campaigns (id)
            """)
    let endColumns = try db.query(
        """
        SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS columns FROM pg_attribute
        WHERE attrelid = 'signatories'::regclass AND attnum > 0 AND NOT attisdropped AND attidentity = ''
        """)[0].decode("columns", as: String.self)
    for (rows, campaign) in [(options.smallRows, "bench-small"), (options.rows, "bench-large")] {
        let file = scratch.appendingPathComponent("signers-\(rows).csv").path
        let bytes = try writeList(rows: rows, to: file)
        try db.execute("TRUNCATE plain_signers")
        let copy = try measure(
            psql, ["-v", "ON_ERROR_STOP=1", "-c", "\\copy plain_signers FROM '\(file)' WITH (FORMAT csv, HEADER true)"], environment: connection)
        let ours = try measure(petitions, ["signatory", "import", campaign, file], environment: ["PETITIONS_ACTOR": "bench", "PETITIONS_DATABASE_URL": url])
        if rows == options.rows {
            try db.execute("TRUNCATE indexed_signers")
            let indexed = try measure(
                psql,
                [
                    "-v", "ON_ERROR_STOP=1", "-c",
                    "\\copy indexed_signers (name, affiliation, country, signed_at, status) FROM '\(file)' WITH (FORMAT csv, HEADER true)",
                ], environment: connection)
            try db.execute("TRUNCATE plain_signers")
            let bulk = try measure(
                psql,
                [
                    "-v", "ON_ERROR_STOP=1", "-c", "\\copy plain_signers FROM '\(file)' WITH (FORMAT csv, HEADER true)",
                    "-c", "ALTER TABLE plain_signers ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY",
                    "-c", "CREATE UNIQUE INDEX ON plain_signers ((md5(name || coalesce(affiliation, ''))::uuid))",
                    "-c", "CREATE INDEX ON plain_signers (lower(name) text_pattern_ops, id)",
                ], environment: connection)
            floor = (indexed.seconds, bulk.seconds)
        }
        guard ours.output.contains("imported \(NumberFormatting.grouped(rows)) of \(NumberFormatting.grouped(rows))") else {
            throw BenchError("the import did not take every row:\n\(ours.output)")
        }
        // The import's final rows, written out, then loaded into the clone.
        let final = scratch.appendingPathComponent("final-\(rows).copy").path
        _ = try measure(
            psql,
            [
                "-v", "ON_ERROR_STOP=1", "-c",
                "\\copy (SELECT \(endColumns) FROM signatories WHERE campaign_id = (SELECT id FROM campaigns WHERE slug = '\(campaign)') ORDER BY id) TO '\(final)'",
            ],
            environment: connection)
        try db.execute("TRUNCATE same_end_signatories")
        try db.execute("CHECKPOINT")
        let sameEnd = try measure(
            psql, ["-v", "ON_ERROR_STOP=1", "-c", "\\copy same_end_signatories (\(endColumns)) FROM '\(final)'"], environment: connection)
        try? FileManager.default.removeItem(atPath: final)
        results.append((rows, Double(bytes) / 1_000_000, (copy.seconds, copy.maxRSSKiB), (ours.seconds, ours.maxRSSKiB), sameEnd.seconds))
        try? FileManager.default.removeItem(atPath: file)
    }
    print("rows        file     psql \\copy (plain table)   petitions signatory import   ratio   import MB/s   same end state by psql \\copy   ratio")
    for result in results {
        print(
            String(
                format: "%-10@  %5.1f MB  %6.2f s  %7.1f MiB peak    %6.2f s  %7.1f MiB peak       %.2fx   %6.1f        %6.2f s                       %.2fx",
                NumberFormatting.grouped(result.rows) as NSString, result.megabytes, result.copy.0, Double(result.copy.1) / 1024,
                result.ours.0, Double(result.ours.1) / 1024, result.ours.0 / result.copy.0, result.megabytes / result.ours.0,
                result.sameEnd, result.ours.0 / result.sameEnd))
    }
    if results.count == 2 {
        print(
            String(
                format: "\nmemory: %.1f MiB peak at %@ rows, %.1f MiB at %@ rows (flat: the file streams through COPY)",
                Double(results[0].ours.1) / 1024, NumberFormatting.grouped(results[0].rows) as NSString,
                Double(results[1].ours.1) / 1024, NumberFormatting.grouped(results[1].rows) as NSString))
    }
    if let floor, let large = results.last {
        print(
            String(
                format: "\nfloor for an indexed list, %@ rows: psql \\copy into a table with the same three indexes %.2f s (%.2fx the plain copy);",
                NumberFormatting.grouped(large.rows) as NSString, floor.indexed, floor.indexed / large.copy.0))
        print(String(format: "plain copy, then the key column and both indexes built in bulk %.2f s (%.2fx).", floor.bulk, floor.bulk / large.copy.0))
    }
    print("the import includes what the plain copy does not: name keys (NFKC, case folding), validation of every row,")
    print("fingerprints for idempotent re-import, and COPY into the indexed signatories table, in one transaction.\n")

    // Searches on the large list, with the clone gone, once the list is vacuumed (as autovacuum
    // soon leaves a freshly loaded table: counting matches then reads the index, not the heap).
    try db.execute("DROP TABLE same_end_signatories")
    try db.executeScript(unsafeSQL: "VACUUM ANALYZE signatories")
    let prefixes = ["mü", "jose", "yamada", "山田", "пётр", "ＹＵＫＩ", "zoe", "ada a", "hiro ", "lena m"]
    var timings: [Double] = []
    for _ in 0..<5 {
        for prefix in prefixes {
            let start = Date()
            _ = try repository.signatories.list(campaign: "bench-large", search: prefix, ignoringAccents: prefix == "jose" || prefix == "zoe", limit: 20)
            timings.append(Date().timeIntervalSince(start) * 1000)
        }
    }
    timings.sort()
    print(
        String(
            format: "name search on %@ entries (%d searches, each a count and the first 20): median %.2f ms, slowest %.2f ms",
            NumberFormatting.grouped(options.rows) as NSString, timings.count, timings[timings.count / 2], timings.last!))
    // A common prefix: thousands of matches, of which the page shows 20.
    let keys = NameKeys("Ada")
    let plan = try db.query(
        """
        EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
        SELECT s.id FROM signatories s
        WHERE s.campaign_id = (SELECT id FROM campaigns WHERE slug = 'bench-large')
          AND s.loose_key LIKE \(keys.looseKey + "%") AND s.name_key LIKE \(keys.key + "%")
        ORDER BY s.loose_key USING ~<~, s.id LIMIT 20
        """
    ).map { try $0.decode(at: 0, as: String.self) }
    print("\nplan of a prefix search (\"Ada\", one name in 24 starts so):")
    for line in plan { print("  " + line) }
    if let large = results.last {
        print(
            String(
                format: "\nsignatories: rows=%d ratio_same_end_state=%.2f ratio_plain=%.2f rss_mib=%.1f", large.rows, large.ours.0 / large.sameEnd,
                large.ours.0 / large.copy.0, Double(large.ours.1) / 1024))
    }
}

do {
    try await run()
} catch {
    FileHandle.standardError.write(Data("petitions-bench: \(error)\n".utf8))
    exit(1)
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PetitionsDomain
import PetitionsStore
import Postgres
import TestSupport
import Testing

/// A number near `Int`'s limit, typed in or planted in an article, used to trap the interval
/// arithmetic: from then on every reader of the campaign crashed, and one request took
/// `petitions serve` down. Counts are now bounded where they enter, the arithmetic saturates, and
/// a figure stored before the bound is retracted by the migration that brought it.
@Suite(.ownThread) struct PlantedNumberTests {
    static let huge = Int.max

    @discardableResult
    func cli(_ url: String, _ arguments: [String], expecting status: Int32 = 0) throws -> CLIRunner.Outcome {
        let outcome = try CLIRunner.run(arguments + ["--database-url", url], environment: ["PETITIONS_ACTOR": "planted-test"])
        #expect(outcome.status == status, "petitions \(arguments.joined(separator: " ")): exit \(outcome.status)\n\(outcome.stderr)")
        return outcome
    }

    func prepare(_ url: String) throws {
        try cli(url, ["campaign", "add", "big", "--title", "An invented petition", "--kind", "petition"])
        try cli(url, ["outlet", "add", "paper", "--name", "An invented paper", "--kind", "news"])
        try cli(url, ["figure", "add", "big", "--outlet", "paper", "--value", "12,400", "--as-of", "2024-11-20T10:00Z"])
    }

    /// Rows as a database written before the bound may hold them: every qualifier's arithmetic,
    /// and the value whose rounding test multiplied past the limit.
    func plant(_ connection: PGConnection) throws {
        for (value, high, qualifier) in [
            (Self.huge, nil, "over"), (Self.huge, nil, "exact"), (Self.huge, nil, "about"), (9_000_000_000_000_000_000, nil, "exact"),
            (0, Self.huge, "range"), (Self.huge - 1, nil, "at_least"),
        ] as [(Int, Int?, String)] {
            try connection.execute(
                """
                INSERT INTO figures (campaign_id, outlet_id, metric, value, high, qualifier, as_of, method, entered_by)
                SELECT c.id, o.id, 'signatures', \(value), \(high), \(qualifier), '2024-11-21T10:00Z', 'manual', 'planted'
                FROM campaigns c, outlets o WHERE c.slug = 'big' AND o.slug = 'paper'
                """)
        }
    }

    @Test func countsAboveTheBoundAreRefusedWhereverTheyEnter() async throws {
        try await TestDatabase.with { url in
            try cli(url, ["db", "migrate"])
            try prepare(url)
            let refused = try cli(
                url, ["figure", "add", "big", "--outlet", "paper", "--value", "9223372036854775807", "--qualifier", "over", "--as-of", "2024-11-20"],
                expecting: 2)
            #expect(refused.stderr.contains("above 1,000,000,000, the largest count accepted"), "\(refused.stderr)")
            try cli(url, ["figure", "add", "big", "--outlet", "paper", "--value", "1,000,000,001", "--as-of", "2024-11-20"], expecting: 2)
            try cli(
                url, ["figure", "add", "big", "--outlet", "paper", "--value", "100", "--qualifier", "range", "--high", "5000000000", "--as-of", "2024-11-20"],
                expecting: 2)
            try cli(url, ["campaign", "edit", "big", "--goal", "5000000000"], expecting: 2)
            try cli(url, ["alert", "add", "big", "--on", "threshold", "--threshold", "99999999999", "--webhook", "https://example.org/hook"], expecting: 2)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("planted-\(UUID().uuidString).csv").path
            try "campaign,outlet,value,as_of\nbig,paper,100,2024-11-20\nbig,paper,92233720368547758070,2024-11-20\n".write(
                toFile: file, atomically: true, encoding: .utf8)
            let imported = try cli(url, ["import", "figures", file], expecting: 2)
            #expect(imported.stderr.contains("line 3") && imported.stderr.contains("is above 1,000,000,000"), "\(imported.stderr)")
            // An article that plants the number: nothing is extracted, nothing recorded.
            let article = FileManager.default.temporaryDirectory.appendingPathComponent("planted-\(UUID().uuidString).txt").path
            try "More than 9,223,372,036,854,775,807 people signed the invented petition. Over 999,999,999,999,999,999,999,999 signatures were counted."
                .write(toFile: article, atomically: true, encoding: .utf8)
            let extracted = try cli(url, ["extract", article, "--lang", "en", "--format", "jsonl"])
            #expect(extracted.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(extracted.stdout)")
            // The table refuses what the domain refuses, whoever writes.
            let connection = try PGConnection(url)
            defer { connection.close() }
            #expect(throws: PGError.self) { try plant(connection) }
            let listed = try cli(url, ["figure", "list", "big", "--history", "--format", "json"])
            #expect((try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [Any])?.count == 1)
        }
    }

    /// Whatever number a row holds, no reader traps and no request takes the service down.
    @Test func aStoredHugeNumberTrapsNoReaderAndNoRequest() async throws {
        try await TestDatabase.with { url in
            try cli(url, ["db", "migrate"])
            try prepare(url)
            let connection = try PGConnection(url)
            defer { connection.close() }
            try connection.execute("ALTER TABLE figures DROP CONSTRAINT figures_value_bound")
            try plant(connection)
            for arguments in [
                ["compare", "big"], ["compare", "big", "--format", "json"], ["trend", "big"], ["trend", "big", "--format", "json"],
                ["report", "big", "--format", "markdown"], ["figure", "list", "big", "--history"], ["campaign", "list"],
            ] {
                try cli(url, arguments)
            }
            let report = FileManager.default.temporaryDirectory.appendingPathComponent("planted-\(UUID().uuidString).html").path
            try cli(url, ["report", "big", "--output", report])

            let (serve, listening) = try await BackgroundProcess.serve(["--cache", "0s", "--database-url", url])
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            let ids = try connection.query("SELECT id FROM figures ORDER BY id").map { try $0.decode("id") as Int }
            var paths = ["/", "/c/big", "/api/v1/campaigns/big/compare", "/api/v1/campaigns/big/trend", "/api/v1/campaigns/big/figures?history=true"]
            paths += ids.flatMap { ["/c/big/figures/\($0)", "/api/v1/campaigns/big/figures/\($0)"] }
            for path in paths {
                let response = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(listening)\(path)"), timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 32 << 20)
                #expect(response.status.code == 200, "\(path): \(response.status)")
            }
            try await client.shutdown()
            #expect(await serve.wait(timeout: 0.2) == nil, "petitions serve exited: \(serve.output().stderr)")
            serve.signal(SIGTERM)
            #expect(await serve.wait(timeout: 20) == 0, "\(serve.output().stderr)")
        }
    }

    /// A database that already holds such numbers: the migration that brings the bound retracts
    /// them (they stay in the history, with the reason), and compare reads only the sane figure.
    @Test func theBoundsMigrationRetractsWhatIsAlreadyStored() async throws {
        try await TestDatabase.with { url in
            let connection = try PGConnection(url)
            defer { connection.close() }
            _ = try Migrator(migrations: Migration.bundled.filter { $0.version < 12 }).migrate(on: connection)
            try connection.execute("INSERT INTO campaigns (slug, title, kind) VALUES ('big', 'An invented petition', 'petition')")
            try connection.execute("INSERT INTO outlets (slug, name, kind) VALUES ('paper', 'An invented paper', 'news')")
            try plant(connection)
            _ = try Migrator().migrate(on: connection)
            let retracted =
                try connection.query(
                    "SELECT count(*)::bigint AS n FROM figure_retractions WHERE retracted_by = 'petitions (migration 0012)' AND reason LIKE '%above 1,000,000,000%'"
                ).first?.decode("n") as Int?
            #expect(retracted == 6)
            try cli(url, ["figure", "add", "big", "--outlet", "paper", "--value", "12,400", "--as-of", "2024-11-20T10:00Z"])
            let compared = try cli(url, ["compare", "big", "--format", "json"])
            #expect(compared.stdout.contains("12400") && !compared.stdout.contains("9223372036854775807"), "\(compared.stdout)")
        }
    }
}

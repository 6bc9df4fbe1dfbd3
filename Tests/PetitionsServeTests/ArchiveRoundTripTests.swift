import Foundation
import PetitionsDomain
import PetitionsSources
import PetitionsStore
import Postgres
import TestSupport
import Testing

/// `export archive` then `import archive` into an empty database: everything a reader or an
/// admin can see reads byte for byte the same on both sides.
@Suite(.ownThread) struct ArchiveRoundTripTests {
    @discardableResult
    static func cli(_ url: String, _ arguments: [String], stdin: String = "", expecting status: Int32 = 0) throws -> CLIRunner.Outcome {
        let outcome = try CLIRunner.run(arguments + ["--database-url", url], environment: ["PETITIONS_ACTOR": "archive-test"], stdin: stdin)
        #expect(outcome.status == status, "petitions \(arguments.joined(separator: " ")): \(outcome.stderr)")
        return outcome
    }

    static func json(_ outcome: CLIRunner.Outcome) -> Any? { try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) }

    /// The demo, and a campaign with a bit of everything: every qualifier and a range, a
    /// retraction, corrections of the metric and of the time, extracted figures accepted, rejected
    /// and pending, a platform source polled three times (the count falling once), an alert and
    /// signatories.
    static func buildRichDatabase(_ url: String) throws {
        let connection = try PGConnection(url)
        defer { connection.close() }
        _ = try Migrator().migrate(on: connection)
        let repository = Repository(connection)
        _ = try DemoSample.load(into: repository)
        _ = try DemoSignatories.load(into: repository)
        _ = try DemoPetition.load(into: repository)

        try cli(
            url,
            [
                "campaign", "add", "harbour-baths", "--title", "Reopen the harbour baths (invented)", "--kind", "petition", "--launched", "2026-05-01",
                "--goal", "50000",
            ])
        try cli(url, ["outlet", "add", "coast-gazette", "--name", "The Coast Gazette (invented)", "--kind", "news", "--language", "en"])
        try cli(url, ["outlet", "add", "baths-platform", "--name", "Baths petition site (invented)", "--kind", "platform"])
        let qualifiers: [(String, [String])] = [
            ("exact", ["--value", "1200"]), ("about", ["--value", "2000"]), ("over", ["--value", "2500"]), ("at_least", ["--value", "2600"]),
            ("almost", ["--value", "3000"]), ("under", ["--value", "3500"]), ("up_to", ["--value", "3600"]),
            ("range", ["--value", "3700", "--high", "3900"]),
        ]
        for (day, (qualifier, values)) in qualifiers.enumerated() {
            try cli(
                url,
                [
                    "figure", "add", "harbour-baths", "--outlet", "coast-gazette", "--qualifier", qualifier, "--as-of", "2026-05-\(10 + day)T09:00Z",
                    "--published", "2026-05-\(10 + day)T12:00Z", "--url", "https://gazette.example/baths/\(day)", "--quote", "Invented sentence \(day).",
                ]
                    + values)
        }
        let ids = try figureIDs(url)
        try cli(url, ["figure", "retract", String(ids[1]), "--reason", "the outlet counted another petition"])
        try cli(url, ["figure", "correct", String(ids[2]), "--metric", "verified_signatures", "--note", "verified, says the organiser"])
        try cli(url, ["figure", "correct", String(ids[3]), "--as-of", "2026-05-12T18:00Z"])
        let article =
            "The petition to reopen the harbour baths has about 4,100 signatures. Its organisers say 900 of them are verified. Nearly 5,000 people visited the beach."
        try cli(
            url,
            [
                "extract", "--record", "--campaign", "harbour-baths", "--outlet", "coast-gazette", "--url", "https://gazette.example/baths/extracted",
                "--published", "2026-05-20T08:00Z", "--lang", "en",
            ], stdin: article)
        let pending = (json(try cli(url, ["figure", "review", "harbour-baths", "--format", "json"])) as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
        #expect(pending.count >= 2)
        if pending.count >= 2 {
            try cli(url, ["figure", "review", "--accept", String(pending[0])])
            try cli(url, ["figure", "review", "--reject", String(pending[1]), "--reason", "another count"])
        }
        try cli(url, ["alert", "add", "harbour-baths", "--on", "threshold", "--threshold", "5000", "--command", "/bin/true"])

        // A platform source, polled three times the way the worker records polls.
        let start = TimeFormatting.parse("2026-05-15T00:00:00Z")!
        let source = try repository.sources.add(
            SourceSpec(campaign: "harbour-baths", kind: .json, url: "https://baths.example/petition.json", every: 3600, pointer: "/count", maxAttempts: 5),
            outlet: "baths-platform", actor: "archive-test", now: start, allowSecond: true
        ).source
        for (hour, count) in [(1, 4000), (30, 4400), (60, 4350)] {
            let now = start.addingTimeInterval(Double(hour) * 3600)
            try repository.jobs.scheduleDue(now: now)
            let job = try #require(try repository.jobs.claim(worker: "archive-worker", now: now, lease: 60, limit: 10).first { $0.source.id == source.id })
            _ = try repository.jobs.completePoll(job, reading: PollReading(count: count), at: now, worker: "archive-worker", validators: (nil, nil))
        }
        let signatories = "name,affiliation\nAda Invented,Harbour Swimmers\nBo Madeup,\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("baths-\(UUID().uuidString).csv").path
        try signatories.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        try cli(url, ["signatory", "import", "harbour-baths", file])
    }

    static func figureIDs(_ url: String) throws -> [Int] {
        (json(try cli(url, ["figure", "list", "harbour-baths", "--history", "--format", "json"])) as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            .sorted()
    }

    static let campaigns = ["harbour-baths", "keep-the-island-ferry", "statement-on-ai-training", "dear-corporate-ai-overlords"]

    /// What the CLI shows of every campaign, command by command.
    static func views(_ url: String) throws -> [String: String] {
        var views: [String: String] = [:]
        for slug in campaigns {
            for command in [
                ["compare", slug], ["compare", slug, "--format", "json"], ["trend", slug], ["trend", slug, "--format", "json"],
                ["figure", "list", slug, "--history"], ["figure", "list", slug, "--history", "--format", "json"],
                ["report", slug, "--format", "markdown", "--output", "-"], ["signatory", "list", slug, "--format", "json"],
                ["source", "list", "--campaign", slug, "--format", "json"], ["alert", "list", slug, "--format", "json"],
            ] {
                views[command.joined(separator: " ")] = ageless(try cli(url, command).stdout)
            }
        }
        views["audit"] = try cli(url, ["audit", "--format", "json"]).stdout
        return views
    }

    /// A figure's age and a comparison's or report's generation time are counted from the moment of asking, so
    /// two askings seconds apart differ there and nowhere else.
    static func ageless(_ text: String) -> String {
        text.replacingOccurrences(of: #""age_seconds" ?: ?[0-9]+"#, with: "\"age_seconds\":-", options: .regularExpression)
            .replacingOccurrences(of: #""generated_at" ?: ?"[^"]*""#, with: "\"generated_at\":-", options: .regularExpression)
            .replacingOccurrences(of: #"_Generated [0-9-]+ [0-9:]+ UTC"#, with: "_Generated -", options: .regularExpression)
    }

    static func counts(_ url: String) throws -> [String: Int] {
        let connection = try PGConnection(url)
        defer { connection.close() }
        var counts: [String: Int] = [:]
        for table in ["campaigns", "outlets", "figures", "figure_retractions", "figure_reviews", "sources", "observations", "alerts", "signatories"] {
            counts[table] = try connection.query("SELECT count(*) AS n FROM \(unsafeRaw: table)")[0].decode("n")
        }
        return counts
    }

    @Test func aRichDatabaseReadsTheSameAfterARoundTrip() async throws {
        try await TestDatabase.with { original in
            try Self.buildRichDatabase(original)
            let stored = try Self.counts(original)
            #expect(stored["figure_retractions"] == 1 && stored["figure_reviews"] == 2 && stored["alerts"] == 1)
            #expect((stored["observations"] ?? 0) >= 3 && (stored["signatories"] ?? 0) > 2)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("archive-\(UUID().uuidString).jsonl").path
            defer { try? FileManager.default.removeItem(atPath: file) }
            let exported = try Self.cli(original, ["export", "archive", "--signatories", "--output", file])
            #expect(exported.stderr.contains("with signatories"))

            try await TestDatabase.with { copy in
                try Self.cli(copy, ["db", "migrate"])
                let restored = try Self.cli(copy, ["import", "archive", file])
                #expect(restored.stdout.contains("0 already stored"))
                // The import's own audit entry is the only difference in the audit trail.
                var before = try Self.views(original)
                var after = try Self.views(copy)
                let audit = try #require(try JSONSerialization.jsonObject(with: Data(after["audit"]!.utf8)) as? [[String: Any]])
                #expect(audit.last?["action"] as? String == "archive.import")
                let auditBefore = try #require(try JSONSerialization.jsonObject(with: Data(before["audit"]!.utf8)) as? [[String: Any]])
                let sorted: ([[String: Any]]) throws -> Data = { try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]) }
                #expect(try sorted(auditBefore) == sorted(Array(audit.dropLast())), "the audit trail differs after the round trip")
                before["audit"] = nil
                after["audit"] = nil
                for (command, text) in before.sorted(by: { $0.key < $1.key }) {
                    #expect(after[command] == text, "petitions \(command) differs after the round trip")
                    if after[command] != text, let dump = ProcessInfo.processInfo.environment["ARCHIVE_DUMP"] {
                        try? text.write(toFile: dump + "/a-" + command.replacingOccurrences(of: " ", with: "_"), atomically: true, encoding: .utf8)
                        try? after[command]?.write(toFile: dump + "/b-" + command.replacingOccurrences(of: " ", with: "_"), atomically: true, encoding: .utf8)
                    }
                }
                #expect(before["figure list harbour-baths --history"]?.contains("retracted") == true)
                #expect(before["report harbour-baths --format markdown --output -"]?.contains("Reopen the harbour baths") == true)

                // The API answers the same on both sides.
                var answers: [String: String] = [:]
                let paths =
                    Self.campaigns.flatMap { slug in
                        ["", "/figures?history=true", "/figures", "/compare", "/trend", "/sources"].map { "/api/v1/campaigns/\(slug)\($0)" }
                    } + ["/api/v1/campaigns"]
                try await ServeTests.running(url: original) { running in
                    for path in paths { answers[path] = Self.ageless(try await running.get(path).body) }
                }
                try await ServeTests.running(url: copy) { running in
                    for path in paths {
                        let answer = try await running.get(path)
                        #expect(answer.status == 200, "\(path)")
                        #expect(Self.ageless(answer.body) == answers[path], "GET \(path) differs after the round trip")
                    }
                }

                // Importing the same archive again adds nothing.
                let again = try Self.cli(copy, ["import", "archive", file])
                #expect(again.stdout.contains("restored 0 rows"))
                #expect(try Self.counts(copy) == Self.counts(original))
            }
        }
    }

    @Test func aCampaignArchiveCarriesItsOwnRowsAndNoPersonalDataUnlessAsked() async throws {
        try await TestDatabase.with { original in
            try Self.buildRichDatabase(original)
            let archive = try Self.cli(original, ["export", "archive", "--campaign", "harbour-baths"]).stdout
            #expect(!archive.contains("Ada Invented"))
            #expect(!archive.contains("\"table\": \"signatories\""))
            #expect(!archive.contains("keep-the-island-ferry"))
            try await TestDatabase.with { copy in
                try Self.cli(copy, ["db", "migrate"])
                try Self.cli(copy, ["import", "archive", "-"], stdin: archive)
                for command in [
                    ["compare", "harbour-baths", "--format", "json"], ["figure", "list", "harbour-baths", "--history"], ["trend", "harbour-baths"],
                ] {
                    #expect(try Self.cli(copy, command).stdout == Self.cli(original, command).stdout, "petitions \(command.joined(separator: " "))")
                }
                #expect(try Self.cli(copy, ["campaign", "list", "--format", "json"]).stdout.contains("keep-the-island-ferry") == false)
            }
        }
    }

    @Test func aCutOrClashingArchiveIsRefusedWhole() async throws {
        try await TestDatabase.with { original in
            try Self.buildRichDatabase(original)
            let archive = try Self.cli(original, ["export", "archive"]).stdout
            let lines = archive.split(separator: "\n", omittingEmptySubsequences: false)
            try await TestDatabase.with { copy in
                try Self.cli(copy, ["db", "migrate"])
                let empty = try Self.counts(copy)
                // Cut short: no last line.
                let cut = lines.prefix(lines.count / 2).joined(separator: "\n")
                let refused = try Self.cli(copy, ["import", "archive", "-"], stdin: cut, expecting: 2)
                #expect(refused.stderr.contains("cut short"))
                #expect(refused.stderr.contains("nothing was imported"))
                #expect(try Self.counts(copy) == empty)

                // A campaign already stored under the same id with another title: the row is named.
                try Self.cli(copy, ["import", "archive", "-"], stdin: archive)
                let edited = archive.replacingOccurrences(of: "Reopen the harbour baths (invented)", with: "Reopen the baths")
                let clash = try Self.cli(copy, ["import", "archive", "-"], stdin: edited, expecting: 2)
                #expect(clash.stderr.contains("campaigns id"))
                #expect(clash.stderr.contains("another title"))

                // Written at a schema newer than this database: migrate first.
                let newer = archive.replacingOccurrences(of: "\"schema\":12", with: "\"schema\":999")
                let future = try Self.cli(copy, ["import", "archive", "-"], stdin: newer, expecting: 2)
                #expect(future.stderr.contains("db migrate"))
            }
        }
    }
}

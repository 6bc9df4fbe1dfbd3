import Foundation
import PetitionsDomain
import TestSupport
import Testing

/// Runs `petitions` against `url`, failing the test on a non-zero exit unless `expecting` says otherwise.
@discardableResult
private func cli(_ url: String, _ arguments: [String], stdin: String = "", expecting status: Int32 = 0) throws -> CLIRunner.Outcome {
    let outcome = try CLIRunner.run(arguments + ["--database-url", url], environment: ["PETITIONS_ACTOR": "cli-test"], stdin: stdin)
    #expect(outcome.status == status, "petitions \(arguments.joined(separator: " ")): \(outcome.stderr)")
    return outcome
}

private func prepared(_ url: String) throws {
    try cli(url, ["db", "migrate"])
    try cli(url, ["campaign", "add", "statement", "--title", "Statement on AI training", "--kind", "statement", "--launched", "2024-10-22"])
    try cli(url, ["outlet", "add", "paper", "--name", "A paper", "--kind", "news", "--language", "en"])
}

private func figureCount(_ url: String) throws -> Int {
    let listing = try cli(url, ["figure", "list", "statement", "--history", "--format", "json"])
    return (try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [Any])?.count ?? -1
}

@Suite(.ownThread) struct FigureCommandTests {
    @Test func aBadLineInAThousandLineImportChangesNothingAndIsNamed() async throws {
        try await TestDatabase.with { url in
            try prepared(url)
            var csv = "campaign,outlet,metric,value,qualifier,as_of\n"
            for index in 0..<1000 {
                let value = index == 499 ? "12.5" : String(10_000 + index)
                csv += "statement,paper,signatures,\(value),exact,2024-10-22T12:00Z\n"
            }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).csv").path
            try csv.write(toFile: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: file) }
            let failed = try cli(url, ["import", "figures", file], expecting: 2)
            #expect(failed.stderr.contains("nothing was imported"))
            #expect(failed.stderr.contains("line 501: value: \"12.5\" is ambiguous"))
            #expect(try figureCount(url) == 0)
            // Fixed, it imports whole; a second run adds nothing.
            try csv.replacingOccurrences(of: ",12.5,", with: ",10499,").write(toFile: file, atomically: true, encoding: .utf8)
            let imported = try cli(url, ["import", "figures", file])
            #expect(imported.stdout.contains("imported 1000 figures"))
            let again = try cli(url, ["import", "figures", file])
            #expect(again.stdout.contains("imported 0 figures"))
            #expect(again.stdout.contains("1000 already stored"))
            #expect(try figureCount(url) == 1000)
        }
    }

    @Test func twoConcurrentAddsBothLand() async throws {
        try await TestDatabase.with { url in
            try prepared(url)
            let outcomes = try await withThrowingTaskGroup(of: CLIRunner.Outcome.self) { group in
                for value in [11_500, 13_000] {
                    group.addTask {
                        try CLIRunner.run([
                            "figure", "add", "statement", "--outlet", "paper", "--value", String(value), "--qualifier", "over",
                            "--as-of", "2024-10-23", "--database-url", url,
                        ])
                    }
                }
                var all: [CLIRunner.Outcome] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            for outcome in outcomes { #expect(outcome.status == 0, "\(outcome.stderr)") }
            #expect(try figureCount(url) == 2)
        }
    }

    @Test func exportImportRoundTrips() async throws {
        try await TestDatabase.with { source in
            try prepared(source)
            try cli(
                source,
                [
                    "figure", "add", "statement", "--outlet", "paper", "--value", "5000", "--high", "6000", "--qualifier", "range",
                    "--as-of", "2024-10-22T10:00Z", "--published", "2024-10-22T11:30Z", "--url", "https://example.org/a?b=1,2",
                    "--quote", "between \"5,000\" and 6,000\nsigned", "--language", "en", "--note", "résumé, 日本",
                ])
            try cli(source, ["figure", "add", "statement", "--outlet", "paper", "--value", "13500", "--qualifier", "at_least", "--as-of", "2024-10-23"])
            for format in ["csv", "jsonl", "json"] {
                let exported = try cli(source, ["export", "figures", "statement", "--format", format]).stdout
                try await TestDatabase.with { target in
                    try prepared(target)
                    try cli(target, ["import", "figures", "-", "--format", format], stdin: exported)
                    let reexported = try cli(target, ["export", "figures", "statement", "--format", format]).stdout
                    #expect(stripAssigned(reexported, format: format) == stripAssigned(exported, format: format))
                }
            }
        }
    }

    /// An export with its history does not resurrect what was withdrawn: a retracted figure is
    /// refused by import (the file carries no retraction), and nothing is written.
    @Test func importRefusesWithdrawnFigures() async throws {
        try await TestDatabase.with { source in
            try prepared(source)
            try cli(source, ["figure", "add", "statement", "--outlet", "paper", "--value", "90000", "--as-of", "2024-10-22"])
            try cli(source, ["figure", "add", "statement", "--outlet", "paper", "--value", "12000", "--as-of", "2024-10-23"])
            try cli(source, ["figure", "retract", "1", "--reason", "the outlet took it down"])
            let history = try cli(source, ["export", "figures", "statement", "--history"]).stdout
            try await TestDatabase.with { target in
                try prepared(target)
                let refused = try cli(target, ["import", "figures", "-"], stdin: history, expecting: 2)
                #expect(refused.stderr.contains("status: \"retracted\"") && refused.stderr.contains("export without --history"), "\(refused.stderr)")
                #expect(
                    try cli(target, ["figure", "list", "statement", "--history", "--format", "json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                        == "[]")
                // The current figures alone import.
                try cli(target, ["import", "figures", "-"], stdin: try cli(source, ["export", "figures", "statement"]).stdout)
            }
        }
    }

    @Test func badFigureOptionsExitTwoAndSuggest() async throws {
        try await TestDatabase.with { url in
            try prepared(url)
            let unknown = try cli(url, ["figure", "add", "statment", "--outlet", "papr", "--value", "10"], expecting: 2)
            #expect(unknown.stderr.contains("unknown campaign \"statment\" (did you mean \"statement\"?"))
            #expect(unknown.stderr.contains("unknown outlet \"papr\" (did you mean \"paper\"?"))
            let range = try cli(
                url, ["figure", "add", "statement", "--outlet", "paper", "--value", "6000", "--high", "5000", "--qualifier", "range"], expecting: 2)
            #expect(range.stderr.contains("the high end 5000 is below the value 6000"))
            let word = try cli(url, ["figure", "add", "statement", "--outlet", "paper", "--value", "10", "--metric", "likes"], expecting: 2)
            #expect(word.stderr.contains("allowed: signatures, verified_signatures, authors, goal"))
            #expect(try figureCount(url) == 0)
        }
    }

    @Test func demoShowsTheDiscrepanciesAndLoadsOnce() async throws {
        try await TestDatabase.with { url in
            let first = try cli(url, ["demo"])
            #expect(first.stdout.contains("13 new figures"))
            #expect(first.stdout.contains("Dear Corporate AI Overlords"))
            #expect(first.stdout.contains("about 600 signatures (3 sources)"))
            #expect(first.stdout.contains("16 authors"))
            #expect(first.stdout.contains("10,000 to 19,000 signatures (8 sources disagree; 2 flagged figures left out of the range)"))
            #expect(first.stdout.contains("since_overtaken") && !first.stdout.contains("since_overtaken, outlier"))  // right when published, not an outlier
            #expect(first.stdout.contains("outdated_when_published"))  // "over 13,500" repeated a month later
            #expect(first.stdout.contains("why flagged:"))
            let second = try cli(url, ["demo"])
            #expect(second.stdout.contains("0 new figures, 13 already there"))
        }
    }

    @Test func theDemoPetitionIsJudgedAgainstItsPlatform() async throws {
        try await TestDatabase.with { url in
            let demo = try cli(url, ["demo", "--no-report"])
            #expect(demo.stdout.contains("Invented petition with its platform's hourly polls: 102 new figures"))
            #expect(
                demo.stdout.contains(
                    "the platform shows 38,400 signatures; outlets report 13,900 to 22,000 signatures (6 outlets disagree; 3 flagged figures left out of the range)"
                ))
            let output = try cli(url, ["compare", "keep-the-island-ferry", "--format", "json"]).stdout
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            let signatures = try #require((json["metrics"] as? [[String: Any]])?.first { $0["metric"] as? String == "signatures" })
            let figures = try #require(signatures["figures"] as? [[String: Any]])
            // The platform's count is the reference: never judged, never flagged, not in the consensus.
            let platform = try #require(figures.first { $0["outlet"] as? String == "demo-petition-site" })
            #expect(platform["reference"] as? Bool == true)
            #expect(platform["verdict"] is NSNull)
            #expect((platform["flags"] as? [String])?.isEmpty == true)
            #expect((signatures["platform"] as? [String: Any])?["value"] as? Int == 38_400)
            #expect((signatures["consensus"] as? [String: Any])?["sources"] as? Int == 6)
            func verdict(_ outlet: String) -> [String: Any]? { figures.first { $0["outlet"] as? String == outlet }?["verdict"] as? [String: Any] }
            #expect(verdict("demo-wire")?["kind"] as? String == "consistent")
            #expect(verdict("demo-local-paper")?["kind"] as? String == "rounded")
            #expect(verdict("demo-local-paper")?["behind_at_publication"] as? Int == 2_100)
            #expect(verdict("demo-radio")?["kind"] as? String == "rounded")
            #expect(verdict("demo-blog")?["kind"] as? String == "behind")
            #expect(verdict("demo-blog")?["late_seconds"] as? Int == 47 * 3600)
            #expect(verdict("demo-weekly")?["kind"] as? String == "ahead")
            #expect(verdict("demo-tabloid")?["kind"] as? String == "contradicts")
            // The trend reads every poll: a rate, a drawn line, and the fall at hour 30.
            let trend = try cli(url, ["trend", "keep-the-island-ferry", "--format", "json"]).stdout
            let growth = try #require((try JSONSerialization.jsonObject(with: Data(trend.utf8)) as? [String: Any])?["growth"] as? [String: Any])
            #expect(growth["rate_per_day"] is Double || growth["rate_per_day"] is Int)
            #expect((growth["falls"] as? [[String: Any]])?.first?["to"] as? Int == 27_464)
        }
    }

    @Test func compareJSONHasTheDocumentedShape() async throws {
        try await TestDatabase.with { url in
            try cli(url, ["demo", "--format", "json"])
            let output = try cli(url, ["compare", "statement-on-ai-training", "--format", "json"]).stdout
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            #expect(json["campaign"] as? String == "statement-on-ai-training")
            let metrics = try #require(json["metrics"] as? [[String: Any]])
            let signatures = try #require(metrics.first { $0["metric"] as? String == "signatures" })
            let consensus = try #require(signatures["consensus"] as? [String: Any])
            #expect(consensus["low"] as? Int == 19_001)
            #expect(consensus["high"] is NSNull)
            #expect(consensus["point"] is NSNull)  // open above: no outlet said 19,001
            // One outlet said more than 19,000; five more allow it without saying it.
            #expect(consensus["words"] as? String == "more than 19,000 (1 of 8 sources says so; 5 more allow it)")
            #expect(consensus["supporting"] as? [Int] != nil && (consensus["consistent"] as? [Int])?.count == 5)
            let spread = try #require(signatures["spread"] as? [String: Any])
            #expect(spread["low"] as? Int == 10_000)
            #expect(spread["high"] as? Int == 19_000)
            #expect(spread["ratio"] as? Double == 1.9)
            let figures = try #require(signatures["figures"] as? [[String: Any]])
            #expect(figures.count == 8)
            for key in ["id", "outlet", "value", "high", "qualifier", "as_of", "published", "flags"] {
                #expect(figures.allSatisfy { $0[key] != nil }, "missing \(key)")
            }
            let earliest = try #require(figures.first { $0["value"] as? Int == 10_000 })
            #expect(earliest["flags"] as? [String] == ["since_overtaken"])  // right when published, overtaken since: never an outlier too
            let csv = try cli(url, ["compare", "statement-on-ai-training", "--format", "csv"]).stdout
            #expect(csv.split(separator: "\n").count == 9)
            let markdown = try cli(url, ["compare", "dear-corporate-ai-overlords", "--metric", "authors", "--format", "markdown"]).stdout
            #expect(markdown.contains("| 1 | french-tech-news | 16 |"))
            #expect(!markdown.contains("Signatures"))
        }
    }
}

/// Drops the columns the store assigns (id, recorded, entered_by), which differ between databases.
private func stripAssigned(_ text: String, format: String) -> [String] {
    if format == "csv" {
        let records = (try? CSV.parse(text)) ?? []
        let assigned = Set(["id", "recorded", "entered_by"].compactMap { FigureRecord.columns.firstIndex(of: $0) })
        return records.map { CSV.line($0.fields.enumerated().filter { !assigned.contains($0.offset) }.map(\.element)) }
    }
    let objects: [Any] =
        format == "json"
        ? ((try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any]) ?? [])
        : text.split(separator: "\n").map { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) ?? [:] }
    return objects.map { element in
        var object = (element as? [String: Any]) ?? [:]
        for key in ["id", "recorded", "entered_by"] { object.removeValue(forKey: key) }
        return String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
    }
}

import Foundation
import TestSupport
import Testing

@discardableResult
private func cli(_ url: String, _ arguments: [String], expecting status: Int32 = 0) throws -> CLIRunner.Outcome {
    let outcome = try CLIRunner.run(arguments + ["--database-url", url], environment: ["PETITIONS_ACTOR": "cli-test"])
    #expect(outcome.status == status, "petitions \(arguments.joined(separator: " ")): \(outcome.stderr)")
    return outcome
}

private func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

@Suite(.ownThread) struct SourceCommandTests {
    @Test func aSecondPetitionOnOneCampaignIsRefusedUnlessAllowed() async throws {
        try await TestDatabase.with { url in
            try cli(url, ["db", "migrate"])
            try cli(url, ["campaign", "add", "air", "--title", "Invented Air Petition", "--kind", "petition"])
            try cli(url, ["source", "add", "air", "--kind", "uk-parliament", "--url", "https://petition.parliament.uk/petitions/700001.json"])
            // Another petition id: its counts would merge into the same platform series.
            let refused = try cli(
                url, ["source", "add", "air", "--kind", "uk-parliament", "--url", "https://petition.parliament.uk/petitions/700002.json"], expecting: 1)
            #expect(
                refused.stderr.contains("would merge two counts into one series") && refused.stderr.contains("--allow-second-petition"), "\(refused.stderr)")
            #expect((try json(try cli(url, ["source", "list", "--format", "json"]).stdout) as? [Any])?.count == 1)
            try cli(
                url,
                ["source", "add", "air", "--kind", "uk-parliament", "--url", "https://petition.parliament.uk/petitions/700002.json", "--allow-second-petition"])
            // An address names no outlet: the admin names one.
            let unnamed = try cli(url, ["source", "add", "air", "--kind", "html", "--url", "http://10.1.2.3/p", "--pattern", "([0-9]+)"], expecting: 2)
            #expect(unnamed.stderr.contains("is an address, which names no outlet: pass --outlet"), "\(unnamed.stderr)")
            // A feed is not a count: any number of them.
            try cli(url, ["source", "add", "air", "--kind", "feed", "--url", "https://news.example/rss.xml", "--outlet", "uk-parliament-petitions"])
            #expect((try json(try cli(url, ["source", "list", "--format", "json"]).stdout) as? [Any])?.count == 3)
        }
    }

    @Test func sourcesAreAddedListedPausedAndRemoved() async throws {
        try await TestDatabase.with { url in
            try cli(url, ["db", "migrate"])
            try cli(url, ["campaign", "add", "air", "--title", "Invented Air Petition", "--kind", "petition"])
            let added = try cli(
                url, ["source", "add", "air", "--kind", "uk-parliament", "--url", "https://petition.parliament.uk/petitions/700001.json", "--every", "5m"])
            #expect(added.stdout.contains("created outlet uk-parliament-petitions"))
            #expect(added.stdout.contains("added source 1"))
            // The same source again is refused and says where the first one is.
            let again = try cli(
                url, ["source", "add", "air", "--kind", "uk-parliament", "--url", "https://petition.parliament.uk/petitions/700001.json"], expecting: 1)
            #expect(again.stderr.contains("petitions source show 1"))
            // Bad input: every problem at once, nothing written.
            let bad = try cli(url, ["source", "add", "air", "--kind", "json", "--url", "ftp://x.example/p", "--every", "0s"], expecting: 2)
            #expect(bad.stderr.contains("only http and https") && bad.stderr.contains("--pointer is required") && bad.stderr.contains("at least 1s"))
            let unknownKind = try cli(url, ["source", "add", "air", "--kind", "rss", "--url", "https://x.example/feed"], expecting: 2)
            #expect(unknownKind.stderr.contains("uk-parliament, json, html, feed"))
            let unknownCampaign = try cli(url, ["source", "add", "aer", "--kind", "feed", "--url", "https://x.example/feed"], expecting: 2)
            #expect(unknownCampaign.stderr.contains("air"))
            try cli(
                url, ["source", "add", "air", "--kind", "html", "--url", "https://www.example.org/p/1", "--pattern", "([0-9,]+) signatures", "--every", "1h"])

            let listed = try json(try cli(url, ["source", "list", "--format", "json"]).stdout) as? [[String: Any]] ?? []
            #expect(listed.map { $0["kind"] as? String } == ["uk-parliament", "html"])
            #expect(listed.last?["outlet"] as? String == "example-org")
            #expect(listed.first?["every_seconds"] as? Double == 300)

            try cli(url, ["source", "poll", "1"])
            #expect(try cli(url, ["jobs", "list"]).stdout.contains("1 queued"))
            try cli(url, ["source", "pause", "1"])
            let paused = try json(try cli(url, ["source", "show", "1", "--format", "json"]).stdout) as? [String: Any]
            #expect(paused?["status"] as? String == "paused")
            let jobs = try json(try cli(url, ["jobs", "list", "--format", "json"]).stdout) as? [[String: Any]] ?? []
            #expect(jobs.first?["state"] as? String == "cancelled")
            try cli(url, ["source", "resume", "1"])
            try cli(url, ["jobs", "retry", "1"])
            let shown = try cli(url, ["jobs", "show", "1"]).stdout
            #expect(shown.contains("queued"))
            try cli(url, ["jobs", "cancel", "1", "--reason", "testing"])
            let refused = try cli(url, ["jobs", "cancel", "1"], expecting: 1)
            #expect(refused.stderr.contains("already cancelled"))
            let htmlID = try #require(listed.last?["id"] as? Int)
            try cli(url, ["source", "remove", String(htmlID), "--reason", "closed"])
            #expect(try cli(url, ["source", "list"]).stdout.contains("example.org") == false)
            #expect(try cli(url, ["source", "list", "--include-removed"]).stdout.contains("removed"))
            let help = try CLIRunner.run(["--help"], product: "petitions-worker")
            #expect(help.status == 0 && help.stdout.contains("--once") && help.stdout.contains("SKIP LOCKED"))
        }
    }
}

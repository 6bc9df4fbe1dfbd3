import Foundation
import PetitionsDomain
import TestSupport
import Testing

@discardableResult
private func cli(_ url: String, _ arguments: [String], stdin: String = "", expecting status: Int32 = 0) throws -> CLIRunner.Outcome {
    let outcome = try CLIRunner.run(arguments + ["--database-url", url], environment: ["PETITIONS_ACTOR": "cli-test"], stdin: stdin)
    #expect(outcome.status == status, "petitions \(arguments.joined(separator: " ")): \(outcome.stderr)")
    return outcome
}

private func compared(_ url: String, _ extra: [String] = []) throws -> [Int] {
    let object = try JSONSerialization.jsonObject(with: Data(try cli(url, ["compare", "statement", "--format", "json"] + extra).stdout.utf8)) as? [String: Any]
    let metrics = object?["metrics"] as? [[String: Any]] ?? []
    return metrics.flatMap { ($0["figures"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int } }.sorted()
}

@Suite(.ownThread) struct FigureReviewTests {
    @Test func extractedFiguresCountOnlyOnceAccepted() async throws {
        try await TestDatabase.with { url in
            try cli(url, ["db", "migrate"])
            try cli(url, ["campaign", "add", "statement", "--title", "Statement", "--kind", "statement"])
            for slug in ["paper", "wire", "blog"] { try cli(url, ["outlet", "add", slug, "--name", slug, "--kind", "news"]) }
            let csv = """
                campaign,outlet,metric,value,qualifier,as_of,method,quote,url
                statement,paper,signatures,10000,exact,2024-10-22T12:00Z,manual,,
                statement,wire,signatures,13500,over,2024-10-23T12:00Z,extracted,More than 13 500 people signed.,https://wire.example/a
                statement,blog,signatures,16,exact,2024-10-23T13:00Z,extracted,Sixteen artists wrote it.,https://blog.example/b
                """
            try cli(url, ["import", "figures", "-"], stdin: csv)
            #expect(try compared(url) == [1])
            #expect(try compared(url, ["--include-unreviewed"]) == [1, 2, 3])
            let table = try cli(url, ["compare", "statement", "--include-unreviewed"]).stdout
            #expect(table.contains("wire (unreviewed)"))

            let pending = try cli(url, ["figure", "review"]).stdout
            #expect(pending.contains("More than 13 500 people signed.") && pending.contains("https://blog.example/b"))
            // All or nothing: one bad id refuses the whole review.
            let bad = try cli(url, ["figure", "review", "--accept", "2", "--accept", "1"], expecting: 2)
            #expect(bad.stderr.contains("figure 1: is not an extracted figure awaiting review"))
            #expect(try cli(url, ["figure", "review", "--reject", "3"], expecting: 2).stderr.contains("--reason"))
            #expect(try compared(url) == [1])

            try cli(url, ["figure", "review", "--accept", "2", "--reject", "3", "--reason", "counts authors, not signatures"])
            #expect(try compared(url) == [1, 2])
            #expect(try compared(url, ["--include-unreviewed"]) == [1, 2])
            #expect(try cli(url, ["figure", "review"]).stdout.contains("nothing awaits review"))
            let history = try cli(url, ["figure", "list", "statement", "--history"]).stdout
            #expect(history.contains("rejected"))
            #expect(try cli(url, ["figure", "review", "--accept", "2"], expecting: 2).stderr.contains("not an extracted figure awaiting review"))
            // Correcting an extracted figure by hand makes the correction count at once.
            try cli(
                url, ["import", "figures", "-"],
                stdin: "campaign,outlet,metric,value,qualifier,as_of,method\nstatement,blog,signatures,14000,over,2024-10-24T12:00Z,extracted\n")
            try cli(url, ["figure", "correct", "4", "--value", "14500"])
            #expect(try compared(url).count == 3)
        }
    }
}

/// Who changed this figure? `campaign show` lists every action on the campaign's figures, and
/// `petitions audit` filters the trail by campaign, time, actor and action.
@Suite(.ownThread) struct AuditTrailTests {
    @discardableResult
    func cli(_ url: String, _ arguments: [String], actor: String = "alice", expecting status: Int32 = 0) throws -> CLIRunner.Outcome {
        let outcome = try CLIRunner.run(arguments + ["--database-url", url, "--actor", actor])
        #expect(outcome.status == status, "petitions \(arguments.joined(separator: " ")): \(outcome.stderr)")
        return outcome
    }

    @Test func everyFigureActionIsInTheCampaignsTrail() async throws {
        try await TestDatabase.with { url in
            try cli(url, ["db", "migrate"])
            try cli(url, ["campaign", "add", "letter", "--title", "An invented letter", "--kind", "open-letter"])
            try cli(url, ["campaign", "add", "other", "--title", "Another invented letter", "--kind", "open-letter"])
            try cli(url, ["outlet", "add", "paper", "--name", "A paper", "--kind", "news"])
            try cli(url, ["figure", "add", "letter", "--outlet", "paper", "--value", "16", "--as-of", "2024-11-26"])
            try cli(url, ["figure", "add", "other", "--outlet", "paper", "--value", "99", "--as-of", "2024-11-26"])
            try cli(url, ["figure", "correct", "1", "--metric", "authors"], actor: "bob")
            try cli(url, ["figure", "retract", "3", "--reason", "the article was withdrawn"], actor: "carol")
            let shown = try cli(url, ["campaign", "show", "letter"]).stdout
            for action in ["campaign.add", "figure.add", "figure.correct", "figure.retract"] { #expect(shown.contains(action), "\(action) in:\n\(shown)") }
            #expect(shown.contains("by bob") && shown.contains("by carol"))
            let json = try cli(url, ["audit", "--campaign", "letter", "--format", "json"]).stdout
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            #expect(entries.map { $0["action"] as? String } == ["campaign.add", "figure.add", "figure.correct", "figure.retract"], "\(json)")
            let byBob = try cli(url, ["audit", "--by", "bob", "--format", "json"]).stdout
            #expect((try JSONSerialization.jsonObject(with: Data(byBob.utf8)) as? [[String: Any]])?.count == 1)
            #expect(try cli(url, ["audit", "--action", "figure.retract"]).stdout.contains("carol"))
            #expect(try cli(url, ["audit", "--since", "2099-01-01"]).stdout.contains("no audit entries match"))
            #expect(try cli(url, ["audit", "--campaign", "nope"], expecting: 2).stderr.contains("unknown campaign"))
        }
    }
}

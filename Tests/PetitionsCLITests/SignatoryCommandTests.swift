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

private func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

private func prepared(_ url: String) throws {
    try cli(url, ["db", "migrate"])
    try cli(url, ["campaign", "add", "letter", "--title", "An open letter", "--kind", "open-letter"])
    try cli(url, ["outlet", "add", "paper", "--name", "A paper", "--kind", "news"])
    try cli(url, ["figure", "add", "letter", "--outlet", "paper", "--value", "5", "--qualifier", "about", "--as-of", "2025-01-10"])
    try cli(url, ["figure", "add", "letter", "--outlet", "paper", "--metric", "authors", "--value", "2", "--as-of", "2025-01-10"])
}

@Suite(.ownThread) struct SignatoryCommandTests {
    @Test func importListVerifyEraseAndReconcile() async throws {
        try await TestDatabase.with { url in
            try prepared(url)
            let csv = """
                Full Name,Organisation,Land,Notes
                Rosa Quill,Studio North,FR,likes ink
                Tomas Fern,,PT,
                Rosa Quill,Studio North,FR,likes ink
                """
            let imported = try cli(url, ["signatory", "import", "letter", "-", "--column", "name=Full Name", "--column", "country=Land"], stdin: csv)
            #expect(imported.stdout.contains("imported 3 of 3 entries"))
            #expect(imported.stdout.contains("ignored columns: Notes"))
            #expect(imported.stdout.contains("1 entries repeat an earlier line"))
            let again = try cli(url, ["signatory", "import", "letter", "-", "--column", "name=Full Name", "--column", "country=Land"], stdin: csv)
            #expect(again.stdout.contains("imported 0 of 3") && again.stdout.contains("3 already stored (skipped), lines 2, 3, 4"))
            let authors = "{\"name\": \"Ada Stone\", \"country\": \"GB\"}\n{\"name\": \"Bo Reed\", \"visibility\": \"anonymous\"}\n"
            let jsonl = try cli(
                url, ["signatory", "import", "letter", "-", "--format", "jsonl", "--role", "author", "--status", "confirmed_by_organiser"], stdin: authors)
            #expect(jsonl.stdout.contains("imported 2 of 2"))

            let listed = try #require(try json(try cli(url, ["signatory", "list", "letter", "--format", "json"]).stdout) as? [[String: Any]])
            #expect(listed.count == 5)
            #expect(listed.contains { $0["shown_name"] as? String == "(anonymous)" && $0["name"] is NSNull })
            let rosa = try #require(try json(try cli(url, ["signatory", "list", "letter", "--search", "rosa", "--format", "json"]).stdout) as? [[String: Any]])
            let rosaID = try #require(rosa.first?["id"] as? Int)
            #expect(rosa.count == 2)

            try cli(url, ["signatory", "verify", String(rosaID), "--status", "confirmed_independently", "--reason", "phoned the studio"])
            let shown = try cli(url, ["signatory", "show", String(rosaID)]).stdout
            #expect(shown.contains("unverified → confirmed_independently  by cli-test: phoned the studio"))
            #expect(
                try cli(url, ["signatory", "erase", String(rosaID), "--reason", "asked by Rosa Quill"], expecting: 2).stderr.contains(
                    "must not contain the name"))
            try cli(url, ["signatory", "erase", String(rosaID), "--reason", "privacy request"])
            #expect(try cli(url, ["signatory", "show", String(rosaID)]).stdout.contains("(reason erased)"))

            let reconciled = try #require(try json(try cli(url, ["reconcile", "letter", "--format", "json"]).stdout) as? [String: Any])
            let metrics = try #require(reconciled["metrics"] as? [[String: Any]])
            #expect(metrics.map { $0["verdict"] as? String } == ["consistent", "consistent", "no_reports"])
            let table = try cli(url, ["reconcile", "letter"]).stdout
            #expect(table.contains("the list holds 3 named, 1 erased on request and 1 anonymous signatories"))
        }
    }

    @Test func duplicatesAndTheWatchList() async throws {
        try await TestDatabase.with { url in
            try prepared(url)
            try cli(url, ["signatory", "watch", "add", "Famous Person", "--note", "never signs letters"])
            #expect(try cli(url, ["signatory", "watch", "add", "famous  person"], expecting: 1).stderr.contains("already on the watch list"))
            let imported = try cli(url, ["signatory", "import", "letter", "-"], stdin: "name,affiliation\nFAMOUS PERSON,\nJosé Ruiz,Guild\nJose Ruiz,Guild\n")
            #expect(imported.stdout.contains("line 2: FAMOUS PERSON (watched: Famous Person)"))
            let groups = try #require(try json(try cli(url, ["signatory", "duplicates", "letter", "--format", "json"]).stdout) as? [[String: Any]])
            #expect(groups.compactMap { $0["reason"] as? String } == ["near_identical_same_affiliation", "watch_list"])
            let accents = try #require(
                try json(try cli(url, ["signatory", "duplicates", "letter", "--ignore-accents", "--format", "json"]).stdout) as? [[String: Any]])
            #expect(accents.compactMap { $0["reason"] as? String } == ["same_name_ignoring_accents", "watch_list"])
            #expect(try cli(url, ["signatory", "watch", "list"]).stdout.contains("never signs letters"))
            try cli(url, ["signatory", "watch", "remove", "FAMOUS PERSON"])
            #expect(try cli(url, ["signatory", "watch", "list"]).stdout.contains("the watch list is empty"))
        }
    }

    @Test func badListsAreRefusedWhole() async throws {
        try await TestDatabase.with { url in
            try prepared(url)
            let bad = try cli(
                url, ["signatory", "import", "letter", "-"], stdin: "name,role,country\nA,signatory,FR\nB,editor,FR\nC,signatory,France\n", expecting: 2)
            #expect(bad.stderr.contains("2 invalid rows; nothing was imported"))
            #expect(bad.stderr.contains("line 3: role: unknown role \"editor\""))
            #expect(bad.stderr.contains("line 4: country: \"FRANCE\""))
            // Every problem of a line at once, not only its first.
            let several = try cli(
                url, ["signatory", "import", "letter", "-"], stdin: "name,role,country,signed_at\n,editor,France,yesterday\n", expecting: 2)
            for problem in ["name: a public signatory needs a name", "signed_at: \"yesterday\"", "role: unknown role \"editor\"", "country: \"FRANCE\""] {
                #expect(several.stderr.contains(problem), "\(problem) in: \(several.stderr)")
            }
            #expect(try cli(url, ["signatory", "import", "letter", "-"], stdin: "who,what\nA,B\n", expecting: 2).stderr.contains("no name column"))
            #expect(try cli(url, ["signatory", "import", "letter", "/nonexistent.csv"], expecting: 1).stderr.contains("cannot read /nonexistent.csv"))
            #expect(try cli(url, ["signatory", "import", "lettr", "-"], stdin: "name\nA\n", expecting: 2).stderr.contains("did you mean \"letter\"?"))
            #expect(try cli(url, ["signatory", "list", "letter", "--status", "maybe"], expecting: 2).stderr.contains("allowed: unverified"))
            let empty = try #require(try json(try cli(url, ["signatory", "list", "letter", "--format", "json"]).stdout) as? [Any])
            #expect(empty.isEmpty)
        }
    }
}

import Foundation
import PetitionsDomain
import TestSupport
import Testing

/// Bad input is refused with what is wrong, where, and exit status 2, and nothing is written;
/// secrets never reach output.
@Suite(.ownThread) struct BadInputTests {
    @discardableResult
    func cli(_ url: String, _ arguments: [String], stdin: String = "", expecting status: Int32 = 0) throws -> CLIRunner.Outcome {
        let outcome = try CLIRunner.run(arguments + ["--database-url", url], environment: ["PETITIONS_ACTOR": "cli-test"], stdin: stdin)
        #expect(outcome.status == status, "petitions \(arguments.joined(separator: " ")): \(outcome.stderr)")
        return outcome
    }

    func prepared(_ url: String) throws {
        try cli(url, ["db", "migrate"])
        try cli(url, ["campaign", "add", "statement", "--title", "An invented statement", "--kind", "statement"])
        try cli(url, ["outlet", "add", "paper", "--name", "A paper", "--kind", "news"])
    }

    func file(_ bytes: [UInt8], suffix: String = ".csv") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString)\(suffix)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func count(_ url: String, _ arguments: [String]) throws -> Int {
        let listing = try cli(url, arguments + ["--format", "json"])
        return (try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [Any])?.count ?? -1
    }

    /// Every duration option of the three executables goes through one parser: a number that is
    /// no duration is bad usage (exit 2, the option named), never a crash; zero only where allowed.
    @Test func durationOptionsAreCheckedAlike() throws {
        let cases: [(arguments: [String], product: String, option: String)] = [
            (["serve", "--max-age", "infs"], "petitions", "--max-age"),
            (["compare", "some-campaign", "--stale-after", "1e300d"], "petitions", "--stale-after"),
            (["jobs", "prune", "--keep-jobs", "nanh"], "petitions", "--keep-jobs"),
            (["--once", "--lease", "0s"], "petitions-worker", "--lease"),
            (["--once", "--poll-interval", "infs"], "petitions-worker", "--poll-interval"),
        ]
        for (arguments, product, option) in cases {
            let result = try CLIRunner.run(arguments, product: product)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("\(option): \"") && result.stderr.contains("is not a duration"), "\(result.stderr)")
        }
    }

    @Test func figureFilesWithBadBytesOrNothingInThemAreRefusedByLine() async throws {
        try await TestDatabase.with { url in
            try prepared(url)
            let header = Array("campaign,outlet,value,as_of\n".utf8)
            let good = Array("statement,paper,100,2024-10-22T12:00Z\n".utf8)
            let invalid = try file(header + good + Array("statement,paper,".utf8) + [0xC3, 0x28] + Array(",2024-10-22T12:00Z\n".utf8))
            let refused = try cli(url, ["import", "figures", invalid], expecting: 2)
            #expect(refused.stderr.contains("line 3") && refused.stderr.contains("invalid UTF-8 (byte 0xC3 at column 17)"), "\(refused.stderr)")
            let nul = try file(header + Array("statement,paper,1".utf8) + [0] + Array("00,2024-10-22T12:00Z\n".utf8))
            let withNul = try cli(url, ["import", "figures", nul], expecting: 2)
            #expect(withNul.stderr.contains("line 2") && withNul.stderr.contains("NUL byte at column 18"), "\(withNul.stderr)")
            for empty in [try file([]), try file(header)] {
                #expect(try cli(url, ["import", "figures", empty], expecting: 2).stderr.contains("holds no figures"))
            }
            #expect(try cli(url, ["import", "figures", "-"], stdin: "", expecting: 2).stderr.contains("standard input holds no figures"))
            // A note of 200,000 characters, a year 9999 and a year 1 are refused with the line and the field.
            let longNote = try file(
                Array("campaign,outlet,value,as_of,note\n".utf8) + good.dropLast() + Array(",\(String(repeating: "n", count: 200_000))\n".utf8))
            #expect(try cli(url, ["import", "figures", longNote], expecting: 2).stderr.contains("note: 200000 characters; at most 2000"))
            let years = try file(header + Array("statement,paper,100,9999-01-01\nstatement,paper,100,0001-01-01\n".utf8))
            let yearsRefused = try cli(url, ["import", "figures", years], expecting: 2)
            #expect(yearsRefused.stderr.contains("line 2") && yearsRefused.stderr.contains("in the future"), "\(yearsRefused.stderr)")
            #expect(yearsRefused.stderr.contains("line 3") && yearsRefused.stderr.contains("before 1800"), "\(yearsRefused.stderr)")
            #expect(try count(url, ["figure", "list", "statement", "--history"]) == 0)
        }
    }

    @Test func figureTimesMustBeSaneAndNotInTheFuture() async throws {
        try await TestDatabase.with { url in
            try prepared(url)
            let tomorrow = TimeFormatting.iso(Date().addingTimeInterval(86_400))
            for (asOf, words) in [("9999-01-01", "in the future"), ("0001-01-01", "before 1800"), (tomorrow, "in the future")] {
                let refused = try cli(url, ["figure", "add", "statement", "--outlet", "paper", "--value", "10", "--as-of", asOf], expecting: 2)
                #expect(refused.stderr.contains(words), "\(asOf): \(refused.stderr)")
                #expect(!refused.stderr.contains("SQLSTATE"), "\(refused.stderr)")
            }
            let published = try cli(
                url, ["figure", "add", "statement", "--outlet", "paper", "--value", "10", "--as-of", "2024-10-22", "--published", tomorrow], expecting: 2)
            #expect(published.stderr.contains("published") && published.stderr.contains("in the future"), "\(published.stderr)")
            try cli(url, ["figure", "add", "statement", "--outlet", "paper", "--value", "10", "--as-of", "2024-10-22"])
            #expect(try count(url, ["figure", "list", "statement", "--history"]) == 1)
            // A negative count is refused as negative, not reported as a missing value.
            let negative = try cli(url, ["figure", "add", "statement", "--outlet", "paper", "--value", "-5"], expecting: 2)
            #expect(negative.stderr.contains("a count cannot be negative (got -5)"), "\(negative.stderr)")
            #expect(try count(url, ["figure", "list", "statement", "--history"]) == 1)
            // Help says which defaults a correction does not use.
            let help = try cli(url, ["figure", "correct", "--help"])
            #expect(help.stdout.contains("corrections: the original's"))
        }
    }

    @Test func signatoryFilesWithBadBytesAreRefusedAndNamesKeepInvisibleCharacters() async throws {
        try await TestDatabase.with { url in
            try prepared(url)
            let invalid = try file(Array("name,country\nAda Lovelace,GB\nRosa Quill,FR\n".utf8) + [0x54, 0x6F, 0xFF] + Array("m,PT\n".utf8))
            let refused = try cli(url, ["signatory", "import", "statement", invalid], expecting: 2)
            #expect(refused.stderr.contains("line 4") && refused.stderr.contains("invalid UTF-8 (byte 0xFF at column 3)"), "\(refused.stderr)")
            let nul = try file(Array("name\nAda".utf8) + [0] + Array("\n".utf8))
            #expect(try cli(url, ["signatory", "import", "statement", nul], expecting: 2).stderr.contains("line 2"))
            #expect(try count(url, ["signatory", "list", "statement"]) == 0)
            // A zero-width space at the start of a name is kept byte for byte; only the search key drops it.
            try cli(url, ["signatory", "import", "statement", "-"], stdin: "name\n\u{200B}Ada Lovelace\n")
            let listing = try cli(url, ["signatory", "list", "statement", "--format", "json"])
            #expect(
                listing.stdout.contains("\"\u{200B}Ada Lovelace\"") || listing.stdout.contains("\\u200B") || listing.stdout.contains("\\u200b"),
                "\(listing.stdout)")
            #expect(try count(url, ["signatory", "list", "statement", "--search", "ada"]) == 1)
        }
    }

    @Test func passwordsNeverReachOutput() async throws {
        try await TestDatabase.with { url in
            try prepared(url)
            let planted = "Planted-Secret-42"
            // Malformed connection strings that libpq quotes back in its message.
            for bad in ["postgresql://bob:\(planted)@[::1/db", "host=x password='\(planted)", "postgresql://bob:\(planted)@localhost:99999/db"] {
                let outcome = try CLIRunner.run(["db", "status", "--database-url", bad])
                #expect(outcome.status != 0)
                #expect(!outcome.stderr.contains(planted) && !outcome.stdout.contains(planted), "\(outcome.stderr)")
            }
            // A source URL with credentials: stored (the worker needs them), never shown.
            let added = try cli(
                url, ["source", "add", "statement", "--kind", "json", "--pointer", "/n", "--url", "HTTPS://bot:\(planted)@Counts.Example/n.json"])
            #expect(!added.stdout.contains(planted) && added.stdout.contains("https://bot:***@counts.example/n.json"), "\(added.stdout)")
            // An address the worker refuses by default is said at once.
            let local = try cli(
                url,
                [
                    "source", "add", "statement", "--kind", "json", "--pointer", "/n", "--url", "http://10.1.2.3/n.json", "--outlet", "paper",
                    "--allow-second-petition",
                ])
            #expect(local.stderr.contains("warning: by default petitions-worker refuses this source: 10.1.2.3 is a private-network address"), "\(local.stderr)")
            // A token as the user, and keys in the query, are as secret as a password.
            try cli(
                url,
                [
                    "source", "add", "statement", "--kind", "json", "--pointer", "/n", "--url", "http://\(planted)@counts.example/n.json",
                    "--allow-second-petition",
                ])
            let keyed = try cli(
                url,
                [
                    "source", "add", "statement", "--kind", "json", "--pointer", "/n", "--url", "https://counts.example/n.json?api_key=\(planted)&id=3",
                    "--allow-second-petition",
                ])
            #expect(!keyed.stdout.contains(planted) && keyed.stdout.contains("api_key=***&id=3"), "\(keyed.stdout)")
            for arguments in [
                ["source", "list"], ["source", "list", "--format", "json"], ["source", "show", "1"], ["source", "show", "1", "--format", "json"],
                ["source", "show", "3", "--format", "json"], ["source", "show", "4"], ["source", "list", "--wide"],
            ] {
                let shown = try cli(url, arguments)
                #expect(!shown.stdout.contains(planted), "\(arguments): \(shown.stdout)")
            }
        }
    }

    /// Free text is bounded everywhere it is stored, as notes are: a reason, a note and the
    /// actor (shown publicly) of 120,000 characters are refused, and nothing is written.
    @Test func freeTextIsBounded() async throws {
        try await TestDatabase.with { url in
            try prepared(url)
            try cli(url, ["figure", "add", "statement", "--outlet", "paper", "--value", "100", "--as-of", "2024-10-22"])
            try cli(url, ["source", "add", "statement", "--kind", "json", "--pointer", "/n", "--url", "https://counts.example/n.json"])
            let long = String(repeating: "r", count: 120_000)
            for arguments in [
                ["figure", "retract", "1", "--reason", long], ["source", "remove", "1", "--reason", long],
                ["signatory", "watch", "add", "Some Name", "--note", long],
                ["figure", "add", "statement", "--outlet", "paper", "--value", "100", "--as-of", "2024-10-22", "--actor", long],
            ] {
                let refused = try cli(url, arguments, expecting: 2)
                #expect(refused.stderr.contains("120000 characters; at most"), "\(arguments.prefix(3)): \(refused.stderr.prefix(300))")
            }
            let jobs = try cli(url, ["jobs", "list", "--format", "json"]).stdout
            if let job = (try JSONSerialization.jsonObject(with: Data(jobs.utf8)) as? [[String: Any]])?.first?["id"] as? Int {
                try cli(url, ["jobs", "cancel", String(job), "--reason", long], expecting: 2)
            }
            #expect(try count(url, ["figure", "list", "statement", "--history"]) == 1)
            #expect(try count(url, ["signatory", "watch", "list"]) == 0)
            let sources = try cli(url, ["source", "list", "--format", "json"]).stdout
            #expect(sources.contains("\"removed_at\" : null"), "\(sources)")
        }
    }
}

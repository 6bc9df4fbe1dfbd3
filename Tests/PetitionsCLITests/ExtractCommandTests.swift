import Foundation
import PetitionsDomain
import TestSupport
import Testing

private func run(_ arguments: [String], stdin: String = "", expecting status: Int32 = 0) throws -> CLIRunner.Outcome {
    let outcome = try CLIRunner.run(arguments, environment: ["PETITIONS_ACTOR": "cli-test"], stdin: stdin)
    #expect(outcome.status == status, "petitions \(arguments.joined(separator: " ")): \(outcome.stderr)")
    return outcome
}

private func lines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
}

@Suite(.ownThread) struct ExtractCommandTests {
    /// A sentence that names another tracked campaign by title is that campaign's: it is not
    /// recorded under --campaign, and the command says so.
    @Test func aFigureNamingAnotherCampaignIsNotFiledUnderTheGivenOne() async throws {
        try await TestDatabase.with { url in
            for arguments in [
                ["db", "migrate"], ["campaign", "add", "river-letter", "--title", "Letter for the River Park", "--kind", "open-letter"],
                ["campaign", "add", "tram-petition", "--title", "Petition to Keep the Night Tram", "--kind", "petition"],
                ["outlet", "add", "paper", "--name", "A paper", "--kind", "news"],
            ] { _ = try run(arguments + ["--database-url", url]) }
            let article = """
                The Letter for the River Park has gathered about 2,400 signatures since Monday.

                Separately, the Petition to Keep the Night Tram passed 13,500 signatures on Tuesday.

                More than 2,500 people have now signed, the organisers said.
                """
            let recorded = try run(
                [
                    "extract", "-", "--lang", "en", "--campaign", "river-letter", "--record", "--outlet", "paper", "--url", "https://news.example.org/a",
                    "--database-url", url,
                ],
                stdin: article
            ).stdout
            #expect(recorded.contains("recorded 2 extracted figures"), "\(recorded)")
            #expect(recorded.contains("1 figure not recorded: its sentence names another tracked campaign (tram-petition)"), "\(recorded)")
            let pending = try run(["figure", "review", "--format", "json", "--database-url", url]).stdout
            #expect(pending.contains("2400") && pending.contains("2500") && !pending.contains("13500"), "\(pending)")
            // Read without --record, the figure is attributed to the campaign it names.
            let read = try lines(try run(["extract", "-", "--lang", "en", "--campaign", "river-letter", "--database-url", url], stdin: article).stdout)
            #expect(read.first { $0["value"] as? Int == 13_500 }?["campaign"] as? String == "tram-petition")
        }
    }

    @Test func jsonLinesCarryTheDocumentedFields() throws {
        let output = try run(["extract", "-"], stdin: "La lettre a été rédigée par 16 artistes. Elle compte entre 5 000 et 6 000 signatures.\n").stdout
        let figures = try lines(output)
        #expect(figures.count == 2)
        #expect(figures[0]["value"] as? Int == 16 && figures[0]["metric"] as? String == "authors" && figures[0]["language"] as? String == "fr")
        #expect(figures[0]["campaign"] is NSNull && figures[0]["quote"] as? String == "La lettre a été rédigée par 16 artistes.")
        #expect(figures[1]["qualifier"] as? String == "range" && figures[1]["value"] as? Int == 5_000 && figures[1]["high"] as? Int == 6_000)
        for figure in figures { #expect(Set(figure.keys).isSuperset(of: ["value", "qualifier", "metric", "language", "campaign", "quote", "start", "end"])) }
    }

    @Test func longInputsStreamWithOffsetsIntoTheWholeText() throws {
        // About 200 KB: several blocks; the offsets still point into the whole input.
        var text = ""
        for index in 0..<2_000 { text += "Paragraph \(index) talks about the weather and nothing else at all, for a while.\n\n" }
        text += "Über 5.000 Menschen haben die Petition unterschrieben.\n"
        let figures = try lines(try run(["extract", "--lang", "de", "-"], stdin: text).stdout)
        #expect(figures.count == 1)
        let start = try #require(figures.first?["start"] as? Int), end = try #require(figures.first?["end"] as? Int)
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == "Über 5.000")
    }

    @Test func htmlTablesAndErrors() throws {
        let html =
            "<html><body><nav>1,000 signatures</nav><p>The petition has more than 13,500&nbsp;signatures.</p><script>x = '2,000 signatures'</script></body></html>"
        #expect(try run(["extract", "--html", "--format", "table", "-"], stdin: html).stdout.contains("more than 13,500  signatures"))
        #expect(try run(["extract", "--format", "table", "-"], stdin: "Nothing to see here.").stdout.contains("no figures found"))
        #expect(try run(["extract", "--lang", "xx", "-"], expecting: 2).stderr.contains("allowed: en, it, fr, es, de, pt, id, ja, zh"))
        #expect(try run(["extract", "--record", "-"], expecting: 2).stderr.contains("--record needs --outlet"))
        #expect(try run(["extract", "/nonexistent.txt"], expecting: 1).stderr.contains("cannot read /nonexistent.txt"))
    }

    @Test func recordedFiguresAwaitReview() async throws {
        try await TestDatabase.with { url in
            _ = try run(["db", "migrate", "--database-url", url])
            _ = try run(["campaign", "add", "letter", "--title", "Letter", "--kind", "open-letter", "--alias", "Sora PR Puppets", "--database-url", url])
            _ = try run(["outlet", "add", "paper", "--name", "Paper", "--kind", "news", "--database-url", url])
            let article = "Sekitar 600 seniman telah menandatangani surat terbuka Sora PR Puppets. Petisi lain punya 2.000 tanda tangan.\n"
            let record = [
                "extract", "--campaign", "letter", "--record", "--outlet", "paper", "--url", "https://paper.example/a",
                "--published", "2024-11-27T10:00Z", "--database-url", url, "-",
            ]
            #expect(try run(record, stdin: article).stdout.contains("recorded 2 extracted figures awaiting review"))
            #expect(try run(record, stdin: article).stdout.contains("recorded 0 extracted figures awaiting review (2 already recorded)"))
            let pending = try run(["figure", "review", "--format", "json", "--database-url", url]).stdout
            #expect(pending.contains("\"method\" : \"extracted\"") && pending.contains("Sora PR Puppets"))
            let compare = try run(["compare", "letter", "--format", "json", "--database-url", url]).stdout
            #expect(!compare.contains("\"value\" : 600"))
        }
    }
}

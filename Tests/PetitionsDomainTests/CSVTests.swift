import PetitionsDomain
import Testing

@Suite struct CSVTests {
    @Test func quotedFieldsAndLineNumbers() throws {
        let text = "campaign,quote,value\r\nletter,\"said \"\"about\"\" 600,\nthen more\",600\n\nletter,plain,16\n"
        let records = try CSV.parse(text)
        #expect(records.count == 3)
        #expect(records[1].fields == ["letter", "said \"about\" 600,\nthen more", "600"])
        #expect(records[1].line == 2)
        #expect(records[2].line == 5)  // after a two-line record and a blank line
    }

    @Test func unclosedQuoteNamesItsLine() {
        #expect(throws: CSV.SyntaxError(line: 2, reason: "a quoted field is never closed")) { try CSV.parse("a,b\n\"open,1\n") }
    }

    @Test func strayQuoteIsRefused() {
        #expect(throws: CSV.SyntaxError.self) { try CSV.parse("a,b\nx\"y,1\n") }
    }

    @Test func writingRoundTrips() throws {
        let fields = ["plain", "with,comma", "with \"quotes\"", "two\nlines", " padded ", "日本語"]
        let parsed = try CSV.parse(CSV.line(fields) + "\n")
        #expect(parsed.first?.fields == fields)
    }

    @Test func recordsBecomeDrafts() throws {
        let draft = try FigureRecord.draft(from: [
            "campaign": "letter", "outlet": "paper", "value": "13,500", "qualifier": "over", "published": "2024-11-27T09:00Z", "language": "it",
        ]).get()
        #expect(draft.value == 13_500)
        #expect(draft.qualifier == .over)
        #expect(draft.asOf == draft.published)  // as_of defaults to published
        #expect(draft.metric == .signatures)
    }

    @Test func recordProblemsAreAllListed() {
        guard case .failure(let failure) = FigureRecord.draft(from: ["campaign": "letter", "value": "x", "metric": "likes"]) else {
            Issue.record("expected a failure")
            return
        }
        let messages = failure.problems.map(\.description)
        #expect(messages.contains("outlet: is required"))
        #expect(messages.contains("value: \"x\" is not a whole number"))
        #expect(messages.contains { $0.hasPrefix("unknown metric \"likes\"") })
        #expect(messages.contains("as_of: is required when published is not given"))
    }
}

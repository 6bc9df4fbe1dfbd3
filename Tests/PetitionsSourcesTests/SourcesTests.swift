import Foundation
import PetitionsDomain
import Testing

@testable import PetitionsSources

@Suite struct JSONPointerTests {
    // The examples of RFC 6901, section 5.
    let document = """
        {"foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\\\j": 5, "k\\"l": 6, " ": 7, "m~n": 8}
        """

    @Test func resolvesTheRFCExamples() throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(document.utf8))
        let expected: [(String, JSONValue)] = [
            ("/foo/0", .string("bar")), ("/", .number(0)), ("/a~1b", .number(1)), ("/c%d", .number(2)), ("/e^f", .number(3)),
            ("/g|h", .number(4)), ("/i\\j", .number(5)), ("/k\"l", .number(6)), ("/ ", .number(7)), ("/m~0n", .number(8)),
        ]
        for (pointer, result) in expected { #expect(try JSONPointer.resolve(pointer, in: value) == result, "\(pointer)") }
        #expect(try JSONPointer.resolve("", in: value) == value)
    }

    @Test func readsCountsAndSaysWhereAWalkStopped() throws {
        let body = Array(#"{"data": {"count": 13500, "text": "13,500", "list": [1, 2], "flag": true, "half": 2.5}}"#.utf8)
        #expect(try JSONPointer.count("/data/count", in: body) == 13500)
        #expect(try JSONPointer.count("/data/text", in: body) == 13500)
        #expect(try JSONPointer.count("/data/list/1", in: body) == 2)
        #expect(throws: SourceReadError.self) { try JSONPointer.count("/data/list/01", in: body) }
        #expect(throws: SourceReadError.self) { try JSONPointer.count("/data/flag", in: body) }
        #expect(throws: SourceReadError.self) { try JSONPointer.count("/data/half", in: body) }
        do {
            _ = try JSONPointer.count("/data/missing", in: body)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("no \"missing\" at /data"))
            #expect(error.message.contains("count"))
        }
        do {
            _ = try JSONPointer.count("/x", in: Array("<html>down for maintenance</html>".utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("not valid JSON"))
            #expect(error.message.contains("<html>down"))
        }
    }

    @Test func refusesBadPointers() {
        #expect(JSONPointer.problem("data/count") != nil)
        #expect(JSONPointer.problem("/a~2b") != nil)
        #expect(JSONPointer.problem("/a~") != nil)
        #expect(JSONPointer.problem("/a~0b/~1") == nil)
        #expect(JSONPointer.tokens("/a~1b/m~0n/~01") == ["a/b", "m~n", "~1"])
    }
}

@Suite struct PageAndCountTests {
    @Test func readsCountsInTheFormsPagesPrint() {
        for (text, value) in [
            ("13500", 13500), ("13,500", 13500), ("13.500", 13500), ("13 500", 13500), ("13'500", 13500), ("1\u{202F}234\u{202F}567", 1_234_567),
        ] {
            #expect(Counts.parse(text) == value, "\(text)")
        }
        #expect(Counts.parse("about 500") == nil)
        #expect(Counts.parse("") == nil)
    }

    @Test func readsAPageWithAPattern() throws {
        let page = Array("<p>So far <b>12,345</b> people have signed.</p>".utf8)
        #expect(try PagePattern.count("<b>([0-9,]+)</b> people", in: page) == 12345)
        #expect(throws: SourceReadError.self) { try PagePattern.count("([0-9,]+) signatures", in: page) }
        #expect(PagePattern.problem("[0-9]+ signatures") != nil)
        #expect(PagePattern.problem("([0-9") != nil)
    }
}

@Suite struct UKParliamentTests {
    static func body(count: Int, state: String = "open", countries: String? = nil) -> [UInt8] {
        let countries =
            countries
            ?? #"[{"name": "United Kingdom", "code": "GB", "signature_count": \#(count - 40)}, {"name": "Ireland", "code": "IE", "signature_count": 40}]"#
        return Array(
            """
            {"links": {"self": "https://example.test/petitions/1.json"},
             "data": {"type": "petition", "id": 1, "attributes": {
               "action": "Invented petition for tests", "state": "\(state)", "signature_count": \(count),
               "opened_at": "2026-10-01T09:00:00.000Z", "closed_at": null,
               "response_threshold_reached_at": "2026-10-05T12:00:00.000Z", "debate_threshold_reached_at": null,
               "signatures_by_country": \(countries),
               "signatures_by_constituency": [{"name": "Invented North", "ons_code": "E14099901", "mp": "A. Member", "signature_count": 12}]}}}
            """.utf8)
    }

    @Test func readsTheCountStateThresholdsAndBreakdowns() throws {
        let reading = try UKParliamentPetition.read(Self.body(count: 1040))
        #expect(reading.count == 1040)
        let series = Dictionary(uniqueKeysWithValues: reading.observations.map { ($0.series, $0) })
        #expect(series["state"]?.text == "open")
        #expect(series["opened_at"]?.text == "2026-10-01T09:00:00.000Z")
        #expect(series["threshold:response"] != nil)
        #expect(series["threshold:debate"] == nil)
        #expect(series["closed_at"] == nil)
        #expect(series["country:GB"]?.number == 1000)
        #expect(series["country:IE"]?.label == "Ireland")
        #expect(series["constituency:E14099901"]?.number == 12)
        #expect(reading.flags.isEmpty)
    }

    @Test func flagsAForeignTopCountryAndATerritoryOverItsPopulation() throws {
        let countries =
            #"[{"name": "United Kingdom", "code": "GB", "signature_count": 300}, {"name": "Russia", "code": "RU", "signature_count": 900}, {"name": "Pitcairn Islands", "code": "PN", "signature_count": 400}]"#
        let reading = try UKParliamentPetition.read(Self.body(count: 1600, countries: countries))
        #expect(Set(reading.flags.map(\.kind)) == ["top-country", "exceeds-population"])
        #expect(reading.flags.first { $0.kind == "top-country" }?.subject == "RU")
        #expect(reading.flags.first { $0.kind == "exceeds-population" }?.detail.contains("Pitcairn") == true)
    }

    @Test func malformedBodiesSayWhatIsWrong() {
        for (body, expected) in [
            ("not json at all", "not valid JSON"),
            (#"{"data": {"attributes": {"state": "open"}}}"#, "signature_count is missing"),
            (#"{"data": {"attributes": {"state": "open", "signature_count": "many"}}}"#, "wrong type"),
            (#"{"error": "not found"}"#, "data is missing"),
        ] {
            do {
                _ = try UKParliamentPetition.read(Array(body.utf8))
                Issue.record("expected an error for \(body)")
            } catch {
                #expect(error.message.contains(expected), "\(error.message)")
            }
        }
    }
}

@Suite struct FeedTests {
    @Test func readsRSSItems() throws {
        let rss = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Invented Daily</title>
              <item><title>Letter gathers names</title><link>https://daily.example/a</link><guid>daily-a</guid>
                <pubDate>Tue, 26 Nov 2024 14:30:00 GMT</pubDate><description><![CDATA[<p>Some <b>text</b></p>]]></description></item>
              <item><title>No guid here</title><link>https://daily.example/b</link><pubDate>Wed, 27 Nov 2024 08:00:00 +0100</pubDate></item>
            </channel></rss>
            """
        let items = try Feed.parse(Array(rss.utf8))
        #expect(items.count == 2)
        #expect(items[0].key == "daily-a")
        #expect(items[0].url == "https://daily.example/a")
        #expect(items[0].summary == "<p>Some <b>text</b></p>")
        #expect(items[0].published == TimeFormatting.parse("2024-11-26T14:30:00Z"))
        #expect(items[1].key == "https://daily.example/b")
        #expect(items[1].published == TimeFormatting.parse("2024-11-27T07:00:00Z"))
    }

    @Test func readsAtomEntries() throws {
        let atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Invented Wire</title>
              <entry><title>Petition passes a mark</title><id>tag:wire.example,2024:1</id>
                <link rel="edit" href="https://wire.example/edit/1"/><link rel="alternate" href="https://wire.example/1"/>
                <published>2024-11-27T10:00:00Z</published><summary>Short text</summary></entry>
            </feed>
            """
        let items = try Feed.parse(Array(atom.utf8))
        #expect(
            items == [
                FeedItem(
                    key: "tag:wire.example,2024:1", url: "https://wire.example/1", title: "Petition passes a mark",
                    published: TimeFormatting.parse("2024-11-27T10:00:00Z"), summary: "Short text")
            ])
    }

    @Test func refusesWhatIsNotAFeed() {
        #expect(throws: SourceReadError.self) { try Feed.parse(Array("<html><body>hi</body></html>".utf8)) }
        #expect(throws: SourceReadError.self) { try Feed.parse(Array("<rss><channel><item></rss>".utf8)) }
    }
}

@Suite struct ScheduleTests {
    let anchor = TimeFormatting.parse("2026-11-22T10:00:00Z")!

    @Test func dueTimesSitOnTheGrid() {
        let schedule = Schedule(anchor: anchor, every: 300)
        #expect(schedule.latestDue(atOrBefore: anchor.addingTimeInterval(-1)) == nil)
        #expect(schedule.latestDue(atOrBefore: anchor) == anchor)
        #expect(schedule.latestDue(atOrBefore: anchor.addingTimeInterval(299)) == anchor)
        #expect(schedule.latestDue(atOrBefore: anchor.addingTimeInterval(300)) == anchor.addingTimeInterval(300))
        // A worker stopped for an hour catches up with one due time, the latest.
        #expect(schedule.latestDue(atOrBefore: anchor.addingTimeInterval(3600 + 10)) == anchor.addingTimeInterval(3600))
        #expect(schedule.nextDue(after: anchor.addingTimeInterval(10)) == anchor.addingTimeInterval(300))
        #expect(schedule.nextDue(after: anchor.addingTimeInterval(-50)) == anchor)
    }

    @Test func backoffDoublesWithJitterUpToTheCap() {
        let backoff = Backoff(base: 30, cap: 600, jitter: 0.5)
        #expect(backoff.range(afterAttempt: 1) == 15...30)
        #expect(backoff.range(afterAttempt: 2) == 30...60)
        #expect(backoff.range(afterAttempt: 3) == 60...120)
        #expect(backoff.range(afterAttempt: 10) == 300...600)
        #expect(backoff.delay(afterAttempt: 2, random: 0.5) == 45)
        let noJitter = Backoff(base: 10, cap: 100, jitter: 0)
        #expect(noJitter.delay(afterAttempt: 4, random: 0.9) == 80)
    }

    @Test func specsSayWhatIsMissing() {
        let json = SourceSpec(campaign: "c", kind: .json, url: "https://x.example/p.json", every: 300)
        #expect(json.problems().contains { $0.contains("--pointer is required") })
        let ftp = SourceSpec(campaign: "c", kind: .feed, url: "ftp://x.example/feed", every: 300)
        #expect(ftp.problems().contains { $0.contains("only http and https") })
        let uk = SourceSpec(campaign: "c", kind: .ukParliament, url: "https://petition.parliament.uk/petitions/1", every: 300)
        #expect(uk.problems().contains { $0.contains(".json") })
        let html = SourceSpec(campaign: "c", kind: .html, url: "https://x.example/", every: 0.5, pattern: "no group")
        #expect(html.problems().count == 2)
        #expect(SourceURL.slug(forHost: "www.Change.org") == "change-org")
    }

    @Test(arguments: [
        ("93.184.216.34", AddressPolicy.Kind.public), ("127.0.0.1", .loopback), ("127.9.9.9", .loopback), ("10.1.2.3", .private),
        ("172.16.0.1", .private), ("172.31.255.255", .private), ("172.32.0.1", .public), ("192.168.1.1", .private), ("100.64.0.1", .private),
        ("169.254.169.254", .linkLocal), ("100.100.100.200", .linkLocal), ("0.0.0.0", .reserved), ("224.0.0.1", .reserved),
        ("255.255.255.255", .reserved), ("192.0.2.10", .reserved), ("::1", .loopback), ("[::1]", .loopback), ("::", .reserved),
        ("fe80::1%eth0", .linkLocal), ("fd00:ec2::254", .linkLocal), ("fc00::5", .private), ("fd12:3456::1", .private),
        ("::ffff:10.0.0.1", .private), ("::ffff:169.254.169.254", .linkLocal), ("2001:db8::1", .reserved), ("2a00:1450:4009:81a::200e", .public),
    ])
    func addressesAreClassified(address: String, kind: AddressPolicy.Kind) {
        #expect(AddressPolicy.kind(ofAddress: address) == kind, "\(address)")
    }

    @Test func namesAndMalformedAddressesAreNotAddresses() {
        for text in ["example.org", "1.2.3", "1.2.3.4.5", "256.1.1.1", "::1::2", "12345::", "localhost"] {
            #expect(AddressPolicy.kind(ofAddress: text) == nil, "\(text)")
        }
        #expect(AddressPolicy.refusal(.loopback, allowPrivate: true) == nil)
        #expect(AddressPolicy.refusal(.linkLocal, allowPrivate: true) != nil)
        #expect(AddressPolicy.refusal(.private, allowPrivate: false)?.contains("--allow-private-hosts") == true)
    }

    @Test func metadataAndLinkLocalSourcesAreRefusedWhenAdded() {
        for url in ["http://169.254.169.254/latest/meta-data/", "http://metadata.google.internal/x", "http://[fe80::1]/x"] {
            let spec = SourceSpec(campaign: "c", kind: .json, url: url, every: 300, pointer: "/n")
            #expect(spec.problems().contains { $0.contains("never fetched") }, "\(url): \(spec.problems())")
        }
        // Upper-case schemes and hosts are stored in lower case, so the database's check accepts them.
        let shouting = SourceSpec(campaign: "c", kind: .json, url: "HTTP://Example.ORG/Petition/1.json", every: 300, pointer: "/n")
        #expect(shouting.url == "http://example.org/Petition/1.json" && shouting.problems().isEmpty)
        #expect(SourceURL.redacted("https://bot:s3cret@example.org/feed?x=1") == "https://bot:***@example.org/feed?x=1")
        #expect(SourceURL.redacted("https://example.org/a@b") == "https://example.org/a@b")
        // A token given as the user, and credential-like parameters in the query or the fragment.
        #expect(SourceURL.redacted("http://tok3n@example.org/count.json") == "http://***@example.org/count.json")
        #expect(
            SourceURL.redacted("https://example.org/api?id=7&api_key=s3cret&X-Amz-Signature=abc&page=2#access_token=t0k")
                == "https://example.org/api?id=7&api_key=***&X-Amz-Signature=***&page=2#access_token=***")
        #expect(
            SourceURL.redacted("https://example.org/p?token=a&sessionid=b&auth=c&sig=d") == "https://example.org/p?token=***&sessionid=***&auth=***&sig=***")
        #expect(SourceURL.redacted("https://example.org/petitions/700?state=open&page=3") == "https://example.org/petitions/700?state=open&page=3")
    }
}

/// Platforms come from one registry: every platform kind has one reader, and the help lines it
/// gives fit 80 columns.
@Suite struct PlatformReaderTests {
    @Test func everyPlatformKindHasOneReader() {
        let kinds = PlatformReaders.all.map(\.kind)
        #expect(Set(kinds).count == kinds.count)
        #expect(Set(kinds) == Set(SourceKind.allCases.filter { $0 != .feed }))
        for kind in SourceKind.allCases { #expect(kind.isPlatform == (kind != .feed)) }
    }

    @Test func theKindsHelpFitsEightyColumns() {
        for line in PlatformReaders.helpLines { #expect(line.count + 2 <= 80, "\(line)") }
        #expect(PlatformReaders.helpLines.count >= SourceKind.allCases.count)
    }

    @Test func optionsBelongToTheirKinds() {
        let json = SourceSpec(campaign: "c", kind: .html, url: "https://example.org/p", every: 60, pointer: "/count", pattern: "([0-9]+)")
        #expect(json.problems() == ["--pointer goes with --kind json only"])
        let missing = SourceSpec(campaign: "c", kind: .json, url: "https://example.org/p.json", every: 60)
        #expect(missing.problems().count == 1 && missing.problems()[0].hasPrefix("--pointer is required"))
    }
}

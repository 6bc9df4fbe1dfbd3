import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsSources
import PetitionsStore
import Postgres
import TestSupport
import Testing

/// What an outsider can do to the web service: read secrets, learn internal addresses.
@Suite(.ownThread) struct HostileServeTests {
    /// The public API shows a source's host and platform, never its URL (which may carry a key),
    /// and an error without the addresses a host resolved to.
    @Test func sourcesShowTheirHostNotTheirSecrets() async throws {
        try await ServeTests.serving { service in
            _ = try service.repository { repository in
                try repository.sources.add(
                    SourceSpec(
                        campaign: ServeTests.ferry, kind: .json, url: "https://tok3n@counts.example.org/api?petition=7&api_key=s3cret-key", every: 600,
                        pointer: "/count"),
                    outlet: nil, actor: "test")
            }
            let answer = try await service.get("/api/v1/campaigns/\(ServeTests.ferry)/sources")
            #expect(answer.status == 200)
            #expect(!answer.body.contains("s3cret") && !answer.body.contains("tok3n") && !answer.body.contains("\"url\""), "\(answer.body)")
            #expect(answer.body.contains("\"host\" : \"counts.example.org\""), "\(answer.body)")
        }
    }

    @Test func publicTextNamesNoAddress() {
        #expect(
            PublicText.withoutAddresses("refused to fetch http://x.example/: x.example is at 10.0.0.5, a private address")
                == "refused to fetch http://x.example/: x.example is at an address, a private address")
        #expect(PublicText.withoutAddresses("cannot connect to [fd00::1]:8080 at 10:00:00") == "cannot connect to [an address]:8080 at 10:00:00")
        #expect(PublicText.withoutAddresses("connect to 192.168.1.20:5432 refused") == "connect to an address refused")
        #expect(PublicText.withoutAddresses("answered HTTP 503 after 2.5 s") == "answered HTTP 503 after 2.5 s")
    }

    /// Negotiated answers say they vary by Accept, q-values are honoured, and the empty values the
    /// API document allows are the parameter left out.
    @Test func negotiationAndEmptyParametersFollowHTTP() async throws {
        try await ServeTests.serving { service in
            let base = "/api/v1/campaigns/\(ServeTests.ferry)"
            for (accept, csv) in [
                ("text/csv", true), ("text/csv;q=0", false), ("text/csv;q=0, application/json", false), ("application/json, text/csv;q=0.5", false),
                ("text/csv, application/json;q=0.5", true), ("*/*", false), ("text/csv;q=0.8, */*;q=0.1", true), ("TEXT/CSV", true),
            ] {
                let answer = try await service.get("\(base)/compare", headers: [("Accept", accept)])
                #expect(answer.status == 200, "\(accept)")
                #expect((answer.header("Content-Type")?.hasPrefix("text/csv") ?? false) == csv, "\(accept): \(answer.header("Content-Type") ?? "")")
                #expect(answer.header("Vary") == "Accept", "\(accept)")
            }
            for path in ["\(base)/compare?stale_after=", "\(base)/figures?cursor=", "\(base)/trend?since=&until=&metric=&bucket=", "\(base)/figures?limit="] {
                let answer = try await service.get(path)
                #expect(answer.status == 200, "\(path): \(answer.body.prefix(300))")
            }
        }
    }

    /// Extracted figures awaiting review, or rejected in it, are never published: not in the
    /// page's provenance (with their quotes), not in the API's current figures, not at their own
    /// address; `history=true` lists them, marked.
    @Test func unreviewedAndRejectedFiguresAreNotPublished() async throws {
        try await ServeTests.serving { service in
            let ids = try service.repository { repository in
                try repository.figures.add(
                    [
                        FigureDraft(
                            campaign: ServeTests.ferry, outlet: "demo-local-paper", value: 77_701, asOf: Date().addingTimeInterval(-3600),
                            quote: "A quote the admin rejected as misread", method: .extracted),
                        FigureDraft(
                            campaign: ServeTests.ferry, outlet: "demo-local-paper", value: 77_702, asOf: Date().addingTimeInterval(-3000),
                            quote: "A quote still waiting for review", method: .extracted),
                    ], actor: "test"
                ).inserted
            }
            #expect(ids.count == 2)
            try service.repository { try $0.figures.review(accept: [], reject: [ids[0]], reason: "misread: the article counts visitors", actor: "test") }
            let page = try await service.get("/c/\(ServeTests.ferry)")
            #expect(page.status == 200)
            #expect(
                !page.body.contains("rejected as misread") && !page.body.contains("waiting for review") && !page.body.contains("77,70"), "the page shows them")
            let current = try await service.get("/api/v1/campaigns/\(ServeTests.ferry)/figures?limit=1000")
            #expect(!current.body.contains("7770"), "the API's current figures list them")
            let history = try await service.get("/api/v1/campaigns/\(ServeTests.ferry)/figures?limit=1000&history=true")
            #expect(history.body.contains("\"status\" : \"rejected\"") && history.body.contains("\"status\" : \"unreviewed\""), "history marks them")
            for id in ids {
                #expect(try await service.get("/c/\(ServeTests.ferry)/figures/\(id)").status == 404)
                #expect(try await service.get("/api/v1/campaigns/\(ServeTests.ferry)/figures/\(id)").status == 404)
            }
        }
    }

    /// A shared link carries tracking parameters: pages ignore what they do not read, the JSON API
    /// still refuses an unknown parameter. A control character in a path is a 400, not a 500.
    @Test func sharedLinksOpenAndControlCharactersAreRefused() async throws {
        try await ServeTests.serving { service in
            for path in ["/c/\(ServeTests.ferry)?fbclid=IwAR0abc", "/c/\(ServeTests.ferry)?utm_source=paper&utm_medium=social&tz=Europe/Rome", "/?ref=x"] {
                let answer = try await service.get(path)
                #expect(answer.status == 200, "\(path): \(answer.body.prefix(200))")
            }
            #expect(try await service.get("/c/\(ServeTests.ferry)?tz=Nowhere/Else").status == 400)
            #expect(try await service.get("/api/v1/campaigns/\(ServeTests.ferry)/compare?utm_source=paper").status == 400)
            for path in ["/c/%00", "/api/v1/campaigns/%00", "/c/\(ServeTests.ferry)/figures/%00", "/c/a%0Ab"] {
                let answer = try await service.get(path)
                #expect(answer.status == 400, "\(path): \(answer.status)")
            }
        }
    }

    /// A correction of the metric alone ("16 signatures" to "16 authors") shows what changed.
    @Test func aCorrectionSaysWhatItChanged() async throws {
        try await ServeTests.serving { service in
            let (original, corrected) = try service.repository { repository -> (Int, Int) in
                let draft = FigureDraft(campaign: ServeTests.ferry, outlet: "demo-radio", value: 16, asOf: Date().addingTimeInterval(-7200))
                let id = try repository.figures.add([draft], actor: "test").inserted[0]
                var fixed = draft
                fixed.metric = .authors
                return (id, try repository.figures.correct(id, with: fixed, actor: "test"))
            }
            let page = try await service.get("/c/\(ServeTests.ferry)/figures/\(corrected)")
            #expect(page.status == 200)
            #expect(page.body.contains("corrects #\(original); changed metric from signatures to authors"), "\(page.body.suffix(1500))")
            #expect(page.body.contains("<th>metric</th>"))
        }
    }

    /// The index says the number itself: the platform's count, else the outlets' consensus, with its age.
    @Test func theIndexShowsEachCampaignsCount() async throws {
        try await ServeTests.serving { service in
            let index = try await service.get("/")
            #expect(index.status == 200)
            #expect(index.body.contains("38,400"), "the platform's count of the invented petition")
            #expect(index.body.contains("more than 19,000 (1 of 8 sources says so; 5 more allow it)"), "the statement's consensus")
            #expect(
                index.body.contains("outlets&#39; consensus, no platform count, newest") || index.body.contains("outlets' consensus, no platform count, newest")
            )
        }
    }

    /// Tables name outlets as the charts' legends do, not by slug.
    @Test func tablesNameOutletsAsChartsDo() async throws {
        try await ServeTests.serving { service in
            let page = try await service.get("/c/dear-corporate-ai-overlords")
            #expect(page.body.contains("<td data-label=\"outlet\">The Washington Post</td>"), "\(page.body.count)")
            #expect(!page.body.contains("<td data-label=\"outlet\">washington-post</td>"))
        }
    }
}

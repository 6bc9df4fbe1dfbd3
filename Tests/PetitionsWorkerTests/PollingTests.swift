import Foundation
import PetitionsDomain
import PetitionsSources
import PetitionsStore
import PetitionsWorker
import Postgres
import TestSupport
import Testing

/// Jobs run in this process against a real HTTP server on 127.0.0.1 serving our fixtures.
@Suite(.ownThread) struct PollingTests {
    static func petition(_ count: Int, closedAt: String? = nil) -> FixtureServer.Route {
        .init(
            body: """
                {"data": {"type": "petition", "id": 1, "attributes": {"action": "Invented", "state": "\(closedAt == nil ? "open" : "closed")", "signature_count": \(count),
                  "opened_at": "2026-11-01T09:00:00.000Z", "closed_at": \(closedAt.map { "\"\($0)\"" } ?? "null"),
                  "signatures_by_country": [{"name": "United Kingdom", "code": "GB", "signature_count": \(count - 10)},
                                            {"name": "France", "code": "FR", "signature_count": 10}],
                  "signatures_by_constituency": [{"name": "Invented South", "ons_code": "E14099902", "mp": "B. Member", "signature_count": 7}]}}}
                """)
    }

    @Test func aChangingCountMakesASeriesAndAnUnchangedOneAddsNothing() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            let source = try bench.addSource(.ukParliament, url: server.url("/petitions/1.json"), every: 300)
            server.set("/petitions/1.json", Self.petition(100))
            #expect(try await bench.runDue() == [.succeeded("count 100 (first poll)")])
            bench.clock.advance(by: 300)
            server.set("/petitions/1.json", Self.petition(150))
            #expect(try await bench.runDue() == [.succeeded("count 150 (was 100)")])
            bench.clock.advance(by: 300)
            #expect(try await bench.runDue() == [.succeeded("count 150 unchanged")])

            let figures = try bench.db.query("SELECT value, method, as_of FROM figures ORDER BY id")
            #expect(try figures.map { try $0.decode("value", as: Int.self) } == [100, 150])
            #expect(try figures.allSatisfy { try $0.decode("method", as: String.self) == "polled" })
            let counts = try bench.repository.sources.observations(source: source.id, series: "count")
            #expect(counts.map(\.number) == [150, 100])
            // The unchanged poll moved the last-seen time of the latest value, and added no row.
            #expect(counts[0].firstSeen == WorkerBench.start.addingTimeInterval(300))
            #expect(counts[0].lastSeen == WorkerBench.start.addingTimeInterval(600))
            #expect(counts[1].lastSeen == WorkerBench.start)
            let gb = try bench.repository.sources.observations(source: source.id, series: "country:GB")
            #expect(gb.map(\.number) == [140, 90])
            let state = try bench.repository.sources.observations(source: source.id, series: "state")
            #expect(state.count == 1 && state[0].lastSeen == WorkerBench.start.addingTimeInterval(600))
            // The platform's count feeds comparisons and trends.
            let stored = try #require(try bench.repository.sources.find(source.id))
            #expect(stored.count == 150 && stored.outlet == "uk-parliament-petitions")
        }
    }

    @Test func aClosedPetitionIsRecordedPolledDailyThenPaused() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            let source = try bench.addSource(.ukParliament, url: server.url("/petitions/1.json"), every: 300)
            func closedOn() throws -> String? {
                try bench.db.query("SELECT c.closed_on::text AS closed FROM campaigns c JOIN sources s ON s.campaign_id = c.id WHERE s.id = \(source.id)")[0]
                    .decode("closed")
            }
            func sourceState() throws -> (every: Double, paused: Bool) {
                let row = try bench.db.query("SELECT extract(epoch FROM every)::float8 AS every, paused FROM sources WHERE id = \(source.id)")[0]
                return (try row.decode("every"), try row.decode("paused"))
            }
            server.set("/petitions/1.json", Self.petition(100))
            #expect(try await bench.runDue() == [.succeeded("count 100 (first poll)")])
            #expect(try closedOn() == nil)
            // The site closes it: the campaign gets its closed date, a flag is raised, polls go daily.
            bench.clock.advance(by: 300)
            server.set("/petitions/1.json", Self.petition(120, closedAt: "2026-11-20T23:59:59.000Z"))
            #expect(try await bench.runDue() == [.succeeded("count 120 (was 100)")])
            #expect(try closedOn() == "2026-11-20")
            #expect(try sourceState() == (86_400, false))
            #expect(try bench.count("SELECT count(*) FROM source_flags WHERE kind = 'closed' AND subject = '2026-11-20'") == 1)
            // Late removals still show while it is polled daily.
            bench.clock.advance(by: 86_400)
            server.set("/petitions/1.json", Self.petition(118, closedAt: "2026-11-20T23:59:59.000Z"))
            #expect(try await bench.runDue() == [.succeeded("count 118 (was 120)")])
            #expect(try bench.count("SELECT count(*) FROM source_flags WHERE kind = 'count-fell'") == 1)
            #expect(try sourceState().paused == false)
            // A week with the count unchanged: the source is paused, and nothing is due any more.
            for _ in 0..<7 {
                bench.clock.advance(by: 86_400)
                _ = try await bench.runDue()
            }
            bench.clock.advance(by: 86_400)
            #expect(try await bench.runDue() == [.succeeded("count 118; closed and unchanged, so the source is paused")])
            #expect(try sourceState().paused)
            bench.clock.advance(by: 86_400)
            #expect(try await bench.runDue().isEmpty)
        }
    }

    @Test func aTrendTellsUnchangedFromNotPolled() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            _ = try bench.addSource(.ukParliament, url: server.url("/petitions/3.json"), every: 86400)
            server.set("/petitions/3.json", Self.petition(100))
            for _ in 0..<3 {  // days 0, 1, 2: the same count
                try await bench.runDue()
                bench.clock.advance(by: 86400)
            }
            server.set("/petitions/3.json", Self.petition(150))
            try await bench.runDue()  // day 3: a change; then nobody polls on days 4 and 5
            let day = { (n: Double) in WorkerBench.start.addingTimeInterval(n * 86400) }
            let trend = try bench.repository.figures.trend(TrendRequest(campaign: "clean-air", bucket: .day, until: day(5)))
            let platform = try #require(trend.series.first { $0.source.isPlatform })
            #expect(platform.points.map(\.value) == [100, 100, 100, 150])
            #expect(platform.points.map(\.unchanged) == [false, true, true, false])
            #expect(platform.points.map(\.gained) == [nil, 0, 0, 50])
            #expect(platform.points[2].asOf == day(2))
            #expect(trend.buckets.count == 6)  // days 4 and 5 are gaps: not polled
            // Without --until the trend runs to the last poll.
            bench.clock.advance(by: 86400)
            try await bench.runDue()  // day 4: unchanged
            let open = try bench.repository.figures.trend(TrendRequest(campaign: "clean-air", bucket: .day))
            #expect(open.series.first { $0.source.isPlatform }?.points.map(\.unchanged) == [false, true, true, false, true])
        }
    }

    @Test func aMalformedBodyFailsTheJobAndRecordsNothing() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            let source = try bench.addSource(.ukParliament, url: server.url("/petitions/2.json"))
            server.set("/petitions/2.json", .init(contentType: "text/html", body: "<html><body>Down for maintenance</body></html>"))
            let ends = try await bench.runDue()
            guard case .failed(let message) = ends.first else { Issue.record("expected a failure, got \(ends)"); return }
            #expect(message.contains("not valid JSON"))
            #expect(message.contains("Down for maintenance"))
            #expect(message.contains("nothing was recorded"))
            let job = try #require(try bench.repository.jobs.list(source: source.id).first)
            #expect(job.state == .failed && job.lastError == message)
            #expect(try bench.count("SELECT count(*) FROM figures") == 0)
            #expect(try bench.count("SELECT count(*) FROM observations") == 0)
            #expect(try bench.repository.sources.find(source.id)?.lastError == message)

            // A body with the count missing says which field.
            bench.clock.advance(by: 300)
            server.set("/petitions/2.json", .init(body: #"{"data": {"attributes": {"state": "open"}}}"#))
            let second = try await bench.runDue()
            guard case .failed(let missing) = second.first else { Issue.record("expected a failure, got \(second)"); return }
            #expect(missing.contains("data.attributes.signature_count is missing"))
        }
    }

    @Test func httpErrorsAreRetriedOrFailedByKind() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            _ = try bench.addSource(.json, url: server.url("/busy"), pointer: "/n")
            _ = try bench.addSource(.json, url: server.url("/gone"), pointer: "/n")
            server.set("/busy", .init(status: 503, body: "{}"))
            server.set("/gone", .init(status: 404, body: "{}"))
            let ends = try await bench.runDue()
            #expect(
                ends.contains {
                    if case .retrying(let m, let at) = $0 { m.contains("HTTP 503") && at == bench.clock.now().addingTimeInterval(22.5) } else { false }
                })
            #expect(ends.contains { if case .failed(let m) = $0 { m.contains("HTTP 404") && m.contains("check the URL") } else { false } })
        }
    }

    @Test func conditionalRequestsUseTheETag() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            let source = try bench.addSource(.json, url: server.url("/count.json"), pointer: "/data/count")
            server.set("/count.json", .init(body: #"{"data": {"count": "2,500"}}"#, etag: "\"v1\""))
            let first = try await bench.runDue()
            #expect(first == [.succeeded("count 2500 (first poll)")], "\(first)")
            bench.clock.advance(by: 300)
            let second = try await bench.runDue()
            #expect(second == [.succeeded("not modified")], "\(second)")
            let counts = try bench.repository.sources.observations(source: source.id, series: "count")
            #expect(counts.count == 1 && counts[0].lastSeen == bench.clock.now())
        }
    }

    @Test func aFeedsItemsYieldTheirFiguresOnceAcrossRuns() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            let articles = [
                (
                    "1", "Clean air campaign grows", "en",
                    "<p>The Invented Clean Air Petition has now been signed by more than 12,400 people, its organisers said on Monday.</p>"
                ),
                ("2", "La pétition avance", "fr", "<p>La pétition pour l'air pur a déjà recueilli environ 12 000 signatures, selon ses auteurs.</p>"),
                (
                    "3", "Petition wächst", "de",
                    "<p>Die Petition für saubere Luft hat inzwischen über 13.000 Unterschriften gesammelt.</p><p>Die Stadt hat 80.000 Einwohner.</p>"
                ),
            ]
            var items = ""
            for (id, title, language, body) in articles {
                server.set(
                    "/articles/\(id)",
                    .init(
                        contentType: "text/html; charset=utf-8",
                        body: "<html lang=\"\(language)\"><head><title>\(title)</title></head><body><article>\(body)</article></body></html>"))
                items +=
                    "<item><title>\(title)</title><link>\(server.url("/articles/\(id)"))</link><guid>paper-\(id)</guid><pubDate>Mon, 23 Nov 2026 0\(id):00:00 GMT</pubDate></item>"
            }
            server.set(
                "/feed.xml",
                .init(
                    contentType: "application/rss+xml",
                    body: "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Paper</title>\(items)</channel></rss>"))
            let source = try bench.addSource(.feed, url: server.url("/feed.xml"), every: 600, outlet: "the-paper")
            #expect(try await bench.runDue() == [.succeeded("3 items, 3 new, 3 figures")])
            bench.clock.advance(by: 600)
            #expect(try await bench.runDue() == [.succeeded("3 items, 0 new, 0 figures")])

            let figures = try bench.db.query(
                """
                SELECT f.value, f.qualifier, f.language, f.method, f.source_url, f.published_at, o.slug AS outlet, c.slug AS campaign
                FROM figures f JOIN outlets o ON o.id = f.outlet_id JOIN campaigns c ON c.id = f.campaign_id ORDER BY f.value
                """)
            #expect(try figures.map { try $0.decode("value", as: Int.self) } == [12000, 12400, 13000])
            #expect(try figures.map { try $0.decode("qualifier", as: String.self) } == ["about", "over", "over"])
            #expect(try figures.map { try $0.decode("language", as: String.self) } == ["fr", "en", "de"])
            #expect(
                try figures.allSatisfy {
                    try $0.decode("method", as: String.self) == "extracted" && $0.decode("outlet", as: String.self) == "the-paper"
                        && $0.decode("campaign", as: String.self) == "clean-air"
                })
            #expect(try figures[1].decode("source_url", as: String.self) == server.url("/articles/1"))
            #expect(try figures[1].decode("published_at", as: Date.self) == TimeFormatting.parse("2026-11-23T01:00:00Z"))
            // Each article was fetched once; the figures wait for review.
            #expect((1...3).allSatisfy { server.requests("/articles/\($0)") == 1 })
            #expect(try bench.repository.figures.pending().count == 3)
            #expect(try bench.repository.sources.find(source.id)?.feedItems == 3)
        }
    }

    /// One bad item (a `javascript:` link, a date in 2100, a link of 2,117 characters) is skipped
    /// and reported; the good item beside it is recorded, and the job succeeds.
    @Test func oneBadFeedItemLosesOnlyItself() async throws {
        let server = try await FixtureServer()
        defer { Task { await server.close() } }
        try await WorkerBench.with { bench in
            server.set(
                "/articles/good",
                .init(
                    contentType: "text/html; charset=utf-8",
                    body: "<html lang=\"en\"><body><p>The Invented Clean Air Petition has been signed by more than 12,400 people.</p></body></html>"))
            let long = server.url("/articles/long?q=" + String(repeating: "x", count: 2_117))
            let items = [
                "<item><title>Good</title><link>\(server.url("/articles/good"))</link><guid>good</guid><pubDate>Mon, 23 Nov 2026 01:00:00 GMT</pubDate></item>",
                "<item><title>Script</title><link>javascript:alert(1)</link><guid>script</guid><description>The Invented Clean Air Petition has 9,000 signatures.</description></item>",
                "<item><title>Future</title><link>\(server.url("/articles/good"))#later</link><guid>future</guid><pubDate>Mon, 01 Nov 2100 01:00:00 GMT</pubDate></item>",
                "<item><title>Long</title><link>\(long)</link><guid>long</guid></item>",
            ].joined()
            server.set(
                "/feed.xml",
                .init(
                    contentType: "application/rss+xml",
                    body: "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Paper</title>\(items)</channel></rss>"))
            let source = try bench.addSource(.feed, url: server.url("/feed.xml"), every: 600, outlet: "the-paper")
            let outcomes = try await bench.runDue()
            #expect(outcomes.count == 1)
            guard case .succeeded(let summary)? = outcomes.first else {
                Issue.record("the feed's job did not succeed: \(outcomes)")
                return
            }
            #expect(summary.hasPrefix("4 items, 4 new, 1 figures, 3 skipped ("), "\(summary)")
            #expect(
                summary.contains("\"script\" its link cannot be read")
                    && summary.contains("\"future\" its publication date 2100-11-01T01:00:00Z cannot be right (in the future)"), "\(summary)")
            #expect(summary.contains("\"long\" its link cannot be read: longer than 2000 characters"), "\(summary)")
            let values = try bench.db.query("SELECT value FROM figures").map { try $0.decode("value", as: Int.self) }
            #expect(values == [12_400])
            let errors = try bench.db.query("SELECT item_key FROM feed_items WHERE error IS NOT NULL ORDER BY item_key").map {
                try $0.decode("item_key", as: String.self)
            }
            #expect(errors == ["future", "long", "script"])
            #expect(try bench.repository.sources.find(source.id)?.feedItems == 4)
            #expect(server.requests("/articles/long") == 0)
        }
    }
}

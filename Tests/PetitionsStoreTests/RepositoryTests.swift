import Foundation
import PetitionsDomain
import PetitionsStore
import Postgres
import TestSupport
import Testing

private let noon = TimeFormatting.parse("2024-11-26T12:00Z")!

/// A migrated database with one campaign and two outlets.
private func withStore<T>(_ body: (Repository) async throws -> T) async throws -> T {
    try await TestDatabase.withConnection { db, _ in
        try Migrator().migrate(on: db)
        let repository = Repository(db)
        try repository.campaigns.add(Campaign(slug: "letter", title: "Dear Corporate AI Overlords", kind: .openLetter), actor: "tester")
        try repository.outlets.add(Outlet(slug: "washington-post", name: "The Washington Post", kind: .news), actor: "tester")
        try repository.outlets.add(Outlet(slug: "petition-site", name: "Petition site", kind: .platform), actor: "tester")
        return try await body(repository)
    }
}

private func figure(_ value: Int, _ qualifier: Qualifier = .exact, outlet: String = "washington-post", hours: Double = 0) -> FigureDraft {
    FigureDraft(campaign: "letter", outlet: outlet, value: value, qualifier: qualifier, asOf: noon.addingTimeInterval(hours * 3600))
}

private func count(_ db: PGConnection, _ table: String) throws -> Int {
    try db.query("SELECT count(*) AS n FROM \(unsafeRaw: table)")[0].decode("n")
}

@Suite(.ownThread) struct RepositoryTests {
    @Test func hostileTitleRoundTrips() async throws {
        try await withStore { repository in
            let title = "'); DROP TABLE campaigns; --"
            try repository.campaigns.add(Campaign(slug: "hostile", title: title, kind: .petition, aliases: ["\"quoted\"", "日本語の別名"]), actor: "tester")
            let stored = try #require(try repository.campaigns.find("hostile"))
            #expect(stored.title == title)
            #expect(stored.aliases == ["\"quoted\"", "日本語の別名"])
            let checked1 = try repository.campaigns.list().count
            #expect(checked1 == 2)
        }
    }

    @Test func campaignRoundTripsEveryField() async throws {
        try await withStore { repository in
            let campaign = Campaign(
                slug: "full", title: "Full", kind: .petition, aliases: ["a"], target: "Parliament", organiser: "Org", platformURL: "https://example.org/p/1",
                launched: Day(year: 2024, month: 10, day: 22), closed: Day(year: 2025, month: 4, day: 22), goal: 100_000, notes: "n")
            try repository.campaigns.add(campaign, actor: "tester")
            let checked2 = try repository.campaigns.find("full")
            #expect(checked2 == campaign)
        }
    }

    @Test func duplicateSlugIsRefusedClearly() async throws {
        try await withStore { repository in
            let error = #expect(throws: StoreError.self) {
                try repository.outlets.add(Outlet(slug: "washington-post", name: "Again", kind: .news), actor: "tester")
            }
            #expect(error?.description.contains("already exists") == true)
        }
    }

    @Test func editValidatesAndAudits() async throws {
        try await withStore { repository in
            try repository.campaigns.edit("letter", actor: "editor") {
                $0.target = "OpenAI"; $0.aliases.append("Sora PR Puppets")
            }
            let checked3 = try repository.campaigns.find("letter")?.target
            #expect(checked3 == "OpenAI")
            #expect(throws: ValidationFailure.self) { try repository.campaigns.edit("letter", actor: "editor") { $0.title = " " } }
            let checked4 = try repository.campaigns.find("letter")?.title
            #expect(checked4 == "Dear Corporate AI Overlords")
            let trail = try repository.auditTrail(type: "campaign", subject: "letter")
            #expect(trail.map(\.action) == ["campaign.add", "campaign.edit"])
            #expect(trail.last?.actor == "editor")
            #expect(trail.last?.details.contains("OpenAI") == true)
        }
    }

    @Test func unknownSlugsAreSuggestedAndNothingIsWritten() async throws {
        try await withStore { repository in
            let drafts = [figure(600), FigureDraft(campaign: "leter", outlet: "washpost", value: 1, asOf: noon)]
            let failure = #expect(throws: FigureStore.BatchFailure.self) { try repository.figures.add(drafts, actor: "tester") }
            let text = failure?.description ?? ""
            #expect(text.contains("line 2: unknown campaign \"leter\" (did you mean \"letter\"?"))
            #expect(text.contains("line 2: unknown outlet \"washpost\" (did you mean \"washington-post\"?"))
            let checked5 = try count(repository.db, "figures")
            #expect(checked5 == 0)
        }
    }

    @Test func historyIsAppendOnly() async throws {
        try await withStore { repository in
            let id = try repository.figures.add([figure(600, .about)], actor: "tester").inserted[0]
            let update = #expect(throws: PGError.self) { try repository.db.execute("UPDATE figures SET value = 1 WHERE id = \(id)") }
            #expect(update?.message.contains("append-only") == true)
            #expect(throws: PGError.self) { try repository.db.execute("DELETE FROM figures") }
            #expect(throws: PGError.self) { try repository.db.execute("DELETE FROM audit_log") }
            let checked6 = try repository.figures.find(id)?.draft.value
            #expect(checked6 == 600)
        }
    }

    @Test func databaseChecksMirrorTheDomain() async throws {
        try await withStore { repository in
            let db = repository.db
            let campaign: Int = try db.query("SELECT id FROM campaigns WHERE slug = 'letter'")[0].decode("id")
            let outlet: Int = try db.query("SELECT id FROM outlets WHERE slug = 'washington-post'")[0].decode("id")
            func insert(_ value: Int, _ qualifier: String, high: Int? = nil) throws {
                try db.execute(
                    """
                    INSERT INTO figures (campaign_id, outlet_id, metric, value, high, qualifier, as_of, method, entered_by)
                    VALUES (\(campaign), \(outlet), 'signatures', \(value), \(high), \(qualifier), now(), 'manual', 'x')
                    """)
            }
            for (value, qualifier, high) in [(-1, "exact", nil), (5, "range", nil), (5, "range", 4), (5, "exact", 6), (5, "roughly", nil)]
                as [(Int, String, Int?)]
            {
                let error = #expect(throws: PGError.self) { try insert(value, qualifier, high: high) }
                #expect(error?.sqlState == PGError.Code.checkViolation)
            }
            let checked7 = try count(db, "figures")
            #expect(checked7 == 0)
        }
    }

    /// `figure_status` gives every figure one status; the set views the queries read agree with it.
    @Test func theStatusViewAndTheSetViewsAgree() async throws {
        try await withStore { repository in
            func extracted(_ value: Int, hours: Double) -> FigureDraft {
                var draft = figure(value, hours: hours)
                draft.method = .extracted
                return draft
            }
            let ids = try repository.figures.add(
                [
                    figure(600, .about), figure(16, hours: 1), figure(380, hours: 2), extracted(10_000, hours: 3), extracted(10_500, hours: 4),
                    extracted(11_500, hours: 5),
                ], actor: "tester"
            ).inserted
            try repository.figures.retract(ids[1], reason: "counted the authors", actor: "editor")
            _ = try repository.figures.correct(ids[2], with: figure(390, hours: 2), actor: "editor")
            try repository.figures.review(accept: [ids[4]], reject: [ids[5]], reason: "a different petition", actor: "editor")
            let history = try repository.figures.list(campaign: "letter", history: true)
            #expect(Set(history.map(\.status)) == Set(ReportedFigure.Status.allCases), "\(history.map(\.status))")
            let db = repository.db
            func set(_ sql: String) throws -> Set<Int> { Set(try db.query("\(unsafeRaw: sql)").map { try $0.decode("id") }) }
            #expect(try set("SELECT id FROM current_figures") == set("SELECT id FROM figure_status WHERE status = 'current'"))
            #expect(try set("SELECT id FROM live_figures") == set("SELECT id FROM figure_status WHERE status IN ('current', 'unreviewed')"))
            #expect(try set("SELECT id FROM figure_status") == set("SELECT id FROM figures"))
        }
    }

    @Test func retractAndCorrectKeepTheHistory() async throws {
        try await withStore { repository in
            let ids = try repository.figures.add([figure(600, .about), figure(16, hours: 1)], actor: "tester").inserted
            try repository.figures.retract(ids[1], reason: "counted the authors, not the signers", actor: "editor")
            var corrected = figure(600, .about)
            corrected.value = 620
            let newID = try repository.figures.correct(ids[0], with: corrected, actor: "editor")
            let checked8 = try repository.figures.list(campaign: "letter").map(\.id)
            #expect(checked8 == [newID])
            let history = try repository.figures.list(campaign: "letter", history: true)
            #expect(Dictionary(uniqueKeysWithValues: history.map { ($0.id, $0.status) }) == [ids[0]: .superseded, ids[1]: .retracted, newID: .current])
            #expect(history.first { $0.id == newID }?.supersedes == ids[0])
            let again = #expect(throws: StoreError.self) { try repository.figures.correct(ids[0], with: corrected, actor: "editor") }
            #expect(again?.description.contains("already corrected by figure \(newID)") == true)
            #expect(throws: StoreError.self) { try repository.figures.retract(ids[1], reason: "twice", actor: "editor") }
            #expect(throws: StoreError.self) { try repository.figures.retract(999_999, reason: "none", actor: "editor") }
            let actions = try repository.db.query("SELECT action FROM audit_log WHERE subject_type = 'figure' ORDER BY id").map {
                try $0.decode("action", as: String.self)
            }
            #expect(actions == ["figure.add", "figure.retract", "figure.correct"])
        }
    }

    @Test func duplicatesAreSkippedSoImportsAreIdempotent() async throws {
        try await withStore { repository in
            let batch = [figure(600, .about), figure(610, .about, hours: 2), figure(600, .about)]
            let first = try repository.figures.add(batch, actor: "tester")
            #expect(first.inserted.count == 2)
            #expect(first.duplicates == 1)
            let second = try repository.figures.add(batch, actor: "tester")
            #expect(second.inserted.isEmpty)
            #expect(second.duplicates == 3)
        }
    }

    @Test func comparisonReadsLatestFiguresAndThePlatformCountAtTheTime() async throws {
        try await withStore { repository in
            _ = try repository.figures.add(
                [
                    figure(500, outlet: "petition-site", hours: 0), figure(700, outlet: "petition-site", hours: 5),
                    figure(900, outlet: "petition-site", hours: 20),
                    figure(450, outlet: "washington-post", hours: 1), figure(600, .about, outlet: "washington-post", hours: 6),
                ], actor: "tester")
            let (campaign, figures, readings) = try repository.figures.comparisonInput(campaign: "letter")
            #expect(campaign.slug == "letter")
            #expect(figures.map(\.draft.value).sorted() == [600, 900])
            let paper = try #require(figures.first { $0.draft.outlet == "washington-post" })
            let context = try #require(readings[paper.id])
            #expect(context.atAsOf == PlatformReading(outlet: "petition-site", value: 700, asOf: noon.addingTimeInterval(5 * 3600)))
            // 600 allows 540 to 660: the platform passed 660 when it showed 700, at hour 5; it showed 500 first and 900 last.
            #expect(context.passed == PlatformReading(outlet: "petition-site", value: 700, asOf: noon.addingTimeInterval(5 * 3600)))
            #expect(context.reached == nil)  // looked for only when the figure is above the count
            #expect(context.first?.value == 500)
            #expect(context.latest?.value == 900)
            #expect(readings.count == 1)  // the platform's own figure is the reference, not judged
            let comparison = Comparison.compare(campaign: campaign, figures: figures, platform: readings, now: noon.addingTimeInterval(86400))
            let flags = comparison.metrics[0].figures.first { $0.figure.id == paper.id }?.flags.map(\.flag) ?? []
            #expect(flags.contains(.behindPlatform))
        }
    }

    @Test func platformContextsInSQLMatchTheDomainsReading() async throws {
        try await withStore { repository in
            // A rising count with one fall, and outlets before, during and after it, hedged, open and exact.
            let polls: [(Double, Int)] = [(0, 500), (1, 640), (2, 700), (3, 690), (5, 820), (8, 1_010), (12, 1_200)]
            try repository.outlets.add(Outlet(slug: "radio", name: "Radio", kind: .news), actor: "tester")
            let outlets = [(-1.0, 450, Qualifier.about, "washington-post"), (2.5, 700, .exact, "radio")]
            _ = try repository.figures.add(
                polls.map { figure($0.1, outlet: "petition-site", hours: $0.0) }
                    + outlets.map {
                        FigureDraft(
                            campaign: "letter", outlet: $0.3, value: $0.1, qualifier: $0.2, asOf: noon.addingTimeInterval($0.0 * 3600),
                            published: noon.addingTimeInterval(($0.0 + 6) * 3600))
                    }, actor: "tester")
            let platform = polls.map { PlatformReading(outlet: "petition-site", value: $0.1, asOf: noon.addingTimeInterval($0.0 * 3600)) }
            // Each outlet's figure in turn, so that every probe is exercised: the later figure replaces the earlier as the outlet's latest.
            for (hours, value, qualifier) in [
                (-1.0, 450, Qualifier.about), (0.5, 600, .over), (2.5, 700, .exact), (4, 2_000, .over), (6, 1_000, .about), (20, 500, .exact),
            ] {
                _ = try repository.figures.add(
                    [
                        FigureDraft(
                            campaign: "letter", outlet: "washington-post", value: value, qualifier: qualifier,
                            asOf: noon.addingTimeInterval(hours * 3600), published: noon.addingTimeInterval((hours + 3) * 3600))
                    ], actor: "tester")
                let (_, figures, contexts) = try repository.figures.comparisonInput(campaign: "letter")
                for figure in figures where figure.outletKind != .platform {
                    #expect(contexts[figure.id] == PlatformContext.around(figure, readings: platform), "\(figure.phrase) at hour \(hours)")
                }
            }
        }
    }

    @Test func concurrentAddsBothLand() async throws {
        try await TestDatabase.with { url in
            let setup = try PGConnection(url)
            defer { setup.close() }
            try Migrator().migrate(on: setup)
            try Repository(setup).campaigns.add(Campaign(slug: "letter", title: "L", kind: .openLetter), actor: "t")
            try Repository(setup).outlets.add(Outlet(slug: "washington-post", name: "W", kind: .news), actor: "t")
            let pool = PGPool(connectionString: url, maximumConnections: 8)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<16 {
                    group.addTask {
                        try await pool.withConnection { db in _ = try Repository(db).figures.add([figure(1000 + index)], actor: "writer-\(index)") }
                    }
                }
                try await group.waitForAll()
            }
            await pool.close()
            let checked9 = try count(setup, "figures")
            #expect(checked9 == 16)
            let checked10 = try count(setup, "audit_log")
            #expect(checked10 == 18)
        }
    }

    @Test func demoSampleLoadsOnce() async throws {
        try await TestDatabase.withConnection { db, _ in
            try Migrator().migrate(on: db)
            let first = try DemoSample.load(into: Repository(db))
            #expect(first.campaignsAdded == 2)
            #expect(first.figuresAdded == DemoSample.figures.count)
            let second = try DemoSample.load(into: Repository(db))
            #expect(second.campaignsAdded == 0)
            #expect(second.figuresAdded == 0)
            #expect(second.figuresAlreadyThere == DemoSample.figures.count)
            let checked11 = try count(db, "figures")
            #expect(checked11 == DemoSample.figures.count)
        }
    }
}

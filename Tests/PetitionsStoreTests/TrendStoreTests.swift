import Foundation
import PetitionsDomain
import PetitionsStore
import Postgres
import TestSupport
import Testing

private let start = TimeFormatting.parse("2024-10-20T00:00Z")!

private func withStore<T>(_ body: (Repository) async throws -> T) async throws -> T {
    try await TestDatabase.withConnection { db, _ in
        try Migrator().migrate(on: db)
        let repository = Repository(db)
        try repository.campaigns.add(Campaign(slug: "statement", title: "Statement on AI training", kind: .statement), actor: "tester")
        for slug in ["outlet-a", "outlet-b", "outlet-c"] {
            try repository.outlets.add(Outlet(slug: slug, name: slug.uppercased(), kind: .news), actor: "tester")
        }
        try repository.outlets.add(Outlet(slug: "platform", name: "The platform", kind: .platform), actor: "tester")
        return try await body(repository)
    }
}

/// A deterministic pseudo-random generator, so a failure can be replayed.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite(.ownThread) struct TrendStoreTests {
    /// The SQL bucketing (date_bin, date_trunc in the zone, generate_series, one probe per bucket)
    /// must agree with the domain's reference bucketing, gaps and daylight-saving days included.
    @Test(arguments: [
        ("UTC", BucketSize.hour), ("UTC", .day), ("UTC", .week), ("Europe/London", .hour), ("Europe/London", .day),
        ("Europe/London", .week), ("Asia/Kolkata", .hour), ("America/New_York", .day),
        ("UTC", .fiveMinutes), ("Asia/Kolkata", .fifteenMinutes), ("Europe/London", .fifteenMinutes),
    ])
    func sqlBucketingMatchesTheDomain(zone: String, size: BucketSize) async throws {
        try await withStore { repository in
            var random = SplitMix(state: UInt64(abs(zone.hashValue % 1000)) + UInt64(size.nominalLength))
            let outlets = ["outlet-a", "outlet-b", "outlet-c", "platform"]
            // Across the 27 October and 3 November clock changes; half a day of minutes.
            let span: TimeInterval = size.isClockTime ? (size == .hour ? 3 * 86400 : 12 * 3600) : 40 * 86400
            let drafts = (0..<120).map { index -> FigureDraft in
                let qualifier = [Qualifier.exact, .about, .over, .atLeast][Int.random(in: 0..<4, using: &random)]
                let outlet = outlets[Int.random(in: 0..<4, using: &random)]
                return FigureDraft(
                    campaign: "statement", outlet: outlet, value: 1_000 + index * 50 + Int.random(in: 0..<40, using: &random),
                    qualifier: outlet == "platform" ? .exact : qualifier,
                    asOf: start.addingTimeInterval(TimeInterval(Int.random(in: 0..<Int(span), using: &random))),
                    method: outlet == "platform" ? .polled : .manual)
            }
            let added = try repository.figures.add(drafts, actor: "tester")
            try repository.figures.retract(added.inserted[3], reason: "test", actor: "tester")
            let timeZone = TimeZone(identifier: zone)!
            let stored = try repository.figures.trend(TrendRequest(campaign: "statement", bucket: size, timeZone: timeZone))
            let figures = try repository.figures.list(campaign: "statement", history: true)
            let first = figures.filter { $0.status == .current }.map(\.draft.asOf).min()!,
                last = figures.filter { $0.status == .current }.map(\.draft.asOf).max()!
            let expected = Trends.trend(
                campaign: stored.campaign, figures: figures, metric: .signatures, bucketing: Bucketing(size: size, timeZone: timeZone),
                from: first, through: last, names: Dictionary(uniqueKeysWithValues: outlets.map { ($0, $0 == "platform" ? "The platform" : $0.uppercased()) }))
            #expect(stored.buckets == expected.buckets)
            #expect(stored.series.map(\.source) == expected.series.map(\.source))
            for (mine, theirs) in zip(stored.series, expected.series) {
                #expect(mine.points == theirs.points, "\(mine.source)")
                #expect(mine.name == theirs.name)
            }
        }
    }

    @Test func rangeOutletFilterAndEmptyCampaigns() async throws {
        try await withStore { repository in
            let empty = try repository.figures.trend(TrendRequest(campaign: "statement"))
            #expect(empty.isEmpty && empty.buckets.isEmpty)
            _ = try repository.figures.add(
                [
                    FigureDraft(campaign: "statement", outlet: "outlet-a", value: 10_000, asOf: start),
                    FigureDraft(campaign: "statement", outlet: "outlet-b", value: 10_500, asOf: start.addingTimeInterval(86400 * 2)),
                    FigureDraft(campaign: "statement", outlet: "outlet-b", metric: .authors, value: 16, asOf: start.addingTimeInterval(86400 * 9)),
                ], actor: "tester")
            let trend = try repository.figures.trend(TrendRequest(campaign: "statement"))
            #expect(trend.bucketing.size == .hour)  // 2 days: automatic picks hours
            #expect(trend.buckets.count == 49)
            let onlyB = try repository.figures.trend(
                TrendRequest(campaign: "statement", bucket: .day, since: start, until: start.addingTimeInterval(86400 * 5), outlets: ["outlet-b"]))
            #expect(onlyB.buckets.count == 6)
            #expect(onlyB.series.map(\.source) == [.outlet("outlet-b")])
        }
    }

    @Test func refusesWhatItCannotDraw() async throws {
        try await withStore { repository in
            #expect(throws: ValidationFailure.self) {
                try repository.figures.trend(TrendRequest(campaign: "statement", bucket: .hour, since: start, until: start.addingTimeInterval(400 * 86400)))
            }
            #expect(throws: ValidationFailure.self) {
                try repository.figures.trend(TrendRequest(campaign: "statement", since: start, until: start.addingTimeInterval(-1)))
            }
            #expect(throws: DomainError.self) { try repository.figures.trend(TrendRequest(campaign: "statment")) }
            #expect(throws: DomainError.self) { try repository.figures.trend(TrendRequest(campaign: "statement", outlets: ["outlet-z"])) }
        }
    }

    /// A year of polled counts every five minutes (about 105,000 rows): a daily trend reads a few
    /// rows per bucket and source, not the history. Counted with the transaction's own statistics.
    @Test func readsOnlyWhatItDraws() async throws {
        try await withStore { repository in
            let db = repository.db
            try db.execute(
                """
                INSERT INTO figures (campaign_id, outlet_id, metric, value, qualifier, as_of, method, entered_by)
                SELECT c.id, o.id, 'signatures', n * 3, 'exact', \(start) + n * interval '5 minutes', 'polled', 'tester'
                FROM campaigns c, outlets o, generate_series(0, 105119) AS n
                WHERE c.slug = 'statement' AND o.slug = 'platform'
                """)
            _ = try repository.figures.add(
                [FigureDraft(campaign: "statement", outlet: "outlet-a", value: 10_000, asOf: start.addingTimeInterval(86400 * 30))], actor: "tester")
            try db.execute("ANALYZE figures")
            if ProcessInfo.processInfo.environment["TREND_EXPLAIN"] != nil {
                try db.execute("LOAD 'auto_explain'")
                try db.execute("SET auto_explain.log_min_duration = 0")
                try db.execute("SET auto_explain.log_analyze = on")
                try db.execute("SET auto_explain.log_level = 'warning'")
            }
            let (trend, fetched) = try db.withTransaction { db in
                let trend = try Repository(db).figures.trend(TrendRequest(campaign: "statement", bucket: .day))
                let stats = try db.query(
                    "SELECT coalesce(idx_tup_fetch, 0) + coalesce(seq_tup_read, 0) AS n FROM pg_stat_xact_user_tables WHERE relname = 'figures'")
                return (trend, try stats[0].decode("n", as: Int.self))
            }
            if ProcessInfo.processInfo.environment["TREND_EXPLAIN"] != nil { print("trend over 105,121 rows read \(fetched) figure rows") }
            #expect(trend.buckets.count == 365)
            #expect(trend.platformSeries.first?.points.count == 365)
            // 365 buckets × 2 sources, plus the range lookups and retraction checks: far below 105,121.
            #expect(fetched < 5_000, "read \(fetched) figure rows")
        }
    }
}

import Foundation
import PetitionsDomain
import Testing

private let base = TimeFormatting.parse("2024-10-22T12:00Z")!
private let campaign = Campaign(slug: "statement", title: "Statement", kind: .statement)

/// A stored figure `hours` after `base`.
private func fig(
    _ id: Int, _ outlet: String, _ value: Int, _ qualifier: Qualifier = .exact, high: Int? = nil, metric: Metric = .signatures,
    hours: Double = 0, publishedHours: Double? = nil, kind: OutletKind = .news, status: ReportedFigure.Status = .current
) -> ReportedFigure {
    let draft = FigureDraft(
        campaign: "statement", outlet: outlet, metric: metric, value: value, high: high, qualifier: qualifier,
        asOf: base.addingTimeInterval(hours * 3600), published: publishedHours.map { base.addingTimeInterval($0 * 3600) })
    return ReportedFigure(id: id, draft: draft, outletKind: kind, recorded: base, enteredBy: "test", status: status)
}

private func compare(_ figures: [ReportedFigure], platform: [Int: PlatformContext] = [:]) -> [Metric: MetricComparison] {
    let result = Comparison.compare(campaign: campaign, figures: figures, platform: platform, now: base.addingTimeInterval(30 * 86400))
    return Dictionary(uniqueKeysWithValues: result.metrics.map { ($0.metric, $0) })
}

private func flags(_ comparison: MetricComparison?, _ id: Int) -> [FigureFlag] {
    comparison?.figures.first { $0.figure.id == id }?.flags.map(\.flag) ?? []
}

@Suite struct ConsensusTests {
    @Test func agreeingApproximationsNarrowToTheirOverlap() throws {
        let result = compare([fig(1, "a", 600, .about), fig(2, "b", 620, .about), fig(3, "c", 650, .about)])[.signatures]
        let consensus = try #require(result?.consensus)
        #expect(consensus.interval == CountInterval(low: 585, high: 660))  // 558–682 ∩ 540–660 ∩ 585–715
        #expect(consensus.point == 620)
        #expect(consensus.words == "585 to 660, about 620 (3 of 3 sources say so)")
        #expect(consensus.supporting == [1, 2, 3])
        #expect(result?.spread == Spread(low: 600, high: 650, ratio: 650.0 / 600.0))
    }

    @Test func mostSourcesWinAndTheRestAreOutliers() throws {
        // The bundled real case: two early exact counts against six open-ended later ones.
        let figures = [
            fig(1, "a", 10_000), fig(2, "b", 10_500, hours: 6), fig(3, "c", 11_500, .over, hours: 18), fig(4, "d", 13_000, .over, hours: 24),
            fig(5, "e", 13_500, .atLeast, hours: 30), fig(6, "f", 19_000, .over, hours: 48), fig(7, "g", 13_500, .over, hours: 30),
            fig(8, "h", 13_500, .over, hours: 30),
        ]
        let result = compare(figures)[.signatures]
        let consensus = try #require(result?.consensus)
        #expect(consensus.interval == CountInterval(low: 19_001, high: nil))
        // Only "more than 19,000" points at it; "more than 11,500" and the others allow it without saying it.
        #expect(consensus.supporting == [6])
        #expect(consensus.consistent == [3, 4, 5, 7, 8])
        // Open above: no number of its own (no outlet said 19,001).
        #expect(consensus.point == nil)
        #expect(consensus.words == "more than 19,000 (1 of 8 sources says so; 5 more allow it)")
        // The launch-day counts were right when published: overtaken since, never outliers as well.
        #expect(flags(result, 1) == [.sinceOvertaken])
        #expect(flags(result, 2) == [.sinceOvertaken])
        #expect(!flags(result, 6).contains(.outlier))
        #expect(result?.spread?.ratio == 1.9)
    }

    @Test func onlyEachOutletsLatestCurrentFigureCounts() {
        let result = compare([
            fig(1, "a", 500, hours: 0), fig(2, "a", 700, hours: 10), fig(3, "a", 900, hours: 20, status: .retracted), fig(4, "b", 710, .about, hours: 10),
        ])[.signatures]
        #expect(result?.figures.map(\.figure.id).sorted() == [2, 4])
    }

    @Test func noFiguresNoConsensus() {
        #expect(Comparison.consensus(of: []) == nil)
        #expect(compare([]).isEmpty)
    }
}

@Suite struct FlagTests {
    @Test func overtakenSinceWhenANewerDifferentFigureHeldMuchLater() {
        // The launch-day 10,000 was right when published: overtaken since, not outdated.
        let result = compare([fig(1, "a", 10_000, publishedHours: 1), fig(2, "b", 19_000, .over, hours: 48, publishedHours: 49)])[.signatures]
        #expect(flags(result, 1).contains(.sinceOvertaken))
        #expect(!flags(result, 1).contains(.outdatedWhenPublished))
        #expect(!FigureFlag.sinceOvertaken.isFault)
        #expect(flags(result, 2).isEmpty)
        let note = result?.figures.first { $0.figure.id == 1 }?.flags.first { $0.flag == .sinceOvertaken }?.explanation
        #expect(note == "10,000 as of 2024-10-22 12:00 was overtaken by b's more than 19,000 as of 2024-10-24 12:00, 2 d later")
    }

    @Test func notOvertakenWithinTheThreshold() {
        let result = compare([fig(1, "a", 10_000), fig(2, "b", 10_400, hours: 20)])[.signatures]
        #expect(!flags(result, 1).contains(.sinceOvertaken))
        #expect(!flags(result, 1).contains(.outdatedWhenPublished))
    }

    @Test func aLaterRepeatOfTheSameCountIsNoReason() {
        // b says the same thing a week later: a cites nothing.
        let result = compare([fig(1, "a", 13_500, .over), fig(2, "b", 13_500, .over, hours: 7 * 24)])[.signatures]
        #expect(flags(result, 1).isEmpty)
    }

    @Test func outdatedWhenAnOldFigureIsPublishedLongAfterANewerOne() {
        // Holds as of hour 30 but published a month later, when b's newer figure had long been out.
        let result = compare([fig(1, "a", 13_500, .over, hours: 30, publishedHours: 36 * 24), fig(2, "b", 19_000, .over, hours: 48, publishedHours: 49)])[
            .signatures]
        #expect(flags(result, 1) == [.outdatedWhenPublished])
        let note = result?.figures.first { $0.figure.id == 1 }?.flags.first?.explanation ?? ""
        #expect(note.contains("published more than 13,500 on 2024-11-27 12:00"))
        #expect(note.contains("at least 5,501 more"))
    }

    @Test func metricMixupIsAnOutlierEqualToAnotherMetric() {
        let result = compare([
            fig(1, "fr", 16, metric: .authors), fig(2, "a", 600, .about), fig(3, "b", 610, .about), fig(4, "c", 16),
        ])
        #expect(flags(result[.signatures], 4) == [.outlier, .metricMixup])
        #expect(flags(result[.authors], 1).isEmpty)
        let note = result[.signatures]?.figures.first { $0.figure.id == 4 }?.flags.last?.explanation
        #expect(note == "16 is the authors figure reported by fr; c may have counted authors as signatures")
    }

    @Test func anOutlierWithNoTwinIsNoMixup() {
        let result = compare([fig(1, "a", 600, .about), fig(2, "b", 610, .about), fig(3, "c", 16)])[.signatures]
        #expect(flags(result, 3) == [.outlier])
    }

    @Test func roundedWhenAMorePreciseFigureFitsInside() {
        let result = compare([fig(1, "a", 600, .about, hours: 2), fig(2, "platform", 612, hours: 1), fig(3, "b", 13_000, .over, metric: .verifiedSignatures)])
        #expect(flags(result[.signatures], 1) == [.rounded])
        #expect(flags(result[.signatures], 2).isEmpty)
    }

    @Test func notRoundedWhenThePreciseFigureIsFromAnotherTime() {
        let result = compare([fig(1, "a", 600, .about, hours: 0), fig(2, "b", 612, hours: 72)])[.signatures]
        #expect(!flags(result, 1).contains(.rounded))
    }

    @Test func behindPlatformWhenBelowThePlatformsCountAtTheTime() {
        let figures = [fig(1, "paper", 10_000, hours: 10), fig(2, "uk-parliament", 12_345, hours: 9, kind: .platform)]
        let reading = PlatformContext(
            outlet: "uk-parliament", atAsOf: PlatformReading(outlet: "uk-parliament", value: 12_345, asOf: base.addingTimeInterval(9 * 3600)))
        let result = compare(figures, platform: [1: reading])[.signatures]
        #expect(flags(result, 1).contains(.behindPlatform))
        // An open-ended figure is behind when its lower bound is far below the count (12,345 is
        // more than 10,000, but "more than 10,000" said of it is an old number) ...
        let open = compare([fig(1, "paper", 10_000, .over, hours: 10)], platform: [1: reading])[.signatures]
        #expect(flags(open, 1).contains(.behindPlatform))
        // ... and rounded when it is within 10% of it.
        let close = compare([fig(1, "paper", 12_000, .over, hours: 10)], platform: [1: reading])[.signatures]
        #expect(!flags(close, 1).contains(.behindPlatform))
        #expect(close?.figures.first?.verdict?.kind == .rounded)
    }

    @Test func everyFlagIsExplained() {
        for flag in FigureFlag.allCases { #expect(!flag.meaning.isEmpty) }
    }
}

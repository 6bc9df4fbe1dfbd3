import Foundation
import PetitionsDomain
import Testing

// An invented UK-style petition: the platform polled hourly from 08:00, outlets reporting through the day.
private let start = TimeFormatting.parse("2026-03-02T08:00Z")!
private func at(_ hours: Double) -> Date { start.addingTimeInterval(hours * 3600) }
private let campaign = Campaign(slug: "ferry", title: "Keep the island ferry", kind: .petition)

/// 08:00 10,120 · 09:00 11,240 · ... rising by 1,100 to 1,300 an hour, 24,449 at 20:00.
private let polls: [(Double, Int)] = [
    (0, 10_120), (1, 11_240), (2, 12_390), (3, 13_512), (4, 14_700), (5, 15_880), (6, 17_020), (8, 19_400),
    (10, 21_050), (12, 22_610), (12.5, 22_588), (16, 23_900), (20, 24_449),
]
private let readings = polls.map { PlatformReading(outlet: "uk-parliament", value: $0.1, asOf: at($0.0)) }

private func figure(
    _ id: Int, _ outlet: String, _ value: Int, _ qualifier: Qualifier = .exact, hours: Double, published: Double? = nil,
    kind: OutletKind = .news
) -> ReportedFigure {
    ReportedFigure(
        id: id, draft: FigureDraft(campaign: "ferry", outlet: outlet, value: value, qualifier: qualifier, asOf: at(hours), published: published.map(at)),
        outletKind: kind, recorded: start, enteredBy: "test")
}

private func judged(_ figures: [ReportedFigure]) -> MetricComparison {
    let platform = polls.enumerated().map { index, poll in figure(100 + index, "uk-parliament", poll.1, hours: poll.0, kind: .platform) }
    var contexts: [Int: PlatformContext] = [:]
    for figure in figures { contexts[figure.id] = PlatformContext.around(figure, readings: readings) }
    return Comparison.compare(campaign: campaign, figures: figures + platform, platform: contexts, now: at(24)).metrics[0]
}

private func verdict(_ comparison: MetricComparison, _ id: Int) -> PlatformVerdict? {
    comparison.figures.first { $0.figure.id == id }?.verdict
}

@Suite struct PlatformVerdictTests {
    @Test func everyVerdictOnOneDay() throws {
        let result = judged([
            figure(1, "wire", 13_512, hours: 3.5),  // the platform's count at 11:00, quoted at 11:30
            figure(2, "local-paper", 13_500, hours: 3.2),  // the same, rounded
            figure(3, "radio", 15_000, .over, hours: 5.5),  // "more than 15,000" when it was 15,880
            figure(4, "blog", 11_000, .over, hours: 9, published: 10),  // an 09:00 number given at 17:00
            figure(5, "tabloid", 25_000, .over, hours: 12),  // more than it ever reached
            figure(6, "weekly", 20_000, hours: 6),  // given at 14:00, true only after 16:00
            figure(7, "early-bird", 9_000, .about, hours: -2),  // before the first poll
        ])
        #expect(verdict(result, 1)?.kind == .consistent)
        #expect(verdict(result, 2)?.kind == .rounded)
        #expect(verdict(result, 3)?.kind == .rounded)
        let behind = try #require(verdict(result, 4))
        #expect(behind.kind == .behind)
        // "More than 11,000" is true of 19,400 (16:00) but 8,400 short of it; the platform passed
        // 12,101 (11,000 and 10%) at 10:00, seven hours before.
        #expect(behind.difference == 19_400 - 11_000)
        #expect(abs((behind.late ?? 0) - 7 * 3600) < 1)
        #expect(
            behind.explanation
                == "blog said more than 11,000 as of 2026-03-02 17:00, 8,400 behind the 19,400 uk-parliament showed, a number it had passed at 2026-03-02 10:00 (7 h earlier)"
        )
        let inflated = try #require(verdict(result, 5))
        #expect(inflated.kind == .contradicts)
        #expect(inflated.explanation.contains("never shown that many"))
        let early = try #require(verdict(result, 6))
        #expect(early.kind == .ahead)
        #expect(early.difference == -(20_000 - 17_020))
        #expect(abs((early.late ?? 0) - 4 * 3600) < 1)  // the platform reached 21,050 at 18:00
        #expect(verdict(result, 7)?.kind == .untracked)
    }
}

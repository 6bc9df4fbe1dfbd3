import Foundation
import PetitionsDomain
import PetitionsReports
import Testing

private let start = TimeFormatting.parse("2024-10-22T00:00Z")!

/// Every sentence a report prints is a claim. For each sentence template, a scenario where its
/// premise is false: the report (HTML and Markdown) must stay silent on it.
/// Up to 80 characters either side of the first `phrase` in `text`, for failure messages.
private func around(_ phrase: String, in text: String) -> String {
    guard let range = text.range(of: phrase) else { return "(absent)" }
    let from = text.index(range.lowerBound, offsetBy: -80, limitedBy: text.startIndex) ?? text.startIndex
    let to = text.index(range.upperBound, offsetBy: 80, limitedBy: text.endIndex) ?? text.endIndex
    return String(text[from..<to])
}

@Suite struct NoInventedFactsTests {
    /// The report's text (tags and markup dropped) for `figures`, as of an hour after the last one
    /// unless `now` says otherwise, with figures `compare` flags left out of growth as the store does.
    func rendered(_ figures: [ReportedFigure], bucket: BucketSize = .day, now: Date? = nil) throws -> String {
        let last = figures.map(\.draft.asOf).max() ?? start
        let now = now ?? last.addingTimeInterval(3600)
        var trend = Trends.trend(campaign: statement, figures: figures, metric: .signatures, bucketing: Bucketing(size: bucket), from: start, through: last)
        // The platform's every poll, as the store loads them.
        trend.platformHistory = figures.filter { $0.outletKind == .platform }.map {
            PlatformReading(outlet: $0.draft.outlet, value: $0.draft.value, asOf: $0.draft.asOf)
        }
        let comparison = Comparison.compare(campaign: statement, figures: figures, now: now)
        let flagged = comparison.wrongFigures
        let reports = figures.filter { $0.outletKind != .platform }
        let analysis = TrendAnalysis.analyze(trend, reports: reports, window: 7 * 86400, excluding: flagged, now: now)
        let report = Report(
            generated: now, source: "a test database",
            campaigns: [CampaignReport(comparison: comparison, analyses: [analysis], provenance: figures)])
        let html = try report.html().replacingOccurrences(of: #"<[^>]+>"#, with: " ", options: .regularExpression)
        return html + "\n" + report.markdown(chartsBeside: "x").text
    }

    func poll(_ id: Int, _ value: Int, hours: Double) -> ReportedFigure { reported(id, "platform", value, hours: hours, kind: .platform) }

    /// "The count fell ... removed by the platform": only the platform's own count can fall.
    @Test func noFallWithoutThePlatformsCount() throws {
        let text = try rendered([reported(1, "outlet-a", 600, .about, hours: 2), reported(2, "outlet-b", 500, .over, hours: 30)])
        #expect(!text.contains("count fell") && !text.contains("removed by the platform"))
        // Its premise true: the platform's count went down.
        let fell = try rendered([poll(1, 1_000, hours: 0), poll(2, 1_200, hours: 2), poll(3, 1_100, hours: 4), poll(4, 1_300, hours: 6)], bucket: .hour)
        #expect(fell.contains("count fell"))
    }

    /// "N a day": a rate needs three counts over at least a bucket.
    @Test func noRateFromPollsSecondsApart() throws {
        let text = try rendered([poll(1, 1_234, hours: 0), poll(2, 1_600, hours: 2.0 / 3600), poll(3, 1_550, hours: 6.0 / 3600)], bucket: .hour)
        #expect(!text.contains(" a day"), "\(around(" a day", in: text))")
        #expect(text.lowercased().contains("too soon to tell"), "\(around("Growth", in: text))")
        #expect(!text.contains("about 2024-"), "\(around("about 2024-", in: text))")
    }

    /// "target: about DATE": never a date that has passed, nor from a count long silent.
    @Test func noProjectionInThePast() throws {
        let polls = (0..<10).map { poll($0 + 1, 1_000 + $0 * 500, hours: Double($0) * 6) }
        let late = try rendered(polls, bucket: .hour, now: TimeFormatting.parse("2026-12-07T12:00Z")!)
        #expect(!late.contains("about 20"), "\(around("about 20", in: late))")
        #expect(late.lowercased().contains("no data since 2024-10-24"), "\(around("Projection", in: late))")
        let fresh = try rendered(polls, bucket: .hour)
        #expect(fresh.contains("about 2024-10-26"), "\(around("Projection", in: fresh))")
    }

    /// "speeding up", "slowing down": read off the platform's count only, never outlets' medians.
    @Test func noAccelerationFromOutletsFigures() throws {
        let text = try rendered([
            reported(1, "outlet-a", 1_000, hours: 2), reported(2, "outlet-b", 5_000, hours: 26), reported(3, "outlet-c", 6_000, hours: 50),
            reported(4, "outlet-d", 16, hours: 60), reported(5, "outlet-e", 16, hours: 1, metric: .authors),
        ])
        #expect(!text.contains("speeding up") && !text.contains("slowing down") && !text.contains("steady ("))
        #expect(!text.contains("-1,"), "a negative rate from a flagged figure")
    }

    /// "N of M sources say so": only those that point at the consensus, not those that merely allow it.
    @Test func consensusCountsOnlyThoseWhoSayIt() throws {
        let text = try rendered([
            reported(1, "outlet-a", 11_500, .over, hours: 2), reported(2, "outlet-b", 13_000, .over, hours: 3),
            reported(3, "outlet-c", 19_000, .over, hours: 4),
        ])
        #expect(!text.contains("3 of 3 sources"))
        #expect(text.contains("1 of 3 sources says so; 2 more allow it"))
    }

    /// "outlier": never said of a figure that was right when published and overtaken since.
    @Test func anOvertakenFigureIsNoOutlier() throws {
        let text = try rendered([
            reported(1, "outlet-a", 10_000, hours: 2), reported(2, "outlet-b", 19_000, .over, hours: 50), reported(3, "outlet-c", 19_000, .over, hours: 52),
        ])
        #expect(text.contains("since_overtaken"))
        #expect(!text.contains("since_overtaken, outlier") && !text.contains("#1 outlier"), "\(around("#1 outlier", in: text))")
    }

    /// The range at a glance leaves out a figure the comparison flags as a metric mix-up.
    @Test func theRangeLeavesOutAMixUp() throws {
        let text = try rendered([
            reported(1, "outlet-a", 600, .about, hours: 2), reported(2, "outlet-b", 620, .about, hours: 3), reported(3, "outlet-c", 16, hours: 4),
            reported(4, "outlet-d", 16, hours: 1, metric: .authors),
        ])
        #expect(text.contains("metric_mixup"))
        #expect(!text.contains("from 16 to") && !text.contains("16 to 6"))
    }

    /// "reached by DATE": only when a count reached the target.
    @Test func noReachedBelowTheTarget() throws {
        let polls = (0..<10).map { poll($0 + 1, 9_000 + $0 * 100, hours: Double($0) * 6) }
        let text = try rendered(polls, bucket: .hour)
        #expect(!text.contains("10,000: reached"))
    }
}

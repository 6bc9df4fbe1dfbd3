import Foundation
import PetitionsDomain
import PetitionsReports
import PetitionsStore

/// What a trend covers and how it is read: the CLI's `trend` and `report`, and the web service,
/// ask for a campaign's trend and report the same way.
public struct TrendQuery: Sendable {
    public var metric: Metric
    public var bucket: BucketSize?
    public var timeZone: TimeZone
    public var since: Date?
    public var until: Date?
    public var outlets: [String]
    public var compareWith: [String]
    public var window: TimeInterval
    public var targets: [Int]

    public init(
        metric: Metric = .signatures, bucket: BucketSize? = nil, timeZone: TimeZone = TimeZone(identifier: "UTC")!, since: Date? = nil, until: Date? = nil,
        outlets: [String] = [], compareWith: [String] = [], window: TimeInterval = 7 * 86400, targets: [Int] = []
    ) {
        self.metric = metric
        self.bucket = bucket
        self.timeZone = timeZone
        self.since = since
        self.until = until
        self.outlets = outlets
        self.compareWith = compareWith
        self.window = window
        self.targets = targets
    }
}

extension TrendQuery {
    public func request(campaign: String, metric: Metric? = nil, bucket: BucketSize? = nil) -> TrendRequest {
        TrendRequest(
            campaign: campaign, metric: metric ?? self.metric, bucket: bucket ?? self.bucket, timeZone: timeZone, since: since, until: until, outlets: outlets)
    }

    /// The campaign's trend for the chosen metric, read off.
    /// - Parameter flagged: figures `compare` flagged as wrong, left out of growth read off outlets'
    ///   figures; nil: worked out here.
    public func analysis(
        _ repository: Repository, campaign: String, metric: Metric? = nil, reports: [ReportedFigure]? = nil, flagged: Set<Int>? = nil, now: Date = Date()
    ) throws -> TrendAnalysis {
        var trend = try repository.figures.trend(request(campaign: campaign, metric: metric))
        trend.platformHistory = try repository.figures.platformHistory(trend)
        let excluded: Set<Int>
        if let flagged {
            excluded = flagged
        } else if trend.platformHistory.isEmpty && trend.platformSeries.isEmpty {
            let (record, figures, readings) = try repository.figures.comparisonInput(campaign: campaign)
            excluded = Comparison.compare(campaign: record, figures: figures, platform: readings, now: now).wrongFigures
        } else {
            excluded = []
        }
        return TrendAnalysis.analyze(
            trend, reports: try reports ?? repository.figures.reports(campaign: campaign), window: window, targets: targets, excluding: excluded, now: now)
    }

    /// The other campaigns' counts aligned on days since launch, with this one first.
    public func sideBySide(_ repository: Repository, main: TrendAnalysis) throws -> [AlignedSeries] {
        guard !compareWith.isEmpty else { return [] }
        var aligned = Trends.aligned(main.trend).map { [$0] } ?? []
        for other in compareWith {
            // Each campaign over its own span, in the main trend's bucket size; the outlet filter is the main campaign's.
            let trend = try repository.figures.trend(
                TrendRequest(campaign: other, metric: main.trend.metric, bucket: main.trend.bucketing.size, timeZone: timeZone))
            if let series = Trends.aligned(trend) { aligned.append(series) }
        }
        return aligned
    }

    /// Everything a report shows about one campaign.
    public func campaignReport(_ repository: Repository, campaign slug: String, now: Date) throws -> CampaignReport {
        let (campaign, figures, readings) = try repository.figures.comparisonInput(campaign: slug)
        let comparison = Comparison.compare(campaign: campaign, figures: figures, platform: readings, now: now)
        let reports = try repository.figures.reports(campaign: slug)
        let flagged = comparison.wrongFigures
        let main = try analysis(repository, campaign: slug, reports: reports, flagged: flagged, now: now)
        var analyses = [main]
        // Other metrics get a chart too, in the main chart's bucket size, when they have more than
        // one figure to plot; a lone figure reads better in the comparison table.
        for metric in comparison.metrics.map(\.metric) where metric != main.trend.metric && metric != .goal {
            let trend = try repository.figures.trend(request(campaign: slug, metric: metric, bucket: main.trend.bucketing.size))
            if trend.series.reduce(0, { $0 + $1.points.count }) > 1 {
                analyses.append(TrendAnalysis.analyze(trend, reports: reports, window: window, excluding: flagged, now: now))
            }
        }
        // Growth and projections belong to the main metric only.
        for index in analyses.indices.dropFirst() {
            analyses[index].growth = nil
            analyses[index].projections = []
        }
        // Every figure that was published, withdrawn ones marked; never an extracted figure that
        // awaits review or was rejected in it.
        let provenance = try repository.figures.reports(campaign: slug, history: true).filter { $0.status != .rejected && $0.status != .unreviewed }
        return CampaignReport(comparison: comparison, analyses: analyses, sideBySide: try sideBySide(repository, main: main), provenance: provenance)
    }
}

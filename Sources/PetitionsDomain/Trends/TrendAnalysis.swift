import Foundation

/// A trend with everything read off it: growth, projections, who reported first, and how far
/// outlets lagged behind the platform.
public struct TrendAnalysis: Sendable, Hashable {
    public var trend: Trend
    public var basis: Basis?
    public var growth: Growth?
    public var projections: [Projection]
    public var firstReports: [FirstReport]
    public var platformLags: [PlatformLag]
    /// The window growth and projections are measured over.
    public var window: TimeInterval

    /// - Parameters:
    ///   - reports: the campaign's figures from reporters (any metric); those of the trend's metric are used.
    ///   - targets: counts to project besides the goal and the next round thresholds.
    ///   - excluding: figures `compare` flagged as wrong (outliers, metric mix-ups, outdated when
    ///     published): left out of a basis read off outlets' figures.
    ///   - now: projections dated before it, or from a count silent too long, say "no data since".
    public static func analyze(
        _ trend: Trend, reports: [ReportedFigure], window: TimeInterval, targets: [Int] = [], excluding: Set<Int> = [], now: Date = Date()
    ) -> TrendAnalysis {
        let basis = Trends.basis(of: trend, excluding: excluding)
        let minimumSpan = Growth.minimumSpan(bucketLength: trend.bucketing.size.nominalLength)
        var growth = basis.map { Growth.measure($0, window: window, minimumSpan: minimumSpan) }
        // Rates come from every poll; the steps listed are one per bucket, as the chart has them.
        if !trend.platformHistory.isEmpty, let bucketed = Trends.bucketedBasis(of: trend, excluding: excluding) {
            growth?.steps = Growth.measure(bucketed, window: window, minimumSpan: minimumSpan).steps
        }
        var projections: [Projection] = []
        if let basis, let current = basis.points.last?.value, trend.metric == .signatures || trend.metric == .verifiedSignatures {
            // A UK Parliament petition: the government answers at 10,000 and a debate is considered at 100,000.
            let parliament =
                trend.campaign.platformURL?.contains("petition.parliament.uk") == true
                || trend.platformHistory.first?.outlet == "uk-parliament-petitions"
                || trend.platformSeries.contains { $0.source.slug == "uk-parliament-petitions" }
            var wanted = ProjectionTarget.targets(goal: trend.campaign.goal, requested: targets, current: current)
            if parliament { wanted = ProjectionTarget.parliament(wanted) }
            projections = Projection.project(
                basis, targets: wanted,
                window: window, closed: trend.campaign.closed, now: now, minimumSpan: minimumSpan)
        }
        let metricReports = reports.filter { $0.draft.metric == trend.metric }
        var lags: [PlatformLag] = []
        if let outlet = trend.platformHistory.first?.outlet {
            let readings = trend.platformHistory.map { TrendPoint(bucketStart: $0.asOf, figureID: 0, value: $0.value, asOf: $0.asOf) }
            lags = FirstReporters.platformLags(metricReports, platform: outlet, readings: readings)
        } else if let platform = trend.platformSeries.max(by: { $0.points.count < $1.points.count }) {
            lags = FirstReporters.platformLags(metricReports, platform: platform.source.slug, readings: platform.points)
        }
        return TrendAnalysis(
            trend: trend, basis: basis, growth: growth, projections: projections,
            firstReports: FirstReporters.firstReports(metricReports), platformLags: lags, window: window)
    }
}

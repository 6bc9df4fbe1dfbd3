import Foundation

/// Whose counts a series plots.
public enum SeriesSource: Hashable, Sendable, Comparable {
    /// A news outlet, organiser, wire or social account: what it reported.
    case outlet(String)
    /// The petition platform itself: the count it showed (usually polled).
    case platform(String)

    public var slug: String {
        switch self {
        case .outlet(let slug), .platform(let slug): slug
        }
    }

    public var isPlatform: Bool { if case .platform = self { true } else { false } }

    /// Platforms sort first, then outlets by slug.
    public static func < (lhs: SeriesSource, rhs: SeriesSource) -> Bool {
        (lhs.isPlatform ? 0 : 1, lhs.slug) < (rhs.isPlatform ? 0 : 1, rhs.slug)
    }
}

/// One source's figure for one bucket: the latest it gave within the bucket.
public struct TrendPoint: Hashable, Sendable {
    public var bucketStart: Date
    public var figureID: Int
    public var value: Int
    public var qualifier: Qualifier
    /// High end of a range.
    public var high: Int?
    /// When the count held.
    public var asOf: Date
    /// The value of the series' previous point (before a gap, if there is one); nil for the first.
    public var previousValue: Int?
    /// A polled count that did not change in this bucket but was seen unchanged in it (so it is not
    /// a gap): `asOf` is then the last time it was seen in the bucket, and `figureID` the figure of
    /// the change it dates from.
    public var unchanged: Bool

    public init(
        bucketStart: Date, figureID: Int, value: Int, qualifier: Qualifier = .exact, high: Int? = nil, asOf: Date, previousValue: Int? = nil,
        unchanged: Bool = false
    ) {
        self.bucketStart = bucketStart
        self.figureID = figureID
        self.value = value
        self.qualifier = qualifier
        self.high = high
        self.asOf = asOf
        self.previousValue = previousValue
        self.unchanged = unchanged
    }

    /// Gained since the series' previous point.
    public var gained: Int? { previousValue.map { value - $0 } }

    /// The counts the figure allows: plotted as a bar or band, not a dot, unless it is exact.
    public var interval: CountInterval { CountInterval(qualifier: qualifier, value: value, high: high) }
    public var phrase: String { qualifier.phrase(value: value, high: high) }
}

public struct TrendSeries: Hashable, Sendable {
    public var source: SeriesSource
    /// The source's display name.
    public var name: String
    /// Oldest bucket first; a bucket with no figure from this source has no point (a gap).
    public var points: [TrendPoint]

    public init(source: SeriesSource, name: String, points: [TrendPoint]) {
        self.source = source
        self.name = name
        self.points = points.sorted { $0.bucketStart < $1.bucketStart }
    }
}

/// A campaign's figures for one metric over time, bucketed, one series per source.
public struct Trend: Sendable, Hashable {
    public var campaign: Campaign
    public var metric: Metric
    public var bucketing: Bucketing
    /// Every bucket start in the range, gaps included.
    public var buckets: [Date]
    /// Platforms first, then outlets by slug.
    public var series: [TrendSeries]
    /// The main platform series' count at full resolution (every change, and when it was last seen
    /// unchanged; sampled when there are very many), oldest first. Growth, projections, lag behind
    /// the platform and the chart's line read it; empty when not loaded or no platform is tracked.
    public var platformHistory: [PlatformReading]

    public init(campaign: Campaign, metric: Metric, bucketing: Bucketing, buckets: [Date], series: [TrendSeries], platformHistory: [PlatformReading] = []) {
        self.campaign = campaign
        self.metric = metric
        self.bucketing = bucketing
        self.buckets = buckets
        self.series = series.sorted { $0.source < $1.source }
        self.platformHistory = platformHistory.sorted { $0.asOf < $1.asOf }
    }

    public var platformSeries: [TrendSeries] { series.filter(\.source.isPlatform) }
    public var outletSeries: [TrendSeries] { series.filter { !$0.source.isPlatform } }
    public var isEmpty: Bool { series.allSatisfy(\.points.isEmpty) }
}

/// A count over time that growth and projections are computed from.
public struct BasisPoint: Hashable, Sendable {
    public var bucketStart: Date
    /// When the count held (the latest figure's as-of time within the bucket).
    public var asOf: Date
    public var value: Int
    public var low: Int
    /// Nil when unbounded above.
    public var high: Int?

    public init(bucketStart: Date, asOf: Date, value: Int, low: Int? = nil, high: Int?? = nil) {
        self.bucketStart = bucketStart
        self.asOf = asOf
        self.value = value
        self.low = low ?? value
        self.high = high ?? value
    }
}

/// Which count growth and projections use, said in words.
public struct Basis: Hashable, Sendable {
    public enum Kind: String, Sendable, Hashable { case platform, reported }
    public var kind: Kind
    /// "the platform's count (uk-parliament)", "the median of the figures outlets reported".
    public var description: String
    public var points: [BasisPoint]

    public init(kind: Kind, description: String, points: [BasisPoint]) {
        self.kind = kind
        self.description = description
        self.points = points
    }
}

public enum Trends {
    /// Buckets figures the way the store's SQL does: per source and bucket, the latest figure
    /// (by as-of time, then id) of the metric whose as-of time falls in the bucket. Retracted and
    /// superseded figures are left out. The reference the SQL is tested against, and the way to
    /// build a trend from figures in memory.
    public static func trend(
        campaign: Campaign, figures: [ReportedFigure], metric: Metric, bucketing: Bucketing,
        from: Date, through: Date, names: [String: String] = [:]
    ) -> Trend {
        let buckets = bucketing.starts(from: from, through: through)
        guard let first = buckets.first else { return Trend(campaign: campaign, metric: metric, bucketing: bucketing, buckets: [], series: []) }
        let end = bucketing.next(after: buckets.last!)
        var latest: [SeriesSource: [Date: ReportedFigure]] = [:]
        for figure in figures where figure.status == .current && figure.draft.metric == metric && figure.draft.asOf >= first && figure.draft.asOf < end {
            let source: SeriesSource = figure.outletKind == .platform ? .platform(figure.draft.outlet) : .outlet(figure.draft.outlet)
            let bucket = bucketing.start(of: figure.draft.asOf)
            if let previous = latest[source, default: [:]][bucket], (previous.draft.asOf, previous.id) > (figure.draft.asOf, figure.id) { continue }
            latest[source, default: [:]][bucket] = figure
        }
        let series = latest.map { source, byBucket in
            var previous: Int?
            return TrendSeries(
                source: source, name: names[source.slug] ?? source.slug,
                points: byBucket.keys.sorted().map { bucket in
                    let figure = byBucket[bucket]!
                    defer { previous = figure.draft.value }
                    return TrendPoint(
                        bucketStart: bucket, figureID: figure.id, value: figure.draft.value, qualifier: figure.draft.qualifier,
                        high: figure.draft.high, asOf: figure.draft.asOf, previousValue: previous)
                })
        }
        return Trend(campaign: campaign, metric: metric, bucketing: bucketing, buckets: buckets, series: series)
    }

    /// The count growth and projections are computed from: the platform's own count when the
    /// campaign has one (its full history when loaded, else the platform series with the most
    /// points), else, per bucket, the median of
    /// the values outlets reported, with the band from the lowest to the highest count they allow.
    public static func basis(of trend: Trend, excluding: Set<Int> = []) -> Basis? {
        if let outlet = trend.platformHistory.first?.outlet {
            return Basis(
                kind: .platform, description: "the platform's count (\(outlet), every poll)",
                points: trend.platformHistory.map { reading in
                    BasisPoint(bucketStart: reading.asOf, asOf: reading.asOf, value: reading.value)
                })
        }
        return bucketedBasis(of: trend, excluding: excluding)
    }

    /// The same count, one point per bucket (the latest in it): what growth steps are listed by.
    /// Outlets' figures in `excluding` (those `compare` flagged as wrong) are left out.
    public static func bucketedBasis(of trend: Trend, excluding: Set<Int> = []) -> Basis? {
        if let platform = trend.platformSeries.max(by: { ($0.points.count, $1.source.slug) < ($1.points.count, $0.source.slug) }), !platform.points.isEmpty {
            return Basis(
                kind: .platform, description: "the platform's count (\(platform.source.slug))",
                points: platform.points.map { point in
                    BasisPoint(bucketStart: point.bucketStart, asOf: point.asOf, value: point.value, low: point.interval.low, high: point.interval.high)
                })
        }
        var byBucket: [Date: [TrendPoint]] = [:]
        for series in trend.outletSeries {
            for point in series.points where !excluding.contains(point.figureID) { byBucket[point.bucketStart, default: []].append(point) }
        }
        guard !byBucket.isEmpty else { return nil }
        let points = byBucket.keys.sorted().map { bucket -> BasisPoint in
            let members = byBucket[bucket]!
            let values = members.map(\.value).sorted()
            let median = values.count % 2 == 1 ? values[values.count / 2] : (values[values.count / 2 - 1] + values[values.count / 2]) / 2
            let highs = members.map(\.interval.high)
            let high: Int? = highs.contains(where: { $0 == nil }) ? nil : highs.compactMap { $0 }.max()
            return BasisPoint(bucketStart: bucket, asOf: members.map(\.asOf).max()!, value: median, low: members.map(\.interval.low).min()!, high: .some(high))
        }
        return Basis(
            kind: .reported, description: "the ranges the figures outlets reported allow, flagged ones left out (no platform count is tracked)", points: points)
    }
}

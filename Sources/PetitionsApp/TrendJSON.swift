import Foundation
import PetitionsDomain

/// A trend analysis as JSON (`petitions trend --format json` and the API's trend): the buckets,
/// one series per outlet and the platform, growth, projections, who reported first, each
/// outlet's lag behind the platform, and the campaigns set side by side.
public struct TrendJSON: Encodable {
    var campaign: String
    var title: String
    var metric: String
    var bucket: String
    var time_zone: String
    var buckets: [String]
    var series: [Series]
    var growth: Nullable<GrowthJSON>
    var projection: ProjectionJSON
    var first_reports: [FirstReportJSON]
    var platform_lags: [LagJSON]
    /// Left out when no campaign is set beside this one.
    var side_by_side: [SideBySide]?

    public init(_ analysis: TrendAnalysis, sideBySide: [AlignedSeries]) {
        let trend = analysis.trend
        campaign = trend.campaign.slug
        title = trend.campaign.title
        metric = trend.metric.rawValue
        bucket = trend.bucketing.size.rawValue
        time_zone = TrendRendering.zoneName(trend.bucketing.timeZone)
        buckets = trend.buckets.map(TimeFormatting.iso)
        series = trend.series.map(Series.init)
        growth = Nullable(analysis.growth.map(GrowthJSON.init))
        projection = ProjectionJSON(analysis)
        first_reports = analysis.firstReports.map(FirstReportJSON.init)
        platform_lags = analysis.platformLags.map(LagJSON.init)
        side_by_side = sideBySide.isEmpty ? nil : sideBySide.map(SideBySide.init)
    }

    /// One outlet's or the platform's series: the key `platform` or `outlet` names which.
    struct Series: Encodable {
        var platform: String?
        var outlet: String?
        var name: String
        var points: [Point]

        init(_ series: TrendSeries) {
            if series.source.isPlatform { platform = series.source.slug } else { outlet = series.source.slug }
            name = series.name
            points = series.points.map(Point.init)
        }
    }

    struct Point: Encodable {
        var bucket_start: String
        var value: Int
        var low: Int
        var high: Nullable<Int>
        var qualifier: String
        var phrase: String
        var as_of: String
        var figure_id: Int
        var gained: Nullable<Int>
        var unchanged: Bool

        init(_ point: TrendPoint) {
            bucket_start = TimeFormatting.iso(point.bucketStart)
            value = point.value
            low = point.interval.low
            high = Nullable(point.interval.high)
            qualifier = point.qualifier.rawValue
            phrase = point.phrase
            as_of = TimeFormatting.iso(point.asOf)
            figure_id = point.figureID
            gained = Nullable(point.gained)
            unchanged = point.unchanged
        }
    }

    struct GrowthJSON: Encodable {
        var basis: String
        var summary: String
        var window_seconds: Int
        var window_start: Nullable<String>
        var window_end: Nullable<String>
        var gained: Nullable<Int>
        var rate_per_hour: Nullable<Double>
        var rate_per_day: Nullable<Double>
        var earlier_rate_per_day: Nullable<Double>
        var later_rate_per_day: Nullable<Double>
        var acceleration: Nullable<String>
        var note: Nullable<String>
        var falls: [Fall]
        var steps: [Step]

        struct Fall: Encodable {
            var at: String
            var from: Int
            var to: Int
        }

        struct Step: Encodable {
            var bucket_start: String
            var value: Int
            var gained: Nullable<Int>
            var since: Nullable<String>
            var rate_per_day: Nullable<Double>
        }

        init(_ growth: Growth) {
            basis = growth.basis
            summary = growth.summary
            window_seconds = Int(growth.window)
            window_start = Nullable(growth.windowStart.map(TimeFormatting.iso))
            window_end = Nullable(growth.windowEnd.map(TimeFormatting.iso))
            gained = Nullable(growth.gained)
            rate_per_hour = Nullable(growth.ratePerHour.map(TrendRendering.rounded))
            rate_per_day = Nullable(growth.ratePerDay.map(TrendRendering.rounded))
            earlier_rate_per_day = Nullable(growth.earlierRatePerDay.map(TrendRendering.rounded))
            later_rate_per_day = Nullable(growth.laterRatePerDay.map(TrendRendering.rounded))
            acceleration = Nullable(growth.acceleration?.rawValue)
            note = Nullable(growth.note)
            falls = growth.falls.map { Fall(at: TimeFormatting.iso($0.at), from: $0.from, to: $0.to) }
            steps = growth.steps.map {
                Step(
                    bucket_start: TimeFormatting.iso($0.bucketStart), value: $0.value, gained: Nullable($0.gained),
                    since: Nullable($0.since.map(TimeFormatting.iso)), rate_per_day: Nullable($0.ratePerDay.map(TrendRendering.rounded)))
            }
        }
    }

    struct ProjectionJSON: Encodable {
        var method: Nullable<String>
        var window_seconds: Int
        var targets: [Target]

        init(_ analysis: TrendAnalysis) {
            method = Nullable(analysis.projections.first { $0.method != "none" && $0.method != "the count itself" }?.method)
            window_seconds = Int(analysis.window)
            targets = analysis.projections.map(Target.init)
        }

        /// One target: `status` says which of `reached`, `estimate` (with `earliest` and `latest`,
        /// null when unknown) or `reason` it has.
        struct Target: Encodable {
            var projection: Projection

            enum CodingKeys: String, CodingKey {
                case target, kind, summary, status, reached, estimate, earliest, latest, reason
                case ratePerDay = "rate_per_day"
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(projection.target.value, forKey: .target)
                try container.encode(projection.target.kind.rawValue, forKey: .kind)
                try container.encode(projection.summary, forKey: .summary)
                try container.encode(Nullable(projection.ratePerDay.map(TrendRendering.rounded)), forKey: .ratePerDay)
                switch projection.outcome {
                case .reached(let date):
                    try container.encode("reached", forKey: .status)
                    try container.encode(TimeFormatting.iso(date), forKey: .reached)
                case .projected(let estimate, let earliest, let latest):
                    try container.encode("projected", forKey: .status)
                    try container.encode(TimeFormatting.iso(estimate), forKey: .estimate)
                    try container.encode(Nullable(earliest.map(TimeFormatting.iso)), forKey: .earliest)
                    try container.encode(Nullable(latest.map(TimeFormatting.iso)), forKey: .latest)
                case .notAtCurrentRate:
                    try container.encode("not_at_current_rate", forKey: .status)
                case .unavailable(let reason):
                    try container.encode("unavailable", forKey: .status)
                    try container.encode(reason, forKey: .reason)
                }
            }
        }
    }

    struct Mention: Encodable {
        var figure_id: Int
        var outlet: String
        var phrase: String
        var out: String
        var lag_seconds: Int

        init(_ mention: FirstReport.Mention) {
            figure_id = mention.figureID
            outlet = mention.outlet
            phrase = mention.phrase
            out = TimeFormatting.iso(mention.out)
            lag_seconds = Int(mention.lag)
        }
    }

    struct FirstReportJSON: Encodable {
        var metric: String
        var value: Int
        var high: Nullable<Int>
        var first: Mention
        var repeats: [Mention]

        init(_ report: FirstReport) {
            metric = report.metric.rawValue
            value = report.value
            high = Nullable(report.high)
            first = Mention(report.first)
            repeats = report.repeats.map(Mention.init)
        }
    }

    struct LagJSON: Encodable {
        var figure_id: Int
        var outlet: String
        var phrase: String
        var out: String
        var platform: String
        var platform_value: Nullable<Int>
        var platform_as_of: Nullable<String>
        var behind_by: Nullable<Int>
        var platform_reached: Nullable<String>
        var time_behind_seconds: Nullable<Int>

        init(_ lag: PlatformLag) {
            figure_id = lag.figureID
            outlet = lag.outlet
            phrase = lag.phrase
            out = TimeFormatting.iso(lag.out)
            platform = lag.platform
            platform_value = Nullable(lag.platformValue)
            platform_as_of = Nullable(lag.platformAsOf.map(TimeFormatting.iso))
            behind_by = Nullable(lag.behindBy)
            platform_reached = Nullable(lag.platformReached.map(TimeFormatting.iso))
            time_behind_seconds = Nullable(lag.timeBehind.map { Int($0) })
        }
    }

    struct SideBySide: Encodable {
        var campaign: String
        var origin: String
        var origin_is: String
        var basis: String
        var points: [Point]

        struct Point: Encodable {
            var days_since_origin: Double
            var value: Int
            var low: Int
            var high: Nullable<Int>
            var as_of: String
        }

        init(_ series: AlignedSeries) {
            campaign = series.campaign.slug
            origin = TimeFormatting.iso(series.origin)
            origin_is = series.originDescription
            basis = series.basis
            points = series.points.map {
                Point(
                    days_since_origin: ($0.day * 1000).rounded() / 1000, value: $0.value, low: $0.low, high: Nullable($0.high),
                    as_of: TimeFormatting.iso($0.asOf))
            }
        }
    }
}

import Foundation
import PetitionsDomain
import PetitionsReports

/// Renders a trend analysis as a table, JSON, CSV or Markdown.
public enum TrendRendering {
    public static func zoneName(_ zone: TimeZone) -> String { zone.identifier == "GMT" ? "UTC" : zone.identifier }

    // MARK: JSON

    public static func json(_ analysis: TrendAnalysis, sideBySide: [AlignedSeries]) -> [String: Any] {
        let trend = analysis.trend
        var object: [String: Any] = [
            "campaign": trend.campaign.slug, "title": trend.campaign.title, "metric": trend.metric.rawValue,
            "bucket": trend.bucketing.size.rawValue, "time_zone": zoneName(trend.bucketing.timeZone),
            "buckets": trend.buckets.map(TimeFormatting.iso),
            "series": trend.series.map { series -> [String: Any] in
                [
                    series.source.isPlatform ? "platform" : "outlet": series.source.slug, "name": series.name,
                    "points": series.points.map { point -> [String: Any] in
                        [
                            "bucket_start": TimeFormatting.iso(point.bucketStart), "value": point.value, "low": point.interval.low,
                            "high": point.interval.high ?? NSNull(), "qualifier": point.qualifier.rawValue, "phrase": point.phrase,
                            "as_of": TimeFormatting.iso(point.asOf), "figure_id": point.figureID, "gained": point.gained ?? NSNull(),
                            "unchanged": point.unchanged,
                        ]
                    },
                ]
            },
            "growth": analysis.growth.map(growth) ?? NSNull(),
            "projection": projection(analysis),
            "first_reports": analysis.firstReports.map { report -> [String: Any] in
                [
                    "metric": report.metric.rawValue, "value": report.value, "high": report.high ?? NSNull(), "first": mention(report.first),
                    "repeats": report.repeats.map(mention),
                ]
            },
            "platform_lags": analysis.platformLags.map { lag -> [String: Any] in
                [
                    "figure_id": lag.figureID, "outlet": lag.outlet, "phrase": lag.phrase, "out": TimeFormatting.iso(lag.out), "platform": lag.platform,
                    "platform_value": lag.platformValue ?? NSNull(), "platform_as_of": lag.platformAsOf.map(TimeFormatting.iso) ?? NSNull(),
                    "behind_by": lag.behindBy ?? NSNull(), "platform_reached": lag.platformReached.map(TimeFormatting.iso) ?? NSNull(),
                    "time_behind_seconds": lag.timeBehind.map { Int($0) } ?? NSNull(),
                ]
            },
        ]
        if !sideBySide.isEmpty {
            object["side_by_side"] = sideBySide.map { series -> [String: Any] in
                [
                    "campaign": series.campaign.slug, "origin": TimeFormatting.iso(series.origin), "origin_is": series.originDescription, "basis": series.basis,
                    "points": series.points.map { point -> [String: Any] in
                        [
                            "days_since_origin": (point.day * 1000).rounded() / 1000, "value": point.value, "low": point.low, "high": point.high ?? NSNull(),
                            "as_of": TimeFormatting.iso(point.asOf),
                        ]
                    },
                ]
            }
        }
        return object
    }

    public static func mention(_ mention: FirstReport.Mention) -> [String: Any] {
        [
            "figure_id": mention.figureID, "outlet": mention.outlet, "phrase": mention.phrase, "out": TimeFormatting.iso(mention.out),
            "lag_seconds": Int(mention.lag),
        ]
    }

    public static func growth(_ growth: Growth) -> [String: Any] {
        [
            "basis": growth.basis, "summary": growth.summary, "window_seconds": Int(growth.window),
            "window_start": growth.windowStart.map(TimeFormatting.iso) ?? NSNull(), "window_end": growth.windowEnd.map(TimeFormatting.iso) ?? NSNull(),
            "gained": growth.gained ?? NSNull(), "rate_per_hour": growth.ratePerHour.map(rounded) ?? NSNull(),
            "rate_per_day": growth.ratePerDay.map(rounded) ?? NSNull(),
            "earlier_rate_per_day": growth.earlierRatePerDay.map(rounded) ?? NSNull(), "later_rate_per_day": growth.laterRatePerDay.map(rounded) ?? NSNull(),
            "acceleration": growth.acceleration?.rawValue ?? NSNull(), "note": growth.note ?? NSNull(),
            "falls": growth.falls.map { ["at": TimeFormatting.iso($0.at), "from": $0.from, "to": $0.to] as [String: Any] },
            "steps": growth.steps.map { step -> [String: Any] in
                [
                    "bucket_start": TimeFormatting.iso(step.bucketStart), "value": step.value, "gained": step.gained ?? NSNull(),
                    "since": step.since.map(TimeFormatting.iso) ?? NSNull(), "rate_per_day": step.ratePerDay.map(rounded) ?? NSNull(),
                ]
            },
        ]
    }

    public static func projection(_ analysis: TrendAnalysis) -> [String: Any] {
        [
            "method": analysis.projections.first { $0.method != "none" && $0.method != "the count itself" }?.method ?? NSNull(),
            "window_seconds": Int(analysis.window),
            "targets": analysis.projections.map { projection -> [String: Any] in
                var object: [String: Any] = [
                    "target": projection.target.value, "kind": projection.target.kind.rawValue, "summary": projection.summary,
                    "rate_per_day": projection.ratePerDay.map(rounded) ?? NSNull(),
                ]
                switch projection.outcome {
                case .reached(let date): object["status"] = "reached"; object["reached"] = TimeFormatting.iso(date)
                case .projected(let estimate, let earliest, let latest):
                    object["status"] = "projected"
                    object["estimate"] = TimeFormatting.iso(estimate)
                    object["earliest"] = earliest.map(TimeFormatting.iso) ?? NSNull()
                    object["latest"] = latest.map(TimeFormatting.iso) ?? NSNull()
                case .notAtCurrentRate: object["status"] = "not_at_current_rate"
                case .unavailable(let reason): object["status"] = "unavailable"; object["reason"] = reason
                }
                return object
            },
        ]
    }

    public static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    // MARK: CSV

    public static let csvHeader = ["source_kind", "source", "bucket_start", "value", "low", "high", "qualifier", "as_of", "figure_id", "gained"]

    public static func csvRows(_ trend: Trend) -> [[String]] {
        trend.series.flatMap { series in
            series.points.map { point in
                [
                    series.source.isPlatform ? "platform" : "outlet", series.source.slug, TimeFormatting.iso(point.bucketStart), String(point.value),
                    String(point.interval.low), point.interval.high.map(String.init) ?? "", point.qualifier.rawValue, TimeFormatting.iso(point.asOf),
                    String(point.figureID), point.gained.map(String.init) ?? "",
                ]
            }
        }
    }

    // MARK: Table and Markdown

    /// Rows are buckets with at least one figure; a run of empty buckets shows as one "no figures" row.
    public static func grid(_ trend: Trend) -> (header: [String], rows: [[String]]) {
        let header =
            ["\(trend.bucketing.size.title.lowercased()) (\(zoneName(trend.bucketing.timeZone)))"]
            + trend.series.map { $0.source.isPlatform ? "\($0.source.slug) (platform)" : $0.source.slug }
        let lookup = trend.series.map { series in Dictionary(uniqueKeysWithValues: series.points.map { ($0.bucketStart, $0) }) }
        var rows: [[String]] = []
        var empty = 0
        func flush() {
            if empty > 0 { rows.append(["(\(trend.bucketing.size.count(empty)) without figures)"] + trend.series.map { _ in "" }) }
            empty = 0
        }
        for bucket in trend.buckets {
            let cells = lookup.map { $0[bucket]?.phrase ?? "" }
            if cells.allSatisfy(\.isEmpty) { empty += 1; continue }
            flush()
            rows.append([label(bucket, size: trend.bucketing.size, zone: trend.bucketing.timeZone)] + cells.map { $0.isEmpty ? "·" : $0 })
        }
        flush()
        return (header, rows)
    }

    public static func label(_ date: Date, size: BucketSize, zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = size.isClockTime ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd EEE"
        return formatter.string(from: date)
    }

    public static func summaryLines(_ analysis: TrendAnalysis) -> [String] {
        var lines: [String] = []
        if let growth = analysis.growth {
            lines.append("growth: \(growth.summary)")
            lines.append("  measured on \(growth.basis)")
        }
        if !analysis.projections.isEmpty {
            lines.append("projection:")
            for projection in analysis.projections { lines.append("  \(projection.summary)") }
            if let method = analysis.projections.first(where: { $0.method != "none" && $0.method != "the count itself" })?.method {
                lines.append("  method: \(method)")
            }
        }
        if !analysis.firstReports.isEmpty {
            lines.append("who reported first:")
            for report in analysis.firstReports {
                let repeats =
                    report.repeats.isEmpty ? "" : "; then " + report.repeats.map { "\($0.outlet) +\(TimeFormatting.duration($0.lag))" }.joined(separator: ", ")
                lines.append("  \(NumberFormatting.grouped(report.value)): \(report.first.outlet) on \(TimeFormatting.short(report.first.out))\(repeats)")
            }
        }
        if !analysis.platformLags.isEmpty {
            lines.append("behind the platform:")
            for lag in analysis.platformLags {
                var text = "  #\(lag.figureID) \(lag.outlet) said \(lag.phrase) on \(TimeFormatting.short(lag.out))"
                if let value = lag.platformValue { text += "; the platform showed \(NumberFormatting.grouped(value))" }
                if let behind = lag.timeBehind { text += ", a count it had reached \(TimeFormatting.duration(behind)) earlier" }
                lines.append(text)
            }
        }
        return lines
    }

    public static func table(_ analysis: TrendAnalysis, sideBySide: [AlignedSeries]) -> String {
        let trend = analysis.trend
        var lines = ["\(trend.campaign.title)  [\(trend.campaign.slug)]  \(trend.metric.words) by \(trend.bucketing.size.words)"]
        if trend.isEmpty {
            lines.append("no \(trend.metric.words) figures in this range")
            return lines.joined(separator: "\n")
        }
        let (header, rows) = grid(trend)
        lines.append("")
        lines.append(TextTable.render(header: header, rows: rows))
        lines.append("")
        lines += summaryLines(analysis)
        if !sideBySide.isEmpty {
            lines.append("side by side (days since launch):")
            for series in sideBySide {
                let points = series.points.map { "day \(String(format: "%.1f", $0.day)): \(NumberFormatting.grouped($0.value))" }.joined(separator: ", ")
                lines.append("  \(series.campaign.slug) (from \(series.originDescription)): \(points)")
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func markdown(_ analysis: TrendAnalysis) -> String {
        let trend = analysis.trend
        var lines = ["## \(trend.campaign.title): \(trend.metric.words) by \(trend.bucketing.size.words)", ""]
        let (header, rows) = grid(trend)
        lines.append(MarkdownTable.render(header: header, rows: rows))
        lines.append("")
        lines += summaryLines(analysis).map { $0.hasPrefix("  ") ? "  - " + $0.dropFirst(2) : "- " + $0 }
        return lines.joined(separator: "\n")
    }
}

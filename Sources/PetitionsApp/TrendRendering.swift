import Foundation
import PetitionsDomain
import PetitionsReports

/// Renders a trend analysis as a table, JSON, CSV or Markdown.
public enum TrendRendering {
    public static func zoneName(_ zone: TimeZone) -> String { zone.identifier == "GMT" ? "UTC" : zone.identifier }

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
        var lines = ["## \(MarkdownText.escape(trend.campaign.title)): \(trend.metric.words) by \(trend.bucketing.size.words)", ""]
        let (header, rows) = grid(trend)
        lines.append(MarkdownTable.render(header: header, rows: rows))
        lines.append("")
        lines += summaryLines(analysis).map { $0.hasPrefix("  ") ? "  - " + $0.dropFirst(2) : "- " + $0 }
        return lines.joined(separator: "\n")
    }
}

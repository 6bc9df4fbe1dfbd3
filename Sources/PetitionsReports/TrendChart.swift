import Foundation
import PetitionsDomain

/// Charts of trends.
public enum TrendChart {
    /// The platform's count at every poll (its full history), as a line broken where polling
    /// stopped: a gap much longer than the usual time between readings, and longer than a bucket.
    static func historyPoints(_ trend: Trend, name: String) -> [Chart.Point] {
        let history = trend.platformHistory
        let gaps = zip(history.dropFirst(), history).map { $0.asOf.timeIntervalSince($1.asOf) }.sorted()
        let usual = gaps.isEmpty ? 0 : gaps[gaps.count / 2]
        let longest = max(trend.bucketing.size.nominalLength, 6 * usual)
        var previous: Date?
        return history.map { reading in
            defer { previous = reading.asOf }
            return Chart.Point(
                x: reading.asOf.timeIntervalSince1970, value: Double(reading.value), low: Double(reading.value), high: Double(reading.value),
                joined: previous.map { reading.asOf.timeIntervalSince($0) <= longest } ?? false,
                tooltip: "\(name): \(NumberFormatting.grouped(reading.value)) at \(TimeFormatting.short(reading.asOf)) \(TimeFormatting.zoneLabel)")
        }
    }

    /// One series per source: the platform's count as a line, each outlet's figures as markers
    /// with the interval they allow, one point per bucket (the latest figure in it).
    /// When each figure was published, by id: what `chart(_:published:)` takes.
    public static func publishedTimes(_ figures: [ReportedFigure]) -> [Int: Date] {
        Dictionary(figures.compactMap { figure in figure.draft.published.map { (figure.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// - Parameter published: figures' publication times, by id: a figure published more than a
    ///   bucket after its as-of time is drawn again where it was published (a repetition shows).
    ///   Publications far later than the figures (past the window that holds the story: its own
    ///   span again) are not drawn; the chart names them under it instead of stretching its axis.
    /// - Parameter styles: each source's colour-and-marker slot, the same in every chart of a report.
    public static func chart(_ trend: Trend, published: [Int: Date] = [:], styles: [String: Int] = [:]) -> Chart {
        let bucketing = trend.bucketing
        let storyFrom = trend.buckets.first ?? Date(timeIntervalSince1970: 0)
        let storyTo = trend.buckets.last.map(bucketing.next(after:)) ?? storyFrom.addingTimeInterval(86400)
        let window = storyTo.addingTimeInterval(max(storyTo.timeIntervalSince(storyFrom), bucketing.size.nominalLength))
        var offChart: [String] = []
        let index = Dictionary(uniqueKeysWithValues: trend.buckets.enumerated().map { ($1, $0) })
        let zoneName = trend.bucketing.timeZone.identifier == "GMT" ? "UTC" : trend.bucketing.timeZone.identifier
        var latestEcho: Date?
        let series = trend.series.map { series -> Chart.Series in
            var previous: Int?
            let points = series.points.map { point -> Chart.Point in
                let position = index[point.bucketStart]
                defer { previous = position }
                let middle = point.bucketStart.timeIntervalSince1970 + bucketing.next(after: point.bucketStart).timeIntervalSince(point.bucketStart) / 2
                let interval = point.interval
                let echo =
                    series.source.isPlatform
                    ? nil
                    : published[point.figureID].flatMap { date -> (x: Double, tooltip: String)? in
                        guard date.timeIntervalSince(point.asOf) > max(bucketing.size.nominalLength, 3600) else { return nil }
                        guard date <= window else {
                            offChart.append(
                                "#\(point.figureID) \(series.name), \(point.phrase) as of \(TimeFormatting.short(point.asOf)), published \(TimeFormatting.short(date))"
                            )
                            return nil
                        }
                        latestEcho = max(latestEcho ?? date, date)
                        return (
                            date.timeIntervalSince1970,
                            "\(series.name): \(point.phrase), published \(TimeFormatting.short(date)) \(TimeFormatting.zoneLabel) about \(TimeFormatting.short(point.asOf)) (figure #\(point.figureID))"
                        )
                    }
                return Chart.Point(
                    x: middle, value: Double(point.value), low: Double(interval.low), high: interval.high.map(Double.init),
                    joined: position != nil && previous != nil && position! == previous! + 1,
                    tooltip:
                        "\(series.name): \(point.phrase) as of \(TimeFormatting.short(point.asOf)) \(TimeFormatting.zoneLabel) (figure #\(point.figureID))",
                    published: echo)
            }
            let history = series.source.isPlatform && trend.platformHistory.first?.outlet == series.source.slug ? historyPoints(trend, name: series.name) : nil
            var drawn = Chart.Series(
                name: series.source.isPlatform ? "\(series.name) (the platform's own count)" : series.name,
                style: series.source.isPlatform ? .line : .reports, points: history ?? points)
            drawn.styleIndex = styles[series.source.slug]
            return drawn
        }
        let from = trend.buckets.first ?? Date(timeIntervalSince1970: 0)
        var to = trend.buckets.last.map(bucketing.next(after:)) ?? from.addingTimeInterval(86400)
        // The axis reaches the latest publication drawn.
        if let latestEcho, latestEcho > to { to = latestEcho.addingTimeInterval(bucketing.size.nominalLength / 2) }
        let sources = trend.outletSeries.count
        var subtitle = "\(sources) outlet\(sources == 1 ? "" : "s")"
        if !trend.platformSeries.isEmpty { subtitle += " and the platform's count" }
        subtitle += "; the latest figure per \(bucketing.size.words) (\(zoneName))"
        if !trend.platformHistory.isEmpty { subtitle += ", the platform's count at every poll" }
        var references: [(Double, String)] = []
        if let goal = trend.campaign.goal, trend.metric == .signatures { references.append((Double(goal), "goal \(NumberFormatting.grouped(goal))")) }
        return Chart(
            title: "\(trend.metric.words.capitalized) reported for \u{201C}\(trend.campaign.title)\u{201D}", subtitle: subtitle,
            xAxis: .time(from: from, to: to, timeZone: bucketing.timeZone), yLabel: trend.metric.words.capitalized,
            series: series, bucketWidth: bucketing.size.nominalLength, references: references, offChart: offChart)
    }

    /// Campaigns side by side, aligned on days since launch: each campaign's basis count.
    public static func sideBySide(_ aligned: [AlignedSeries], metric: Metric, bucket: BucketSize) -> Chart {
        let series = aligned.map { campaign -> Chart.Series in
            var previousDay: Double?
            let points = campaign.points.map { point -> Chart.Point in
                defer { previousDay = point.day }
                return Chart.Point(
                    x: point.day, value: Double(point.value), low: Double(point.low), high: point.high.map(Double.init),
                    joined: previousDay.map { point.day - $0 <= bucket.nominalLength / 86400 * 1.5 } ?? false,
                    tooltip:
                        "\(campaign.campaign.title): \(NumberFormatting.grouped(point.value)) on day \(String(format: "%.1f", point.day)) (\(TimeFormatting.short(point.asOf)) \(TimeFormatting.zoneLabel))"
                )
            }
            return Chart.Series(name: "\(campaign.campaign.title) (from \(campaign.originDescription))", style: .reports, points: points)
        }
        let days = aligned.flatMap { $0.points.map(\.day) }
        let low = min(0, (days.min() ?? 0).rounded(.down)), high = max((days.max() ?? 1).rounded(.up), low + 1)
        return Chart(
            title: "\(metric.words.capitalized) by days since launch", subtitle: "\(aligned.count) campaigns side by side, one count per \(bucket.rawValue)",
            xAxis: .days(from: low, to: high + 0.5, origin: "launch"), yLabel: metric.words.capitalized, series: series,
            bucketWidth: bucket.nominalLength / 86400)
    }
}

import Foundation

/// Who published a number first, and who repeated it how much later.
public struct FirstReport: Hashable, Sendable {
    public struct Mention: Hashable, Sendable {
        public var figureID: Int
        public var outlet: String
        public var phrase: String
        /// When it was out: the published time, else the as-of time.
        public var out: Date
        /// How long after the first mention (zero for the first).
        public var lag: TimeInterval
    }
    public var metric: Metric
    public var value: Int
    /// High end, for a range.
    public var high: Int?
    public var first: Mention
    /// Later mentions of the same number by other outlets, earliest first.
    public var repeats: [Mention]
}

/// How far an outlet's figure was behind the platform's own count.
public struct PlatformLag: Hashable, Sendable {
    public var figureID: Int
    public var outlet: String
    public var phrase: String
    /// When the figure was out: published, else as-of.
    public var out: Date
    public var platform: String
    /// The platform's latest count at or before `out`.
    public var platformValue: Int?
    public var platformAsOf: Date?
    /// platformValue minus the figure's value: how many signatures it was behind (negative: ahead).
    public var behindBy: Int?
    /// When the platform's count first reached what the figure claims.
    public var platformReached: Date?
    /// How long before `out` the platform had reached it.
    public var timeBehind: TimeInterval?
}

public enum FirstReporters {
    /// For each distinct number (per metric), the first outlet to publish it and the lag of every
    /// outlet that repeated it. Platform figures are left out: they are the count, not reports of it.
    /// An outlet repeating its own number counts once, at its first mention.
    public static func firstReports(_ figures: [ReportedFigure]) -> [FirstReport] {
        let reports = figures.filter { $0.status == .current && $0.outletKind != .platform && $0.draft.method != .polled }
        var groups: [String: [ReportedFigure]] = [:]
        for figure in reports {
            groups["\(figure.draft.metric.rawValue)|\(figure.draft.value)|\(figure.draft.high.map(String.init) ?? "")", default: []].append(figure)
        }
        func out(_ figure: ReportedFigure) -> Date { figure.draft.published ?? figure.draft.asOf }
        return groups.values.map { group -> FirstReport in
            var seen = Set<String>()
            let ordered = group.sorted { (out($0), $0.id) < (out($1), $1.id) }.filter { seen.insert($0.draft.outlet).inserted }
            let first = ordered[0]
            let mention = { (figure: ReportedFigure) in
                FirstReport.Mention(
                    figureID: figure.id, outlet: figure.draft.outlet, phrase: figure.phrase, out: out(figure), lag: out(figure).timeIntervalSince(out(first)))
            }
            return FirstReport(
                metric: first.draft.metric, value: first.draft.value, high: first.draft.high, first: mention(first), repeats: ordered.dropFirst().map(mention))
        }.sorted { ($0.metric, $0.first.out, $0.value) < ($1.metric, $1.first.out, $1.value) }
    }

    /// Each outlet figure's lag behind the platform's count: by how many signatures at the time it
    /// was out, and how long before that the platform had reached the number it gave.
    ///
    /// - Parameter platform: the platform's counts for the same metric (any order); with a bucketed
    ///   series the times are as precise as the buckets.
    public static func platformLags(_ figures: [ReportedFigure], platform: String, readings: [TrendPoint]) -> [PlatformLag] {
        let readings = readings.sorted { $0.asOf < $1.asOf }
        guard !readings.isEmpty else { return [] }
        return figures.filter { $0.status == .current && $0.outletKind != .platform && $0.draft.method != .polled }
            .sorted { ($0.draft.published ?? $0.draft.asOf, $0.id) < ($1.draft.published ?? $1.draft.asOf, $1.id) }
            .map { figure in
                let out = figure.draft.published ?? figure.draft.asOf
                var lag = PlatformLag(figureID: figure.id, outlet: figure.draft.outlet, phrase: figure.phrase, out: out, platform: platform)
                if let reading = readings.last(where: { $0.asOf <= out }) {
                    lag.platformValue = reading.value
                    lag.platformAsOf = reading.asOf
                    lag.behindBy = reading.value - figure.draft.value
                }
                if let reached = readings.first(where: { $0.value >= figure.interval.low }), reached.asOf <= out {
                    lag.platformReached = reached.asOf
                    lag.timeBehind = out.timeIntervalSince(reached.asOf)
                }
                return lag
            }
    }
}

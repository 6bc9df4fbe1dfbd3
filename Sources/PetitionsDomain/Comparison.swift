import Foundation

/// A flag on a compared figure.
public enum FigureFlag: String, Sendable, Codable, CaseIterable, Hashable {
    /// When it was published, a newer, different count from elsewhere had been out for more than
    /// the threshold: out of date as it appeared, the outlet's fault.
    case outdatedWhenPublished = "outdated_when_published"
    /// Right when published, but a different count from elsewhere held more than the threshold
    /// later: overtaken since, no fault of the outlet.
    case sinceOvertaken = "since_overtaken"
    /// Its interval is disjoint from the consensus.
    case outlier
    /// An outlier (or, where the platform is tracked, a figure off its count) whose value equals
    /// another metric's figure (16 authors reported as 16 signatures).
    case metricMixup = "metric_mixup"
    /// Compatible with a more precise figure from about the same time.
    case rounded
    /// Below the platform's own count at the same time.
    case behindPlatform = "behind_platform"
    /// Above the platform's count at the time; the platform got there later.
    case aheadOfPlatform = "ahead_of_platform"
    /// Above anything the platform has shown.
    case abovePlatform = "above_platform"

    /// Whether the flag says the outlet got something wrong (`since_overtaken` does not: every
    /// figure of a growing count is overtaken in the end).
    public var isFault: Bool { self != .sinceOvertaken }

    /// What the flag means, in one line, for table legends.
    public var meaning: String {
        switch self {
        case .outdatedWhenPublished: "when it was published, a newer, different count was already out elsewhere"
        case .sinceOvertaken: "right when published, overtaken since by a newer, different count"
        case .outlier: "cannot be reconciled with what most sources report"
        case .metricMixup: "the number matches a different metric: it may count the wrong thing"
        case .rounded: "a rounded or hedged version of a more precise figure"
        case .behindPlatform: "lower than the platform's own count at that time"
        case .aheadOfPlatform: "higher than the platform's own count at that time (it got there later)"
        case .abovePlatform: "higher than the platform's own count has ever been"
        }
    }
}

/// A flag with the plain-words reason it applies to one figure.
public struct FlagNote: Sendable, Codable, Hashable {
    public var flag: FigureFlag
    public var explanation: String
}

/// The platform's own count (for example a polled petition counter) at or before a figure's as-of time.
public struct PlatformReading: Sendable, Codable, Hashable {
    public var outlet: String
    public var value: Int
    public var asOf: Date
    public init(outlet: String, value: Int, asOf: Date) {
        self.outlet = outlet
        self.value = value
        self.asOf = asOf
    }
}

public struct ComparisonSettings: Sendable, Hashable {
    /// A figure is outdated when published, or overtaken since, when another source's different
    /// figure is newer by more than this (and, for outdated, had been out that long).
    public var staleAfter: TimeInterval = 24 * 3600
    /// A more precise figure makes this one `rounded` only within this time of it.
    public var roundingWindow: TimeInterval = 24 * 3600
    public init(staleAfter: TimeInterval = 24 * 3600, roundingWindow: TimeInterval = 24 * 3600) {
        self.staleAfter = staleAfter
        self.roundingWindow = roundingWindow
    }
}

public struct ComparedFigure: Sendable, Hashable {
    public var figure: ReportedFigure
    public var interval: CountInterval
    /// Time from as-of to the comparison's `now`.
    public var age: TimeInterval
    public var flags: [FlagNote]
    /// How it stands against the platform's count; nil for the platform's own figures and where no
    /// platform count is tracked.
    public var verdict: PlatformVerdict?
    /// The platform's own count: the reference the others are judged against, never a vote.
    public var isReference: Bool { figure.outletKind == .platform }
    /// The verdict, when no flag already gives its explanation (behind, ahead and contradicts are
    /// flags too): what a listing adds below the flags.
    public var verdictBeyondFlags: PlatformVerdict? {
        verdict.flatMap { verdict in flags.contains { $0.explanation == verdict.explanation } ? nil : verdict }
    }
}

/// The narrowest interval consistent with the largest number of sources, and a point in it.
public struct Consensus: Sendable, Hashable {
    public var interval: CountInterval
    /// Median of the supporting figures' values, moved into the interval when outside it; nil when
    /// the interval is open above (`more than 19,000` implies no number of its own).
    public var point: Int?
    /// Ids of the figures that point at the consensus: what they say (an open "more than N" read
    /// as N to N + 10%) overlaps it.
    public var supporting: [Int]
    /// Ids of the figures that allow the consensus without pointing at it: "more than 11,500" is
    /// true of 19,001 but does not say 19,000.
    public var consistent: [Int] = []
    /// How many figures it was drawn from (the outlets' latest, the platform's left out).
    public var sources: Int

    /// "more than 19,000 (2 of 8 sources say so; 4 more allow it)", "585 to 660, about 620 (3 of 3 sources say so)".
    public var words: String {
        let share =
            "\(supporting.count) of \(sources) source\(sources == 1 ? "" : "s") say\(supporting.count == 1 ? "s" : "") so"
            + (consistent.isEmpty ? "" : "; \(consistent.count) more allow\(consistent.count == 1 ? "s" : "") it")
        guard let point, interval.high != interval.low else { return "\(interval.words) (\(share))" }
        return "\(interval.words), about \(NumberFormatting.grouped(point)) (\(share))"
    }
}

public struct Spread: Sendable, Hashable {
    public var low: Int
    public var high: Int
    /// high / low, nil when low is 0.
    public var ratio: Double?
    public init(low: Int, high: Int, ratio: Double?) {
        self.low = low
        self.high = high
        self.ratio = ratio
    }
}

public struct MetricComparison: Sendable, Hashable {
    public var metric: Metric
    /// Drawn from the outlets, never from the platform's own count.
    public var consensus: Consensus?
    public var spread: Spread?
    /// Each source's latest current figure, newest as-of first.
    public var figures: [ComparedFigure]

    /// The platform's latest count, when one is tracked: what the others are judged against.
    public var reference: ComparedFigure? { figures.filter(\.isReference).max { $0.figure.draft.asOf < $1.figure.draft.asOf } }
    /// The figures from outlets (everything but the platform's).
    public var reported: [ComparedFigure] { figures.filter { !$0.isReference } }
}

public struct CampaignComparison: Sendable, Hashable {
    public var campaign: Campaign
    public var metrics: [MetricComparison]
    public var now: Date

    /// The figures flagged as wrong (outliers, metric mix-ups, outdated when published): no basis
    /// for growth read off outlets' figures. Overtaken, rounded or behind is no reason to leave one out.
    public var wrongFigures: Set<Int> {
        let wrong: Set<FigureFlag> = [.outlier, .metricMixup, .outdatedWhenPublished]
        return Set(metrics.flatMap { metric in metric.figures.filter { $0.flags.contains { wrong.contains($0.flag) } }.map(\.figure.id) })
    }
}

public enum Comparison {
    /// Compares what sources report for a campaign.
    ///
    /// - Parameters:
    ///   - figures: current figures of the campaign (any metrics; history is not needed). Only each
    ///     outlet's latest figure per metric is compared; the others are ignored.
    ///   - platform: by figure id, what the platform's own count showed around that figure. The
    ///     platform's figures (outlets of kind `platform`) are the reference: they take no part in
    ///     the consensus and get no flags; the others are judged against them.
    ///   - metrics: the metrics to report, default all that have figures.
    public static func compare(
        campaign: Campaign, figures: [ReportedFigure], platform: [Int: PlatformContext] = [:],
        metrics: [Metric]? = nil, now: Date, settings: ComparisonSettings = ComparisonSettings()
    ) -> CampaignComparison {
        // Unreviewed figures are compared only when the caller passes them in (`--include-unreviewed`).
        let latest = latestPerOutlet(figures.filter { $0.status == .current || $0.status == .unreviewed })
        let present = Set(latest.map(\.draft.metric))
        let wanted = (metrics ?? Metric.allCases).filter { metrics != nil || present.contains($0) }
        var results: [MetricComparison] = []
        var consensusByMetric: [Metric: Consensus] = [:]
        for metric in Metric.allCases {
            let group = latest.filter { $0.draft.metric == metric && $0.outletKind != .platform }
            if let consensus = consensus(of: group) { consensusByMetric[metric] = consensus }
        }
        for metric in wanted {
            let group = latest.filter { $0.draft.metric == metric }.sorted { ($0.draft.asOf, $0.id) > ($1.draft.asOf, $1.id) }
            let consensus = consensusByMetric[metric]
            let reported = group.filter { $0.outletKind != .platform }
            let compared = group.map { figure -> ComparedFigure in
                guard figure.outletKind != .platform else {
                    return ComparedFigure(figure: figure, interval: figure.interval, age: now.timeIntervalSince(figure.draft.asOf), flags: [], verdict: nil)
                }
                let verdict = platform[figure.id].map { PlatformVerdict.judge(figure, context: $0) }
                return ComparedFigure(
                    figure: figure, interval: figure.interval, age: now.timeIntervalSince(figure.draft.asOf),
                    flags: flags(
                        for: figure, group: reported, all: latest, consensus: consensus, consensusByMetric: consensusByMetric,
                        verdict: verdict, settings: settings),
                    verdict: verdict)
            }
            // The range at a glance leaves out what the comparison itself flags as wrong.
            let sound = compared.filter { !$0.isReference && !$0.flags.contains { $0.flag.isFault } }.map(\.figure)
            results.append(MetricComparison(metric: metric, consensus: consensus, spread: spread(of: sound), figures: compared))
        }
        return CampaignComparison(campaign: campaign, metrics: results, now: now)
    }

    /// Each outlet's latest figure per metric (by as-of, then id).
    static func latestPerOutlet(_ figures: [ReportedFigure]) -> [ReportedFigure] {
        var best: [String: ReportedFigure] = [:]
        for figure in figures {
            let key = figure.draft.outlet + "\u{0}" + figure.draft.metric.rawValue
            if let current = best[key], (current.draft.asOf, current.id) >= (figure.draft.asOf, figure.id) { continue }
            best[key] = figure
        }
        return Array(best.values)
    }

    /// The largest set of figures whose intervals share a point, and the intersection of their
    /// intervals. Ties go to the set holding the most recent figure, then the higher counts.
    public static func consensus(of figures: [ReportedFigure]) -> Consensus? {
        guard !figures.isEmpty else { return nil }
        var best: (members: [ReportedFigure], interval: CountInterval)?
        for candidate in Set(figures.map(\.interval.low)).sorted() {
            let members = figures.filter { $0.interval.contains(candidate) }
            guard let interval = members.dropFirst().reduce(Optional(members[0].interval), { $0?.intersection($1.interval) }) ?? nil else { continue }
            if let current = best {
                let newest = members.map(\.draft.asOf).max()!, currentNewest = current.members.map(\.draft.asOf).max()!
                let better =
                    members.count > current.members.count
                    || (members.count == current.members.count && (newest, interval.low) > (currentNewest, current.interval.low))
                if !better { continue }
            }
            best = (members, interval)
        }
        guard let best else { return nil }
        let values = best.members.map(\.draft.value).sorted()
        let median = values.count % 2 == 1 ? values[values.count / 2] : (values[values.count / 2 - 1] + values[values.count / 2]) / 2
        // Only a bounded interval implies a number: the median moved into it.
        let point = best.interval.high.map { min(max(median, best.interval.low), $0) }
        // Pointing at it, or merely allowing it.
        let target = PlatformVerdict.judged(best.interval)
        let pointing = best.members.filter { PlatformVerdict.judged($0.interval).overlaps(target) }
        let allowing = best.members.filter { member in !pointing.contains { $0.id == member.id } }
        return Consensus(
            interval: best.interval, point: point, supporting: pointing.map(\.id).sorted(), consistent: allowing.map(\.id).sorted(), sources: figures.count)
    }

    static func spread(of figures: [ReportedFigure]) -> Spread? {
        guard let low = figures.map(\.draft.value).min(), let high = figures.map({ $0.draft.high ?? $0.draft.value }).max() else { return nil }
        return Spread(low: low, high: high, ratio: low > 0 ? Double(high) / Double(low) : nil)
    }

    static func flags(
        for figure: ReportedFigure, group: [ReportedFigure], all: [ReportedFigure], consensus: Consensus?, consensusByMetric: [Metric: Consensus],
        verdict: PlatformVerdict?, settings: ComparisonSettings
    ) -> [FlagNote] {
        var notes: [FlagNote] = []
        let draft = figure.draft
        // With the platform's count to judge by, the verdict says what stale, outlier and rounded
        // would guess from other outlets: only a figure off the platform's count is flagged.
        if let verdict {
            switch verdict.kind {
            case .behind: notes.append(FlagNote(flag: .behindPlatform, explanation: verdict.explanation))
            case .ahead: notes.append(FlagNote(flag: .aheadOfPlatform, explanation: verdict.explanation))
            case .contradicts: notes.append(FlagNote(flag: .abovePlatform, explanation: verdict.explanation))
            default: return notes
            }
            if let twin = all.first(where: { $0.draft.metric != draft.metric && $0.draft.value == draft.value }) {
                notes.append(
                    FlagNote(
                        flag: .metricMixup,
                        explanation:
                            "\(NumberFormatting.grouped(draft.value)) is the \(twin.draft.metric.words) figure reported by \(twin.draft.outlet); \(draft.outlet) may have counted \(twin.draft.metric.words) as \(draft.metric.words)"
                    ))
            }
            return notes
        }
        let others = group.filter { $0.draft.outlet != draft.outlet }

        // In time: only newer figures with a different count count (a later repeat of the same
        // number is no reason). Outdated when published: one of them had been out for more than
        // `staleAfter` when this one appeared. Since overtaken: one held more than `staleAfter`
        // later, though this one was right when it appeared.
        func out(_ other: ReportedFigure) -> Date { other.draft.published ?? other.draft.asOf }
        let published = out(figure)
        // Different: the counts they allow do not overlap, an open "more than N" read as N to N + 10%
        // (so "over 13,500" differs from "more than 19,000", and "about 600" does not from 610).
        let judged = PlatformVerdict.judged(figure.interval)
        let newer = others.filter { $0.draft.asOf > draft.asOf && !PlatformVerdict.judged($0.interval).overlaps(judged) }
        if let already = newer.filter({ published.timeIntervalSince(out($0)) > settings.staleAfter }).max(by: { $0.draft.asOf < $1.draft.asOf }) {
            let behind = already.interval.low - (figure.interval.high ?? draft.value)
            notes.append(
                FlagNote(
                    flag: .outdatedWhenPublished,
                    explanation:
                        "\(draft.outlet) published \(figure.phrase) on \(TimeFormatting.short(published)), \(TimeFormatting.duration(published.timeIntervalSince(out(already)))) after \(already.draft.outlet) had reported \(already.phrase) (as of \(TimeFormatting.short(already.draft.asOf)))"
                        + (behind > 0 ? ", at least \(NumberFormatting.grouped(behind)) more" : "")))
        } else if let later = newer.filter({ $0.draft.asOf.timeIntervalSince(draft.asOf) > settings.staleAfter }).max(by: { $0.draft.asOf < $1.draft.asOf }) {
            notes.append(
                FlagNote(
                    flag: .sinceOvertaken,
                    explanation:
                        "\(figure.phrase) as of \(TimeFormatting.short(draft.asOf)) was overtaken by \(later.draft.outlet)'s \(later.phrase) as of \(TimeFormatting.short(later.draft.asOf)), \(TimeFormatting.duration(later.draft.asOf.timeIntervalSince(draft.asOf))) later"
                ))
        }

        // A figure that was right when published and overtaken since is not an outlier as well:
        // the count grew past it.
        let overtaken = notes.contains { $0.flag == .sinceOvertaken }
        let isOutlier = !overtaken && (consensus.map { !figure.interval.overlaps($0.interval) } ?? false)
        if isOutlier, let consensus {
            notes.append(
                FlagNote(
                    flag: .outlier,
                    explanation:
                        "\(figure.phrase)\(figure.phrase == figure.interval.description ? "" : " (\(figure.interval))") does not overlap the consensus \(consensus.interval), which \(consensus.supporting.count) of \(group.count) sources support"
                ))
            if let twin = all.first(where: { $0.draft.metric != draft.metric && $0.draft.value == draft.value }) {
                notes.append(
                    FlagNote(
                        flag: .metricMixup,
                        explanation:
                            "\(NumberFormatting.grouped(draft.value)) is the \(twin.draft.metric.words) figure reported by \(twin.draft.outlet); \(draft.outlet) may have counted \(twin.draft.metric.words) as \(draft.metric.words)"
                    ))
            }
        }

        let precise = others.filter { candidate in
            guard let candidateWidth = candidate.interval.width, figure.interval.contains(candidate.interval) else { return false }
            guard abs(candidate.draft.asOf.timeIntervalSince(draft.asOf)) <= settings.roundingWindow else { return false }
            return figure.interval.width.map { candidateWidth < $0 } ?? true
        }.min(by: { ($0.interval.width ?? .max) < ($1.interval.width ?? .max) })
        if let precise {
            notes.append(
                FlagNote(
                    flag: .rounded,
                    explanation:
                        "\(figure.phrase) is consistent with the more precise \(precise.phrase) from \(precise.draft.outlet) as of \(TimeFormatting.short(precise.draft.asOf))"
                ))
        }

        return notes
    }
}

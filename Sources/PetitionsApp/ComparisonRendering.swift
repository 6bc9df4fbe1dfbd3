import Foundation
import PetitionsDomain
import PetitionsReports

/// Renders a `CampaignComparison` for people (table, Markdown) and machines (JSON, CSV).
public enum ComparisonRendering {
    public static func table(_ comparison: CampaignComparison) -> String {
        var lines: [String] = []
        let campaign = comparison.campaign
        var facts = [campaign.kind.rawValue]
        if let launched = campaign.launched { facts.append("launched \(launched)") }
        if let target = campaign.target { facts.append("to \(target)") }
        lines.append("\(campaign.title)  [\(campaign.slug)]")
        lines.append("(" + facts.joined(separator: ", ") + ")")
        if comparison.metrics.isEmpty { lines.append("  no figures yet"); return lines.joined(separator: "\n") }
        lines.append("at a glance: " + comparison.metrics.map(glance).joined(separator: " · "))
        for metric in comparison.metrics {
            lines.append("")
            lines.append("\(metric.metric.words.uppercased()): \(metric.figures.count) source\(metric.figures.count == 1 ? "" : "s")")
            if let reference = metric.reference {
                lines.append(
                    "  platform   \(NumberFormatting.grouped(reference.figure.draft.value)) (\(reference.figure.draft.outlet), \(TimeFormatting.short(reference.figure.draft.asOf))): the reference outlets are judged against"
                )
            }
            if let consensus = metric.consensus {
                lines.append("  consensus  \(consensus.words)\(metric.reference == nil ? "" : ", outlets only")")
            }
            if let spread = metric.spread, metric.figures.count > 1, spread.high > spread.low {
                let ratio = spread.ratio.map { String(format: " — the highest is %.2f× the lowest", $0) } ?? ""
                lines.append("  spread     \(NumberFormatting.grouped(spread.low)) to \(NumberFormatting.grouped(spread.high))\(ratio)")
            }
            let tracked = metric.reference != nil
            let rows = metric.figures.map { item -> [String] in
                let figure = item.figure
                var row = [
                    "#\(figure.id)", figure.draft.outlet + (figure.status == .unreviewed ? " (unreviewed)" : ""), figure.phrase, item.interval.description,
                    TimeFormatting.short(figure.draft.asOf), figure.draft.published.map(TimeFormatting.short) ?? "-", TimeFormatting.duration(item.age),
                ]
                if tracked { row.append(verdictWord(item)) }
                row.append(item.flags.isEmpty ? "ok" : item.flags.map(\.flag.rawValue).joined(separator: ", "))
                return row
            }
            lines.append("")
            let header = ["id", "outlet", "reported", "allows", "as of (UTC)", "published", "age"] + (tracked ? ["vs platform"] : []) + ["flags"]
            lines.append(indent(TextTable.render(header: header, rows: rows)))
            let notes = metric.figures.flatMap { item in item.flags.map { (item.figure.id, $0.flag.rawValue, $0.explanation) } }
            if !notes.isEmpty {
                lines.append("")
                lines.append("  why flagged:")
                for (id, flag, explanation) in notes { lines.append("    #\(id) \(flag): \(explanation).") }
            }
            let verdicts = metric.figures.compactMap { item in item.verdictBeyondFlags.map { (item.figure.id, $0) } }
            if !verdicts.isEmpty {
                lines.append("")
                lines.append("  against the platform:")
                for (id, verdict) in verdicts { lines.append("    #\(id) \(verdict.kind.rawValue): \(verdict.explanation).") }
            }
        }
        let used = Set(comparison.metrics.flatMap { $0.figures.flatMap { $0.flags.map(\.flag) } })
        if !used.isEmpty {
            lines.append("")
            lines.append("flags: " + FigureFlag.allCases.filter(used.contains).map { "\($0.rawValue) = \($0.meaning)" }.joined(separator: "; "))
        }
        let judged = Set(comparison.metrics.flatMap { $0.figures.compactMap(\.verdict?.kind) })
        if !judged.isEmpty {
            lines.append(
                "vs platform: " + PlatformVerdict.Kind.allCases.filter(judged.contains).map { "\($0.rawValue) = \($0.meaning)" }.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }

    public static func markdown(_ comparison: CampaignComparison) -> String {
        let e = MarkdownText.escape
        var lines = ["## \(e(comparison.campaign.title))", ""]
        for metric in comparison.metrics {
            lines.append("### \(metric.metric.words.capitalized)")
            lines.append("")
            if let reference = metric.reference {
                lines.append(
                    "- Platform: **\(NumberFormatting.grouped(reference.figure.draft.value))** (\(e(reference.figure.draft.outlet)), \(TimeFormatting.short(reference.figure.draft.asOf))), the reference outlets are judged against"
                )
            }
            if let consensus = metric.consensus {
                lines.append("- Consensus\(metric.reference == nil ? "" : " of the outlets"): **\(consensus.words)**")
            }
            if let spread = metric.spread, metric.figures.count > 1 {
                lines.append(
                    "- Spread: \(NumberFormatting.grouped(spread.low)) to \(NumberFormatting.grouped(spread.high))"
                        + (spread.ratio.map { String(format: " (%.2f×)", $0) } ?? ""))
            }
            lines.append("")
            let rows = metric.figures.map { item -> [String] in
                let flags = item.flags.map { "**\($0.flag.rawValue)**: \(e($0.explanation))" }.joined(separator: "<br>")
                let verdict = item.verdict.map { "**\($0.kind.rawValue)**: \(e($0.explanation))" } ?? (item.isReference ? "reference" : "")
                return [
                    String(item.figure.id), item.figure.draft.outlet, item.figure.phrase, item.interval.description,
                    TimeFormatting.short(item.figure.draft.asOf),
                    item.figure.draft.published.map(TimeFormatting.short) ?? "", verdict, flags,
                ]
            }
            lines.append(
                MarkdownTable.render(
                    header: ["id", "outlet", "reported", "allows", "as of (UTC)", "published", "vs platform", "flags"], rows: rows, preformatted: [6, 7]))
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// "behind 1,204 (6 h)", "rounded", "reference" for the platform's own count.
    public static func verdictWord(_ item: ComparedFigure) -> String {
        if item.isReference { return "reference" }
        guard let verdict = item.verdict else { return "-" }
        switch verdict.kind {
        case .behind: return "behind \(NumberFormatting.grouped(verdict.difference))" + (verdict.late.map { " (\(TimeFormatting.duration($0)))" } ?? "")
        case .ahead, .contradicts: return "\(verdict.kind.rawValue) +\(NumberFormatting.grouped(-verdict.difference))"
        default: return verdict.kind.rawValue + (verdict.behindAtPublication.map { ", behind \(NumberFormatting.grouped($0)) when published" } ?? "")
        }
    }

    public static let csvHeader = [
        "campaign", "metric", "id", "outlet", "value", "high", "qualifier", "allows_low", "allows_high", "as_of", "published",
        "flags", "consensus_low", "consensus_high", "consensus_point", "verdict", "platform_value", "platform_as_of",
    ]

    public static func csvRows(_ comparison: CampaignComparison) -> [[String]] {
        comparison.metrics.flatMap { metric in
            metric.figures.map { item in
                let draft = item.figure.draft
                return [
                    comparison.campaign.slug, metric.metric.rawValue, String(item.figure.id), draft.outlet, String(draft.value),
                    draft.high.map(String.init) ?? "", draft.qualifier.rawValue, String(item.interval.low), item.interval.high.map(String.init) ?? "",
                    TimeFormatting.iso(draft.asOf), draft.published.map(TimeFormatting.iso) ?? "", item.flags.map(\.flag.rawValue).joined(separator: ";"),
                    metric.consensus.map { String($0.interval.low) } ?? "", metric.consensus?.interval.high.map(String.init) ?? "",
                    metric.consensus?.point.map(String.init) ?? "", item.isReference ? "reference" : item.verdict?.kind.rawValue ?? "",
                    item.verdict?.platform.map { String($0.value) } ?? "", item.verdict?.platform.map { TimeFormatting.iso($0.asOf) } ?? "",
                ]
            }
        }
    }

    /// "about 600 signatures (3 sources, from 540 to 660)" style summary of one metric.
    public static func glance(_ metric: MetricComparison) -> String {
        let reported = metric.reported
        let platform = metric.reference.map { "the platform shows \(NumberFormatting.grouped($0.figure.draft.value)) \(metric.metric.words)" }
        let sources = "\(reported.count) \(platform == nil ? "source" : "outlet")\(reported.count == 1 ? "" : "s")"
        guard let spread = metric.spread else {
            if !reported.isEmpty { return (platform.map { "\($0); " } ?? "") + "\(sources), every figure flagged" }
            return platform ?? "\(metric.metric.words): none"
        }
        let outlets: String
        if spread.low == spread.high, let first = reported.first {
            outlets = "\(first.figure.phrase) \(metric.metric.words) (\(sources))"
        } else {
            let flagged = reported.filter { $0.flags.contains { $0.flag.isFault } }.count
            outlets =
                "\(NumberFormatting.grouped(spread.low)) to \(NumberFormatting.grouped(spread.high)) \(metric.metric.words) (\(sources) disagree"
                + (flagged == 0 ? ")" : "; \(flagged) flagged figure\(flagged == 1 ? "" : "s") left out of the range)")
        }
        return platform.map { "\($0); outlets report \(outlets)" } ?? outlets
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}

/// A campaign's comparison as JSON (`petitions compare --format json` and the API's compare):
/// every key present, null where there is nothing (no consensus, no platform, no verdict).
public struct ComparisonJSON: Encodable {
    var campaign: String
    var title: String
    var generated_at: String
    var metrics: [Metric]

    public init(_ comparison: CampaignComparison) {
        campaign = comparison.campaign.slug
        title = comparison.campaign.title
        generated_at = TimeFormatting.iso(comparison.now)
        metrics = comparison.metrics.map(Metric.init)
    }

    struct Metric: Encodable {
        var metric: String
        var consensus: Nullable<Consensus>
        var platform: Nullable<Platform>
        var spread: Nullable<Spread>
        var figures: [Figure]

        init(_ metric: MetricComparison) {
            self.metric = metric.metric.rawValue
            consensus = Nullable(
                metric.consensus.map {
                    Consensus(
                        low: $0.interval.low, high: Nullable($0.interval.high), point: Nullable($0.point), supporting: $0.supporting, consistent: $0.consistent,
                        sources: $0.sources,
                        words: $0.words)
                })
            platform = Nullable(
                metric.reference.map {
                    Platform(id: $0.figure.id, outlet: $0.figure.draft.outlet, value: $0.figure.draft.value, as_of: TimeFormatting.iso($0.figure.draft.asOf))
                })
            spread = Nullable(metric.spread.map { Spread(low: $0.low, high: $0.high, ratio: Nullable($0.ratio)) })
            figures = metric.figures.map(Figure.init)
        }
    }

    struct Consensus: Encodable {
        var low: Int
        var high: Nullable<Int>
        var point: Nullable<Int>
        var supporting: [Int]
        var consistent: [Int]
        var sources: Int
        var words: String
    }

    struct Platform: Encodable {
        var id: Int
        var outlet: String
        var value: Int
        var as_of: String
    }

    struct Spread: Encodable {
        var low: Int
        var high: Int
        var ratio: Nullable<Double>
    }

    struct Figure: Encodable {
        var id: Int
        var outlet: String
        var value: Int
        var high: Nullable<Int>
        var qualifier: String
        var as_of: String
        var published: Nullable<String>
        var interval: Interval
        var age_seconds: Int
        var url: Nullable<String>
        var status: String
        var flags: [String]
        var flag_explanations: [FlagExplanation]
        var reference: Bool
        var verdict: Nullable<Verdict>

        init(_ item: ComparedFigure) {
            let draft = item.figure.draft
            id = item.figure.id
            outlet = draft.outlet
            value = draft.value
            high = Nullable(draft.high)
            qualifier = draft.qualifier.rawValue
            as_of = TimeFormatting.iso(draft.asOf)
            published = Nullable(draft.published.map(TimeFormatting.iso))
            interval = Interval(low: item.interval.low, high: Nullable(item.interval.high))
            age_seconds = Int(item.age)
            url = Nullable(draft.sourceURL)
            status = item.figure.status.rawValue
            flags = item.flags.map(\.flag.rawValue)
            flag_explanations = item.flags.map { FlagExplanation(flag: $0.flag.rawValue, explanation: $0.explanation) }
            reference = item.isReference
            verdict = Nullable(item.verdict.map(Verdict.init))
        }
    }

    struct Interval: Encodable {
        var low: Int
        var high: Nullable<Int>
    }

    struct FlagExplanation: Encodable {
        var flag: String
        var explanation: String
    }

    struct Reading: Encodable {
        var value: Int
        var as_of: String
        init?(_ reading: PlatformReading?) {
            guard let reading else { return nil }
            value = reading.value
            as_of = TimeFormatting.iso(reading.asOf)
        }
    }

    /// The verdict against the platform, with the readings behind it.
    struct Verdict: Encodable {
        var kind: String
        var difference: Int
        var explanation: String
        var platform: Nullable<Reading>
        var late_seconds: Nullable<Int>
        var at_publication: Nullable<Reading>
        var behind_at_publication: Nullable<Int>

        init(_ verdict: PlatformVerdict) {
            kind = verdict.kind.rawValue
            difference = verdict.difference
            explanation = verdict.explanation
            platform = Nullable(Reading(verdict.platform))
            late_seconds = Nullable(verdict.late.map { Int($0) })
            at_publication = Nullable(Reading(verdict.atPublication))
            behind_at_publication = Nullable(verdict.behindAtPublication)
        }
    }
}

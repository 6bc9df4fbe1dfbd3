import Foundation
import PetitionsDomain

/// Renders a `CampaignComparison` for people (table, Markdown) and machines (JSON, CSV).
enum ComparisonRendering {
    static func table(_ comparison: CampaignComparison) -> String {
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
            if let consensus = metric.consensus {
                lines.append("  consensus  \(consensus.interval) (point estimate \(NumberFormatting.grouped(consensus.value))), consistent with \(consensus.supporting.count) of \(metric.figures.count) sources")
            }
            if let spread = metric.spread, metric.figures.count > 1, spread.high > spread.low {
                let ratio = spread.ratio.map { String(format: " — the highest is %.2f× the lowest", $0) } ?? ""
                lines.append("  spread     \(NumberFormatting.grouped(spread.low)) to \(NumberFormatting.grouped(spread.high))\(ratio)")
            }
            let rows = metric.figures.map { item -> [String] in
                let figure = item.figure
                return ["#\(figure.id)", figure.draft.outlet + (figure.status == .unreviewed ? " (unreviewed)" : ""), figure.phrase, item.interval.description, TimeFormatting.short(figure.draft.asOf),
                        figure.draft.published.map(TimeFormatting.short) ?? "-", TimeFormatting.duration(item.age),
                        item.flags.isEmpty ? "ok" : item.flags.map(\.flag.rawValue).joined(separator: ", ")]
            }
            lines.append("")
            lines.append(indent(TextTable.render(header: ["id", "outlet", "reported", "allows", "as of (UTC)", "published", "age", "flags"], rows: rows)))
            let notes = metric.figures.flatMap { item in item.flags.map { (item.figure.id, $0) } }
            if !notes.isEmpty {
                lines.append("")
                lines.append("  why flagged:")
                for (id, note) in notes { lines.append("    #\(id) \(note.flag.rawValue): \(note.explanation).") }
            }
        }
        let used = Set(comparison.metrics.flatMap { $0.figures.flatMap { $0.flags.map(\.flag) } })
        if !used.isEmpty {
            lines.append("")
            lines.append("flags: " + FigureFlag.allCases.filter(used.contains).map { "\($0.rawValue) = \($0.meaning)" }.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }

    static func markdown(_ comparison: CampaignComparison) -> String {
        var lines = ["## \(comparison.campaign.title)", ""]
        for metric in comparison.metrics {
            lines.append("### \(metric.metric.words.capitalized)")
            lines.append("")
            if let consensus = metric.consensus {
                lines.append("- Consensus: **\(consensus.interval)** (point estimate \(NumberFormatting.grouped(consensus.value))), consistent with \(consensus.supporting.count) of \(metric.figures.count) sources")
            }
            if let spread = metric.spread, metric.figures.count > 1 {
                lines.append("- Spread: \(NumberFormatting.grouped(spread.low)) to \(NumberFormatting.grouped(spread.high))" + (spread.ratio.map { String(format: " (%.2f×)", $0) } ?? ""))
            }
            lines.append("")
            let rows = metric.figures.map { item in
                [String(item.figure.id), item.figure.draft.outlet, item.figure.phrase, item.interval.description, TimeFormatting.short(item.figure.draft.asOf),
                 item.figure.draft.published.map(TimeFormatting.short) ?? "", item.flags.map { "**\($0.flag.rawValue)**: \($0.explanation)" }.joined(separator: "<br>")]
            }
            lines.append(Render.markdown(header: ["id", "outlet", "reported", "allows", "as of (UTC)", "published", "flags"], rows: rows))
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ comparison: CampaignComparison) -> [String: Any] {
        [
            "campaign": comparison.campaign.slug,
            "title": comparison.campaign.title,
            "generated_at": TimeFormatting.iso(comparison.now),
            "metrics": comparison.metrics.map { metric -> [String: Any] in
                var object: [String: Any] = ["metric": metric.metric.rawValue]
                object["consensus"] = metric.consensus.map { consensus -> [String: Any] in
                    var value: [String: Any] = ["value": consensus.value, "low": consensus.interval.low, "supporting": consensus.supporting]
                    value["high"] = consensus.interval.high ?? NSNull()
                    return value
                } ?? NSNull()
                object["spread"] = metric.spread.map { ["low": $0.low, "high": $0.high, "ratio": $0.ratio ?? NSNull()] as [String: Any] } ?? NSNull()
                object["figures"] = metric.figures.map { item -> [String: Any] in
                    let draft = item.figure.draft
                    return [
                        "id": item.figure.id, "outlet": draft.outlet, "value": draft.value, "high": draft.high ?? NSNull(),
                        "qualifier": draft.qualifier.rawValue, "as_of": TimeFormatting.iso(draft.asOf),
                        "published": draft.published.map(TimeFormatting.iso) ?? NSNull(),
                        "interval": ["low": item.interval.low, "high": item.interval.high ?? NSNull()] as [String: Any],
                        "age_seconds": Int(item.age), "url": draft.sourceURL ?? NSNull(), "status": item.figure.status.rawValue,
                        "flags": item.flags.map(\.flag.rawValue),
                        "flag_explanations": item.flags.map { ["flag": $0.flag.rawValue, "explanation": $0.explanation] },
                    ]
                }
                return object
            },
        ]
    }

    static let csvHeader = ["campaign", "metric", "id", "outlet", "value", "high", "qualifier", "allows_low", "allows_high", "as_of", "published",
                            "flags", "consensus_low", "consensus_high", "consensus_value"]

    static func csvRows(_ comparison: CampaignComparison) -> [[String]] {
        comparison.metrics.flatMap { metric in
            metric.figures.map { item in
                let draft = item.figure.draft
                return [comparison.campaign.slug, metric.metric.rawValue, String(item.figure.id), draft.outlet, String(draft.value),
                        draft.high.map(String.init) ?? "", draft.qualifier.rawValue, String(item.interval.low), item.interval.high.map(String.init) ?? "",
                        TimeFormatting.iso(draft.asOf), draft.published.map(TimeFormatting.iso) ?? "", item.flags.map(\.flag.rawValue).joined(separator: ";"),
                        metric.consensus.map { String($0.interval.low) } ?? "", metric.consensus?.interval.high.map(String.init) ?? "",
                        metric.consensus.map { String($0.value) } ?? ""]
            }
        }
    }

    /// "about 600 signatures (3 sources, from 540 to 660)" style summary of one metric.
    static func glance(_ metric: MetricComparison) -> String {
        let sources = "\(metric.figures.count) source\(metric.figures.count == 1 ? "" : "s")"
        guard let spread = metric.spread else { return "\(metric.metric.words): none" }
        if spread.low == spread.high, let first = metric.figures.first {
            return "\(first.figure.phrase) \(metric.metric.words) (\(sources))"
        }
        return "\(NumberFormatting.grouped(spread.low)) to \(NumberFormatting.grouped(spread.high)) \(metric.metric.words) (\(sources) disagree)"
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}

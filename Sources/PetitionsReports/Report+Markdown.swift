import Foundation
import PetitionsDomain

extension Report {
    /// The report in Markdown, and the charts it shows.
    ///
    /// - Parameter chartsBeside: the base name of the Markdown file: charts are written beside it as
    ///   `BASE-ID.svg` and linked. Nil embeds each chart as a `data:` URI (self-contained, but some
    ///   renderers, GitHub's among them, do not show those).
    public func markdown(chartsBeside base: String?) -> (text: String, charts: [ChartFile]) {
        Self.$names.withValue(outletNames) { renderMarkdown(chartsBeside: base) }
    }

    private func renderMarkdown(chartsBeside base: String?) -> (text: String, charts: [ChartFile]) {
        let e = MarkdownText.escape
        var lines = ["# \(e(title))", "", "_Generated \(TimeFormatting.short(generated)) UTC from \(e(source)). Times are UTC._", ""]
        var files: [ChartFile] = []
        let charts = Dictionary(grouping: self.charts(), by: \.campaign)
        for report in campaigns {
            let campaign = report.campaign
            lines += ["## \(e(campaign.title))", "", "\(campaign.kind.rawValue) · `\(campaign.slug)`", ""]
            for sentence in Self.glance(report.comparison) { lines.append("> \(e(sentence))") }
            lines.append("")
            for (term, value) in Self.facts(campaign) { lines.append("- **\(e(term))**: \(e(value))") }
            lines.append("")
            for chart in charts[campaign.slug] ?? [] {
                let svg = chart.chart.svg(standalone: true, idPrefix: chart.id)
                let target: String
                if let base {
                    let name = "\(base)-\(chart.id).svg"
                    files.append(ChartFile(name: name, svg: svg))
                    target = name
                } else {
                    target = "data:image/svg+xml;base64," + Data(svg.utf8).base64EncodedString()
                }
                lines += ["![\(e(chart.chart.title))](\(target))", "", "_\(e(chart.caption))_", ""]
            }
            if let main = report.analyses.first {
                if let growth = main.growth {
                    lines += [
                        "### Growth", "", e(growth.summary.prefix(1).uppercased() + growth.summary.dropFirst()) + ".", "", "Measured on \(e(growth.basis)).",
                        "",
                    ]
                    let steps = growth.steps.suffix(Self.maximumSteps).reversed()
                    if steps.count > 1 {
                        lines.append(
                            markdownTable(
                                ["\(main.trend.bucketing.size.title.lowercased()) starting", "count", "gained", "per day"],
                                steps.map { step in
                                    [
                                        TimeFormatting.short(step.bucketStart), NumberFormatting.grouped(step.value),
                                        step.gained.map { ($0 >= 0 ? "+" : "") + NumberFormatting.grouped($0) } ?? "–",
                                        step.ratePerDay.map { NumberFormatting.grouped(Int(roundingClamped: $0)) } ?? "–",
                                    ]
                                }))
                        lines.append("")
                    }
                }
                if let reason = Self.sharedUnavailableReason(main.projections) {
                    lines += ["### Projection", "", e(reason.prefix(1).uppercased() + reason.dropFirst()) + ".", ""]
                } else if !main.projections.isEmpty {
                    lines += ["### Projection", ""]
                    lines.append(
                        markdownTable(
                            ["target", "when", "range"],
                            main.projections.map {
                                let row = Self.projectionRow($0)
                                return [row.target, row.when, row.range]
                            }))
                    if let method = main.projections.first(where: { $0.method != "none" && $0.method != "the count itself" })?.method {
                        lines += ["", "Method: \(e(method))."]
                    }
                    lines.append("")
                }
            }
            lines += ["### What outlets report", ""]
            for metric in report.comparison.metrics {
                let view = Self.metricView(metric)
                lines += ["#### \(e(view.name))", "", e(view.summary), ""]
                lines.append(
                    markdownTable(
                        ["#", "outlet", "reported", "allows", "as of", "published", "flags"],
                        metric.figures.map { item in
                            [
                                "\(item.figure.id)", Self.outletName(item.figure.draft.outlet), item.figure.phrase, item.interval.description,
                                TimeFormatting.short(item.figure.draft.asOf),
                                item.figure.draft.published.map(TimeFormatting.short) ?? "–",
                                item.flags.isEmpty ? "ok" : item.flags.map(\.flag.rawValue).joined(separator: ", "),
                            ]
                        }))
                lines.append("")
                for item in metric.figures {
                    for note in item.flags { lines.append("- **#\(item.figure.id) \(note.flag.rawValue)**: \(e(note.explanation)).") }
                }
                if metric.figures.contains(where: { !$0.flags.isEmpty }) { lines.append("") }
            }
            let firstReports = report.analyses.flatMap(\.firstReports)
            if !firstReports.isEmpty {
                lines += ["### Who reported first", ""]
                lines.append(
                    markdownTable(
                        ["number", "first", "out", "repeated by (how much later)"],
                        firstReports.map { first in
                            [
                                "\(NumberFormatting.grouped(first.value)) \(first.metric.words)", "\(first.first.outlet) (\(first.first.phrase))",
                                TimeFormatting.short(first.first.out),
                                first.repeats.isEmpty
                                    ? "nobody else" : first.repeats.map { "\($0.outlet) (\(TimeFormatting.duration($0.lag)) later)" }.joined(separator: ", "),
                            ]
                        }))
                lines.append("")
            }
            let lags = report.analyses.flatMap(\.platformLags)
            if !lags.isEmpty {
                lines += ["### Behind the platform", ""]
                lines.append(
                    markdownTable(
                        ["#", "outlet", "reported", "out", "platform then", "behind by", "platform had it"],
                        lags.map { lag in
                            [
                                "\(lag.figureID)", Self.outletName(lag.outlet), lag.phrase, TimeFormatting.short(lag.out),
                                lag.platformValue.map(NumberFormatting.grouped) ?? "–",
                                lag.behindBy.map(NumberFormatting.grouped) ?? "–",
                                lag.timeBehind.map { "\(TimeFormatting.duration($0)) earlier" } ?? "not by then",
                            ]
                        }))
                lines.append("")
            }
            lines += ["### Provenance", ""]
            if report.provenance.isEmpty {
                lines.append("No figures recorded.")
            } else {
                lines.append(
                    markdownTable(
                        ["#", "outlet", "metric", "reported", "as of", "published", "source", "quote or note"],
                        report.provenance.map { figure in
                            let reported = figure.phrase + (figure.status == .current ? "" : " (\(figure.status.rawValue))")
                            let text = [figure.draft.quote.map { "“\($0)”" }, figure.draft.note].compactMap { $0 }.joined(separator: " ")
                            return [
                                "\(figure.id)", Self.outletName(figure.draft.outlet), figure.draft.metric.words, reported,
                                TimeFormatting.short(figure.draft.asOf),
                                figure.draft.published.map(TimeFormatting.short) ?? "–", figure.draft.sourceURL ?? "no URL recorded", text,
                            ]
                        }))
            }
            lines.append("")
            if let notes = campaign.notes { lines += ["_\(e(notes))_", ""] }
        }
        lines += ["---", "", "Flags: " + FigureFlag.allCases.map { "`\($0.rawValue)` \($0.meaning)" }.joined(separator: "; ") + ".", ""]
        return (lines.joined(separator: "\n"), files)
    }

    func markdownTable(_ header: [String], _ rows: [[String]]) -> String { MarkdownTable.render(header: header, rows: rows) }
}

/// A Markdown (GitHub-flavoured) table, every cell escaped as text (`MarkdownText.escape`)
/// except in the `preformatted` columns, whose cells the caller built as Markdown from escaped text.
public enum MarkdownTable {
    public static func render(header: [String], rows: [[String]], preformatted: Set<Int> = []) -> String {
        func cell(_ text: String) -> String { MarkdownText.escape(text).replacingOccurrences(of: "|", with: "\\|") }
        func cell(_ text: String, column: Int) -> String {
            preformatted.contains(column) ? text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") : cell(text)
        }
        var lines = ["| " + header.map(cell).joined(separator: " | ") + " |", "|" + header.map { _ in " --- |" }.joined()]
        lines += rows.map { "| " + $0.enumerated().map { cell($1, column: $0) }.joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n")
    }
}

/// Text that people typed (titles, notes, quotes, names), made safe to put in Markdown: read as
/// CommonMark, it renders as the same text and never as HTML, a link, an image or emphasis.
public enum MarkdownText {
    /// `<`, `>` and `&` as character references (no raw HTML: a `<script>` in a quote stays
    /// text); the characters that open emphasis, code, links and images backslash-escaped; line
    /// breaks as spaces (a line of its own could start a heading or a list).
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "!", "~": result += "\\" + String(character)
            case "\n", "\r", "\r\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}

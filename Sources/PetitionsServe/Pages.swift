import Foundation
import PetitionsDomain
import PetitionsReports
import PetitionsStore

/// The service's own pages (the campaign page is the report itself): one self-contained document
/// each, the report's style sheet inline, no scripts.
enum Pages {
    static func e(_ text: String) -> String { PageStyle.escape(text) }

    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="petitions serve"/>
        <title>\(e(title))</title>
        <style>\(PageStyle.css)</style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// The count a campaign is read by when no platform count is tracked: the outlets' consensus.
    struct Reference: Sendable {
        var words: String
        /// The newest as-of time of the figures that say it.
        var asOf: Date?
    }

    static func index(_ summaries: [CampaignStore.Summary], consensus: [String: Reference] = [:], now: Date, source: String) -> String {
        var rows = ""
        for summary in summaries {
            let campaign = summary.campaign
            let link = "/c/\(Routes.pathSegment(campaign.slug))"
            let count: String
            if let platform = summary.platform {
                count =
                    "\(NumberFormatting.grouped(platform.value))<br/><span class=\"meta\">(\(e(platform.outlet)), \(TimeFormatting.duration(now.timeIntervalSince(platform.asOf))) ago)</span>"
            } else if let reference = consensus[campaign.slug] {
                count =
                    "\(e(reference.words))<br/><span class=\"meta\">(outlets' consensus, no platform count"
                    + (reference.asOf.map { ", newest \(TimeFormatting.duration(now.timeIntervalSince($0))) ago" } ?? "") + ")</span>"
            } else {
                count = "<span class=\"meta\">no count yet</span>"
            }
            let latest =
                summary.latestAsOf.map { "\(TimeFormatting.short($0)) <span class=\"meta\">(\(TimeFormatting.duration(now.timeIntervalSince($0))) ago)</span>" }
                ?? "–"
            rows += """
                <tr><td data-label="campaign"><a href="\(link)">\(e(campaign.title))</a><br/><code>\(e(campaign.slug))</code></td>\
                <td data-label="kind">\(e(campaign.kind.rawValue))</td><td data-label="count" class="count">\(count)</td>\
                <td data-label="reported figures" class="num">\(summary.figures)</td><td data-label="outlets" class="num">\(summary.outlets)</td>\
                <td data-label="latest report as of">\(latest)</td></tr>

                """
        }
        let table =
            summaries.isEmpty
            ? "<p class=\"empty\">No campaigns yet. Add one with <code>petitions campaign add</code>, or load the sample with <code>petitions demo</code>.</p>"
            : """
            <div class="table-scroll"><table class="campaigns">
            <thead><tr><th>campaign</th><th>kind</th><th>count (platform, else consensus)</th><th>reported figures</th><th>outlets</th><th>latest report as of</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table></div>
            """
        return document(
            title: "Petitions, open letters and statements",
            body: """
                <header>
                <h1>Petitions, open letters and statements</h1>
                <nav class="bar"><a href="/api/v1/campaigns">Campaigns (JSON)</a> <a href="/api/v1/campaigns.csv">Campaigns (CSV)</a> <a href="/api/v1/openapi.json">API (OpenAPI)</a></nav>
                <p class="meta">\(summaries.count) campaign\(summaries.count == 1 ? "" : "s") from \(e(source)), as of \(TimeFormatting.short(now)) \(e(TimeFormatting.zoneLabel)). The platform count is the petition site's own, polled; reported figures are what outlets said.</p>
                \(PageStyle.zoneForm())
                </header>
                <main>
                \(table)
                </main>
                """)
    }

    static func figure(_ history: FigureHistory, source: String) -> String {
        let figure = history.figure
        let draft = figure.draft
        let campaign = "/c/\(Routes.pathSegment(draft.campaign))"
        var facts: [(String, String)] = [
            ("outlet", e(draft.outlet) + (figure.outletKind == .platform ? " <span class=\"meta\">(the platform)</span>" : "")),
            ("metric", e(draft.metric.words)), ("reported", e(figure.phrase)), ("allows", e(figure.interval.description)),
            ("as of", TimeFormatting.short(draft.asOf)), ("published", draft.published.map(TimeFormatting.short) ?? "–"),
            ("recorded", TimeFormatting.short(figure.recorded)), ("status", e(figure.status.rawValue)),
            ("how", e(draft.method.rawValue) + " by " + e(figure.enteredBy)),
        ]
        if let url = draft.sourceURL {
            facts.append(("source", "<a href=\"\(e(url))\">\(e(URL(string: url)?.host ?? url))</a>"))
        }
        if let quote = draft.quote { facts.append(("quote", "<q>\(e(quote))</q>" + (draft.language.map { " <span class=\"meta\">(\(e($0)))</span>" } ?? ""))) }
        if let note = draft.note { facts.append(("note", e(note))) }
        var chain = ""
        for item in history.chain {
            var what: [String] = []
            if let supersedes = item.supersedes {
                what.append("corrects #\(supersedes)")
                // Say what the correction changed: "16 signatures" corrected to "16 authors" is no no-op.
                if let before = history.chain.first(where: { $0.id == supersedes }) {
                    let changes = Self.changes(from: before, to: item)
                    if !changes.isEmpty { what.append("changed " + changes.joined(separator: ", ")) }
                }
            }
            if let later = history.chain.first(where: { $0.supersedes == item.id }) { what.append("corrected by #\(later.id)") }
            if let note = item.draft.note { what.append("note: \(e(note))") }
            if let retraction = history.retractions[item.id] {
                what.append("retracted \(TimeFormatting.short(retraction.at)) by \(e(retraction.by)): \(e(retraction.reason))")
            }
            if let review = history.reviews[item.id] {
                what.append(
                    "\(e(review.decision)) in review \(TimeFormatting.short(review.at)) by \(e(review.by))" + (review.reason.map { ": \(e($0))" } ?? ""))
            }
            let current = item.id == figure.id ? " class=\"this\"" : ""
            chain += """
                <tr\(current)><td data-label="#"><a href="\(campaign)/figures/\(item.id)">\(item.id)</a></td><td data-label="reported" class="num">\(e(item.phrase))</td><td data-label="metric">\(e(item.draft.metric.words))</td>\
                <td data-label="as of">\(TimeFormatting.short(item.draft.asOf))</td><td data-label="recorded">\(TimeFormatting.short(item.recorded))</td>\
                <td data-label="status">\(e(item.status.rawValue))</td><td data-label="what happened">\(what.isEmpty ? "–" : what.joined(separator: "; "))</td></tr>

                """
        }
        let title = "Figure #\(figure.id): \(draft.outlet), \(figure.phrase) \(draft.metric.words)"
        return document(
            title: title,
            body: """
                <header>
                <h1>\(e(title))</h1>
                <nav class="bar"><a href="/">All campaigns</a> <a href="\(campaign)">\(e(draft.campaign))</a> <a href="/api/v1/campaigns/\(Routes.pathSegment(draft.campaign))/figures/\(figure.id)">This figure (JSON)</a></nav>
                <p class="meta">From \(e(source)). Times are \(e(TimeFormatting.zoneLabel)).</p>
                \(PageStyle.zoneForm())
                </header>
                <main>
                <section class="campaign">
                <dl class="facts">\(facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined())</dl>
                <h3>History</h3>
                <p class="meta">Every version of this figure: the one first recorded, and each correction after it.</p>
                <div class="table-scroll"><table class="history">
                <thead><tr><th>#</th><th>reported</th><th>metric</th><th>as of</th><th>recorded</th><th>status</th><th>what happened</th></tr></thead>
                <tbody>
                \(chain)</tbody>
                </table></div>
                </section>
                </main>
                """)
    }

    /// Every field a correction changed, in words, escaped: "metric from signatures to authors".
    static func changes(from before: ReportedFigure, to after: ReportedFigure) -> [String] {
        let (old, new) = (before.draft, after.draft)
        var changes: [String] = []
        func change(_ name: String, _ from: String?, _ to: String?) {
            if from != to { changes.append("\(name) from \(e(from ?? "none")) to \(e(to ?? "none"))") }
        }
        change("outlet", old.outlet, new.outlet)
        change("metric", old.metric.words, new.metric.words)
        change("count", before.phrase, after.phrase)
        change("as of", TimeFormatting.short(old.asOf), TimeFormatting.short(new.asOf))
        change("published", old.published.map(TimeFormatting.short), new.published.map(TimeFormatting.short))
        change("source", old.sourceURL, new.sourceURL)
        change("quote", old.quote, new.quote)
        return changes
    }

    static func error(_ failure: Failure) -> String {
        document(
            title: "\(failure.status): \(failure.message)",
            body: """
                <header><h1>\(failure.status == 404 ? "Not found" : failure.status >= 500 ? "Not available" : "Cannot show this")</h1>
                <nav class="bar"><a href="/">All campaigns</a></nav></header>
                <main><p>\(e(failure.message))</p></main>
                """)
    }
}

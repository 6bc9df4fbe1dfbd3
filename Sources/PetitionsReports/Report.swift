import Foundation
import Mustache
import PetitionsDomain

/// Everything one campaign's part of a report shows.
public struct CampaignReport: Sendable {
    public var comparison: CampaignComparison
    /// One per charted metric; the first is the main one (growth and projections).
    public var analyses: [TrendAnalysis]
    /// The campaign and others, aligned on days since launch (empty: no side-by-side chart).
    public var sideBySide: [AlignedSeries]
    /// Every figure from reporters, retracted and corrected ones included.
    public var provenance: [ReportedFigure]

    /// When each reported figure was published, by id (for the chart's repetitions).
    var publishedTimes: [Int: Date] { TrendChart.publishedTimes(provenance) }

    public init(comparison: CampaignComparison, analyses: [TrendAnalysis], sideBySide: [AlignedSeries] = [], provenance: [ReportedFigure]) {
        self.comparison = comparison
        self.analyses = analyses
        self.sideBySide = sideBySide
        self.provenance = provenance
    }

    public var campaign: Campaign { comparison.campaign }
}

/// A chart written beside a Markdown report.
public struct ChartFile: Sendable {
    public var name: String
    public var svg: String
}

/// A trend report for editors and readers: a picture first, then the numbers behind it.
public struct Report: Sendable {
    public var title: String
    public var generated: Date
    /// Where the data came from ("the embedded database at ...").
    public var source: String
    public var campaigns: [CampaignReport]
    /// The zone times are written in (UTC when nil).
    public var zone: TimeZone?
    /// When served: figure numbers link to `figureBase` + id, and a bar of links tops the page.
    public var figureBase: String?
    public var links: [(label: String, href: String)] = []
    /// When served: a form that reloads the page with `?tz=` (no script).
    public var zoneForm = false
    /// Outlets' names by slug: tables say "The Washington Post", as the charts' legends do, not
    /// "washington-post". An outlet missing here is shown by its slug.
    public var outletNames: [String: String] = [:]

    /// The names in force while a report renders (set by `html()` and `markdown(chartsBeside:)`).
    @TaskLocal static var names: [String: String] = [:]
    /// An outlet's name for a reader.
    static func outletName(_ slug: String) -> String { names[slug] ?? slug }

    public init(title: String? = nil, generated: Date, source: String, campaigns: [CampaignReport]) {
        self.title =
            title
            ?? (campaigns.count == 1
                ? "Signature report: \(campaigns[0].campaign.title)" : "Signature report: " + campaigns.map(\.campaign.title).joined(separator: " · "))
        self.generated = generated
        self.source = source
        self.campaigns = campaigns
    }

    /// The charts of the report, named `SLUG-METRIC` and `SLUG-side-by-side`.
    public func charts() -> [(campaign: String, id: String, caption: String, chart: Chart)] {
        // Each outlet keeps one colour and marker in every chart of the report.
        let styles = Self.styleSlots(campaigns.flatMap { $0.analyses.flatMap { $0.trend.series.filter { !$0.source.isPlatform }.map(\.source.slug) } })
        return campaigns.flatMap { report -> [(String, String, String, Chart)] in
            var charts = report.analyses.map { analysis in
                (
                    report.campaign.slug, "\(report.campaign.slug)-\(analysis.trend.metric.rawValue)", Self.caption(analysis),
                    TrendChart.chart(analysis.trend, published: report.publishedTimes, styles: styles)
                )
            }
            if report.sideBySide.count > 1, let main = report.analyses.first {
                charts.append(
                    (
                        report.campaign.slug, "\(report.campaign.slug)-side-by-side",
                        "Each campaign's count (the platform's when tracked, else the median of reports) against days since its launch.",
                        TrendChart.sideBySide(report.sideBySide, metric: main.trend.metric, bucket: main.trend.bucketing.size)
                    ))
            }
            return charts
        }
    }

    /// A slot for each source, in the order they first appear: distinct colour-and-marker pairs.
    static func styleSlots(_ sources: [String]) -> [String: Int] {
        var slots: [String: Int] = [:]
        for source in sources where slots[source] == nil { slots[source] = slots.count }
        return slots
    }

    static func caption(_ analysis: TrendAnalysis) -> String {
        let trend = analysis.trend
        let figures = trend.series.reduce(0) { $0 + $1.points.count }
        var caption =
            "\(figures) plotted figure\(figures == 1 ? "" : "s") from \(trend.series.count) source\(trend.series.count == 1 ? "" : "s"), one per source and \(trend.bucketing.size.title.lowercased())"
        if let first = trend.buckets.first, let last = trend.buckets.last {
            caption += ", \(TimeFormatting.short(first)) to \(TimeFormatting.short(trend.bucketing.next(after: last)))"
        }
        return caption + "."
    }

    // MARK: HTML

    /// One self-contained HTML file.
    public func html() throws -> String {
        try TimeFormatting.$displayZone.withValue(zone) { try Self.$names.withValue(outletNames) { try renderHTML() } }
    }

    private func renderHTML() throws -> String {
        let template = try MustacheTemplate(string: ReportTemplate.html)
        return template.render(MustacheTree.make(view()))
    }

    /// What the HTML template shows, typed (see `ReportView`).
    func view() -> ReportView {
        let charts = Dictionary(grouping: self.charts(), by: \.campaign)
        return ReportView(
            title: title,
            generated: TimeFormatting.short(generated),
            source: source,
            zone: TimeFormatting.zoneLabel,
            figureLinks: figureBase != nil, figureBase: figureBase ?? "",
            zoneForm: zoneForm ? PageStyle.zoneForm() : "",
            links: links.map { ReportView.Link(label: $0.label, href: $0.href) }, hasLinks: !links.isEmpty,
            css: ReportTemplate.css,
            multiple: campaigns.count > 1,
            campaigns: campaigns.map {
                campaignView(
                    $0,
                    charts: (charts[$0.campaign.slug] ?? []).map {
                        ReportView.ChartView(
                            id: $0.id, caption: $0.caption, svg: $0.chart.svg(standalone: false, idPrefix: $0.id),
                            narrowSVG: $0.chart.svg(standalone: false, idPrefix: $0.id + "-narrow", width: Chart.narrowWidth))
                    })
            },
            qualifiers: Qualifier.allCases.map { qualifier in
                "\(qualifier.phrase(value: 600, high: 700)) allows \(CountInterval(qualifier: qualifier, value: 600, high: 700))"
            }.joined(separator: "; "),
            flags: FigureFlag.allCases.map { "\($0.rawValue) = \($0.meaning)" }.joined(separator: "; "),
            verdicts: PlatformVerdict.Kind.allCases.map { "\($0.rawValue): \($0.meaning)" }.joined(separator: "; "),
            bucketWords: Set(campaigns.flatMap { $0.analyses.map(\.trend.bucketing.size.words) }).sorted().joined(separator: " or "))
    }

    func campaignView(_ report: CampaignReport, charts: [ReportView.ChartView]) -> ReportView.CampaignView {
        let campaign = report.campaign
        let glance = Self.glance(report.comparison)
        var view = ReportView.CampaignView(
            slug: campaign.slug, title: campaign.title, kind: campaign.kind.rawValue.replacingOccurrences(of: "-", with: " ").capitalized,
            facts: Self.facts(campaign).map { ReportView.Fact(term: $0.0, value: $0.1) },
            glance: glance, hasGlance: !glance.isEmpty,
            charts: charts,
            metrics: report.comparison.metrics.map(Self.metricView),
            campaignNotes: campaign.notes.nonEmpty)
        if let main = report.analyses.first {
            if let growth = main.growth {
                let steps = growth.steps.suffix(Self.maximumSteps)
                view.growth = ReportView.GrowthView(
                    summary: growth.summary.prefix(1).uppercased() + growth.summary.dropFirst() + ".", basis: growth.basis.nonEmpty,
                    stepHeader: "\(main.trend.bucketing.size.title) starting",
                    steps: steps.reversed().map { step in
                        ReportView.Step(
                            bucket: TimeFormatting.short(step.bucketStart), value: NumberFormatting.grouped(step.value), fell: (step.gained ?? 0) < 0,
                            gained: step.gained.map { ($0 >= 0 ? "+" : "") + NumberFormatting.grouped($0) } ?? "–",
                            rate: step.ratePerDay.map { NumberFormatting.grouped(Int(roundingClamped: $0)) } ?? "–")
                    },
                    hasSteps: steps.count > 1,
                    falls: growth.falls.suffix(Self.maximumSteps).map { fall in
                        ReportView.Fall(
                            at: TimeFormatting.short(fall.at), from: NumberFormatting.grouped(fall.from), to: NumberFormatting.grouped(fall.to),
                            lost: NumberFormatting.grouped(fall.from - fall.to))
                    },
                    hasFalls: !growth.falls.isEmpty,
                    stepsOmitted: growth.steps.count > Self.maximumSteps
                        ? "The \(Self.maximumSteps) latest of \(growth.steps.count) counts, newest first." : nil)
            }
            if let reason = Self.sharedUnavailableReason(main.projections) {
                view.projectionNote = reason.prefix(1).uppercased() + reason.dropFirst() + "."
            } else {
                view.projections = main.projections.map(Self.projectionRow)
                view.hasProjections = !main.projections.isEmpty
            }
            view.projectionMethod =
                main.projections.first { $0.method != "none" && $0.method != "the count itself" }?.method
                ?? "none needed: every target is reached or out of reach"
        }
        let firstReports = report.analyses.flatMap(\.firstReports)
        view.firstReports = firstReports.map { report in
            ReportView.FirstReport(
                number: (report.high.map { "\(NumberFormatting.grouped(report.value))–\(NumberFormatting.grouped($0))" }
                    ?? NumberFormatting.grouped(report.value))
                    + " \(report.metric.words)",
                first: "\(report.first.outlet) (\(report.first.phrase))", out: TimeFormatting.short(report.first.out),
                repeats: report.repeats.isEmpty
                    ? "nobody else" : report.repeats.map { "\($0.outlet) (\(TimeFormatting.duration($0.lag)) later)" }.joined(separator: ", "))
        }
        view.hasFirstReports = !firstReports.isEmpty
        let lags = report.analyses.flatMap(\.platformLags)
        view.lags = lags.map { lag in
            ReportView.Lag(
                id: "\(lag.figureID)", outlet: Self.outletName(lag.outlet), reported: lag.phrase, out: TimeFormatting.short(lag.out),
                platformValue: lag.platformValue.map(NumberFormatting.grouped) ?? "–",
                behindBy: lag.behindBy.map { $0 >= 0 ? NumberFormatting.grouped($0) : "ahead by \(NumberFormatting.grouped(-$0))" } ?? "–",
                timeBehind: lag.timeBehind.map { "\(TimeFormatting.duration($0)) earlier" } ?? "not by then")
        }
        view.hasLags = !lags.isEmpty
        view.provenance = report.provenance.map(Self.provenanceRow)
        view.hasProvenance = !report.provenance.isEmpty
        return view
    }

    static let maximumSteps = 14

    /// The reason, when every projection is unavailable for the same one (one sentence beats a table of them).
    static func sharedUnavailableReason(_ projections: [Projection]) -> String? {
        let reasons = Set(projections.map { projection -> String? in if case .unavailable(let reason) = projection.outcome { reason } else { nil } })
        guard reasons.count == 1, let reason = reasons.first ?? nil else { return nil }
        return reason
    }

    static func facts(_ campaign: Campaign) -> [(String, String)] {
        var facts: [(String, String)] = []
        if let organiser = campaign.organiser { facts.append(("Organiser", organiser)) }
        if let target = campaign.target { facts.append(("Addressed to", target)) }
        if let launched = campaign.launched { facts.append(("Launched", launched.description)) }
        if let closed = campaign.closed { facts.append(("Closed", closed.description)) }
        if let goal = campaign.goal { facts.append(("Goal", NumberFormatting.grouped(goal))) }
        if let url = campaign.platformURL { facts.append(("Platform", url)) }
        if !campaign.aliases.isEmpty { facts.append(("Also called", campaign.aliases.joined(separator: " · "))) }
        return facts
    }

    /// One sentence per metric: the platform's count when it is tracked, the range outlets
    /// reported, how they stand against the platform, and the outlets' consensus.
    static func glance(_ comparison: CampaignComparison) -> [String] {
        comparison.metrics.map { metric in
            let reported = metric.reported, count = reported.count
            let words = metric.metric.words.prefix(1).uppercased() + metric.metric.words.dropFirst()
            var sentence = "\(words):"
            if let reference = metric.reference {
                sentence +=
                    " the platform (\(outletName(reference.figure.draft.outlet))) showed \(NumberFormatting.grouped(reference.figure.draft.value)) at \(TimeFormatting.short(reference.figure.draft.asOf))."
            }
            guard metric.spread != nil else {
                if count > 0 { return sentence + " \(count) \(count == 1 ? "source reports" : "sources report") it, every figure flagged (see below)." }
                return sentence + (metric.reference == nil ? " no figures." : " No outlet has reported it.")
            }
            let sound = reported.filter { !$0.flags.contains { $0.flag.isFault } }
            let spread = metric.spread!
            if count == 1, let only = reported.first {
                sentence += " one source, \(outletName(only.figure.draft.outlet)), reports \(only.figure.phrase)."
            } else if Set(reported.map(\.figure.phrase)).count == 1, let phrase = reported.first?.figure.phrase {
                sentence += " \(count) sources agree on \(phrase)."
            } else {
                let lowest = sound.min { $0.figure.draft.value < $1.figure.draft.value }!.figure.phrase
                let highest = sound.max { ($0.figure.draft.high ?? $0.figure.draft.value) < ($1.figure.draft.high ?? $1.figure.draft.value) }!.figure.phrase
                let unflagged = sound.count == count ? "" : " (\(sound.count) not flagged)"
                sentence += " \(count) \(metric.reference == nil ? "sources" : "outlets")\(unflagged) report from \(lowest) to \(highest)"
                if let ratio = spread.ratio { sentence += String(format: ", the highest %.1f× the lowest", ratio) }
                sentence += "."
            }
            let verdicts = PlatformVerdict.Kind.allCases.compactMap { kind -> String? in
                let n = reported.filter { $0.verdict?.kind == kind }.count
                return n == 0 ? nil : "\(n) \(kind.rawValue)"
            }
            if !verdicts.isEmpty { sentence += " Against the platform: " + verdicts.joined(separator: ", ") + "." }
            // The platform's count says what the outlets' consensus would guess at.
            if let consensus = metric.consensus, count > 1, metric.reference == nil {
                sentence += " The reading most of them can share: \(consensus.words)."
            }
            let flagged = reported.filter { $0.flags.contains { $0.flag.isFault } }.count
            if flagged > 0 { sentence += " \(flagged) flagged." }
            return sentence
        }
    }

    static func metricView(_ metric: MetricComparison) -> ReportView.MetricView {
        var notes = metric.figures.flatMap { item in
            item.flags.map { ReportView.Note(id: "\(item.figure.id)", flag: $0.flag.rawValue, explanation: $0.explanation) }
        }
        // Each verdict is explained too, unless a flag already says the same.
        for item in metric.figures {
            guard let verdict = item.verdictBeyondFlags else { continue }
            notes.append(ReportView.Note(id: "\(item.figure.id)", flag: verdict.kind.rawValue, explanation: verdict.explanation))
        }
        var summary = "\(metric.figures.count) source\(metric.figures.count == 1 ? "" : "s")"
        if let reference = metric.reference {
            summary +=
                "; the platform's count, \(NumberFormatting.grouped(reference.figure.draft.value)) (\(outletName(reference.figure.draft.outlet)), \(TimeFormatting.short(reference.figure.draft.asOf))), is the reference"
        }
        if let consensus = metric.consensus {
            summary += "; outlets' consensus \(consensus.words)"
        }
        if let spread = metric.spread, spread.high > spread.low {
            summary +=
                "; spread \(NumberFormatting.grouped(spread.low)) to \(NumberFormatting.grouped(spread.high))"
                + (spread.ratio.map { String(format: " (%.2f×)", $0) } ?? "")
        }
        let tracked = metric.reference != nil
        return ReportView.MetricView(
            name: metric.metric.words.prefix(1).uppercased() + metric.metric.words.dropFirst(),
            summary: summary + ".",
            tracked: tracked,
            rows: metric.figures.map { item in
                ReportView.Row(
                    id: "\(item.figure.id)", outlet: outletName(item.figure.draft.outlet), reported: item.figure.phrase, allows: item.interval.description,
                    asOf: TimeFormatting.short(item.figure.draft.asOf), published: item.figure.draft.published.map(TimeFormatting.short) ?? "–",
                    flags: item.flags.map(\.flag.rawValue), tracked: tracked,
                    verdict: item.isReference ? "reference" : item.verdict?.kind.rawValue ?? "–",
                    verdictClass: item.isReference ? "reference" : item.verdict.map { $0.kind == .consistent || $0.kind == .rounded ? "ok" : "flag" } ?? "ok")
            },
            notes: notes, hasNotes: !notes.isEmpty)
    }

    static func projectionRow(_ projection: Projection) -> ReportView.ProjectionRow {
        let day = TimeFormatting.day
        let target = projection.target.label
        switch projection.outcome {
        case .reached(let date): return .init(target: target, when: "reached by \(day(date))", range: "–")
        case .projected(let estimate, let earliest, let latest):
            let range = earliest.map { "\(day($0)) to \(latest.map(day) ?? "never at the slowest plausible rate")" } ?? "too few counts for a range"
            return .init(target: target, when: "about \(day(estimate))", range: range)
        case .notAtCurrentRate: return .init(target: target, when: "not at the current rate", range: "–")
        case .unavailable(let reason): return .init(target: target, when: reason, range: "–")
        }
    }

    static func provenanceRow(_ figure: ReportedFigure) -> ReportView.Provenance {
        ReportView.Provenance(
            id: "\(figure.id)", outlet: Self.outletName(figure.draft.outlet), metric: figure.draft.metric.words, reported: figure.phrase,
            asOf: TimeFormatting.short(figure.draft.asOf), published: figure.draft.published.map(TimeFormatting.short) ?? "–",
            recorded: TimeFormatting.short(figure.recorded),
            status: figure.status.rawValue, statusNote: figure.status == .current ? nil : figure.status.rawValue,
            quote: figure.draft.quote.nonEmpty, note: figure.draft.note.nonEmpty,
            url: figure.draft.sourceURL.nonEmpty, host: figure.draft.sourceURL.nonEmpty.map { URL(string: $0)?.host ?? $0 })
    }
}

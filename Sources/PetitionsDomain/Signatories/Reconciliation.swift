import Foundation

/// What a campaign's list of signatories holds, counted by role and status.
public struct ListCounts: Sendable, Hashable {
    /// Not removed, by role and visibility.
    public var namedAuthors: Int
    public var anonymousAuthors: Int
    public var namedSignatories: Int
    public var anonymousSignatories: Int
    /// Not removed and confirmed by the organiser or independently.
    public var confirmed: Int
    public var disputed: Int
    public var removed: Int
    /// Erased on request (and not removed): still counted, no longer named.
    public var erasedAuthors: Int
    public var erasedSignatories: Int
    /// The latest signing or adding time on the list.
    public var asOf: Date?

    public init(
        namedAuthors: Int = 0, anonymousAuthors: Int = 0, namedSignatories: Int = 0, anonymousSignatories: Int = 0, confirmed: Int = 0,
        disputed: Int = 0, removed: Int = 0, erasedAuthors: Int = 0, erasedSignatories: Int = 0, asOf: Date? = nil
    ) {
        self.namedAuthors = namedAuthors
        self.anonymousAuthors = anonymousAuthors
        self.namedSignatories = namedSignatories
        self.anonymousSignatories = anonymousSignatories
        self.confirmed = confirmed
        self.disputed = disputed
        self.removed = removed
        self.erasedAuthors = erasedAuthors
        self.erasedSignatories = erasedSignatories
        self.asOf = asOf
    }

    public var authors: Int { namedAuthors + anonymousAuthors + erasedAuthors }
    public var named: Int { namedAuthors + namedSignatories }
    public var anonymous: Int { anonymousAuthors + anonymousSignatories }
    public var erased: Int { erasedAuthors + erasedSignatories }
    /// Everyone counted: authors sign too.
    public var total: Int { named + anonymous + erased }
    public var isEmpty: Bool { total == 0 && removed == 0 }
}

/// One metric: what outlets report next to what the list holds, and a verdict in plain words.
public struct ReconciliationLine: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable {
        /// The list's count is one the reports allow.
        case consistent
        /// The list holds fewer than the reports allow.
        case listShort = "list_short"
        /// The list holds more than the reports allow.
        case listLonger = "list_longer"
        /// Outlets report nothing for this metric.
        case noReports = "no_reports"
        /// The list is empty.
        case noList = "no_list"
    }
    public var metric: Metric
    /// What the reports allow (the consensus interval), nil without reports.
    public var reported: CountInterval?
    public var listed: Int
    public var verdict: Verdict
    /// "outlets report about 600 signatures; the list holds 412 named and 170 anonymous signatories as of 2024-11-27: consistent"
    public var words: String
}

public enum Reconciliation {
    /// Sets the list next to the reported figures: authors against listed authors, signatures
    /// against everyone listed, verified signatures against confirmed signatories. Removed
    /// signatories are not counted.
    public static func reconcile(_ comparison: CampaignComparison, counts: ListCounts) -> [ReconciliationLine] {
        let asOf = counts.asOf.map { " as of \(TimeFormatting.day($0))" } ?? ""
        let rows: [(Metric, Int, String)] = [
            (
                .authors, counts.authors,
                "\(counts.authors) author\(counts.authors == 1 ? "" : "s")" + (counts.anonymousAuthors > 0 ? " (\(counts.anonymousAuthors) anonymous)" : "")
            ),
            (
                .signatures, counts.total,
                "\(NumberFormatting.grouped(counts.named)) named\(counts.erased > 0 ? ", \(NumberFormatting.grouped(counts.erased)) erased on request" : "") and \(NumberFormatting.grouped(counts.anonymous)) anonymous signatories (authors included)"
            ),
            (.verifiedSignatures, counts.confirmed, "\(NumberFormatting.grouped(counts.confirmed)) confirmed by the organisers or independently"),
        ]
        return rows.map { metric, listed, holds in
            let figures = comparison.metrics.first { $0.metric == metric }?.figures ?? []
            let holdsText = "the list holds \(holds)\(asOf)"
            guard !counts.isEmpty else {
                return ReconciliationLine(
                    metric: metric, reported: nil, listed: 0, verdict: .noList,
                    words: "no signatories listed yet; import a list with `petitions signatory import`")
            }
            guard let consensus = comparison.metrics.first(where: { $0.metric == metric })?.consensus, !figures.isEmpty else {
                return ReconciliationLine(
                    metric: metric, reported: nil, listed: listed, verdict: .noReports, words: "no outlet reports \(metric.words); \(holdsText)")
            }
            let reportedText: String
            let phrases = Set(figures.map(\.figure.phrase))
            if figures.count == 1, let only = figures.first {
                reportedText = "\(only.figure.draft.outlet) reports \(only.figure.phrase) \(metric.words)"
            } else if phrases.count == 1, let phrase = phrases.first {
                reportedText = "\(figures.count) outlets report \(phrase) \(metric.words)"
            } else {
                reportedText =
                    "outlets report \(metric.words) that most agree allow \(consensus.interval) (\(consensus.supporting.count) of \(figures.count) sources)"
            }
            let interval = consensus.interval
            let verdict: ReconciliationLine.Verdict
            let judgement: String
            if interval.contains(listed) {
                verdict = .consistent
                judgement = "consistent with the reports"
            } else if listed < interval.low {
                verdict = .listShort
                judgement =
                    "\(NumberFormatting.grouped(interval.low - listed)) fewer than the reports allow: the list may be incomplete, or the outlets counted something else"
            } else {
                verdict = .listLonger
                judgement = "\(NumberFormatting.grouped(listed - (interval.high ?? listed))) more than the reports allow: the reports may predate the list"
            }
            return ReconciliationLine(
                metric: metric, reported: interval, listed: listed, verdict: verdict, words: "\(reportedText); \(holdsText): \(judgement)")
        }
    }
}

import Foundation
import PetitionsDomain
import Postgres

extension FigureStore {
    /// Extracted figures waiting for review, oldest first; all campaigns when `campaign` is nil.
    public func pending(campaign slug: String? = nil) throws -> [ReportedFigure] {
        if let slug { _ = try campaignID(slug) }
        return try db.query(
            """
            \(unsafeRaw: Self.figureColumns)
            FROM live_figures f JOIN campaigns c ON c.id = f.campaign_id JOIN outlets o ON o.id = f.outlet_id
            WHERE f.method = 'extracted' AND NOT EXISTS (SELECT 1 FROM figure_reviews v WHERE v.figure_id = f.id)
              AND (\(slug)::text IS NULL OR c.slug = \(slug))
            ORDER BY f.recorded_at, f.id
            """
        ).map(Self.decodeFigure)
    }

    /// Accepts and rejects extracted figures, all or nothing. Accepted figures count from then on;
    /// rejected ones stay in the history only.
    ///
    /// - Throws: `ValidationFailure` naming every id that is not an extracted figure awaiting
    ///   review, or a missing reason for rejections.
    public func review(accept: [Int], reject: [Int], reason: String?, actor: String) throws {
        try Validate.bounded((reason, Validate.Limit.reason, "reason"), (actor, Validate.Limit.actor, "actor"))
        var problems: [DomainError] = []
        if !reject.isEmpty && (reason?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true) {
            problems.append(.invalid(field: "reason", reason: "say why the figures are rejected (--reason)"))
        }
        let both = Set(accept).intersection(reject)
        if !both.isEmpty {
            problems.append(.invalid(field: "figures", reason: "\(both.sorted().map(String.init).joined(separator: ", ")) both accepted and rejected"))
        }
        if accept.isEmpty && reject.isEmpty { problems.append(.invalid(field: "figures", reason: "name figures with --accept ID or --reject ID")) }
        try db.withTransaction { db in
            let ids = accept + reject
            let pending = Set(
                try db.query(
                    """
                    SELECT f.id FROM live_figures f
                    WHERE f.id = ANY(\(ids)) AND f.method = 'extracted' AND NOT EXISTS (SELECT 1 FROM figure_reviews v WHERE v.figure_id = f.id)
                    FOR KEY SHARE OF f
                    """
                ).map { try $0.decode("id", as: Int.self) })
            for id in ids where !pending.contains(id) {
                problems.append(.invalid(field: "figure \(id)", reason: "is not an extracted figure awaiting review (see: petitions figure review)"))
            }
            guard problems.isEmpty else { throw ValidationFailure(problems) }
            for (decision, list) in [(ReviewDecision.accepted, accept), (.rejected, reject)] where !list.isEmpty {
                try db.execute(
                    """
                    INSERT INTO figure_reviews (figure_id, decision, reason, reviewed_by)
                    SELECT unnest(\(list)::bigint[]), \(decision.rawValue), \(decision == .rejected ? reason : nil), \(actor)
                    """)
                for id in list {
                    try audit(
                        db, actor: actor, action: "figure.review", type: "figure", subject: String(id),
                        details: ["decision": decision.rawValue, "reason": decision == .rejected ? reason ?? "" : ""])
                }
            }
            // Accepted figures count from now on: outdated-report alerts look at them.
            if !accept.isEmpty {
                let campaigns = try db.query(
                    """
                    SELECT DISTINCT c.slug FROM figures f JOIN campaigns c ON c.id = f.campaign_id WHERE f.id = ANY(\(accept)) ORDER BY c.slug
                    """
                ).map { try $0.decode("slug", as: String.self) }
                for campaign in campaigns { try AlertStore(db).raiseReportAlerts(campaign: campaign, figures: accept, now: Date()) }
            }
        }
    }
}

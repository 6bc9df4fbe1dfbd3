import Foundation
import PetitionsDomain
import Postgres

/// A figure with everything that happened to it: the corrections before and after it, and any
/// retraction or review.
public struct FigureHistory: Sendable {
    /// The figure asked for.
    public var figure: ReportedFigure
    /// The whole chain of corrections it belongs to, oldest first (the figure included).
    public var chain: [ReportedFigure]
    public var retractions: [Int: Retraction]
    public var reviews: [Int: Review]

    public struct Retraction: Sendable {
        public var reason: String
        public var by: String
        public var at: Date
    }

    public struct Review: Sendable {
        public var decision: String
        public var reason: String?
        public var by: String
        public var at: Date
    }
}

extension FigureStore {
    /// One page of a campaign's figures in id order, after the figure `after` (keyset paging:
    /// every page costs the same however deep it is). The current view, or with `history` every
    /// figure with its status.
    /// A page of a campaign's figures in id order: the current ones (extracted figures only once
    /// accepted in review), or with `history` every figure, each with its status.
    public func page(campaign slug: String, after: Int?, limit: Int, history: Bool = false, metric: Metric? = nil) throws -> [ReportedFigure] {
        let campaignID = try campaignID(slug)
        return try db.query(
            """
            \(unsafeRaw: Self.figureColumns)
            FROM \(unsafeRaw: history ? "figures" : "current_figures") f
            JOIN campaigns c ON c.id = f.campaign_id JOIN outlets o ON o.id = f.outlet_id
            WHERE f.campaign_id = \(campaignID) AND f.id > \(after ?? 0)
              AND (\(metric?.rawValue)::text IS NULL OR f.metric = \(metric?.rawValue))
              -- The current view is what was published: an extracted figure counts once accepted.
              AND (\(history) OR f.method <> 'extracted'
                   OR EXISTS (SELECT 1 FROM figure_reviews v WHERE v.figure_id = f.id AND v.decision = 'accepted'))
            ORDER BY f.id
            LIMIT \(limit)
            """
        ).map(Self.decodeFigure)
    }

    /// A figure and its chain of corrections, with retractions and reviews; nil when there is no
    /// such figure.
    public func history(_ id: Int) throws -> FigureHistory? {
        let chain = try db.query(
            """
            WITH RECURSIVE back AS (
                SELECT id, supersedes FROM figures WHERE id = \(id)
                UNION SELECT f.id, f.supersedes FROM figures f JOIN back ON f.id = back.supersedes
            ), forth AS (
                SELECT id FROM back WHERE supersedes IS NULL
                UNION SELECT f.id FROM figures f JOIN forth ON f.supersedes = forth.id
            )
            \(unsafeRaw: Self.figureColumns)
            FROM figures f JOIN campaigns c ON c.id = f.campaign_id JOIN outlets o ON o.id = f.outlet_id
            WHERE f.id IN (SELECT id FROM forth)
            ORDER BY f.id
            """
        ).map(Self.decodeFigure)
        // The chain holds the figure itself; none means there is no such figure.
        guard let figure = chain.first(where: { $0.id == id }) else { return nil }
        let ids = chain.map(\.id)
        var retractions: [Int: FigureHistory.Retraction] = [:]
        for row in try db.query("SELECT figure_id, reason, retracted_by, retracted_at FROM figure_retractions WHERE figure_id = ANY(\(ids))") {
            retractions[try row.decode("figure_id")] = .init(
                reason: try row.decode("reason"), by: try row.decode("retracted_by"), at: try row.decode("retracted_at"))
        }
        var reviews: [Int: FigureHistory.Review] = [:]
        for row in try db.query("SELECT figure_id, decision, reason, reviewed_by, reviewed_at FROM figure_reviews WHERE figure_id = ANY(\(ids))") {
            reviews[try row.decode("figure_id")] = .init(
                decision: try row.decode("decision"), reason: try row.decode("reason"),
                by: try row.decode("reviewed_by"), at: try row.decode("reviewed_at"))
        }
        return FigureHistory(figure: figure, chain: chain, retractions: retractions, reviews: reviews)
    }
}

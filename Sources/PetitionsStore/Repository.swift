import Foundation
import PetitionsDomain
import Postgres

/// The store over one connection, by area: `campaigns`, `outlets`, `figures`, `signatories`,
/// `sources`, `jobs` and `alerts`. Each area is a small value over the same connection, so calls
/// made through any of them inside `db.withTransaction` share that transaction.
public struct Repository {
    public let db: PGConnection
    public init(_ db: PGConnection) { self.db = db }

    public var campaigns: CampaignStore { CampaignStore(db) }
    public var outlets: OutletStore { OutletStore(db) }
    public var figures: FigureStore { FigureStore(db) }
    public var signatories: SignatoryStore { SignatoryStore(db) }
    public var sources: SourceStore { SourceStore(db) }
    public var jobs: JobStore { JobStore(db) }
    public var alerts: AlertStore { AlertStore(db) }

    // MARK: Audit

    /// One entry of the audit log: who did what to a subject, when, with the details as JSON.
    public struct AuditEntry: Sendable {
        public var at: Date
        public var actor: String
        public var action: String
        public var subject: String
        public var details: String
    }

    /// The audit log, oldest first, filtered: by campaign (the campaign itself, and every action
    /// on its figures, reviews, corrections, retractions, imports, sources and alerts), from a
    /// time on, by actor, by action (`figure.` for every figure action). `limit` keeps the newest.
    public func auditTrail(campaign: String? = nil, since: Date? = nil, actor: String? = nil, action: String? = nil, limit: Int = 1000) throws
        -> [AuditEntry]
    {
        let campaignID: Int? = try campaign.map { slug in
            guard let id: Int = try db.query("SELECT id FROM campaigns WHERE slug = \(slug)").first?.decode("id") else {
                throw try CampaignStore(db).unknown(slug)
            }
            return id
        }
        return try db.query(
            """
            SELECT * FROM (
                SELECT a.id, a.at, a.actor, a.action, a.subject_type || ' ' || a.subject AS subject, a.details FROM audit_log a
                WHERE (\(since)::timestamptz IS NULL OR a.at >= \(since))
                  AND (\(actor)::text IS NULL OR a.actor = \(actor))
                  AND (\(action)::text IS NULL OR a.action LIKE replace(replace(\(action), '%', '\\%'), '_', '\\_') || '%')
                  AND (\(campaignID)::bigint IS NULL
                       OR (a.subject_type = 'campaign' AND a.subject = \(campaign))
                       OR a.details->>'campaign' = \(campaign)
                       OR (a.subject_type = 'figure' AND a.details ? 'first_id' AND EXISTS (
                              SELECT 1 FROM figures f WHERE f.campaign_id = \(campaignID)
                                AND f.id BETWEEN (a.details->>'first_id')::bigint AND (a.details->>'last_id')::bigint))
                       OR (a.subject_type = 'figure' AND a.subject ~ '^[0-9]{1,18}$'
                           AND EXISTS (SELECT 1 FROM figures f WHERE f.id = a.subject::bigint AND f.campaign_id = \(campaignID)))
                       OR (a.subject_type = 'source' AND a.subject ~ '^[0-9]{1,18}$'
                           AND EXISTS (SELECT 1 FROM sources s WHERE s.id = a.subject::bigint AND s.campaign_id = \(campaignID)))
                       OR (a.subject_type = 'alert' AND a.subject ~ '^[0-9]{1,18}$'
                           AND EXISTS (SELECT 1 FROM alerts l WHERE l.id = a.subject::bigint AND l.campaign_id = \(campaignID))))
                ORDER BY a.at DESC, a.id DESC
                LIMIT \(limit)
            ) newest ORDER BY at, id
            """
        ).map {
            AuditEntry(
                at: try $0.decode("at"), actor: try $0.decode("actor"), action: try $0.decode("action"), subject: try $0.decode("subject"),
                details: try $0.decode("details", as: PGJSON.self).text)
        }
    }

    /// What was done to one subject (a campaign's slug, a figure's id ...), oldest first.
    public func auditTrail(type: String, subject: String) throws -> [AuditEntry] {
        try db.query(
            "SELECT at, actor, action, subject_type || ' ' || subject AS subject, details FROM audit_log WHERE subject_type = \(type) AND subject = \(subject) ORDER BY at, id"
        ).map {
            AuditEntry(
                at: try $0.decode("at"), actor: try $0.decode("actor"), action: try $0.decode("action"), subject: try $0.decode("subject"),
                details: try $0.decode("details", as: PGJSON.self).text)
        }
    }
}

/// What every area shares: its connection, the audit log and slug look-ups.
protocol StoreArea {
    var db: PGConnection { get }
}

extension StoreArea {
    /// Records who did what, on `db` (the caller's transaction).
    /// An actor over `Validate.Limit.actor` is refused here too, so that no write path stores one.
    func audit(_ db: PGConnection, actor: String, action: String, type: String, subject: String, details: some Encodable) throws {
        try Validate.bounded((actor, Validate.Limit.actor, "actor"))
        try db.execute(
            """
            INSERT INTO audit_log (actor, action, subject_type, subject, details)
            VALUES (\(actor), \(action), \(type), \(subject), \(try PGJSON(encoding: AnyEncodable(details))))
            """)
    }

    func ids(table: String, slugs: Set<String>) throws -> [String: Int] {
        guard !slugs.isEmpty else { return [:] }
        var ids: [String: Int] = [:]
        for row in try db.query("SELECT slug, id FROM \(unsafeRaw: table) WHERE slug = ANY(\(Array(slugs)))") {
            ids[try row.decode("slug")] = try row.decode("id")
        }
        return ids
    }

    /// A campaign's id, for queries that should use it as a constant (so the planner can walk an index).
    /// - Throws: the unknown-campaign error, with a suggestion.
    func campaignID(_ slug: String) throws -> Int {
        guard let id = try ids(table: "campaigns", slugs: [slug])[slug] else { throw try unknownCampaign(slug) }
        return id
    }

    func unknownCampaign(_ slug: String) throws -> DomainError { try unknown(slug, Campaign.self) }
    func unknownOutlet(_ slug: String) throws -> DomainError { try unknown(slug, Outlet.self) }
}

/// A store-level refusal, phrased for people.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case duplicate(String)
    case notFound(String)
    case conflict(String)
    public var description: String {
        switch self {
        case .duplicate(let message), .notFound(let message), .conflict(let message): message
        }
    }
}

extension PGDate {
    init(_ day: Day) { self.init(year: day.year, month: day.month, day: day.day) }
}

extension Day {
    init(_ date: PGDate) { self.init(year: date.year, month: date.month, day: date.day) }
}

/// Lets heterogeneous audit details (models, dictionaries of them) be encoded as JSON.
struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

import Foundation
import PetitionsDomain
import Postgres

/// Campaigns: add, edit, read and list them. Every write validates first, runs in one
/// transaction, and records an audit entry in that same transaction.
public struct CampaignStore: StoreArea {
    public let db: PGConnection
    public init(_ db: PGConnection) { self.db = db }

    /// Adds a campaign. - Throws: `ValidationFailure`, or `StoreError.duplicate` when the slug is taken.
    public func add(_ campaign: Campaign, actor: String) throws {
        try insert(campaign, actor: actor) { db in
            try db.execute(
                """
                INSERT INTO campaigns (slug, title, kind, aliases, target, organiser, platform_url, launched_on, closed_on, goal, notes)
                VALUES (\(campaign.slug), \(campaign.title), \(campaign.kind.rawValue), \(campaign.aliases), \(campaign.target),
                        \(campaign.organiser), \(campaign.platformURL), \(campaign.launched.map(PGDate.init)), \(campaign.closed.map(PGDate.init)),
                        \(campaign.goal), \(campaign.notes))
                """)
        }
    }

    /// Changes a campaign: `change` edits a copy, which is validated and saved, slug included.
    @discardableResult
    public func edit(_ slug: String, actor: String, _ change: (inout Campaign) throws -> Void) throws -> Campaign {
        try edit(slug, actor: actor, find: { try find($0, forUpdate: true) }, unknown: unknown, change) { db, after in
            try db.execute(
                """
                UPDATE campaigns SET slug = \(after.slug), title = \(after.title), kind = \(after.kind.rawValue), aliases = \(after.aliases),
                    target = \(after.target), organiser = \(after.organiser), platform_url = \(after.platformURL),
                    launched_on = \(after.launched.map(PGDate.init)), closed_on = \(after.closed.map(PGDate.init)), goal = \(after.goal),
                    notes = \(after.notes), updated_at = now()
                WHERE slug = \(slug)
                """)
        }
    }

    public func find(_ slug: String, forUpdate: Bool = false) throws -> Campaign? {
        let rows = try db.query(
            """
            SELECT slug, title, kind, aliases, target, organiser, platform_url, launched_on, closed_on, goal, notes
            FROM campaigns WHERE slug = \(slug) \(unsafeRaw: forUpdate ? "FOR UPDATE" : "")
            """)
        return try rows.first.map(Self.decodeCampaign)
    }

    /// A campaign with how many figures and sources it has.
    public struct Summary: Sendable {
        public var campaign: Campaign
        /// Current figures outlets reported (the platform's own counts are not counted).
        public var figures: Int
        /// Outlets that reported them.
        public var outlets: Int
        /// The latest as-of time of those figures.
        public var latestAsOf: Date?
        /// The platform's latest signature count, when one is tracked.
        public var platform: PlatformReading?
    }

    /// Every campaign with what outlets reported and the platform's latest count. Reported figures
    /// come through figures_reported and the platform's count is one probe, so a campaign with
    /// millions of polls lists as fast as one with none.
    public func list() throws -> [Summary] {
        try db.query(
            """
            SELECT c.slug, c.title, c.kind, c.aliases, c.target, c.organiser, c.platform_url, c.launched_on, c.closed_on, c.goal, c.notes,
                   r.figures, r.outlets, r.latest, p.slug AS platform, p.value AS platform_value, p.as_of AS platform_as_of
            FROM campaigns c
            CROSS JOIN LATERAL (
                SELECT count(*) AS figures, count(DISTINCT f.outlet_id) AS outlets, max(f.as_of) AS latest
                FROM current_figures f JOIN outlets o ON o.id = f.outlet_id
                WHERE f.campaign_id = c.id AND f.method <> 'polled' AND o.kind <> 'platform'
            ) r
            LEFT JOIN LATERAL (
                SELECT o.slug, l.value, l.as_of FROM outlets o
                CROSS JOIN LATERAL (
                    SELECT f.value, f.as_of FROM current_figures f WHERE f.campaign_id = c.id AND f.metric = 'signatures' AND f.outlet_id = o.id
                    ORDER BY f.campaign_id, f.metric, f.outlet_id, f.as_of DESC, f.id DESC LIMIT 1
                ) l
                WHERE o.kind = 'platform' ORDER BY l.as_of DESC LIMIT 1
            ) p ON true
            ORDER BY c.slug
            """
        ).map { row in
            let platform: PlatformReading? = try row.decode("platform", as: String?.self).map { slug in
                PlatformReading(outlet: slug, value: try row.decode("platform_value"), asOf: try row.decode("platform_as_of"))
            }
            return Summary(
                campaign: try Self.decodeCampaign(row), figures: try row.decode("figures"), outlets: try row.decode("outlets"),
                latestAsOf: try row.decode("latest"), platform: platform)
        }
    }

    static func decodeCampaign(_ row: PGRow) throws -> Campaign {
        Campaign(
            slug: try row.decode("slug"), title: try row.decode("title"), kind: try CampaignKind.parse(try row.decode("kind")),
            aliases: try row.decode("aliases"), target: try row.decode("target"), organiser: try row.decode("organiser"),
            platformURL: try row.decode("platform_url"), launched: try row.decode("launched_on", as: PGDate?.self).map(Day.init),
            closed: try row.decode("closed_on", as: PGDate?.self).map(Day.init), goal: try row.decode("goal"), notes: try row.decode("notes"))
    }

    /// Every campaign's names (title and aliases), for the extractor.
    public func names() throws -> [(slug: String, names: [String])] {
        try db.query("SELECT slug, title, aliases FROM campaigns ORDER BY id").map {
            (try $0.decode("slug"), [try $0.decode("title", as: String.self)] + (try $0.decode("aliases", as: [String].self)))
        }
    }

    /// The error for a campaign slug that does not exist, with the closest one as a suggestion.
    public func unknown(_ slug: String) throws -> DomainError { try unknown(slug, Campaign.self) }
}

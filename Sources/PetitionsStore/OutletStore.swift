import Foundation
import PetitionsDomain
import Postgres

/// Outlets: add, edit, read and list them, with the same rules as campaigns.
public struct OutletStore: StoreArea {
    public let db: PGConnection
    public init(_ db: PGConnection) { self.db = db }

    /// Adds an outlet. - Throws: `ValidationFailure`, or `StoreError.duplicate` when the slug is taken.
    public func add(_ outlet: Outlet, actor: String) throws {
        try insert(outlet, actor: actor) { db in
            try db.execute(
                """
                INSERT INTO outlets (slug, name, kind, home_url, language, country)
                VALUES (\(outlet.slug), \(outlet.name), \(outlet.kind.rawValue), \(outlet.homeURL), \(outlet.language), \(outlet.country))
                """)
        }
    }

    /// Changes an outlet: `change` edits a copy, which is validated and saved, slug included.
    @discardableResult
    public func edit(_ slug: String, actor: String, _ change: (inout Outlet) throws -> Void) throws -> Outlet {
        try edit(slug, actor: actor, find: { try find($0, forUpdate: true) }, unknown: unknown, change) { db, after in
            try db.execute(
                """
                UPDATE outlets SET slug = \(after.slug), name = \(after.name), kind = \(after.kind.rawValue), home_url = \(after.homeURL),
                    language = \(after.language), country = \(after.country), updated_at = now()
                WHERE slug = \(slug)
                """)
        }
    }

    public func find(_ slug: String, forUpdate: Bool = false) throws -> Outlet? {
        try db.query("SELECT slug, name, kind, home_url, language, country FROM outlets WHERE slug = \(slug) \(unsafeRaw: forUpdate ? "FOR UPDATE" : "")")
            .first.map(Self.decodeOutlet)
    }

    public struct Summary: Sendable {
        public var outlet: Outlet
        public var figures: Int
        public var campaigns: Int
    }

    public func list() throws -> [Summary] {
        try db.query(
            """
            SELECT o.slug, o.name, o.kind, o.home_url, o.language, o.country,
                   count(f.id) AS figures, count(DISTINCT f.campaign_id) AS campaigns
            FROM outlets o LEFT JOIN current_figures f ON f.outlet_id = o.id
            GROUP BY o.id ORDER BY o.slug
            """
        ).map { Summary(outlet: try Self.decodeOutlet($0), figures: try $0.decode("figures"), campaigns: try $0.decode("campaigns")) }
    }

    /// Every outlet's name by slug (one read of the outlets table, no figures): what reports and
    /// pages show instead of slugs.
    public func names() throws -> [String: String] {
        var names: [String: String] = [:]
        for row in try db.query("SELECT slug, name FROM outlets") { names[try row.decode("slug")] = try row.decode("name") }
        return names
    }

    static func decodeOutlet(_ row: PGRow) throws -> Outlet {
        Outlet(
            slug: try row.decode("slug"), name: try row.decode("name"), kind: try OutletKind.parse(try row.decode("kind")),
            homeURL: try row.decode("home_url"), language: try row.decode("language"), country: try row.decode("country"))
    }

    /// The error for an outlet slug that does not exist, with the closest one as a suggestion.
    public func unknown(_ slug: String) throws -> DomainError { try unknown(slug, Outlet.self) }
}

import Foundation
import PetitionsDomain
import Postgres

/// Outlets: add, edit, read and list them, with the same rules as campaigns.
public struct OutletStore: StoreArea {
    public let db: PGConnection
    public init(_ db: PGConnection) { self.db = db }

    public func add(_ outlet: Outlet, actor: String) throws {
        let problems = outlet.problems()
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        try db.withTransaction { db in
            do {
                try db.execute(
                    """
                    INSERT INTO outlets (slug, name, kind, home_url, language, country)
                    VALUES (\(outlet.slug), \(outlet.name), \(outlet.kind.rawValue), \(outlet.homeURL), \(outlet.language), \(outlet.country))
                    """)
            } catch let error as PGError where error.isUniqueViolation {
                throw StoreError.duplicate("an outlet with the slug \"\(outlet.slug)\" already exists (see: petitions outlet show \(outlet.slug))")
            }
            try audit(db, actor: actor, action: "outlet.add", type: "outlet", subject: outlet.slug, details: outlet)
        }
    }

    @discardableResult
    public func edit(_ slug: String, actor: String, _ change: (inout Outlet) throws -> Void) throws -> Outlet {
        try db.withTransaction { db in
            guard let before = try find(slug, forUpdate: true) else { throw try unknown(slug) }
            var after = before
            try change(&after)
            let problems = after.problems()
            guard problems.isEmpty else { throw ValidationFailure(problems) }
            do {
                try db.execute(
                    """
                    UPDATE outlets SET slug = \(after.slug), name = \(after.name), kind = \(after.kind.rawValue), home_url = \(after.homeURL),
                        language = \(after.language), country = \(after.country), updated_at = now()
                    WHERE slug = \(slug)
                    """)
            } catch let error as PGError where error.isUniqueViolation {
                throw StoreError.duplicate("an outlet with the slug \"\(after.slug)\" already exists")
            }
            try audit(db, actor: actor, action: "outlet.edit", type: "outlet", subject: slug, details: ["before": before, "after": after])
            return after
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

    static func decodeOutlet(_ row: PGRow) throws -> Outlet {
        Outlet(
            slug: try row.decode("slug"), name: try row.decode("name"), kind: try OutletKind.parse(try row.decode("kind")),
            homeURL: try row.decode("home_url"), language: try row.decode("language"), country: try row.decode("country"))
    }

    /// The error for an outlet slug that does not exist, with the closest one as a suggestion.
    public func unknown(_ slug: String) throws -> DomainError {
        let slugs = try db.query("SELECT slug FROM outlets").map { try $0.decode("slug", as: String.self) }
        return .unknownSlug(kind: "outlet", slug: slug, suggestion: Slug.closest(to: slug, in: slugs), listCommand: "petitions outlet list")
    }
}

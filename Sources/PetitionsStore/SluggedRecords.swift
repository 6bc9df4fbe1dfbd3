import Foundation
import PetitionsDomain
import Postgres

/// A record kept under a slug people type (campaigns, outlets): validated before every write,
/// its slug unique, each change audited with what it was before.
protocol SluggedRecord: Encodable {
    /// `campaign`, `outlet`: the table is its plural, the audit's subject type and the CLI's noun.
    static var noun: String { get }
    var slug: String { get }
    func problems() -> [DomainError]
}

extension Campaign: SluggedRecord { static var noun: String { "campaign" } }
extension Outlet: SluggedRecord { static var noun: String { "outlet" } }

extension StoreArea {
    /// The error for a slug that names no record of its kind, with the closest one as a suggestion.
    func unknown<Record: SluggedRecord>(_ slug: String, _ kind: Record.Type) throws -> DomainError {
        let slugs = try db.query("SELECT slug FROM \(unsafeRaw: Record.noun)s").map { try $0.decode("slug", as: String.self) }
        return .unknownSlug(
            kind: Record.noun, slug: slug, suggestion: Slug.closest(to: slug, in: slugs), listCommand: "petitions \(Record.noun) list")
    }

    /// Validates `record`, then runs `insert` and audits it, in one transaction.
    /// - Throws: `ValidationFailure`, or `StoreError.duplicate` when the slug is taken.
    func insert<Record: SluggedRecord>(_ record: Record, actor: String, _ insert: (PGConnection) throws -> Void) throws {
        let problems = record.problems()
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        try db.withTransaction { db in
            try Self.slugTaken(record) { try insert(db) }
            try audit(db, actor: actor, action: "\(Record.noun).add", type: Record.noun, subject: record.slug, details: record)
        }
    }

    /// Locks the record under `slug`, lets `change` edit a copy, validates it and runs `update`
    /// (which may change the slug), auditing before and after, in one transaction.
    func edit<Record: SluggedRecord>(
        _ slug: String, actor: String, find: (String) throws -> Record?, unknown: (String) throws -> DomainError,
        _ change: (inout Record) throws -> Void, update: (PGConnection, Record) throws -> Void
    ) throws -> Record {
        try db.withTransaction { db in
            guard let before = try find(slug) else { throw try unknown(slug) }
            var after = before
            try change(&after)
            let problems = after.problems()
            guard problems.isEmpty else { throw ValidationFailure(problems) }
            try Self.slugTaken(after, hint: false) { try update(db, after) }
            try audit(db, actor: actor, action: "\(Record.noun).edit", type: Record.noun, subject: slug, details: ["before": before, "after": after])
            return after
        }
    }

    /// Runs `write`, turning a unique violation into "a campaign with the slug ... already exists".
    private static func slugTaken<Record: SluggedRecord>(_ record: Record, hint: Bool = true, _ write: () throws -> Void) throws {
        do { try write() } catch let error as PGError where error.isUniqueViolation {
            let article = Record.noun.first.map { "aeiou".contains($0) } == true ? "an" : "a"
            let see = hint ? " (see: petitions \(Record.noun) show \(record.slug))" : ""
            throw StoreError.duplicate("\(article) \(Record.noun) with the slug \"\(record.slug)\" already exists\(see)")
        }
    }
}

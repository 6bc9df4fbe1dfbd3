import Foundation
import PetitionsDomain
import Postgres

/// One entry of a list being imported, as read: its line and its columns.
public struct SignatoryRecord: Sendable {
    public var line: Int
    public var fields: [String]
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

public struct SignatoryImportResult: Sendable {
    public var rows = 0
    public var inserted = 0
    /// Entries identical to one already stored (an earlier import of the same list): skipped.
    public var alreadyStored = 0
    public var alreadyStoredLines: [Int] = []
    /// Named entries repeating an earlier line word for word: kept, and reported by `signatory duplicates`.
    public var repeatedInFile = 0
    /// Entries whose name is on the watch list: line, name, watched name.
    public var watchMatches: [(line: Int, name: String, watched: String)] = []
    public var dryRun = false
}

/// An import refused: what is wrong, by line. Nothing was written.
public struct SignatoryImportFailure: Error, Sendable, CustomStringConvertible {
    public var problems: [(line: Int, problem: String)]
    public var total: Int
    public var description: String {
        var lines = ["\(total) invalid row\(total == 1 ? "" : "s"); nothing was imported:"]
        lines += problems.map { "  line \($0.line): \($0.problem)" }
        if total > problems.count { lines.append("  ... and \(total - problems.count) more") }
        return lines.joined(separator: "\n")
    }
}

public struct SignatoryHistoryEntry: Sendable {
    public var from: VerificationStatus?
    public var to: VerificationStatus
    public var reason: String?
    public var by: String
    public var at: Date
}

/// Entries of a list that may be the same person, and why.
public struct DuplicateGroup: Sendable {
    public enum Reason: String, Sendable {
        /// The same name once normalised (case, width, spacing).
        case sameName = "same_name"
        /// The same name but for accents (only when asked to ignore accents).
        case sameNameIgnoringAccents = "same_name_ignoring_accents"
        /// The same letters and digits (punctuation and spacing aside) and the same affiliation.
        case nearIdentical = "near_identical_same_affiliation"
        /// The name is on the watch list of well-known people.
        case watchList = "watch_list"

        public var words: String {
            switch self {
            case .sameName: "same name"
            case .sameNameIgnoringAccents: "same name but for accents"
            case .nearIdentical: "nearly the same name, same affiliation"
            case .watchList: "on the watch list: verify before counting"
            }
        }
    }
    public var reason: Reason
    public var members: [Signatory]
    /// For watch-list groups: the watched name and its note.
    public var watched: String?
}

/// Signatories: lists read with name search, verification and erasure (each audited), the
/// watch list, and imports (`SignatoryStore+Import.swift`).
public struct SignatoryStore: StoreArea {
    public let db: PGConnection
    public init(_ db: PGConnection) { self.db = db }

    // MARK: Reading

    static let signatoryColumns = """
        SELECT s.id, c.slug AS campaign, s.display_name, s.role, s.affiliation, s.country, s.signed_at, s.source, s.visibility,
               s.status, s.erased_at, s.added_at
        """

    static func decodeSignatory(_ row: PGRow) throws -> Signatory {
        Signatory(
            id: try row.decode("id"), campaign: try row.decode("campaign"), name: try row.decode("display_name"),
            role: try SignatoryRole.parse(try row.decode("role")), affiliation: try row.decode("affiliation"), country: try row.decode("country"),
            signedAt: try row.decode("signed_at"), source: try row.decode("source"), visibility: try Visibility.parse(try row.decode("visibility")),
            status: try VerificationStatus.parse(try row.decode("status")), erasedAt: try row.decode("erased_at"), addedAt: try row.decode("added_at"))
    }

    /// A page of a campaign's list, and how many entries match in all.
    ///
    /// - Parameter search: a name prefix, matched on the normalised key (case, width and spacing
    ///   aside), or on the accent-free key with `ignoringAccents`. Both use `signatories_search`.
    public func list(
        campaign slug: String, status: VerificationStatus? = nil, role: SignatoryRole? = nil, search: String? = nil,
        ignoringAccents: Bool = false, limit: Int = 100, offset: Int = 0
    ) throws -> (entries: [Signatory], total: Int, totalIsExact: Bool) {
        // The campaign's id as a constant lets the planner walk signatories_search in order.
        let campaignID = try campaignID(slug)
        let keys = search.map(NameKeys.init)
        let loosePrefix = keys.map { Self.likePrefix($0.looseKey) }
        let exactPrefix = ignoringAccents ? nil : keys.map { Self.likePrefix($0.key) }
        let filter: PGQuery = """
            FROM signatories s JOIN campaigns c ON c.id = s.campaign_id
            WHERE s.campaign_id = \(campaignID) AND (\(status?.rawValue)::text IS NULL OR s.status = \(status?.rawValue))
              AND (\(role?.rawValue)::text IS NULL OR s.role = \(role?.rawValue))
              AND (\(loosePrefix)::text IS NULL OR s.loose_key LIKE \(loosePrefix))
              AND (\(exactPrefix)::text IS NULL OR s.name_key LIKE \(exactPrefix))
            """
        // Plans for these values, never a generic one: the statements are prepared once per
        // session, and a generic plan cannot turn `LIKE $n` into a range of signatories_search.
        return try db.withTransaction { db in
            try db.execute("SET LOCAL plan_cache_mode = force_custom_plan")
            // Counting stops at `countLimit`: a broad prefix on a long list must stay fast ("more than 10,000").
            let counted: Int = try db.query("SELECT count(*) AS n FROM (SELECT 1 \(filter) LIMIT \(Self.countLimit + 1)) matches")[0].decode("n")
            let entries = try db.query(
                """
                \(unsafeRaw: Self.signatoryColumns) \(filter)
                ORDER BY \(unsafeRaw: search == nil ? "s.id" : "s.loose_key USING ~<~, s.id") LIMIT \(limit) OFFSET \(offset)
                """
            ).map(Self.decodeSignatory)
            return (entries, min(counted, Self.countLimit), counted <= Self.countLimit)
        }
    }

    /// The most matches `signatories` counts exactly.
    public static let countLimit = 10_000

    /// `text%` for LIKE, with `%`, `_` and `\` in the text taken literally.
    static func likePrefix(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    public func find(_ id: Int) throws -> (Signatory, [SignatoryHistoryEntry])? {
        guard
            let entry = try db.query("\(unsafeRaw: Self.signatoryColumns) FROM signatories s JOIN campaigns c ON c.id = s.campaign_id WHERE s.id = \(id)")
                .first.map(Self.decodeSignatory)
        else { return nil }
        let history = try db.query(
            """
            SELECT from_status, to_status, reason, changed_by, changed_at FROM signatory_status_changes WHERE signatory_id = \(id) ORDER BY changed_at, id
            """
        ).map { row in
            SignatoryHistoryEntry(
                from: try row.decode("from_status", as: String?.self).map { try VerificationStatus.parse($0) },
                to: try VerificationStatus.parse(try row.decode("to_status")), reason: try row.decode("reason"),
                by: try row.decode("changed_by"), at: try row.decode("changed_at"))
        }
        return (entry, history)
    }

    /// The list's counts by role, visibility and status, for reconciliation.
    public func counts(campaign slug: String) throws -> ListCounts {
        _ = try campaignID(slug)
        let row = try db.query(
            """
            SELECT count(*) FILTER (WHERE role = 'author' AND visibility = 'public' AND erased_at IS NULL AND status <> 'removed') AS named_authors,
                   count(*) FILTER (WHERE role = 'author' AND visibility = 'anonymous' AND status <> 'removed') AS anonymous_authors,
                   count(*) FILTER (WHERE role = 'signatory' AND visibility = 'public' AND erased_at IS NULL AND status <> 'removed') AS named_signatories,
                   count(*) FILTER (WHERE role = 'author' AND visibility = 'public' AND erased_at IS NOT NULL AND status <> 'removed') AS erased_authors,
                   count(*) FILTER (WHERE role = 'signatory' AND visibility = 'public' AND erased_at IS NOT NULL AND status <> 'removed') AS erased_signatories,
                   count(*) FILTER (WHERE role = 'signatory' AND visibility = 'anonymous' AND status <> 'removed') AS anonymous_signatories,
                   count(*) FILTER (WHERE status IN ('confirmed_by_organiser', 'confirmed_independently')) AS confirmed,
                   count(*) FILTER (WHERE status = 'disputed') AS disputed,
                   count(*) FILTER (WHERE status = 'removed') AS removed,
                   max(coalesce(signed_at, added_at)) AS as_of
            FROM signatories s JOIN campaigns c ON c.id = s.campaign_id WHERE c.slug = \(slug)
            """)[0]
        return ListCounts(
            namedAuthors: try row.decode("named_authors"), anonymousAuthors: try row.decode("anonymous_authors"),
            namedSignatories: try row.decode("named_signatories"), anonymousSignatories: try row.decode("anonymous_signatories"),
            confirmed: try row.decode("confirmed"), disputed: try row.decode("disputed"), removed: try row.decode("removed"),
            erasedAuthors: try row.decode("erased_authors"), erasedSignatories: try row.decode("erased_signatories"), asOf: try row.decode("as_of"))
    }

    /// Likely duplicates and watch-list names, reported and never merged.
    public func duplicates(campaign slug: String, ignoringAccents: Bool = false) throws -> [DuplicateGroup] {
        let campaignID = try campaignID(slug)
        /// - Parameter key: the grouping expression over the given table alias (program text).
        func groups(_ reason: DuplicateGroup.Reason, key: (String) -> String, extra: String = "") throws -> [DuplicateGroup] {
            let rows = try db.query(
                """
                WITH groups AS (
                    SELECT \(unsafeRaw: key("d.")) AS group_key FROM signatories d
                    WHERE d.campaign_id = \(campaignID) AND d.erased_at IS NULL AND d.visibility = 'public'
                    GROUP BY 1 HAVING count(*) > 1 \(unsafeRaw: extra)
                )
                \(unsafeRaw: Self.signatoryColumns), g.group_key::text AS group_key
                FROM groups g JOIN signatories s ON s.campaign_id = \(campaignID) AND \(unsafeRaw: key("s.")) = g.group_key
                JOIN campaigns c ON c.id = s.campaign_id
                WHERE s.erased_at IS NULL AND s.visibility = 'public'
                ORDER BY g.group_key, s.id
                """)
            var result: [DuplicateGroup] = []
            var current: String?
            for row in rows {
                let groupKey: String = try row.decode("group_key")
                if groupKey != current { result.append(DuplicateGroup(reason: reason, members: [])); current = groupKey }
                result[result.count - 1].members.append(try Self.decodeSignatory(row))
            }
            return result
        }
        var result = try groups(.sameName, key: { "\($0)name_key" })
        if ignoringAccents { result += try groups(.sameNameIgnoringAccents, key: { "\($0)loose_key" }, extra: "AND count(DISTINCT d.name_key) > 1") }
        // A near-identical group already reported under another reason is not repeated.
        let reported = Set(result.map { Set($0.members.map(\.id)) })
        result += try groups(
            .nearIdentical, key: { "(\($0)skeleton, \($0)affiliation_key)" },
            extra: "AND count(DISTINCT d.name_key) > 1 AND max(d.affiliation_key) IS NOT NULL"
        )
        .filter { !reported.contains(Set($0.members.map(\.id))) }
        let watched = try db.query(
            """
            \(unsafeRaw: Self.signatoryColumns), w.name AS watched, w.note
            FROM signatories s JOIN campaigns c ON c.id = s.campaign_id JOIN watch_list w ON w.loose_key = s.loose_key
            WHERE s.campaign_id = \(campaignID) AND s.erased_at IS NULL
            ORDER BY w.name, s.id
            """)
        var byName: [(String, String?, [Signatory])] = []
        for row in watched {
            let name: String = try row.decode("watched")
            if byName.last?.0 != name { byName.append((name, try row.decode("note"), [])) }
            byName[byName.count - 1].2.append(try Self.decodeSignatory(row))
        }
        result += byName.map { name, note, members in DuplicateGroup(reason: .watchList, members: members, watched: note.map { "\(name) (\($0))" } ?? name) }
        return result
    }

    // MARK: Changes

    /// Changes a signatory's verification status, recording who, when and why.
    public func verify(_ id: Int, status: VerificationStatus, reason: String, actor: String) throws -> Signatory {
        try Validate.bounded((reason, Validate.Limit.reason, "reason"), (actor, Validate.Limit.actor, "actor"))
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationFailure([.invalid(field: "reason", reason: "say why the status changes (how it was checked, by whom)")])
        }
        return try db.withTransaction { db in
            guard let current = try db.query("SELECT status, erased_at FROM signatories WHERE id = \(id) FOR UPDATE").first else {
                throw StoreError.notFound("no signatory #\(id); find ids with `petitions signatory list CAMPAIGN`")
            }
            let from: String = try current.decode("status")
            guard from != status.rawValue else { throw StoreError.conflict("signatory #\(id) is already \(status.rawValue)") }
            try db.execute("UPDATE signatories SET status = \(status.rawValue) WHERE id = \(id)")
            try db.execute(
                """
                INSERT INTO signatory_status_changes (signatory_id, from_status, to_status, reason, changed_by)
                VALUES (\(id), \(from), \(status.rawValue), \(reason), \(actor))
                """)
            // The audit log holds no personal data: the reason stays in the erasable history.
            try audit(db, actor: actor, action: "signatory.verify", type: "signatory", subject: String(id), details: ["from": from, "to": status.rawValue])
            return try find(id)!.0
        }
    }

    /// Erases a signatory's personal data on request: name, keys, affiliation and source go, and
    /// so do the reasons in its verification history (they may name the person). The entry stays,
    /// so counts do not change, and the audit log records the erasure (without the name).
    public func erase(_ id: Int, reason: String, actor: String) throws {
        try Validate.bounded((reason, Validate.Limit.reason, "reason"), (actor, Validate.Limit.actor, "actor"))
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationFailure([.invalid(field: "reason", reason: "say why (for example: privacy request by email of 2025-01-10)")])
        }
        try db.withTransaction { db in
            guard let row = try db.query("SELECT display_name, name_key, erased_at FROM signatories WHERE id = \(id) FOR UPDATE").first else {
                throw StoreError.notFound("no signatory #\(id); find ids with `petitions signatory list CAMPAIGN`")
            }
            if try row.decode("erased_at", as: Date?.self) != nil { throw StoreError.conflict("signatory #\(id) is already erased") }
            if let key = try row.decode("name_key", as: String?.self), !key.isEmpty, NameKeys(reason).key.contains(key) {
                throw ValidationFailure([.invalid(field: "reason", reason: "the reason must not contain the name being erased; the audit log keeps it")])
            }
            try db.execute(
                """
                UPDATE signatories SET display_name = NULL, name_key = NULL, loose_key = NULL, skeleton = NULL, affiliation = NULL,
                                       affiliation_key = NULL, source = NULL, erased_at = now()
                WHERE id = \(id)
                """)
            try db.execute("UPDATE signatory_status_changes SET reason = NULL WHERE signatory_id = \(id)")
            try audit(db, actor: actor, action: "signatory.erase", type: "signatory", subject: String(id), details: ["reason": reason])
        }
    }

    // MARK: Watch list

    public struct WatchEntry: Sendable {
        public var name: String
        public var note: String?
        public var addedBy: String
        public var addedAt: Date
    }

    public func watch(_ name: String, note: String?, actor: String) throws {
        try Validate.bounded((name, Validate.Limit.shortText, "name"), (note, Validate.Limit.note, "note"), (actor, Validate.Limit.actor, "actor"))
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ValidationFailure([.invalid(field: "name", reason: "must not be empty")]) }
        let keys = NameKeys(trimmed)
        try db.withTransaction { db in
            do {
                try db.execute(
                    "INSERT INTO watch_list (name, name_key, loose_key, note, added_by) VALUES (\(trimmed), \(keys.key), \(keys.looseKey), \(note), \(actor))")
            } catch let error as PGError where error.isUniqueViolation {
                throw StoreError.duplicate("\"\(trimmed)\" is already on the watch list")
            }
            try audit(db, actor: actor, action: "watch.add", type: "watch_list", subject: trimmed, details: ["note": note ?? ""])
        }
    }

    public func unwatch(_ name: String, actor: String) throws {
        try db.withTransaction { db in
            let removed = try db.query("DELETE FROM watch_list WHERE name_key = \(NameKeys(name).key) RETURNING name")
            guard let row = removed.first else { throw StoreError.notFound("\"\(name)\" is not on the watch list (see: petitions signatory watch list)") }
            try audit(
                db, actor: actor, action: "watch.remove", type: "watch_list", subject: try row.decode("name", as: String.self), details: [String: String]())
        }
    }

    public func watchList() throws -> [WatchEntry] {
        try db.query("SELECT name, note, added_by, added_at FROM watch_list ORDER BY loose_key").map {
            WatchEntry(name: try $0.decode("name"), note: try $0.decode("note"), addedBy: try $0.decode("added_by"), addedAt: try $0.decode("added_at"))
        }
    }
}

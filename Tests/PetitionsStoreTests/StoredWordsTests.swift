import Foundation
import PetitionsDomain
import PetitionsStore
import Postgres
import TestSupport
import Testing

/// The schema's CHECK lists and the Swift enums that own them say the same words.
@Suite(.ownThread) struct StoredWordsTests {
    /// `(table, column) -> words` for every `column = ANY (ARRAY['a'::text, ...])` CHECK in the
    /// migrated schema, as PostgreSQL prints it back.
    static func checkLists(_ db: PGConnection) throws -> [String: [String]] {
        var lists: [String: [String]] = [:]
        let rows = try db.query(
            """
            SELECT c.conrelid::regclass::text AS tbl, pg_get_constraintdef(c.oid) AS def
            FROM pg_constraint c WHERE c.contype = 'c' AND c.connamespace = 'public'::regnamespace
            """)
        let pattern = try Regex(#"\(?(\w+) = ANY \(\(?ARRAY\[([^\]]*)\]"#)
        let word = try Regex(#"'((?:[^']|'')*)'::text"#)
        for row in rows {
            let table: String = try row.decode("tbl"), definition: String = try row.decode("def")
            for match in definition.matches(of: pattern) {
                guard let column = match.output[1].substring, let list = match.output[2].substring else { continue }
                lists["\(table).\(column)"] = list.matches(of: word).compactMap { $0.output[1].substring.map(String.init) }
            }
        }
        return lists
    }

    @Test func everyCheckListIsItsEnumsCases() async throws {
        try await TestDatabase.withConnection { db, _ in
            try Migrator().migrate(on: db)
            let lists = try Self.checkLists(db)
            #expect(lists.count >= 10, "the catalog query found only \(lists.keys.sorted())")
            var owned: Set<String> = []
            for column in StoredWords.columns {
                let key = "\(column.table).\(column.column)"
                owned.insert(key)
                let stored = try #require(lists[key], "no CHECK lists the words of \(key) (\(column.owner))")
                #expect(Set(stored) == Set(column.words), "\(key): the schema says \(stored.sorted()), \(column.owner) says \(column.words.sorted())")
            }
            let unowned = Set(lists.keys).subtracting(owned)
            #expect(unowned.isEmpty, "CHECK lists no Swift enum owns (add them to StoredWords.columns): \(unowned.sorted())")
        }
    }

    /// The longest name and affiliation the table accepts are the ones the Swift checks refuse
    /// beyond, so a list is refused with its line numbers before anything reaches the table.
    @Test func theSignatoryLengthLimitsAreTheSwiftOnes() async throws {
        try await TestDatabase.withConnection { db, _ in
            try Migrator().migrate(on: db)
            let definitions: [String] = try db.query(
                """
                SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'signatories'::regclass AND contype = 'c'
                """
            ).map { try $0.decode("def") }
            func limit(_ column: String) throws -> Int? {
                let pattern = try Regex("length\\(\(column)\\) <= (\\d+)")
                return definitions.lazy.compactMap { $0.firstMatch(of: pattern)?.output[1].substring.flatMap { Int($0) } }.first
            }
            #expect(try limit("display_name") == SignatoryDraft.maximumNameLength)
            #expect(try limit("affiliation") == SignatoryDraft.maximumAffiliationLength)
        }
    }
}

import Foundation
import PetitionsDomain
import PetitionsStore
import Postgres
import TestSupport
import Testing

private func withStore<T>(_ body: (Repository) async throws -> T) async throws -> T {
    try await TestDatabase.withConnection { db, _ in
        try Migrator().migrate(on: db)
        let repository = Repository(db)
        try repository.campaigns.add(Campaign(slug: "letter", title: "Letter", kind: .openLetter), actor: "tester")
        return try await body(repository)
    }
}

/// Imports CSV text (header first) into "letter".
@discardableResult
private func importCSV(_ repository: Repository, _ text: String, dryRun: Bool = false, role: SignatoryRole = .signatory) throws -> SignatoryImportResult {
    let bytes = Array(text.utf8)
    var given = false
    var stream = CSVStream {
        defer { given = true }; return given ? nil : bytes
    }
    let header = try #require(try stream.next())
    let columns = try SignatoryColumns(header: header.fields, defaultRole: role)
    return try repository.signatories.importList(
        campaign: "letter", columns: columns,
        records: {
            try stream.next().map { SignatoryRecord(line: $0.line, fields: $0.fields) }
        }, source: "test.csv", actor: "tester", dryRun: dryRun)
}

private func count(_ db: PGConnection, _ sql: String) throws -> Int {
    try db.query(PGQuery(unsafeSQL: sql))[0].decode(at: 0, as: Int.self)
}

@Suite(.ownThread) struct SignatoryStoreTests {
    @Test func reimportingAddsNothingAndRepeatsAreKept() async throws {
        try await withStore { repository in
            let list = """
                name,affiliation,country,signed_at,visibility
                Ada Lovelace,Analytical Engines,GB,2024-11-26T20:00Z,public
                Ada Lovelace,Analytical Engines,GB,2024-11-26T20:00Z,public
                Secret Person,Hidden Org,FR,,anonymous
                ,,FR,,anonymous
                ,,FR,,anonymous
                """
            let first = try importCSV(repository, list)
            #expect(first.rows == 5 && first.inserted == 5 && first.repeatedInFile == 1)
            let again = try importCSV(repository, list)
            #expect(again.inserted == 0 && again.alreadyStored == 5)
            #expect(again.alreadyStoredLines == [2, 3, 4, 5, 6])
            // Anonymous entries are counted, never named.
            let counts = try repository.signatories.counts(campaign: "letter")
            #expect(counts.namedSignatories == 2 && counts.anonymousSignatories == 3)
            let checked1 = try count(repository.db, "SELECT count(*) FROM signatories WHERE display_name = 'Secret Person' OR affiliation = 'Hidden Org'")
            #expect(checked1 == 0)
            // A dry run counts and stores nothing.
            let dry = try importCSV(repository, "name\nNew Person\n", dryRun: true)
            #expect(dry.inserted == 1 && dry.dryRun)
            let checked2 = try repository.signatories.counts(campaign: "letter").total == 5
            #expect(checked2)
        }
    }

    @Test func aBadRowInTheMiddleOfALargeImportLeavesNothing() async throws {
        try await withStore { repository in
            var list = "name,country,signed_at,role\n"
            for index in 0..<50_000 {
                let country = index == 25_000 ? "France" : "FR"
                list += "Person \(index),\(country),2024-11-26T20:00Z,signatory\n"
            }
            #expect {
                try importCSV(repository, list)
            } throws: { error in
                let failure = error as? SignatoryImportFailure
                return failure?.total == 1 && failure?.problems.first?.line == 25_002
                    && failure?.problems.first?.problem == "country: \"FRANCE\" is not a two-letter ISO 3166 code such as FR, JP"
            }
            let checked3 = try count(repository.db, "SELECT count(*) FROM signatories")
            #expect(checked3 == 0)
            // Problems found while reading (a date) and in SQL (a role) are reported together, in line order.
            let mixed = "name,signed_at,role\nA,2024-02-30,signatory\nB,2024-11-26,editor\nC,,signatory\n"
            #expect {
                try importCSV(repository, mixed)
            } throws: { error in
                guard let failure = error as? SignatoryImportFailure else { return false }
                return failure.total == 2 && failure.problems.map(\.line) == [2, 3]
                    && failure.problems[1].problem.hasPrefix("role: unknown role \"editor\"")
            }
            let checked4 = try count(repository.db, "SELECT count(*) FROM signatories")
            #expect(checked4 == 0)
        }
    }

    @Test func erasureRemovesTheNameEverywhereAndKeepsTheCounts() async throws {
        try await withStore { repository in
            let db = repository.db
            try importCSV(repository, "name,affiliation,source\nZelda Quartermaine,Quill & Ink,https://example.org/list\nOther Person,,\n")
            let (entries, _, _) = try repository.signatories.list(campaign: "letter", search: "zelda")
            let id = try #require(entries.first?.id)
            _ = try repository.signatories.verify(id, status: .confirmedIndependently, reason: "Zelda Quartermaine confirmed by phone", actor: "tester")
            let before = try repository.signatories.counts(campaign: "letter")
            #expect(throws: ValidationFailure.self) { try repository.signatories.erase(id, reason: "request from zelda quartermaine", actor: "tester") }
            try repository.signatories.erase(id, reason: "privacy request by email", actor: "tester")
            let after = try repository.signatories.counts(campaign: "letter")
            #expect(after.total == before.total && after.confirmed == before.confirmed && after.erased == 1)
            // Search every text, JSON and array column of every table for any part of the personal data.
            let columns = try db.query(
                """
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'json', 'ARRAY', 'character varying')
                """
            ).map { (try $0.decode("table_name", as: String.self), try $0.decode("column_name", as: String.self)) }
            #expect(columns.count > 20)
            for (table, column) in columns {
                for needle in ["zelda", "quartermaine", "quill", "example.org/list"] {
                    let found = try db.query(
                        PGQuery(unsafeSQL: "SELECT count(*) FROM \(table) WHERE lower(\(column)::text) LIKE $1", bindings: ["%\(needle)%"]))[0]
                        .decode(at: 0, as: Int.self)
                    #expect(found == 0, "\(needle) still in \(table).\(column)")
                }
            }
            // No staging table outlives its import.
            let checked5 = try count(db, "SELECT count(*) FROM pg_class WHERE relname = 'signatory_staging'")
            #expect(checked5 == 0)
            let (entry, history) = try #require(try repository.signatories.find(id))
            #expect(entry.shownName == "(erased)" && entry.status == .confirmedIndependently)
            #expect(history.count == 1 && history[0].reason == nil)
            let trail = try repository.auditTrail(type: "signatory", subject: String(id))
            #expect(trail.map(\.action) == ["signatory.verify", "signatory.erase"])
            #expect(throws: StoreError.self) { try repository.signatories.erase(id, reason: "again", actor: "tester") }
        }
    }

    @Test func duplicatesAreReportedNeverMerged() async throws {
        try await withStore { repository in
            try repository.signatories.watch("Famous Novelist", note: "often named without signing", actor: "tester")
            try importCSV(
                repository,
                """
                name,affiliation
                José Müller,Studio A
                JOSÉ  MÜLLER,Studio B
                Jose Muller,Studio C
                J. Smith-Jones,Acme
                J Smith Jones,Acme
                J Smith Jones,Other
                ＹＡＭＡＤＡ　Ｔａｒｏ,
                yamada taro,
                famous novelist,
                Unique Person,Acme
                """)
            let groups = try repository.signatories.duplicates(campaign: "letter")
            let summary = groups.map { "\($0.reason.rawValue): " + $0.members.map { $0.name ?? "" }.sorted().joined(separator: " | ") }
            #expect(
                Set(summary) == [
                    "same_name: JOSÉ  MÜLLER | José Müller",
                    "same_name: J Smith Jones | J Smith Jones",
                    "same_name: yamada taro | ＹＡＭＡＤＡ　Ｔａｒｏ",
                    "near_identical_same_affiliation: J Smith Jones | J. Smith-Jones",
                    "watch_list: famous novelist",
                ], "\(summary)")
            let accents = try repository.signatories.duplicates(campaign: "letter", ignoringAccents: true)
            #expect(accents.contains { $0.reason == .sameNameIgnoringAccents && $0.members.count == 3 })
            let checked6 = try repository.signatories.counts(campaign: "letter").total == 10
            #expect(checked6)
        }
    }

    @Test func prefixSearchIsExactOrAccentFreeAndTakesWildcardsLiterally() async throws {
        try await withStore { repository in
            try importCSV(repository, "name\nJosé Müller\nJose Muller\nJosephine Baker\n100% Artist\n1000 Artists\n")
            func names(_ search: String, accents: Bool = false) throws -> [String] {
                try repository.signatories.list(campaign: "letter", search: search, ignoringAccents: accents).entries.compactMap(\.name).sorted()
            }
            let checked7 = try names("josé")
            #expect(checked7 == ["José Müller"])
            let checked8 = try names("JOSE")
            #expect(checked8 == ["Jose Muller", "Josephine Baker"])
            let checked9 = try names("jose", accents: true)
            #expect(checked9 == ["Jose Muller", "Josephine Baker", "José Müller"])
            let checked10 = try names("100%")
            #expect(checked10 == ["100% Artist"])
            let checked11 = try repository.signatories.list(campaign: "letter", search: "jos", limit: 1).total == 3
            #expect(checked11)
        }
    }

    @Test func verificationKeepsHistoryAndRemovedEntriesStopCounting() async throws {
        try await withStore { repository in
            try importCSV(repository, "name\nA Person\nB Person\n", role: .author)
            let ids = try repository.signatories.list(campaign: "letter").entries.map(\.id)
            _ = try repository.signatories.verify(ids[0], status: .disputed, reason: "their agent denies it", actor: "tester")
            _ = try repository.signatories.verify(ids[0], status: .removed, reason: "confirmed fake", actor: "tester")
            #expect(throws: StoreError.self) { try repository.signatories.verify(ids[0], status: .removed, reason: "again", actor: "tester") }
            #expect(throws: ValidationFailure.self) { try repository.signatories.verify(ids[1], status: .disputed, reason: " ", actor: "tester") }
            let (_, history) = try #require(try repository.signatories.find(ids[0]))
            #expect(history.map(\.to) == [.disputed, .removed])
            let counts = try repository.signatories.counts(campaign: "letter")
            #expect(counts.authors == 1 && counts.removed == 1)
        }
    }
}

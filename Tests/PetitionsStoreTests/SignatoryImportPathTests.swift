import Foundation
import PetitionsDomain
import Postgres
import TestSupport
import Testing

@testable import PetitionsStore

/// The two ways a list goes in (a first list straight into `signatories`, a later one through
/// staging) must store the same keys as the SQL that earlier versions ran, or a list stored
/// before would import again.
@Suite(.ownThread) struct SignatoryImportPathTests {
    private func withStore<T>(_ body: (Repository) async throws -> T) async throws -> T {
        try await TestDatabase.withConnection { db, _ in
            try Migrator().migrate(on: db)
            let repository = Repository(db)
            for slug in ["first", "later"] {
                try repository.campaigns.add(Campaign(slug: slug, title: slug, kind: .openLetter), actor: "tester")
            }
            return try await body(repository)
        }
    }

    private func importCSV(_ repository: Repository, _ campaign: String, _ text: String) throws -> SignatoryImportResult {
        let bytes = Array(text.utf8)
        var given = false
        var stream = CSVStream {
            defer { given = true }; return given ? nil : bytes
        }
        let header = try #require(try stream.next())
        let columns = try SignatoryColumns(header: header.fields)
        return try repository.signatories.importList(
            campaign: campaign, columns: columns,
            records: {
                try stream.next().map { SignatoryRecord(line: $0.line, fields: $0.fields) }
            }, source: "test.csv", actor: "tester")
    }

    @Test func fingerprintsAreTheOnesSQLComputed() async throws {
        try await withStore { repository in
            let cases: [(String, String, String?, String?, String?, Double?)] = [
                ("signatory", "public", "ada lovelace", "analytical engines", "GB", 1_732_651_200),
                ("author", "public", "josé müller", nil, nil, 1_732_651_200.25),
                ("signatory", "anonymous", nil, nil, "FR", nil),
                ("signatory", "public", "山田 太郎", "東京大学", "JP", -86_400.5),
                ("signatory", "public", "a\u{1F}b", "", "", 0.001),
            ]
            for (role, visibility, nameKey, affiliationKey, country, epoch) in cases {
                let fingerprint = SignatoryFingerprint(
                    role: role, visibility: visibility, nameKey: nameKey, affiliationKey: affiliationKey,
                    country: country, epoch: epoch)
                let row = try repository.db.query(
                    """
                    SELECT md5(concat_ws(chr(31), \(role)::text, \(visibility)::text, coalesce(\(nameKey)::text, ''), coalesce(\(affiliationKey)::text, ''),
                                         coalesce(\(country)::text, ''), coalesce((\(epoch)::double precision)::text, ''))) AS content
                    """)[0]
                let content: String = try row.decode("content")
                #expect(fingerprint.hex == content, "\(String(describing: nameKey)) \(String(describing: epoch))")
                let keys = try repository.db.query(
                    """
                    SELECT md5(\(content) || ':' || 1)::uuid::text AS first, md5(\(content) || ':' || 12)::uuid::text AS twelfth,
                           md5('p:' || \(content) || ':' || 3)::uuid::text AS provisional
                    """)[0]
                func dashed(_ hex: String) -> String {
                    let digits = Array(hex)
                    return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }.joined(separator: "-")
                }
                let first: String = try keys.decode("first"), twelfth: String = try keys.decode("twelfth")
                let provisional: String = try keys.decode("provisional")
                #expect(dashed(fingerprint.rowKey(occurrence: 1)) == first)
                #expect(dashed(fingerprint.rowKey(occurrence: 12)) == twelfth)
                #expect(dashed(fingerprint.provisionalKey(index: 3)) == provisional)
            }
        }
    }

    @Test func timesAreStoredAsToTimestampStoresThem() async throws {
        try await withStore { repository in
            for epoch in [
                0, 1_732_651_200, 1_732_651_200.25, 1_732_651_200.123456, 1_732_651_200.1234567, -1, -86_400.5, -62_135_596_800, -62_198_755_200,
                253_402_300_799,
            ] as [Double] {
                let text = TimestampText.format(epoch: epoch)
                let row = try repository.db.query("SELECT to_timestamp(\(epoch)) = \(text)::timestamptz AS same, to_timestamp(\(epoch))::text AS expected")[0]
                let expected: String = try row.decode("expected")
                let same: Bool = try row.decode("same")
                #expect(same, "\(epoch): \(text) is not \(expected)")
            }
        }
    }

    @Test func aFirstListAndAStagedListStoreTheSameKeysInFileOrder() async throws {
        try await withStore { repository in
            // Repeats of every kind: named lines twice and three times, anonymous entries without a
            // date (all the same content), and with one.
            var list = "name,affiliation,country,signed_at,visibility\n"
            for index in 0..<3_000 {
                switch index % 7 {
                case 0: list += ",,FR,,anonymous\n"
                case 1: list += "Repeat Person \(index % 5),Guild,FR,2024-11-26,public\n"
                case 2: list += ",,DE,2024-11-27T10:00Z,anonymous\n"
                default: list += "Person \(index),Studio \(index % 3),JP,2024-11-26T12:\(index % 60 < 10 ? "0" : "")\(index % 60)Z,public\n"
                }
            }
            let first = try importCSV(repository, "first", list)
            // "later" already holds an entry, so its list goes through staging.
            _ = try importCSV(repository, "later", "name\nSomeone Else\n")
            let later = try importCSV(repository, "later", list)
            #expect(first.inserted == 3_000 && later.inserted == 3_000)
            #expect(first.repeatedInFile == later.repeatedInFile)
            #expect(first.repeatedInFile == 429 - 5)  // 429 lines name one of 5 people: all but each one's first repeat
            func keys(_ campaign: String) throws -> [String] {
                try repository.db.query(
                    """
                    SELECT s.row_key::text AS key FROM signatories s JOIN campaigns c ON c.id = s.campaign_id
                    WHERE c.slug = \(campaign) AND s.display_name IS DISTINCT FROM 'Someone Else' ORDER BY s.id
                    """
                ).map { try $0.decode("key") }
            }
            let firstKeys = try keys("first"), laterKeys = try keys("later")
            #expect(firstKeys == laterKeys)
            #expect(Set(firstKeys).count == 3_000)
            // Again, either way: nothing new.
            let firstAgain = try importCSV(repository, "first", list), laterAgain = try importCSV(repository, "later", list)
            #expect(firstAgain.inserted == 0 && laterAgain.inserted == 0)
            #expect(firstAgain.alreadyStored == 3_000 && laterAgain.alreadyStored == 3_000)
            // Entries keep the file's order.
            let names = try repository.signatories.list(campaign: "first", limit: 4).entries.map { $0.name }
            #expect(names == [nil, "Repeat Person 1", nil, "Person 3"])
        }
    }

    @Test func aFirstListWithAProblemLeavesNothingAndNamesEveryLine() async throws {
        try await withStore { repository in
            var list = "name,country\n"
            for index in 0..<20_000 { list += "Person \(index),\(index == 15_000 || index == 19_000 ? "XYZ" : "FR")\n" }
            #expect {
                try importCSV(repository, "first", list)
            } throws: { error in
                let failure = error as? SignatoryImportFailure
                return failure?.total == 2 && failure?.problems.map(\.line) == [15_002, 19_002]
            }
            let left = try repository.signatories.counts(campaign: "first").total
            #expect(left == 0)
            // The connection is usable afterwards, and a good list goes in.
            let good = try importCSV(repository, "first", "name\nAda\n")
            #expect(good.inserted == 1)
        }
    }

    /// Each rule of a list entry is stated three times: the domain's reference check
    /// (`SignatoryColumns.draft`, over `SignatoryDraft.problems()`), the import's own fast checks
    /// (`SignatoryListReader`, which must not call the slow path a million times), and the table's
    /// CHECKs, the backstop. Every line here, accepted or refused, gets the same verdict from all
    /// three; a rule changed in one place only fails this test.
    @Test func theReferenceTheImportAndTheTableAgreeOnEveryRule() async throws {
        let accentedName = String(repeating: "e\u{301}", count: SignatoryDraft.maximumNameLength / 2)  // 300 code points
        let lines: [(line: String, valid: Bool)] = [
            ("Ada Lovelace,signatory,Analytical Engines,GB,public,unverified,2024-11-26", true),
            (",author,,FR,anonymous,confirmed_by_organiser,", true),
            ("Hidden Name,signatory,Hidden Org,,no,,", true),
            ("José Müller,author,,jp,yes,disputed,2024-11-26T14:30Z", true),
            ("\(accentedName),signatory,\(String(repeating: "x", count: SignatoryDraft.maximumAffiliationLength)),,,,", true),
            (",signatory,,,public,,", false),
            ("Someone,signatory,,UK1,,,", false),
            ("Someone,signatory,,ÉU,,,", false),
            ("Someone,pope,,,,,", false),
            ("Someone,signatory,,,,maybe,", false),
            ("Someone,signatory,,,sometimes,,", false),
            ("\(accentedName)a,signatory,,,,,", false),
            ("Someone,signatory,\(String(repeating: "y", count: SignatoryDraft.maximumAffiliationLength + 1)),,,,", false),
        ]
        let header = ["name", "role", "affiliation", "country", "visibility", "status", "signed_at"]
        try await withStore { repository in
            for (line, valid) in lines {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                // The reference.
                let reference = try SignatoryColumns(header: header).draft(fields)
                if case .failure = reference {
                    #expect(!valid, "the reference refuses \(line.prefix(60))")
                } else {
                    #expect(valid, "the reference accepts \(line.prefix(60))")
                }
                // The import path, on a list of that one line.
                let imported = Result { try importCSV(repository, "later", header.joined(separator: ",") + "\n" + line + "\n") }
                switch imported {
                case .success(let result): #expect(valid && result.inserted + result.alreadyStored == 1, "the import accepts \(line.prefix(60))")
                case .failure(let error): #expect(!valid && error is SignatoryImportFailure, "the import refuses \(line.prefix(60)): \(error)")
                }
                // The table, given the values as the import would store them, without any check.
                guard !valid else { continue }
                let word = { (text: String) in text.isEmpty ? nil : text.lowercased() }
                let visibility = ["no": "anonymous", "yes": "public"][fields[4]] ?? word(fields[4]) ?? "public"
                let stored = Result {
                    try repository.db.withTransaction { db in
                        try db.execute(
                            """
                            INSERT INTO signatories (campaign_id, display_name, role, affiliation, country, visibility, status, row_key)
                            SELECT id, \(visibility == "anonymous" || fields[0].isEmpty ? nil : fields[0]), \(word(fields[1]) ?? "signatory"),
                                   \(fields[2].isEmpty || visibility == "anonymous" ? nil : fields[2]), \(fields[3].isEmpty ? nil : fields[3].uppercased()),
                                   \(visibility), \(word(fields[5]) ?? "unverified"), md5(random()::text)::uuid
                            FROM campaigns WHERE slug = 'later'
                            """)
                    }
                }
                if case .success = stored { Issue.record("the table accepts what the checks refuse: \(line.prefix(60))") }
            }
        }
    }
}

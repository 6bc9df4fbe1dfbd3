import Foundation
import Postgres
import TestSupport
import Testing

@Suite(.ownThread) struct RoundTripTests {
    @Test func everySupportedTypeRoundTrips() async throws {
        try await TestDatabase.withConnection { db, _ in
            let when = Date(timeIntervalSince1970: 1_732_628_400.123456)
            let id = UUID()
            let bytes = Data((0...255).map(UInt8.init))
            let row = try db.query(
                """
                SELECT \(Int(9_007_199_254_740_993)) AS i8, \(Int32(-2_147_483_648)) AS i4, \(Int16(32_767)) AS i2,
                       \(0.1 + 0.2) AS f8, \(Decimal(string: "12345678901234567890.0123456789")!)::numeric AS num,
                       \("日本語のテキスト 🎨✍️") AS txt, \(true) AS yes, \(false) AS no, \(when) AS ts,
                       \(PGDate(year: 2024, month: 11, day: 26)) AS day, \(id) AS uid,
                       \(PGJSON(text: #"{"outlet": "le-monde", "n": 600}"#)) AS doc, \(bytes) AS blob,
                       \([1, 2, 3]) AS ints, \(["a,b", "quote\"d", "back\\slash", "NULL", "", "日本"]) AS texts
                """)[0]
            #expect(try row.decode("i8", as: Int.self) == 9_007_199_254_740_993)
            #expect(try row.decode("i4", as: Int32.self) == -2_147_483_648)
            #expect(try row.decode("i2", as: Int16.self) == 32_767)
            #expect(try row.decode("f8", as: Double.self) == 0.1 + 0.2)
            #expect(try row.decode("num", as: Decimal.self) == Decimal(string: "12345678901234567890.0123456789")!)
            #expect(try row.decode("txt", as: String.self) == "日本語のテキスト 🎨✍️")
            #expect(try row.decode("yes", as: Bool.self) == true)
            #expect(try row.decode("no", as: Bool.self) == false)
            #expect(try row.decode("ts", as: Date.self).timeIntervalSince1970 == when.timeIntervalSince1970)
            #expect(try row.decode("day", as: PGDate.self) == PGDate(year: 2024, month: 11, day: 26))
            #expect(try row.decode("uid", as: UUID.self) == id)
            #expect(try row.decode("doc", as: PGJSON.self).decode([String: JSONValue].self) == ["outlet": .string("le-monde"), "n": .number(600)])
            #expect(try row.decode("blob", as: Data.self) == bytes)
            #expect(try row.decode("ints", as: [Int].self) == [1, 2, 3])
            #expect(try row.decode("texts", as: [String].self) == ["a,b", "quote\"d", "back\\slash", "NULL", "", "日本"])
        }
    }

    @Test func numericDecodesAsStringWithoutLosingDigits() async throws {
        try await TestDatabase.withConnection { db, _ in
            let row = try db.query("SELECT 123456789012345678901234567890.000000001::numeric AS n")[0]
            #expect(try row.decode("n", as: String.self) == "123456789012345678901234567890.000000001")
        }
    }

    @Test func nullRoundTripsForEveryTypeAsOptional() async throws {
        try await TestDatabase.withConnection { db, _ in
            let row = try db.query(
                """
                SELECT \(Int?.none) AS i8, \(Int32?.none) AS i4, \(Int16?.none) AS i2, \(Double?.none) AS f8,
                       \(Decimal?.none) AS num, \(String?.none) AS txt, \(Bool?.none) AS b, \(Date?.none) AS ts,
                       \(PGDate?.none) AS day, \(UUID?.none) AS uid, \(PGJSON?.none) AS doc, \(Data?.none) AS blob,
                       \([Int]?.none) AS ints
                """)[0]
            #expect(try row.decode("i8", as: Int?.self) == nil)
            #expect(try row.decode("i4", as: Int32?.self) == nil)
            #expect(try row.decode("i2", as: Int16?.self) == nil)
            #expect(try row.decode("f8", as: Double?.self) == nil)
            #expect(try row.decode("num", as: Decimal?.self) == nil)
            #expect(try row.decode("txt", as: String?.self) == nil)
            #expect(try row.decode("b", as: Bool?.self) == nil)
            #expect(try row.decode("ts", as: Date?.self) == nil)
            #expect(try row.decode("day", as: PGDate?.self) == nil)
            #expect(try row.decode("uid", as: UUID?.self) == nil)
            #expect(try row.decode("doc", as: PGJSON?.self) == nil)
            #expect(try row.decode("blob", as: Data?.self) == nil)
            #expect(try row.decode("ints", as: [Int]?.self) == nil)
            // The parameters kept their declared types even as NULL.
            #expect(row.columns.map(\.type) == [.int8, .int4, .int2, .float8, .numeric, .text, .bool, .timestamptz, .date, .uuid, .jsonb, .bytea, .int8Array])
        }
    }

    @Test func specialFloatsRoundTrip() async throws {
        try await TestDatabase.withConnection { db, _ in
            let row = try db.query(
                "SELECT \(Double.infinity) AS inf, \(-Double.infinity) AS ninf, \(Double.nan) AS nan, \(Double.leastNonzeroMagnitude) AS tiny")[0]
            #expect(try row.decode("inf", as: Double.self) == .infinity)
            #expect(try row.decode("ninf", as: Double.self) == -.infinity)
            #expect(try row.decode("nan", as: Double.self).isNaN)
            #expect(try row.decode("tiny", as: Double.self) == Double.leastNonzeroMagnitude)
        }
    }

    @Test func nonNullDecodeOfNullSaysUseOptional() async throws {
        try await TestDatabase.withConnection { db, _ in
            let row = try db.query("SELECT NULL::text AS title")[0]
            let error = #expect(throws: PGError.self) { try row.decode("title", as: String.self) }
            #expect(error?.kind == .decoding)
            #expect(error?.message.contains("\"title\"") == true)
            #expect(error?.message.contains("Optional") == true)
        }
    }

    @Test func wrongTypeDecodeNamesTheColumn() async throws {
        try await TestDatabase.withConnection { db, _ in
            let row = try db.query("SELECT 'Dear Corporate AI Overlords'::text AS title, 600 AS signatures")[0]
            let error = #expect(throws: PGError.self) { try row.decode("title", as: Int.self) }
            #expect(error?.kind == .decoding)
            #expect(error?.message.contains("column \"title\" (text) as Int") == true)
            let nullable = #expect(throws: PGError.self) { try row.decode("signatures", as: Date?.self) }
            #expect(nullable?.message.contains("\"signatures\"") == true)
            let missing = #expect(throws: PGError.self) { try row.decode("signers", as: Int.self) }
            #expect(missing?.message.contains("no column \"signers\"") == true)
        }
    }

    @Test func nulInTextIsRefusedBeforeSending() async throws {
        try await TestDatabase.withConnection { db, _ in
            let error = #expect(throws: PGError.self) { try db.query("SELECT \(1) AS a, \("bad\u{0}value") AS b") }
            #expect(error?.kind == .encoding)
            #expect(error?.message.contains("parameter $2") == true)
            #expect(error?.message.contains("NUL") == true)
            #expect(error?.message.contains("bad") == false)
            // The connection is still fine.
            let one = try db.query("SELECT 1 AS one")[0].decode("one", as: Int.self)
            #expect(one == 1)
        }
    }

    @Test func injectionTextIsJustAValue() async throws {
        try await TestDatabase.withConnection { db, _ in
            try db.executeScript(unsafeSQL: "CREATE TABLE x (title text NOT NULL)")
            let hostile = "'); DROP TABLE x; --"
            try db.execute("INSERT INTO x (title) VALUES (\(hostile))")
            let rows = try db.query("SELECT title FROM x WHERE title = \(hostile)")
            #expect(rows.count == 1)
            #expect(try rows[0].decode("title", as: String.self) == hostile)
            #expect(try db.query("SELECT to_regclass('x') IS NOT NULL AS present")[0].decode("present", as: Bool.self))
        }
    }
}

/// A minimal JSON value for comparing decoded documents.
enum JSONValue: Codable, Equatable {
    case string(String), number(Double), bool(Bool), null
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }
    func encode(to encoder: any Encoder) throws {}
}

import Foundation

/// A column's name and type as the server described it.
public struct PGColumn: Sendable, Hashable {
    public var name: String
    public var type: PGType
}

/// A fully read result, copied out of libpq's `PGresult` (which is cleared before this exists).
public struct PGResult: Sendable, RandomAccessCollection {
    public let columns: [PGColumn]
    /// Text-format cells; `nil` is SQL NULL.
    let cells: [[String?]]
    /// Rows affected by INSERT/UPDATE/DELETE/COPY/..., from the command tag.
    public let affectedRows: Int?
    /// The command tag, such as `INSERT 0 1`.
    public let commandTag: String
    let statement: String

    let columnIndex: [String: Int]

    init(columns: [PGColumn], cells: [[String?]], affectedRows: Int?, commandTag: String, statement: String) {
        self.columns = columns
        self.cells = cells
        self.affectedRows = affectedRows
        self.commandTag = commandTag
        self.statement = statement
        var index: [String: Int] = [:]
        for (position, column) in columns.enumerated() where index[column.name] == nil { index[column.name] = position }
        columnIndex = index
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { cells.count }
    public subscript(position: Int) -> PGRow {
        PGRow(columns: columns, columnIndex: columnIndex, cells: cells[position], statement: statement)
    }
}

/// One row. Decode cells by column name or position; a type mismatch throws an error naming the column.
public struct PGRow: Sendable {
    public let columns: [PGColumn]
    let columnIndex: [String: Int]
    let cells: [String?]
    let statement: String

    /// Decodes the named column. Use an `Optional` type for nullable columns.
    public func decode<T: PGDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let position = columnIndex[column] else {
            throw PGError(
                .decoding, message: "the result has no column \"\(column)\" (it has: \(columns.map(\.name).joined(separator: ", ")))",
                statement: statement)
        }
        return try decode(at: position, as: type)
    }

    /// Decodes the column at a zero-based position.
    public func decode<T: PGDecodable>(at position: Int, as type: T.Type = T.self) throws -> T {
        guard columns.indices.contains(position) else {
            throw PGError(.decoding, message: "the result has \(columns.count) columns; there is no column at position \(position)", statement: statement)
        }
        let column = columns[position]
        do {
            return try T.decode(cell: cells[position], type: column.type)
        } catch let failure {
            throw PGError(
                .decoding,
                message: "cannot decode column \"\(column.name)\" (\(column.type)) as \(T.self): \(failure.reason)",
                statement: statement)
        }
    }

    /// Whether the named column is NULL in this row.
    public func isNull(_ column: String) -> Bool {
        guard let position = columnIndex[column] else { return true }
        return cells[position] == nil
    }

    /// The raw text of a cell, as the server sent it.
    public func text(at position: Int) -> String? { cells[position] }
}

/// Why a single cell could not be decoded; `PGRow` turns it into a `PGError` naming the column.
public struct PGDecodingFailure: Error, Sendable {
    public var reason: String
    /// The cell was NULL and the requested type is not optional.
    public var isNull = false
    public init(_ reason: String) { self.reason = reason }

    static func mismatch(_ type: PGType, accepted: [PGType]) -> PGDecodingFailure {
        PGDecodingFailure("its type \(type) is not one of \(accepted.map(\.description).joined(separator: ", "))")
    }
    static var null: PGDecodingFailure {
        var failure = PGDecodingFailure("the value is NULL; decode it as an Optional")
        failure.isNull = true
        return failure
    }
    static func malformed(_ text: String) -> PGDecodingFailure {
        PGDecodingFailure("malformed value \"\(text.prefix(60))\"")
    }
}

/// A Swift type that can be read from a text-format result cell.
public protocol PGDecodable: Sendable {
    /// - Parameters:
    ///   - cell: the text the server sent, or `nil` for NULL.
    ///   - type: the column's type; implementations refuse types they do not accept.
    static func decode(cell: String?, type: PGType) throws(PGDecodingFailure) -> Self
}

/// Decodable from a non-NULL cell of one of `acceptedTypes`.
public protocol PGScalarDecodable: PGDecodable {
    static var acceptedTypes: [PGType] { get }
    static func decode(text: String, type: PGType) -> Self?
}

extension PGScalarDecodable {
    public static func decode(cell: String?, type: PGType) throws(PGDecodingFailure) -> Self {
        guard acceptedTypes.contains(type) else { throw .mismatch(type, accepted: acceptedTypes) }
        guard let cell else { throw .null }
        guard let value = decode(text: cell, type: type) else { throw .malformed(cell) }
        return value
    }
}

extension Optional: PGDecodable where Wrapped: PGDecodable {
    public static func decode(cell: String?, type: PGType) throws(PGDecodingFailure) -> Wrapped? {
        // Check the type even for NULL, so a wrong type is caught on the first row.
        do {
            return try Wrapped.decode(cell: cell, type: type)
        } catch let failure {
            if failure.isNull { return nil }
            throw failure
        }
    }
}

extension String: PGScalarDecodable {
    /// Text types, plus `numeric` (exact digits without Decimal's limits), `json`/`jsonb` and `uuid` as their text.
    public static var acceptedTypes: [PGType] { [.text, .varchar, .bpchar, .name, .numeric, .json, .jsonb, .uuid] }
    public static func decode(text: String, type: PGType) -> String? { text }
}

extension Int: PGScalarDecodable {
    public static var acceptedTypes: [PGType] { [.int2, .int4, .int8, .oid] }
    public static func decode(text: String, type: PGType) -> Int? { Int(text) }
}

extension Int64: PGScalarDecodable {
    public static var acceptedTypes: [PGType] { [.int2, .int4, .int8, .oid] }
    public static func decode(text: String, type: PGType) -> Int64? { Int64(text) }
}

extension Int32: PGScalarDecodable {
    public static var acceptedTypes: [PGType] { [.int2, .int4] }
    public static func decode(text: String, type: PGType) -> Int32? { Int32(text) }
}

extension Int16: PGScalarDecodable {
    public static var acceptedTypes: [PGType] { [.int2] }
    public static func decode(text: String, type: PGType) -> Int16? { Int16(text) }
}

extension Double: PGScalarDecodable {
    public static var acceptedTypes: [PGType] { [.float4, .float8, .numeric, .int2, .int4, .int8] }
    public static func decode(text: String, type: PGType) -> Double? {
        switch text {
        case "NaN": .nan
        case "Infinity": .infinity
        case "-Infinity": -.infinity
        default: Double(text)
        }
    }
}

extension Decimal: PGScalarDecodable {
    public static var acceptedTypes: [PGType] { [.numeric, .int2, .int4, .int8] }
    public static func decode(text: String, type: PGType) -> Decimal? {
        if text == "NaN" { return .nan }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}

extension Bool: PGScalarDecodable {
    public static var acceptedTypes: [PGType] { [.bool] }
    public static func decode(text: String, type: PGType) -> Bool? {
        switch text {
        case "t": true
        case "f": false
        default: nil
        }
    }
}

extension Date: PGScalarDecodable {
    /// `timestamptz` only: a `timestamp` without time zone has no defined instant.
    public static var acceptedTypes: [PGType] { [.timestamptz] }
    public static func decode(text: String, type: PGType) -> Date? { PGTimestamp.parse(text) }
}

extension PGDate: PGScalarDecodable {
    public static var acceptedTypes: [PGType] { [.date] }
    public static func decode(text: String, type: PGType) -> PGDate? { PGDate(text) }
}

extension UUID: PGScalarDecodable {
    public static var acceptedTypes: [PGType] { [.uuid] }
    public static func decode(text: String, type: PGType) -> UUID? { UUID(uuidString: text) }
}

extension PGJSON: PGScalarDecodable {
    public static var acceptedTypes: [PGType] { [.json, .jsonb] }
    public static func decode(text: String, type: PGType) -> PGJSON? { PGJSON(text: text) }
}

extension Data: PGScalarDecodable {
    public static var acceptedTypes: [PGType] { [.bytea] }
    /// Decodes the `\x` hex output format (the default since PostgreSQL 9.0).
    public static func decode(text: String, type: PGType) -> Data? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0 else { return nil }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: byte - 48
            case 97...102: byte - 87
            case 65...70: byte - 55
            default: nil
            }
        }
        var data = Data(capacity: (bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return nil }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }
}

extension Array: PGDecodable where Element: PGScalarDecodable {
    /// One-dimensional arrays; NULL elements are refused (decode `[Element?]` is not supported).
    public static func decode(cell: String?, type: PGType) throws(PGDecodingFailure) -> [Element] {
        guard let elementType = PGArrayText.elementType(of: type), Element.acceptedTypes.contains(elementType) else {
            throw PGDecodingFailure("its type \(type) is not an array of \(Element.acceptedTypes.map(\.description).joined(separator: ", "))")
        }
        guard let cell else { throw .null }
        guard let items = PGArrayText.parse(cell) else { throw .malformed(cell) }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let item else { throw PGDecodingFailure("the array holds a NULL element") }
            guard let value = Element.decode(text: item, type: elementType) else { throw .malformed(item) }
            result.append(value)
        }
        return result
    }
}

enum PGArrayText {
    static func elementType(of arrayType: PGType) -> PGType? {
        switch arrayType {
        case .int8Array: .int8
        case .int4Array: .int4
        case .int2Array: .int2
        case .textArray: .text
        case .varcharArray: .varchar
        case .boolArray: .bool
        case .float8Array: .float8
        case .timestamptzArray: .timestamptz
        case .uuidArray: .uuid
        default: nil
        }
    }

    /// Parses a one-dimensional array literal such as `{1,2,NULL}` or `{"a b","c\"d"}`.
    static func parse(_ text: String) -> [String?]? {
        var characters = Substring(text)
        if characters.first == "[" {  // explicit bounds "[0:1]={...}"
            guard let equals = characters.firstIndex(of: "=") else { return nil }
            characters = characters[characters.index(after: equals)...]
        }
        guard characters.first == "{", characters.last == "}" else { return nil }
        let body = characters.dropFirst().dropLast()
        if body.isEmpty { return [] }
        var items: [String?] = []
        var index = body.startIndex
        while index <= body.endIndex {
            if index < body.endIndex, body[index] == "\"" {
                var value = ""
                index = body.index(after: index)
                while index < body.endIndex, body[index] != "\"" {
                    if body[index] == "\\" { index = body.index(after: index); guard index < body.endIndex else { return nil } }
                    value.append(body[index])
                    index = body.index(after: index)
                }
                guard index < body.endIndex else { return nil }
                index = body.index(after: index)
                items.append(value)
            } else {
                let start = index
                while index < body.endIndex, body[index] != "," { index = body.index(after: index) }
                let raw = String(body[start..<index])
                if raw.hasPrefix("{") { return nil }  // multi-dimensional: not supported
                items.append(raw == "NULL" ? nil : raw)
            }
            if index == body.endIndex { break }
            guard body[index] == "," else { return nil }
            index = body.index(after: index)
        }
        return items
    }
}

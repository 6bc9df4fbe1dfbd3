import Foundation

/// Well-known PostgreSQL type OIDs (from `pg_type`).
public struct PGType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let unknown = PGType(rawValue: 0)
    public static let bool = PGType(rawValue: 16)
    public static let bytea = PGType(rawValue: 17)
    public static let name = PGType(rawValue: 19)
    public static let int8 = PGType(rawValue: 20)
    public static let int2 = PGType(rawValue: 21)
    public static let int4 = PGType(rawValue: 23)
    public static let text = PGType(rawValue: 25)
    public static let oid = PGType(rawValue: 26)
    public static let json = PGType(rawValue: 114)
    public static let float4 = PGType(rawValue: 700)
    public static let float8 = PGType(rawValue: 701)
    public static let bpchar = PGType(rawValue: 1042)
    public static let varchar = PGType(rawValue: 1043)
    public static let date = PGType(rawValue: 1082)
    public static let timestamp = PGType(rawValue: 1114)
    public static let timestamptz = PGType(rawValue: 1184)
    public static let numeric = PGType(rawValue: 1700)
    public static let uuid = PGType(rawValue: 2950)
    public static let jsonb = PGType(rawValue: 3802)
    public static let boolArray = PGType(rawValue: 1000)
    public static let int2Array = PGType(rawValue: 1005)
    public static let int4Array = PGType(rawValue: 1007)
    public static let textArray = PGType(rawValue: 1009)
    public static let varcharArray = PGType(rawValue: 1015)
    public static let int8Array = PGType(rawValue: 1016)
    public static let float8Array = PGType(rawValue: 1022)
    public static let timestamptzArray = PGType(rawValue: 1185)
    public static let uuidArray = PGType(rawValue: 2951)

    public var description: String {
        switch self {
        case .bool: "bool"
        case .bytea: "bytea"
        case .name: "name"
        case .int8: "int8"
        case .int2: "int2"
        case .int4: "int4"
        case .text: "text"
        case .oid: "oid"
        case .json: "json"
        case .float4: "float4"
        case .float8: "float8"
        case .bpchar: "bpchar"
        case .varchar: "varchar"
        case .date: "date"
        case .timestamp: "timestamp"
        case .timestamptz: "timestamptz"
        case .numeric: "numeric"
        case .uuid: "uuid"
        case .jsonb: "jsonb"
        case .int8Array: "int8[]"
        case .int4Array: "int4[]"
        case .int2Array: "int2[]"
        case .textArray: "text[]"
        case .varcharArray: "varchar[]"
        case .boolArray: "bool[]"
        case .float8Array: "float8[]"
        case .timestamptzArray: "timestamptz[]"
        case .uuidArray: "uuid[]"
        default: "oid \(rawValue)"
        }
    }
}

/// One bound parameter as sent to the server: its type, and its bytes in text or binary format.
public struct PGValue: Sendable {
    public enum Format: Int32, Sendable { case text = 0, binary = 1 }
    public var type: PGType
    /// `nil` sends SQL NULL.
    public var bytes: [UInt8]?
    public var format: Format

    public init(type: PGType, bytes: [UInt8]?, format: Format = .text) {
        self.type = type
        self.bytes = bytes
        self.format = format
    }

    public static func null(_ type: PGType) -> PGValue { PGValue(type: type, bytes: nil) }

    /// A text-format value; text may not contain NUL, which PostgreSQL cannot store.
    public static func text(_ string: String, type: PGType) throws -> PGValue {
        if string.utf8.contains(0) {
            throw PGError(
                .encoding,
                message: "a \(type) value contains a NUL character (U+0000), which PostgreSQL cannot store in text",
                hint: "remove the NUL characters from the input before saving it"
            )
        }
        return PGValue(type: type, bytes: Array(string.utf8))
    }
}

/// A Swift value that can be sent as a bound parameter.
public protocol PGEncodable: Sendable {
    /// The type the parameter is declared as, also used when the value is NULL.
    static var pgType: PGType { get }
    func pgValue() throws -> PGValue
}

/// A value that can appear as an element of a one-dimensional array parameter.
public protocol PGArrayElement: PGEncodable {
    static var pgArrayType: PGType { get }
    /// The element's text form before array quoting; nil for NULL.
    func pgArrayText() throws -> String?
}

extension PGArrayElement {
    public func pgArrayText() throws -> String? {
        try pgValue().bytes.map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Arrays of optionals carry NULL elements: `[Int?]` binds as `int8[]` such as `{1,NULL,3}`.
extension Optional: PGArrayElement where Wrapped: PGArrayElement {
    public static var pgArrayType: PGType { Wrapped.pgArrayType }
    public func pgArrayText() throws -> String? {
        guard let wrapped = self else { return nil }
        return try wrapped.pgArrayText()
    }
}

extension String: PGArrayElement {
    public static var pgType: PGType { .text }
    public static var pgArrayType: PGType { .textArray }
    public func pgValue() throws -> PGValue { try .text(self, type: .text) }
    public func pgArrayText() throws -> String? {
        _ = try pgValue()  // NUL check
        return self
    }
}

extension Substring: PGEncodable {
    public static var pgType: PGType { .text }
    public func pgValue() throws -> PGValue { try .text(String(self), type: .text) }
}

extension Int: PGArrayElement {
    public static var pgType: PGType { .int8 }
    public static var pgArrayType: PGType { .int8Array }
    public func pgValue() throws -> PGValue { PGValue(type: .int8, bytes: Array(String(self).utf8)) }
}

extension Int64: PGArrayElement {
    public static var pgType: PGType { .int8 }
    public static var pgArrayType: PGType { .int8Array }
    public func pgValue() throws -> PGValue { PGValue(type: .int8, bytes: Array(String(self).utf8)) }
}

extension Int32: PGArrayElement {
    public static var pgType: PGType { .int4 }
    public static var pgArrayType: PGType { .int4Array }
    public func pgValue() throws -> PGValue { PGValue(type: .int4, bytes: Array(String(self).utf8)) }
}

extension Int16: PGArrayElement {
    public static var pgType: PGType { .int2 }
    public static var pgArrayType: PGType { .int2Array }
    public func pgValue() throws -> PGValue { PGValue(type: .int2, bytes: Array(String(self).utf8)) }
}

extension Double: PGArrayElement {
    public static var pgType: PGType { .float8 }
    public static var pgArrayType: PGType { .float8Array }
    public func pgValue() throws -> PGValue {
        let text: String
        if isNaN {
            text = "NaN"
        } else if self == .infinity {
            text = "Infinity"
        } else if self == -.infinity {
            text = "-Infinity"
        } else {
            text = "\(self)"  // shortest representation that round-trips
        }
        return PGValue(type: .float8, bytes: Array(text.utf8))
    }
}

extension Bool: PGArrayElement {
    public static var pgType: PGType { .bool }
    public static var pgArrayType: PGType { .boolArray }
    public func pgValue() throws -> PGValue { PGValue(type: .bool, bytes: Array((self ? "t" : "f").utf8)) }
}

extension Decimal: PGEncodable {
    public static var pgType: PGType { .numeric }
    public func pgValue() throws -> PGValue {
        if isNaN { return PGValue(type: .numeric, bytes: Array("NaN".utf8)) }
        return PGValue(type: .numeric, bytes: Array(NSDecimalNumber(decimal: self).description(withLocale: Locale(identifier: "en_US_POSIX")).utf8))
    }
}

extension Date: PGArrayElement {
    public static var pgType: PGType { .timestamptz }
    public static var pgArrayType: PGType { .timestamptzArray }
    /// Sent as UTC with microsecond precision, PostgreSQL's own resolution.
    public func pgValue() throws -> PGValue {
        PGValue(type: .timestamptz, bytes: Array(PGTimestamp.format(self).utf8))
    }
}

extension UUID: PGArrayElement {
    public static var pgType: PGType { .uuid }
    public static var pgArrayType: PGType { .uuidArray }
    public func pgValue() throws -> PGValue { PGValue(type: .uuid, bytes: Array(uuidString.lowercased().utf8)) }
}

/// bytea parameters travel in binary format: no escaping, no size doubling.
extension Data: PGEncodable {
    public static var pgType: PGType { .bytea }
    public func pgValue() throws -> PGValue { PGValue(type: .bytea, bytes: Array(self), format: .binary) }
}

extension Optional: PGEncodable where Wrapped: PGEncodable {
    public static var pgType: PGType { Wrapped.pgType }
    public func pgValue() throws -> PGValue {
        switch self {
        case .none: .null(Wrapped.pgType)
        case .some(let wrapped): try wrapped.pgValue()
        }
    }
}

extension Array: PGEncodable where Element: PGArrayElement {
    public static var pgType: PGType { Element.pgArrayType }
    public func pgValue() throws -> PGValue {
        let items = try map { element -> String in
            guard let text = try element.pgArrayText() else { return "NULL" }
            var quoted = "\""
            for character in text {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            return quoted + "\""
        }
        return PGValue(type: Element.pgArrayType, bytes: [UInt8](("{" + items.joined(separator: ",") + "}").utf8))
    }
}

/// A calendar date without time or time zone (PostgreSQL `date`).
public struct PGDate: Hashable, Comparable, Sendable, CustomStringConvertible, PGEncodable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: PGDate, rhs: PGDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static var pgType: PGType { .date }
    public func pgValue() throws -> PGValue { PGValue(type: .date, bytes: Array(description.utf8)) }
}

/// A JSON document sent as `jsonb` and decoded from `json`/`jsonb` columns.
public struct PGJSON: Hashable, Sendable, PGEncodable {
    /// The document's text.
    public var text: String
    public init(text: String) { self.text = text }

    public init<T: Encodable>(encoding value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    public static var pgType: PGType { .jsonb }
    public func pgValue() throws -> PGValue { try .text(text, type: .jsonb) }
}

/// Text formatting and parsing of `timestamptz` values in the session settings this library sets
/// (`DateStyle=ISO`, `TimeZone=UTC`).
enum PGTimestamp {
    static func format(_ date: Date) -> String {
        // Round to whole microseconds, PostgreSQL's resolution.
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let seconds = (micros / 1_000_000).rounded(.down)
        let fraction = Int(micros - seconds * 1_000_000)
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), fraction)
    }

    /// Parses `YYYY-MM-DD HH:MM:SS[.ffffff]+HH[:MM[:SS]]` as PostgreSQL prints it with DateStyle ISO.
    static func parse(_ text: String) -> Date? {
        if text == "infinity" { return .distantFuture }
        if text == "-infinity" { return .distantPast }
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 19, let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var index = 19
        var micros = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 6 { micros = micros * 10 + Int(bytes[index] - 48); digits += 1 }
                index += 1
            }
            while digits < 6 { micros *= 10; digits += 1 }
        }
        var offsetSeconds = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = number(index..<(index + 2)) else { return nil }
            offsetSeconds = hours * 3600
            index += 2
            if index < bytes.count, bytes[index] == UInt8(ascii: ":"), let minutes = number((index + 1)..<(index + 3)) {
                offsetSeconds += minutes * 60
                index += 3
                if index < bytes.count, bytes[index] == UInt8(ascii: ":"), let secs = number((index + 1)..<(index + 3)) {
                    offsetSeconds += secs
                }
            }
            offsetSeconds *= sign
        }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let epoch = timegm(&parts)
        return Date(timeIntervalSince1970: Double(epoch - offsetSeconds) + Double(micros) / 1_000_000)
    }
}

import Foundation
import PetitionsDomain

/// RFC 6901 JSON Pointer over `JSONSerialization` values.
public enum JSONPointer {
    /// Why `pointer` is not a JSON Pointer, or nil.
    public static func problem(_ pointer: String) -> String? {
        if pointer.isEmpty { return nil }
        guard pointer.hasPrefix("/") else { return "a JSON Pointer is empty or starts with / (got \"\(pointer)\")" }
        var scalars = pointer.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "~" {
                guard let next = scalars.next(), next == "0" || next == "1" else {
                    return "\"~\" must be followed by 0 (for ~) or 1 (for /) in \"\(pointer)\""
                }
            }
        }
        return nil
    }

    /// The reference tokens of `pointer`, unescaped (`~1` → `/`, then `~0` → `~`).
    public static func tokens(_ pointer: String) -> [String] {
        guard !pointer.isEmpty else { return [] }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// The value `pointer` refers to in `document`, or an error saying where the walk stopped.
    public static func resolve(_ pointer: String, in document: JSONValue) throws(SourceReadError) -> JSONValue {
        var current = document
        var walked = ""
        for token in tokens(pointer) {
            let escaped = token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            let place = walked.isEmpty ? "the top" : walked
            switch current {
            case .object(let object):
                guard let next = object[token] else {
                    let keys = object.keys.sorted().prefix(8).joined(separator: ", ")
                    throw SourceReadError("the JSON has no \"\(token)\" at \(place) (keys there: \(keys.isEmpty ? "none" : keys))")
                }
                current = next
            case .array(let array):
                // RFC 6901: "0" or a number without a leading zero; "-" (past the end) never resolves.
                guard let index = Int(token), index >= 0, token == String(index), index < array.count else {
                    throw SourceReadError("\"\(token)\" at \(place) is not an index of an array of \(array.count)")
                }
                current = array[index]
            default:
                throw SourceReadError("\(place) is \(current.kindName), which has no \"\(token)\"")
            }
            walked += "/" + escaped
        }
        return current
    }

    /// The count at `pointer`: a whole number, or a string holding one (`"13,500"`).
    public static func count(_ pointer: String, in data: [UInt8]) throws(SourceReadError) -> Int {
        let document: JSONValue
        do {
            document = try JSONDecoder().decode(JSONValue.self, from: Data(data))
        } catch {
            throw SourceReadError("the body is not valid JSON (\(data.count) bytes, starting \(SourceReadError.preview(data)))")
        }
        let value = try resolve(pointer, in: document)
        switch value {
        case .number(let double):
            guard double.isFinite, double >= 0, double == double.rounded(), double < 1e15 else {
                throw SourceReadError("the value at \(pointer) is \(double), not a whole, non-negative count")
            }
            return Int(double)
        case .string(let text):
            if let count = Counts.parse(text) { return count }
        default:
            break
        }
        throw SourceReadError("the value at \(pointer) is \(value.kindName), not a count")
    }
}

/// Any JSON value.
public indirect enum JSONValue: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// "an object", "the string \"abc\"", ... for messages.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool(let value): "the boolean \(value)"
        case .number(let value): "the number \(value)"
        case .string(let value): "the string \"\(value.prefix(40))\""
        case .array(let value): "an array of \(value.count)"
        case .object: "an object"
        }
    }
}

/// Counts as pages print them: `13500`, `13,500`, `13.500`, `13 500`, `13'500`, read by the one
/// count parser (`CountParsing`): a separator that does not group digits in threes, or a count
/// above the bound, is no count.
public enum Counts {
    public static func parse(_ text: String) -> Int? {
        try? CountParsing.parse(text.trimmingCharacters(in: .whitespacesAndNewlines)).get()
    }
}

/// Why a body could not be read: recorded on the job, so it says what was found.
public struct SourceReadError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// The start of a body, for error messages.
    public static func preview(_ data: [UInt8]) -> String {
        let text = String(decoding: data.prefix(60), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        return "\"\(text)\(data.count > 60 ? "…" : "")\""
    }
}

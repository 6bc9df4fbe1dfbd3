import Foundation
import PetitionsDomain

/// Plain-text tables for terminal output.
public enum TextTable {
    /// Left-aligned columns separated by two spaces, with a rule under the header.
    /// Width counts characters, with East Asian wide characters counted twice.
    public static func render(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], displayWidth(cell)) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: max(0, widths[index] - displayWidth(cell)))
                if rightAligned.contains(index) { return padding + cell }
                return index == row.count - 1 ? cell : cell + padding
            }.joined(separator: "  ")
        }
        var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }

    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x0300...0x036F, 0x200B...0x200F: width
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF:
                width + 2
            default: width + 1
            }
        }
    }
}

/// Timestamps as commands print them (in UTC, without a formatter per call).
public enum Timestamps {
    /// `2024-11-26T14:00:00Z`
    public static func iso8601(_ date: Date) -> String { TimeFormatting.iso(date) }

    /// `2024-11-26 14:00` in UTC.
    public static func display(_ date: Date) -> String { TimeFormatting.short(date) }
}

/// JSON on standard output, keys sorted, for machine-readable formats.
public enum JSONOutput {
    /// Prints a typed value, pretty, keys sorted.
    public static func print(_ value: some Encodable) throws {
        Swift.print(try string(value))
    }

    /// A typed value as pretty JSON, keys sorted.
    public static func string(_ value: some Encodable) throws -> String {
        var writer = JSONTextWriter(pretty: true)
        try writer.write(node: JSONTree.node(value), depth: 0)
        return writer.text
    }

    /// A typed value on one line, keys sorted (JSON lines output).
    public static func line(_ value: some Encodable) throws -> String {
        var writer = JSONTextWriter(pretty: false)
        try writer.write(node: JSONTree.node(value), depth: 0)
        return writer.text
    }

    /// Pretty-printed, keys sorted, slashes not escaped: what `JSONSerialization` writes with
    /// those options, by a writer of our own. Foundation's bridges every value through `NSObject`
    /// and sorts keys with locale-aware comparison, which was three quarters of a large trend's time.
    static func string(tree value: Any) throws -> String {
        var writer = JSONTextWriter(pretty: true)
        try writer.write(value, depth: 0)
        return writer.text
    }

    static func line(tree value: Any) throws -> String {
        var writer = JSONTextWriter(pretty: false)
        try writer.write(value, depth: 0)
        return writer.text
    }
}

/// Writes the JSON of a tree of `[String: Any]`, `[Any]`, strings, numbers, booleans and `NSNull`.
public struct JSONTextWriter {
    struct Unencodable: Error, CustomStringConvertible {
        var description: String
    }

    let pretty: Bool
    public internal(set) var text = ""

    public init(pretty: Bool, capacity: Int = 1 << 16) {
        self.pretty = pretty
        text.reserveCapacity(capacity)
    }

    public mutating func write(_ value: Any, depth: Int) throws {
        // Exact dynamic types first: a cast such as `is NSNull` on a Swift collection boxes it for
        // Objective-C bridging, and `as? Bool` may bridge a number; both were most of the time.
        let type = Swift.type(of: value)
        if type == String.self { writeString(value as! String); return }
        if type == Int.self { text += String(value as! Int); return }
        if type == Bool.self { text += (value as! Bool) ? "true" : "false"; return }
        if type == Double.self { try write(value as! Double); return }
        if type == NSNull.self { text += "null"; return }
        if let dictionary = value as? [String: Any] {
            guard !dictionary.isEmpty else { text += "{}"; return }
            text += "{"
            for (index, key) in dictionary.keys.sorted().enumerated() {
                if index > 0 { text += "," }
                newline(depth + 1)
                writeString(key)
                text += pretty ? " : " : ":"
                try write(dictionary[key]!, depth: depth + 1)
            }
            newline(depth)
            text += "}"
            return
        }
        if let array = value as? [Any] {
            guard !array.isEmpty else { text += "[]"; return }
            text += "["
            for (index, element) in array.enumerated() {
                if index > 0 { text += "," }
                newline(depth + 1)
                try write(element, depth: depth + 1)
            }
            newline(depth)
            text += "]"
            return
        }
        switch value {
        case let int as Int64: text += String(int)
        case let int as Int32: text += String(int)
        case let int as UInt: text += String(int)
        case let string as Substring: writeString(String(string))
        case let number as NSNumber: text += number.stringValue
        default:
            // An optional that was never unwrapped writes as its value or null.
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                if let wrapped = mirror.children.first?.value { try write(wrapped, depth: depth) } else { text += "null" }
                return
            }
            throw Unencodable(description: "a \(type) cannot be written as JSON")
        }
    }

    /// A whole number below 10^15 without a fraction; otherwise as Swift prints it.
    mutating func write(_ double: Double) throws {
        guard double.isFinite else { throw Unencodable(description: "\(double) cannot be written as JSON") }
        text += double == double.rounded() && abs(double) < 1e15 ? String(Int64(double)) : "\(double)"
    }

    mutating func newline(_ depth: Int) {
        guard pretty else { return }
        text += "\n"
        text += String(repeating: "  ", count: depth)
    }

    /// `text` as a JSON string, quotes included.
    public static func quoted(_ text: String) -> String {
        var writer = JSONTextWriter(pretty: false, capacity: text.utf8.count + 2)
        writer.writeString(text)
        return writer.text
    }

    mutating func writeString(_ string: String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}

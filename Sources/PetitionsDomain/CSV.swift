import Foundation

/// RFC 4180 CSV reading and writing.
///
/// Hand-written rather than taken from a CSV package because import errors must name the physical
/// line a record starts on, including after quoted fields that span lines.
public enum CSV {
    public struct Record: Sendable, Equatable {
        /// 1-based line the record starts on.
        public var line: Int
        public var fields: [String]
    }

    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
        public var description: String { "line \(line): \(reason)" }
    }

    /// Parses the whole text. Blank lines are skipped; `\r\n` and `\n` both end records.
    public static func parse(_ text: String) throws(SyntaxError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var quotedField = false
        var line = 1
        var recordLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return iterator.next()
        }
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !quotedField) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
            field = ""
            quotedField = false
        }
        while let scalar = next() {
            if inQuotes {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = following }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard field.isEmpty else {
                    throw SyntaxError(line: line, reason: "a quote inside an unquoted field; quote the whole field and double the inner quotes")
                }
                inQuotes = true
                quotedField = true
            case ",":
                fields.append(field)
                field = ""
                quotedField = false
            case "\r":
                continue
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                if quotedField { throw SyntaxError(line: line, reason: "text after a closing quote") }
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { throw SyntaxError(line: recordLine, reason: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || quotedField { endRecord() }
        return records
    }

    /// One record as a CSV line (without the line break), quoting where needed. A cell that a
    /// spreadsheet would run as a formula is neutralised first (`neutralised`).
    public static func line(_ fields: [String]) -> String {
        fields.map { cell in
            let field = neutralised(cell)
            if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || field.hasPrefix(" ") || field.hasSuffix(" ") {
                return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return field
        }.joined(separator: ",")
    }

    /// Characters that make a spreadsheet read a cell as a formula (or, for tab and carriage
    /// return, hide one), as OWASP lists them.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// `cell` with a `'` before it when it starts like a formula (`=HYPERLINK(...)`, `@SUM(...)`,
    /// `+1+2`), so that a spreadsheet shows it as text: OWASP's advice against CSV injection. A
    /// plain number (`-120`, `+3.5`) is left as it is, and so is an empty cell.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.first, formulaStarts.contains(first) else { return cell }
        let rest = cell.dropFirst()
        if first == "-" || first == "+", !rest.isEmpty, rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }), rest.first?.isNumber == true
        {
            return cell
        }
        return "'" + cell
    }

    /// A cell read back from a CSV file this project wrote: the `'` that `neutralised` put before
    /// a formula-like cell is taken off, so an export imports as it was.
    public static func restored(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let second = cell.dropFirst().first, formulaStarts.contains(second) else { return cell }
        return String(cell.dropFirst())
    }
}

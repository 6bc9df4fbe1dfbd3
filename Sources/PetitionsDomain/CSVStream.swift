/// RFC 4180 CSV read record by record from chunks of bytes, so a file of any size is read in
/// constant memory. Records carry the physical line they start on, quoted fields spanning lines
/// included; `\r\n` and `\n` both end a record; blank lines are skipped; a UTF-8 byte-order mark
/// at the start is ignored. A field with invalid UTF-8 or a NUL byte is a syntax error on its line.
public struct CSVStream {
    private let nextChunk: () throws -> [UInt8]?
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private var line = 1
    private var atStart = true

    /// - Parameter nextChunk: the next bytes of the input, or nil at its end.
    public init(nextChunk: @escaping () throws -> [UInt8]?) {
        self.nextChunk = nextChunk
    }

    private mutating func byte() throws -> UInt8? {
        if position == buffer.count {
            guard !finished else { return nil }
            guard let chunk = try nextChunk(), !chunk.isEmpty else { finished = true; return nil }
            buffer = chunk
            position = 0
        }
        defer { position += 1 }
        return buffer[position]
    }

    private mutating func peek() throws -> UInt8? {
        guard let value = try byte() else { return nil }
        position -= 1
        return value
    }

    private static func text(_ field: [UInt8], line: Int) throws -> String {
        if let problem = TextBytes.problem(field) { throw CSV.SyntaxError(line: line, reason: problem) }
        return String(decoding: field, as: UTF8.self)
    }

    /// The next record, or nil at the end of the input.
    public mutating func next() throws(CSV.SyntaxError) -> CSV.Record? {
        do {
            return try readRecord()
        } catch let error as CSV.SyntaxError {
            throw error
        } catch {
            throw CSV.SyntaxError(line: line, reason: "cannot read the input: \(error)")
        }
    }

    private mutating func readRecord() throws -> CSV.Record? {
        if atStart {
            atStart = false
            if try peek() == 0xEF {
                let saved = (buffer, position)
                let bom = [try byte(), try byte(), try byte()]
                if bom != [0xEF, 0xBB, 0xBF] { (buffer, position) = saved }
            }
        }
        while true {
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false
            var sawQuote = false
            let recordLine = line
            var ended = false
            while let current = try byte() {
                if quoted {
                    if current == 0x22 {
                        if try peek() == 0x22 { _ = try byte(); field.append(0x22) } else { quoted = false }
                    } else {
                        if current == 0x0A { line += 1 }
                        field.append(current)
                    }
                    continue
                }
                switch current {
                case 0x22:
                    guard field.isEmpty && !sawQuote else {
                        throw CSV.SyntaxError(line: line, reason: "a quote inside an unquoted field; quote the whole field and double the inner quotes")
                    }
                    quoted = true
                    sawQuote = true
                case 0x2C:
                    fields.append(try Self.text(field, line: line))
                    field.removeAll(keepingCapacity: true)
                    sawQuote = false
                case 0x0D where try peek() == 0x0A:
                    continue
                case 0x0A:
                    line += 1
                    ended = true
                default:
                    if sawQuote { throw CSV.SyntaxError(line: line, reason: "text after a closing quote; double a quote inside a quoted field") }
                    field.append(current)
                }
                if ended { break }
            }
            if quoted { throw CSV.SyntaxError(line: recordLine, reason: "a quoted field is never closed") }
            if !ended && fields.isEmpty && field.isEmpty && !sawQuote { return nil }
            fields.append(try Self.text(field, line: ended ? line - 1 : line))
            if fields.count == 1 && fields[0].isEmpty && !sawQuote {
                if ended { continue }  // a blank line
                return nil
            }
            return CSV.Record(line: recordLine, fields: fields)
        }
    }
}

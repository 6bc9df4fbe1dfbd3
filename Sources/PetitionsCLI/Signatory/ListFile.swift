import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

/// A list file (CSV with a header, or JSON lines) read entry by entry in constant memory.
struct ListFile {
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, jsonl }

    let header: [String]
    let next: () throws -> SignatoryRecord?

    /// Opens `path` (`-` for standard input); the format comes from the extension unless given.
    static func open(_ path: String, format: Format?) throws -> ListFile {
        let handle: FileHandle
        if path == "-" {
            handle = .standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw CommandFailure("cannot read \(path): no such file, or no permission")
            }
            handle = opened
        }
        let chunks: () throws -> [UInt8]? = {
            guard let data = try handle.read(upToCount: 1 << 20), !data.isEmpty else { return nil }
            return [UInt8](data)
        }
        let format = format ?? (path.lowercased().hasSuffix(".jsonl") || path.lowercased().hasSuffix(".ndjson") ? .jsonl : .csv)
        switch format {
        case .csv:
            var stream = CSVStream(nextChunk: chunks)
            guard let header = try Self.csvRecord(&stream) else { throw CommandFailure("\(path) is empty: a list needs a header line and entries") }
            return ListFile(header: header.fields, next: { try Self.csvRecord(&stream).map { SignatoryRecord(line: $0.line, fields: $0.fields) } })
        case .jsonl:
            var lines = LineStream(nextChunk: chunks)
            var first: (Int, [String: Any])?
            while first == nil, let (number, text) = try lines.next() {
                if let object = try Self.jsonObject(text, line: number) { first = (number, object) }
            }
            guard let first else { throw CommandFailure("\(path) is empty: a JSON-lines list needs one object per line") }
            // Objects need not all carry every key: the header is every field's own name, then the
            // first object's other keys (for --column mappings).
            let known = SignatoryColumns.Field.allCases.map(\.rawValue)
            let header = known + first.1.keys.filter { !known.contains($0) }.sorted()
            var pending: (Int, [String: Any])? = first
            return ListFile(
                header: header,
                next: {
                    var entry = pending
                    pending = nil
                    while entry == nil, let (number, text) = try lines.next() {
                        if let object = try Self.jsonObject(text, line: number) { entry = (number, object) }
                    }
                    guard let (number, object) = entry else { return nil }
                    return SignatoryRecord(line: number, fields: header.map { key in Self.text(object[key]) })
                })
        }
    }

    private static func csvRecord(_ stream: inout CSVStream) throws -> CSV.Record? {
        do {
            guard var record = try stream.next() else { return nil }
            record.fields = record.fields.map(CSV.restored)
            return record
        } catch { throw CommandFailure("line \(error.line): \(error.reason); nothing was imported", usage: true) }
    }

    private static func jsonObject(_ text: String, line: Int) throws -> [String: Any]? {
        if text.allSatisfy(\.isWhitespace) { return nil }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw CommandFailure("line \(line): not a JSON object; nothing was imported")
        }
        return object
    }

    private static func text(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: ""
        case let string as String: string
        case let number as NSNumber: number.stringValue
        default: "\(value!)"
        }
    }
}

/// Lines of text read from chunks of bytes.
struct LineStream {
    let nextChunk: () throws -> [UInt8]?
    var pending: [UInt8] = []
    var line = 0
    var done = false

    init(nextChunk: @escaping () throws -> [UInt8]?) { self.nextChunk = nextChunk }

    mutating func next() throws -> (Int, String)? {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                if let problem = TextBytes.problem(pending[..<newline]) {
                    throw CommandFailure("line \(line + 1): \(problem); nothing was imported", usage: true)
                }
                let text = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                line += 1
                return (line, text.hasSuffix("\r") ? String(text.dropLast()) : text)
            }
            if done {
                guard !pending.isEmpty else { return nil }
                defer { pending = [] }
                line += 1
                if let problem = TextBytes.problem(pending) { throw CommandFailure("line \(line): \(problem); nothing was imported", usage: true) }
                return (line, String(decoding: pending, as: UTF8.self))
            }
            if let chunk = try nextChunk() { pending += chunk } else { done = true }
        }
    }
}

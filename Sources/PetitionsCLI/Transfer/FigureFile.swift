import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions

/// Reading and writing figure files: CSV with a header, or JSON lines.
enum FigureFile {
    /// CSV with a header, JSON lines (one object a line), or one JSON array of the same objects.
    enum Format: String, CaseIterable {
        case csv, jsonl, json
    }

    /// One record with the line it starts on.
    struct Row {
        var line: Int
        var fields: [String: String]
    }

    /// The format named by `--format`, else by the file name (`.jsonl`/`.ndjson` are JSON lines), else CSV.
    static func format(named name: String?, path: String) throws -> Format {
        if let name {
            guard let format = Format(rawValue: name.lowercased()) else {
                throw CommandFailure("--format: unknown file format \"\(name)\" (allowed: csv, jsonl, json)", usage: true)
            }
            return format
        }
        if path.hasSuffix(".json") { return .json }
        return path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") ? .jsonl : .csv
    }

    /// The file's text. - Throws: when it cannot be read, or a line is not UTF-8 text (with its number).
    static func read(path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CommandFailure("cannot read \(path): no such file, or not readable")
            }
            data = contents
        }
        let bytes = [UInt8](data)
        if let bad = TextBytes.firstBadLine(bytes) {
            throw CommandFailure("nothing was imported: line \(bad.line): \(bad.reason)", usage: true)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses the whole file, or throws naming the first lines with syntax problems.
    static func rows(_ text: String, format: Format) throws -> [Row] {
        switch format {
        case .csv:
            let records: [CSV.Record]
            do { records = try CSV.parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text) } catch {
                throw CommandFailure("nothing was imported: \(error)", usage: true)
            }
            guard let header = records.first else { return [] }
            let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let unknown = names.filter { !FigureRecord.knownColumns.contains($0) }
            if !unknown.isEmpty {
                throw CommandFailure(
                    "nothing was imported: line \(header.line): unknown column\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")) (known: \(FigureRecord.columns.joined(separator: ", ")))",
                    usage: true)
            }
            let missing = FigureRecord.requiredColumns.filter { !names.contains($0) }
            if !missing.isEmpty {
                throw CommandFailure(
                    "nothing was imported: line \(header.line): the header lacks \(missing.joined(separator: ", ")) (required: \(FigureRecord.requiredColumns.joined(separator: ", ")))",
                    usage: true)
            }
            var rows: [Row] = []
            for record in records.dropFirst() {
                guard record.fields.count == names.count else {
                    throw CommandFailure(
                        "nothing was imported: line \(record.line): \(record.fields.count) fields, but the header has \(names.count)", usage: true)
                }
                rows.append(Row(line: record.line, fields: Dictionary(zip(names, record.fields.map(CSV.restored)), uniquingKeysWith: { first, _ in first })))
            }
            return rows
        case .json:
            // One array: "line N" in messages is its Nth element.
            guard let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else {
                throw CommandFailure(
                    "nothing was imported: the file is not a JSON array of figure objects (use --format jsonl for one object a line)", usage: true)
            }
            return try array.enumerated().map { index, element in
                guard let object = element as? [String: Any] else {
                    throw CommandFailure("nothing was imported: element \(index + 1) of the array is not a JSON object", usage: true)
                }
                return Row(line: index + 1, fields: try fields(of: object, line: index + 1))
            }
        case .jsonl:
            var rows: [Row] = []
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.isEmpty { continue }
                guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                    throw CommandFailure("nothing was imported: line \(index + 1): not a JSON object", usage: true)
                }
                rows.append(Row(line: index + 1, fields: try fields(of: object, line: index + 1)))
            }
            return rows
        }
    }

    /// A JSON figure object's fields as text, each key checked.
    static func fields(of object: [String: Any], line: Int) throws -> [String: String] {
        var fields: [String: String] = [:]
        for (key, value) in object {
            guard FigureRecord.knownColumns.contains(key) else {
                throw CommandFailure(
                    "nothing was imported: line \(line): unknown key \"\(key)\" (known: \(FigureRecord.columns.joined(separator: ", ")))", usage: true)
            }
            switch value {
            case is NSNull: continue
            case let number as NSNumber: fields[key] = number.stringValue
            case let string as String: fields[key] = string
            default: throw CommandFailure("nothing was imported: line \(line): \"\(key)\" must be a string or a number", usage: true)
            }
        }
        return fields
    }
}

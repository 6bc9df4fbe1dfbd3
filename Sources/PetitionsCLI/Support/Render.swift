import Foundation
import PetitionsDomain

/// Prints rows as a table, JSON, CSV or Markdown.
enum Render {
    static func rows(header: [String], rows: [[String]], format: DataFormat, json: [[String: Any]], empty: String? = nil) throws {
        switch format {
        case .table:
            if rows.isEmpty, let empty { print(empty); return }
            print(TextTable.render(header: header, rows: rows))
        case .json:
            try JSONOutput.print(json)
        case .csv:
            print(CSV.line(header))
            for row in rows { print(CSV.line(row)) }
        case .markdown:
            print(markdown(header: header, rows: rows))
        }
    }

    static func markdown(header: [String], rows: [[String]]) -> String {
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var lines = ["| " + header.map(cell).joined(separator: " | ") + " |", "|" + header.map { _ in " --- |" }.joined()]
        lines += rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n")
    }
}

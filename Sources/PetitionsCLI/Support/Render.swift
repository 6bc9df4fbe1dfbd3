import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsReports
import PetitionsStore

/// Prints rows as a table, CSV or Markdown, or their typed JSON shape.
enum Render {
    static func rows(header: [String], rows: [[String]], format: DataFormat, json: some Encodable, empty: String? = nil) throws {
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

    /// `name  value` lines for the fields that are set, then the audit trail.
    static func fields(_ fields: [(String, String?)], trail: [Repository.AuditEntry]) {
        let width = fields.map(\.0.count).max() ?? 0
        for (name, value) in fields { if let value { print(name.padding(toLength: width + 1, withPad: " ", startingAt: 0) + value) } }
        if !trail.isEmpty {
            print("\nhistory:")
            for entry in trail {
                let subject = entry.subject.hasPrefix("campaign ") || entry.subject.hasPrefix("outlet ") ? "" : "  \(entry.subject.prefix(60))"
                print("  \(TimeFormatting.short(entry.at))  \(entry.action)\(subject)  by \(entry.actor)")
            }
        }
    }

    /// `text` for a table cell: cut to `length` characters and marked "…" when `cut` (a table
    /// without --wide); whole otherwise.
    static func cell(_ text: String, _ length: Int, cut: Bool) -> String { cut && text.count > length ? String(text.prefix(length - 1)) + "…" : text }

    static func markdown(header: [String], rows: [[String]]) -> String { MarkdownTable.render(header: header, rows: rows) }
}

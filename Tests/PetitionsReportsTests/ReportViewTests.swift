import Foundation
import Testing

@testable import PetitionsReports

/// The HTML template and its typed view agree: every tag names a property of `ReportView` (or
/// one of its nested types), and every property is shown. Mustache renders a mistyped name as
/// nothing, so this is where a typo is caught.
@Suite struct ReportViewTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/PetitionsReports")

    /// The names of the view's stored properties, from its source (computed ones end in a brace).
    static func viewProperties() throws -> Set<String> {
        let text = try String(contentsOf: sources.appendingPathComponent("ReportView.swift"), encoding: .utf8)
        return Set(text.matches(of: try Regex(#"(?m)^\s+var (\w+)\s*[:=][^{\n]*$"#)).compactMap { $0.output[1].substring.map(String.init) })
    }

    /// The names the template's tags use (`{{name}}`, `{{{name}}}`, `{{#name}}`, `{{^name}}`).
    static func templateTags() throws -> Set<String> {
        let template = ReportTemplate.html
        return Set(template.matches(of: try Regex(#"\{\{\{?[#^/]?\s*([A-Za-z][A-Za-z0-9]*)\s*\}?\}\}"#)).compactMap { $0.output[1].substring.map(String.init) })
    }

    @Test func everyTagIsAPropertyAndEveryPropertyIsShown() throws {
        let properties = try Self.viewProperties(), tags = try Self.templateTags()
        #expect(tags.count > 50, "the template's tags were not found: \(tags.sorted())")
        #expect(tags.subtracting(properties).isEmpty, "tags with no property in ReportView: \(tags.subtracting(properties).sorted())")
        #expect(properties.subtracting(tags).isEmpty, "properties the template never shows: \(properties.subtracting(tags).sorted())")
    }
}

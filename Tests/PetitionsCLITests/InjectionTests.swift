import Foundation
import PetitionsDomain
import PetitionsReports
import TestSupport
import Testing

/// What users open elsewhere: Markdown read as CommonMark, CSV opened in a spreadsheet.
@Suite(.ownThread) struct InjectionTests {
    @discardableResult
    func cli(_ url: String, _ arguments: [String], expecting status: Int32 = 0) throws -> CLIRunner.Outcome {
        let outcome = try CLIRunner.run(arguments + ["--database-url", url], environment: ["PETITIONS_ACTOR": "injection-test"])
        #expect(outcome.status == status, "petitions \(arguments.joined(separator: " ")): \(outcome.stderr)")
        return outcome
    }

    @Test(arguments: [
        ("=HYPERLINK(\"http://x.example\")", "'=HYPERLINK(\"http://x.example\")"), ("+1+2", "'+1+2"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("-120", "-120"), ("+3.5", "+3.5"), ("12,400", "12,400"), ("plain", "plain"), ("", ""),
    ])
    func formulaCellsAreNeutralised(cell: String, written: String) {
        #expect(CSV.neutralised(cell) == written)
        #expect(CSV.restored(CSV.neutralised(cell)) == cell)
    }

    @Test func markdownEscapesHTMLAndMarkup() {
        #expect(MarkdownText.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(
            MarkdownText.escape("[click](javascript:alert(1)) *bold* `code`\n# heading") == "\\[click\\](javascript:alert(1)) \\*bold\\* \\`code\\` # heading")
        #expect(MarkdownTable.render(header: ["a"], rows: [["<img src=x onerror=alert(1)> | x"]]).contains("&lt;img src=x onerror=alert(1)&gt; \\| x"))
    }

    /// Titles, notes, quotes and names full of HTML give a Markdown report with no HTML element in
    /// it, and CSV exports whose formula-like cells a spreadsheet shows as text; the export still
    /// imports as it was.
    @Test func reportsAndExportsCarryNoLiveMarkup() async throws {
        try await TestDatabase.with { url in
            try cli(url, ["db", "migrate"])
            try cli(
                url,
                [
                    "campaign", "add", "hostile", "--title", "<script>alert('title')</script> petition", "--kind", "petition", "--notes",
                    "<img src=x onerror=alert(1)> notes", "--organiser", "<b>org</b>",
                ])
            try cli(url, ["outlet", "add", "paper", "--name", "<script>alert('outlet')</script>", "--kind", "news"])
            try cli(
                url,
                [
                    "figure", "add", "hostile", "--outlet", "paper", "--value", "1,200", "--as-of", "2024-11-20T10:00Z", "--quote",
                    "=HYPERLINK(\"http://evil.example\",\"<script>alert('quote')</script>\")", "--note", "@SUM(1+1)",
                ])
            let markdown = try cli(url, ["report", "hostile", "--format", "markdown"]).stdout
            // Readers see the source's name, never where the database lives.
            #expect(markdown.contains("from the petitions database") && !markdown.contains("/tmp/") && !markdown.contains(url), "\(markdown.prefix(400))")
            #expect(
                try cli(url, ["report", "hostile", "--format", "markdown", "--source-name", "The Desk's tracker"]).stdout.contains("from The Desk's tracker"))
            for element in ["<script", "<img", "<b>"] { #expect(!markdown.contains(element), "\(element) in:\n\(markdown)") }
            #expect(markdown.contains("&lt;script&gt;"))
            let compared = try cli(url, ["compare", "hostile", "--format", "markdown"]).stdout
            #expect(!compared.contains("<script"), "\(compared)")

            let exported = try cli(url, ["export", "figures", "hostile", "--format", "csv"]).stdout
            #expect(exported.contains("\"'=HYPERLINK(") && exported.contains(",'@SUM(1+1)"), "\(exported)")
            for line in exported.split(separator: "\n") {
                for cell in line.split(separator: ",") { #expect(!["=", "+", "@"].contains(cell.first.map(String.init) ?? ""), "\(cell)") }
            }
            let listed = try cli(url, ["figure", "list", "hostile", "--format", "csv"]).stdout
            #expect(!listed.contains(",=") && !listed.contains(",@"), "\(listed)")
            // The export imports as it was: the guard is taken off again.
            try await TestDatabase.with { target in
                try cli(target, ["db", "migrate"])
                try cli(target, ["campaign", "add", "hostile", "--title", "Again", "--kind", "petition"])
                try cli(target, ["outlet", "add", "paper", "--name", "Paper", "--kind", "news"])
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).csv").path
                try exported.write(toFile: file, atomically: true, encoding: .utf8)
                try cli(target, ["import", "figures", file])
                let json = try cli(target, ["figure", "list", "hostile", "--format", "json"]).stdout
                #expect(json.contains("\"quote\" : \"=HYPERLINK(") && json.contains("\"note\" : \"@SUM(1+1)\""), "\(json)")
            }
        }
    }
}

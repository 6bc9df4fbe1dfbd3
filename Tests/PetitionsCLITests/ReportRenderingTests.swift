import Foundation
import TestSupport
import Testing

/// Headless Chromium (Debian's `chromium`, installed by Deploy/test.sh) lays out the demo's invented
/// petition report: the platform's line is drawn, and at 390 px nothing scrolls sideways.
@Suite(.ownThread) struct ReportRenderingTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// What the page measures of itself, written into the DOM by a script added to a copy of the
    /// report (the report itself has no scripts).
    struct Layout: Decodable {
        var scrollWidth: Double
        var innerWidth: Double
        var platformLine: Double
        var platformPoints: Int
        var fontFamily: String
        /// The widest "quote or note" cell of the provenance table.
        var quoteCell: Double
    }

    static let probe = """
        <script>
        (function () {
          var line = 0, points = 0;
          document.querySelectorAll('svg.chart').forEach(function (svg) {
            if (svg.getBoundingClientRect().width === 0) { return; }
            svg.querySelectorAll('g.series polyline[stroke-width="2.5"]').forEach(function (p) {
              var box = p.getBoundingClientRect();
              line = Math.max(line, box.width);
              points = Math.max(points, p.points.numberOfItems);
            });
          });
          var quote = 0;
          document.querySelectorAll('table.provenance td:last-child').forEach(function (td) { quote = Math.max(quote, td.getBoundingClientRect().width); });
          document.body.setAttribute('data-layout', JSON.stringify({ quoteCell: quote,
            scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
            platformLine: line, platformPoints: points, fontFamily: getComputedStyle(document.body).fontFamily }));
        })();
        </script>
        """

    static func layout(of html: String, width: Int, in folder: URL) throws -> (Layout, screenshot: String) {
        let chromium = try #require(chromium, "chromium is missing: apt-get install chromium (Deploy/test.sh installs it)")
        let page = folder.appendingPathComponent("page-\(width).html")
        try html.replacingOccurrences(of: "</body>", with: probe + "</body>").write(to: page, atomically: true, encoding: .utf8)
        let common = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(folder.appendingPathComponent("profile-\(width)").path)", "--window-size=\(width),1600",
        ]
        let dump = try CLIRunner.tool(chromium, common + ["--dump-dom", page.absoluteString])
        let attribute = try #require(
            dump.stdout.range(of: #"data-layout="([^"]*)""#, options: .regularExpression).map { String(dump.stdout[$0]) },
            "no layout in Chromium's DOM: \(dump.stderr.suffix(500))")
        let json = attribute.dropFirst("data-layout=\"".count).dropLast().replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(
            of: "&amp;", with: "&")
        let layout = try JSONDecoder().decode(Layout.self, from: Data(json.utf8))
        // The screenshot of the report itself, kept beside the page for a person to open.
        let screenshot = folder.appendingPathComponent("report-\(width).png").path
        let shot = try CLIRunner.tool(chromium, common + ["--screenshot=\(screenshot)", folder.appendingPathComponent("report.html").absoluteString])
        #expect(FileManager.default.fileExists(atPath: screenshot), "no screenshot: \(shot.stderr.suffix(500))")
        return (layout, screenshot)
    }

    @Test func thePlatformLineIsDrawnAndPhonesDoNotScrollSideways() async throws {
        try await TestDatabase.with { url in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-render-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let report = folder.appendingPathComponent("report.html").path
            #expect(try CLIRunner.run(["demo", "--no-report", "--database-url", url]).status == 0)
            let written = try CLIRunner.run(["report", "keep-the-island-ferry", "dear-corporate-ai-overlords", "--output", report, "--database-url", url])
            #expect(written.status == 0, "\(written.stderr)")
            let html = try String(contentsOfFile: report, encoding: .utf8)
            for width in [1280, 390] {
                let (layout, screenshot) = try Self.layout(of: html, width: width, in: folder)
                #expect(layout.scrollWidth <= layout.innerWidth, "at \(width) px the page is \(layout.scrollWidth) px wide")
                // Four days of hourly polls: a line of about a hundred points, most of the plot wide.
                #expect(layout.platformPoints >= 90, "at \(width) px")
                #expect(
                    layout.platformLine > Double(width) * 0.4 || layout.platformLine > 200,
                    "at \(width) px the platform's line is \(layout.platformLine) px wide")
                #expect(layout.fontFamily.contains("Noto Sans CJK JP"))
                // The provenance table's quotes read as sentences on a desktop, not a word a line.
                if width >= 1280 { #expect(layout.quoteCell >= 300, "at \(width) px the quote column is \(layout.quoteCell) px wide") }
                let size = (try FileManager.default.attributesOfItem(atPath: screenshot)[.size] as? Int) ?? 0
                #expect(size > 20_000, "the \(width) px screenshot is \(size) bytes")
            }
        }
    }

    /// Japanese and Chinese render in glyphs, not boxes: Chromium prints a report with a Japanese
    /// title and a Chinese quote to PDF, and the fonts it embedded include one that covers
    /// Japanese (a box would come from a font without it). Deploy/setup.sh installs fonts-noto-cjk.
    @Test func japaneseAndChineseRenderAsGlyphsNotBoxes() async throws {
        try await TestDatabase.with { url in
            let chromium = try #require(Self.chromium, "chromium is missing: apt-get install chromium (Deploy/test.sh installs it)")
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-cjk-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            for arguments in [
                ["db", "migrate"], ["campaign", "add", "shomei", "--title", "架空の署名運動（テスト用）", "--kind", "petition"],
                ["outlet", "add", "shimbun", "--name", "架空新聞", "--kind", "news"],
                ["figure", "add", "shomei", "--outlet", "shimbun", "--value", "1,200", "--as-of", "2024-11-20", "--quote", "已有超过一千二百人附议。"],
            ] {
                let outcome = try CLIRunner.run(arguments + ["--database-url", url])
                #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
            }
            let report = folder.appendingPathComponent("report.html").path
            #expect(try CLIRunner.run(["report", "shomei", "--output", report, "--database-url", url]).status == 0)
            let pdf = folder.appendingPathComponent("report.pdf").path
            let printed = try CLIRunner.tool(
                chromium,
                [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer",
                    "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--print-to-pdf=\(pdf)", URL(fileURLWithPath: report).absoluteString,
                ])
            let bytes = try #require(FileManager.default.contents(atPath: pdf), "no PDF: \(printed.stderr.suffix(500))")
            let text = String(decoding: bytes, as: UTF8.self)
            let embedded = Set(
                text.components(separatedBy: "/FontFamily (").dropFirst().compactMap { $0.split(separator: ")", maxSplits: 1).first.map(String.init) })
            let japanese = try CLIRunner.tool("/usr/bin/fc-list", [":lang=ja", "family"]).stdout.split(whereSeparator: { $0 == "\n" || $0 == "," })
                .map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(!japanese.isEmpty, "no font covers Japanese: apt-get install fonts-noto-cjk (Deploy/setup.sh installs it)")
            #expect(embedded.contains { Set(japanese).contains($0) }, "the PDF's fonts \(embedded.sorted()) include none of \(japanese.prefix(4))")
        }
    }
}

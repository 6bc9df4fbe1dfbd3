import Foundation
import PetitionsDomain
import PetitionsReports
import TestSupport
import Testing

private let now = TimeFormatting.parse("2024-11-30T12:00Z")!

/// A report on the known trend, with a hostile title and a quoted, linked figure.
private func sampleReport(title: String = "Statement on AI training") -> Report {
    var trend = knownTrend()
    trend.campaign.title = title
    let figures = trend.series.flatMap { series in
        series.points.map { point in
            reported(
                point.figureID, series.source.slug, point.value, point.qualifier,
                hours: point.asOf.timeIntervalSince(TimeFormatting.parse("2024-10-22T00:00Z")!) / 3600,
                kind: series.source.isPlatform ? .platform : .news)
        }
    }
    let reports = figures.filter { $0.outletKind != .platform }
    var linked = reports[0]
    linked.draft.sourceURL = "https://news.example.org/a?b=1&c=2"
    linked.draft.quote = "More than <ten> thousand & counting"
    var retracted = reported(99, "outlet-z", 99_999, hours: 20)
    retracted.status = .retracted
    let comparison = Comparison.compare(campaign: trend.campaign, figures: figures, now: now)
    let latest = trend.series.flatMap(\.points).map(\.asOf).max()!
    let analysis = TrendAnalysis.analyze(trend, reports: reports, window: 7 * 86400, now: latest.addingTimeInterval(3600))
    return Report(
        generated: now, source: "a test database",
        campaigns: [
            CampaignReport(comparison: comparison, analyses: [analysis], sideBySide: [], provenance: [linked] + reports.dropFirst() + [retracted])
        ])
}

/// Parses with html5lib in strict mode: any HTML5 parse error fails.
private func html5Errors(_ html: String) throws -> String {
    let script = """
        import sys
        try:
            import html5lib
        except ImportError:
            print("html5lib is missing: pip install html5lib (Deploy/test.sh installs it)"); sys.exit(3)
        parser = html5lib.HTMLParser(strict=True)
        try:
            parser.parse(sys.stdin.read())
        except Exception as error:
            print("HTML5 parse error:", error, parser.errors[:3]); sys.exit(1)
        print("ok")
        """
    let outcome = try CLIRunner.tool("python3", ["-c", script], stdin: html)
    return outcome.status == 0 ? "" : outcome.stdout + outcome.stderr
}

@Suite(.ownThread) struct ReportTests {
    @Test func fontsCoverCJKAndCyrillic() throws {
        let html = try sampleReport(title: "山田 · Пётр · 署名").html()
        // The page's CSS and every chart name system fonts first, then Noto families for CJK.
        for family in ["system-ui", "\"Noto Sans\"", "\"Noto Sans CJK JP\"", "\"Noto Sans CJK SC\"", "\"Noto Sans CJK KR\""] {
            #expect(html.contains("font-family:" + "system-ui") && html.contains(family), "\(family)")
        }
        #expect(html.contains("font-family=\"system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans CJK JP'"))
        #expect(html.contains("山田 · Пётр · 署名"))
    }

    @Test func htmlIsValidHTML5AndWellFormedXML() throws {
        let html = try sampleReport().html()
        #expect(try html5Errors(html) == "")
        let parsed = XMLCollector.parse(html)
        #expect(parsed.error == nil, "\(String(describing: parsed.error))")
    }

    @Test func htmlIsSelfContained() throws {
        let html = try sampleReport().html()
        #expect(!html.contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("@import") && !html.contains("url("))
        #expect(!html.contains("<link"))
        // The only links are the provenance links, which a reader follows and the page never fetches.
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(hrefs.allSatisfy { $0.hasPrefix("#") || $0.hasPrefix("https://news.example.org/") })
    }

    @Test func htmlHasEverySectionAndBothChartLayouts() throws {
        let html = try sampleReport().html()
        for heading in [
            "<h3>Growth</h3>", "<h3>Projection</h3>", "<h3>What outlets report</h3>", "<h3>Who reported first</h3>",
            "<h3>Behind the platform</h3>", "<h3>Provenance</h3>",
        ] {
            #expect(html.contains(heading), "\(heading)")
        }
        #expect(html.components(separatedBy: "<svg ").count - 1 == 2)  // wide and narrow
        #expect(html.contains("class=\"chart-narrow\""))
        #expect(html.contains("@media print"))
        #expect(html.contains("name=\"viewport\""))
        #expect(html.contains("threshold 100,000"))
        #expect(html.contains("<span class=\"flag\">"))
        // Retracted figures stay in the provenance list, marked.
        #expect(html.contains("<tr class=\"retracted\">"))
    }

    @Test func hostileTextIsEscapedEverywhere() throws {
        let report = sampleReport(title: "<script>alert('x')</script> & \"friends\"")
        let html = try report.html()
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains("<q>More than &lt;ten&gt; thousand &amp; counting</q>"))
        #expect(html.contains("href=\"https://news.example.org/a?b=1&amp;c=2\""))
        #expect(try html5Errors(html) == "")
        #expect(XMLCollector.parse(html).error == nil)
    }

    @Test func markdownLinksChartsWrittenBesideIt() throws {
        let (text, charts) = sampleReport().markdown(chartsBeside: "report")
        #expect(charts.map(\.name) == ["report-statement-on-ai-training-signatures.svg"])
        #expect(text.contains("![Signatures reported for “Statement on AI training”](report-statement-on-ai-training-signatures.svg)"))
        #expect(text.contains("### Who reported first"))
        #expect(text.contains("| # | outlet | metric | reported |"))
        #expect(XMLCollector.parse(charts[0].svg).error == nil)
        let embedded = sampleReport().markdown(chartsBeside: nil)
        #expect(embedded.charts.isEmpty)
        #expect(embedded.text.contains("](data:image/svg+xml;base64,"))
    }
}

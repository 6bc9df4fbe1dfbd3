import Foundation
import PetitionsDomain
import PetitionsReports
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

private let base = TimeFormatting.parse("2024-10-22T00:00Z")!
let statement = Campaign(
    slug: "statement-on-ai-training", title: "Statement on AI training", kind: .statement,
    launched: Day(year: 2024, month: 10, day: 22), goal: 50_000)

func reported(
    _ id: Int, _ outlet: String, _ value: Int, _ qualifier: Qualifier = .exact, hours: Double, kind: OutletKind = .news,
    metric: Metric = .signatures, publishedHours: Double? = nil
) -> ReportedFigure {
    ReportedFigure(
        id: id,
        draft: FigureDraft(
            campaign: statement.slug, outlet: outlet, metric: metric, value: value, qualifier: qualifier,
            asOf: base.addingTimeInterval(hours * 3600), published: publishedHours.map { base.addingTimeInterval($0 * 3600) },
            method: kind == .platform ? .polled : .manual),
        outletKind: kind, recorded: base, enteredBy: "test")
}

/// The bundled case's shape: six outlets over three days, plus a platform count.
func knownTrend(platform: Bool = true) -> Trend {
    var figures = [
        reported(1, "outlet-a", 10_000, hours: 12), reported(2, "outlet-b", 10_500, hours: 18), reported(3, "outlet-c", 11_500, .over, hours: 30),
        reported(4, "outlet-d", 13_000, .over, hours: 36), reported(5, "outlet-e", 13_500, .atLeast, hours: 42),
        reported(6, "outlet-f", 19_000, .over, hours: 60),
        reported(7, "outlet-a", 15_000, .about, hours: 40),
    ]
    if platform {
        figures += [
            reported(20, "platform", 9_800, hours: 10, kind: .platform), reported(21, "platform", 14_000, hours: 40, kind: .platform),
            reported(22, "platform", 19_500, hours: 62, kind: .platform),
        ]
    }
    return Trends.trend(
        campaign: statement, figures: figures, metric: .signatures, bucketing: Bucketing(size: .day), from: base.addingTimeInterval(10 * 3600),
        through: base.addingTimeInterval(62 * 3600), names: ["outlet-a": "Outlet A & Co <test>"])
}

/// Parses XML, collecting element names, attributes and text.
final class XMLCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var texts: [String] = []
    var error: (any Error)?
    private var current = ""

    static func parse(_ text: String) -> XMLCollector {
        let collector = XMLCollector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        if !parser.parse() { collector.error = parser.parserError ?? NSError(domain: "xml", code: 1) }
        return collector
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append((name, attributes))
        current = ""
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let text = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty { texts.append(text) }
        current = ""
    }
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { error = parseError }
}

@Suite struct ChartTests {
    @Test func svgParsesWithOneSeriesPerSourceAndRoundTicks() throws {
        let svg = TrendChart.chart(knownTrend()).svg()
        let parsed = XMLCollector.parse(svg)
        #expect(parsed.error == nil, "\(String(describing: parsed.error))")
        let series = parsed.elements.filter { $0.attributes["class"] == "series" }.compactMap { $0.attributes["data-series"] }
        #expect(series == ["platform (the platform's own count)", "Outlet A & Co <test>", "outlet-b", "outlet-c", "outlet-d", "outlet-e", "outlet-f"])
        // Round y ticks with thousands separators, from zero past the highest figure. The goal (50,000)
        // is more than twice the highest point: marked at the top edge, not stretching the axis.
        for label in ["0", "10,000", "20,000"] { #expect(parsed.texts.contains(label), "y tick \(label)") }
        #expect(!parsed.texts.contains("40,000"))
        #expect(parsed.texts.contains("\u{2191} goal 50,000 (above the chart)"))
        // Dates on the time axis, and its caption.
        for label in ["22 Oct", "23 Oct", "24 Oct", "25 Oct", "Time (UTC), 2024"] { #expect(parsed.texts.contains(label), "x label \(label)") }
        #expect(parsed.texts.contains("Signatures reported for \u{201C}Statement on AI training\u{201D}"))
        // Every figure has a hover text naming it.
        #expect(parsed.texts.contains("outlet-f: more than 19,000 as of 2024-10-24 12:00 UTC (figure #6)"))
        #expect(svg.hasPrefix("<?xml"))
    }

    @Test func aGoalNearTheDataIsADashedLine() {
        var trend = knownTrend()
        trend.campaign.goal = 30_000  // within twice the highest point
        let parsed = XMLCollector.parse(TrendChart.chart(trend).svg())
        #expect(parsed.texts.contains("goal 30,000"))
        #expect(parsed.elements.contains { $0.name == "line" && $0.attributes["stroke-dasharray"] == "6 4" })
    }

    /// A figure published well after the time it is about (repeated days later, within the story's
    /// window) is drawn again where it was published, joined by a dashed line; the axis reaches that
    /// far. (A month later is off the chart: see ChartWindowTests.)
    @Test func aFigureRepeatedLaterIsDrawnWhereItWasPublished() throws {
        let trend = knownTrend(platform: false)
        let later = base.addingTimeInterval(4 * 86400)
        let plain = XMLCollector.parse(TrendChart.chart(trend).svg())
        let parsed = XMLCollector.parse(TrendChart.chart(trend, published: [5: later, 1: base.addingTimeInterval(12.5 * 3600)]).svg())
        #expect(parsed.error == nil)
        // Only the figure published more than a bucket later gets a ring; the one published half an hour later does not.
        #expect(parsed.elements.filter { $0.name == "g" && $0.attributes["class"] == "point published" }.count == 1)
        #expect(parsed.texts.contains { $0.contains("at least 13,500, published 2024-10-26 00:00 UTC about 2024-10-23 18:00") })
        #expect(parsed.texts.contains { $0.contains("Dashed rings") })
        #expect(!plain.texts.contains { $0.contains("Dashed rings") })
    }

    @Test func gapsBreakLinesAndOpenEndedFiguresGetArrows() throws {
        let figures = [
            reported(1, "platform", 100, hours: 1, kind: .platform), reported(2, "platform", 200, hours: 25, kind: .platform),
            reported(3, "platform", 400, hours: 73, kind: .platform), reported(4, "outlet", 300, .over, hours: 50),
        ]
        let trend = Trends.trend(
            campaign: statement, figures: figures, metric: .signatures, bucketing: Bucketing(size: .day), from: base,
            through: base.addingTimeInterval(73 * 3600))
        let chart = TrendChart.chart(trend)
        #expect(chart.series[0].points.map(\.joined) == [false, true, false])  // day 3 is a gap
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 1)  // one segment: days 1–2; day 4 stands alone
        #expect(svg.contains("<path d=\"M"))  // the arrow of "more than 300"
        #expect(XMLCollector.parse(svg).error == nil)
    }

    @Test func coloursAndShapesDifferPerSeries() throws {
        let svg = TrendChart.chart(knownTrend(platform: false)).svg()
        for colour in ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"] { #expect(svg.contains(colour)) }
        #expect(svg.contains("<rect x=") && svg.contains("<polygon") == false)  // squares for the second series, no star (7th) with 6
    }

    @Test func sideBySideAlignsOnDaysSinceLaunch() throws {
        let first = try #require(Trends.aligned(knownTrend()))
        var other = Campaign(slug: "other", title: "Other petition", kind: .petition, launched: Day(year: 2024, month: 10, day: 23))
        other.goal = nil
        let otherTrend = Trends.trend(
            campaign: other, figures: [reported(30, "platform", 500, hours: 30, kind: .platform), reported(31, "platform", 900, hours: 60, kind: .platform)],
            metric: .signatures, bucketing: Bucketing(size: .day), from: base, through: base.addingTimeInterval(60 * 3600))
        let second = try #require(Trends.aligned(otherTrend))
        let chart = TrendChart.sideBySide([first, second], metric: .signatures, bucket: .day)
        let parsed = XMLCollector.parse(chart.svg())
        #expect(parsed.error == nil)
        #expect(parsed.texts.contains("Days since launch"))
        #expect(parsed.elements.filter { $0.attributes["class"] == "series" }.count == 2)
        #expect(chart.series[1].points.map(\.x) == [0.25, 1.5])
    }

    @Test func emptyTrendsStillDrawAxes() {
        let empty = Trend(campaign: statement, metric: .signatures, bucketing: Bucketing(size: .day), buckets: [], series: [])
        let parsed = XMLCollector.parse(TrendChart.chart(empty).svg())
        #expect(parsed.error == nil)
        #expect(parsed.texts.contains("0"))
    }
}

/// The story's chart is readable: a repeat published weeks later is named under the chart, not
/// drawn at the end of an axis five weeks long; and eleven outlets get eleven distinct looks.
@Suite struct ChartWindowTests {
    func trend(_ figures: [ReportedFigure], hours: Double) -> Trend {
        Trends.trend(
            campaign: statement, figures: figures, metric: .signatures, bucketing: Bucketing(size: .hour), from: base,
            through: base.addingTimeInterval(hours * 3600))
    }

    @Test func aLateRepeatIsNamedNotDrawn() throws {
        let figures = [
            reported(1, "outlet-a", 10_000, hours: 12, publishedHours: 13), reported(2, "outlet-b", 13_500, .over, hours: 42, publishedHours: 43),
            reported(3, "outlet-c", 13_500, .over, hours: 42, publishedHours: 36 * 24),
        ]
        let chart = TrendChart.chart(trend(figures, hours: 60), published: TrendChart.publishedTimes(figures))
        guard case .time(_, let to, _) = chart.xAxis else { Issue.record("not a time axis"); return }
        #expect(to <= base.addingTimeInterval(4 * 86400), "the axis runs to \(to)")
        #expect(chart.offChart.count == 1 && chart.offChart[0].hasPrefix("#3 outlet-c, more than 13,500 as of 2024-10-23 18:00, published 2024-11-27"))
        #expect(chart.svg().contains("#3 outlet-c, more than 13,500 as of 2024-10-23 18:00, published 2024-11-27"))
        // A repeat within the story's own span is still drawn where it was published.
        let near = [reported(1, "outlet-a", 10_000, hours: 12), reported(2, "outlet-b", 10_500, hours: 18, publishedHours: 40)]
        #expect(TrendChart.chart(trend(near, hours: 30), published: TrendChart.publishedTimes(near)).offChart.isEmpty)
    }

    @Test func elevenOutletsGetElevenDistinctLooks() {
        let pairs = (0..<11).map { ChartStyle.pair($0) }
        #expect(Set(pairs.map { "\($0.colour) \($0.shape)" }).count == 11)
        #expect(Set((0..<64).map { "\(ChartStyle.pair($0).colour) \(ChartStyle.pair($0).shape)" }).count == 64)
    }
}

import Foundation
import PetitionsDomain

/// A chart of counts over time (or over days since launch), drawn as SVG by the project.
///
/// Figures are drawn as the intervals they allow: a dot for an exact count, a bar with caps for
/// "about" and ranges, a bar ending in an arrow for "more than" and "at least". Every series has
/// its own colour from the Okabe–Ito palette (distinguishable with the common colour-vision
/// deficiencies) and its own marker shape, so nothing depends on colour alone.
public struct Chart: Sendable {
    public enum XAxis: Sendable {
        /// Dates and times, ticked in the given zone.
        case time(from: Date, to: Date, timeZone: TimeZone)
        /// Days since an origin (launch).
        case days(from: Double, to: Double, origin: String)
    }

    public enum Style: Sendable {
        /// A measured count (the platform's): a solid line, broken where buckets have no count.
        case line
        /// Reported figures: markers with their interval, joined only across consecutive buckets.
        case reports
    }

    public struct Point: Sendable {
        /// Seconds since 1970 on a time axis, days on a days axis.
        public var x: Double
        public var value: Double
        public var low: Double
        /// Nil: open above ("more than").
        public var high: Double?
        /// Joined to the previous point of its series by a line (consecutive buckets).
        public var joined: Bool
        /// Hover text.
        public var tooltip: String
        /// Where the figure was published, when that was well after the time it is about: drawn
        /// as a hollow marker joined to the point by a dashed line (a figure repeated later).
        public var published: (x: Double, tooltip: String)?

        public init(x: Double, value: Double, low: Double, high: Double?, joined: Bool, tooltip: String, published: (x: Double, tooltip: String)? = nil) {
            self.x = x
            self.value = value
            self.low = low
            self.high = high
            self.joined = joined
            self.tooltip = tooltip
            self.published = published
        }
    }

    public struct Series: Sendable {
        public var name: String
        public var style: Style
        public var points: [Point]
        /// Which colour and marker pair the series gets (`ChartStyle.pair`): the same source gets
        /// the same pair in every chart of a report. Nil: its position in this chart.
        public var styleIndex: Int?
        public init(name: String, style: Style, points: [Point]) {
            self.name = name
            self.style = style
            self.points = points
        }
    }

    public var title: String
    public var subtitle: String
    public var xAxis: XAxis
    public var yLabel: String
    public var series: [Series]
    /// Width of a bucket in x units, to place markers side by side within one.
    public var bucketWidth: Double
    /// Horizontal lines worth marking (a goal, a threshold), with their labels.
    public var references: [(value: Double, label: String)] = []
    /// What the window leaves out, said under the chart (a repeat published weeks later).
    public var offChart: [String] = []

    public init(
        title: String, subtitle: String, xAxis: XAxis, yLabel: String, series: [Series], bucketWidth: Double, references: [(value: Double, label: String)] = [],
        offChart: [String] = []
    ) {
        self.offChart = offChart
        self.title = title
        self.subtitle = subtitle
        self.xAxis = xAxis
        self.yLabel = yLabel
        self.series = series
        self.bucketWidth = bucketWidth
        self.references = references
    }
}

/// Colours and marker shapes, in the order series get them.
public enum ChartStyle {
    /// Okabe & Ito (2008), without yellow, which is too light on white.
    static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#7F7F7F"]
    /// No downward triangle: next to the "more than" arrows it would read as a direction.
    static let shapes = ["circle", "square", "triangle", "diamond", "ring", "cross", "plus", "star"]
    static let lineColour = "#222222"

    /// The colour and marker of the `slot`th series: 64 distinct pairs (the ninth series gets the
    /// first colour with the second shape, not a second blue circle).
    public static func pair(_ slot: Int) -> (colour: String, shape: String) {
        (colours[slot % colours.count], shapes[(slot / colours.count + slot) % shapes.count])
    }
}

extension Chart {
    /// Width of the usual drawing; `narrowWidth` is the layout for phones.
    public static let width = 720.0
    public static let narrowWidth = 400.0
    /// The fonts reports and charts ask for: the system's own first, then Noto families that cover
    /// Latin, Cyrillic, Greek, Japanese, Chinese and Korean (Debian: fonts-noto-core,
    /// fonts-noto-cjk), then the usual platform fonts, so names in any script the extractor reads
    /// render as text, not empty boxes.
    public static let fontStack =
        #"system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK JP","Noto Sans CJK SC","Noto Sans CJK KR","Noto Sans JP","Noto Sans SC","Hiragino Sans","PingFang SC","Microsoft YaHei","Yu Gothic","Helvetica Neue",Arial,sans-serif"#

    /// The chart as an SVG document (with an XML declaration when `standalone`).
    ///
    /// - Parameter width: the drawing's width in SVG units; a narrow one (for phones) gets fewer
    ///   ticks, a one-column legend and wrapped titles, so its text stays legible when scaled down.
    public func svg(standalone: Bool = true, idPrefix: String = "chart", width: Double = Chart.width) -> String {
        let titleLines = Chart.wrap(title, width: width - 24, characterWidth: 10.2)
        let subtitleLines = Chart.wrap(subtitle, width: width - 24, characterWidth: 6.9)
        let headerHeight = 8 + Double(titleLines.count) * 21 + Double(subtitleLines.count) * 17
        let plotLeft = 70.0, plotRight = width - 20, plotTop = headerHeight + 22, plotHeight = width < 600 ? 240.0 : 300.0
        let plotBottom = plotTop + plotHeight

        // Legend layout: as many columns as fit.
        var legendEntries = series.enumerated().map { index, series -> (String, Int, Style) in (series.name, series.styleIndex ?? index, series.style) }
        if legendEntries.isEmpty { legendEntries = [] }
        let longest = legendEntries.map { Double($0.0.count) }.max() ?? 0
        let columnWidth = min(width - 40, max(160, longest * 6.1 + 36))
        let columns = max(1, Int((width - 40) / columnWidth))
        let legendRows = (legendEntries.count + columns - 1) / columns
        let legendTop = plotBottom + 58
        // A name too long for its column wraps (a platform's name and "(the platform's own count)"
        // on a phone); each legend row is as tall as its longest entry.
        let legendLines = legendEntries.map { Chart.wrap($0.0, width: columnWidth - 36, characterWidth: 6.6) }
        var rowTops: [Double] = [legendTop]
        for row in 0..<legendRows {
            let tallest = (0..<columns).compactMap { row * columns + $0 < legendLines.count ? legendLines[row * columns + $0].count : nil }.max() ?? 1
            rowTops.append(rowTops[row] + 22 + Double(tallest - 1) * 15)
        }
        let noteTop = rowTops[legendRows] + 8
        let echoes =
            series.contains { $0.points.contains { $0.published != nil } }
            ? " Dashed rings, joined by a dashed line: when a figure was published, well after the time it is about." : ""
        let noteLines =
            series.contains(where: { $0.style == .reports })
            ? Chart.wrap(
                "Bars: the counts a figure allows (\u{201C}about\u{201D} is ±10%). Arrows: \u{201C}more than\u{201D}, \u{201C}at least\u{201D}." + echoes
                    + (offChart.isEmpty ? "" : " Off the chart, to the right: " + offChart.joined(separator: "; ") + "."),
                width: width - 40, characterWidth: 6.2) : []
        let height = noteTop + max(22, Double(noteLines.count) * 16 + 6)

        // Scales.
        let (xLow, xHigh) = xRange
        // The axis fits the data: a reference (the goal) joins it only when it is within twice the
        // highest point; one far above would squash the line flat, so it is marked at the top edge.
        let dataMax = series.flatMap { $0.points.map { max($0.value, $0.high ?? $0.low * 1.08, $0.low) } }.max() ?? 0
        let yMax = max(1, dataMax, references.map(\.value).filter { dataMax == 0 || $0 <= 2 * dataMax }.max() ?? 0)
        let yTicks = Ticks.counts(upTo: yMax * 1.04)
        let yTop = yTicks.last!
        func x(_ value: Double) -> Double { plotLeft + (value - xLow) / max(xHigh - xLow, 1e-9) * (plotRight - plotLeft) }
        func y(_ value: Double) -> Double { plotBottom - value / yTop * plotHeight }

        var svg = ""
        if standalone { svg += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" }
        let titleID = "\(idPrefix)-title", descID = "\(idPrefix)-desc"
        svg +=
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-labelledby=\"\(titleID) \(descID)\" font-family=\"\(Chart.fontStack.replacingOccurrences(of: "\"", with: "'"))\" class=\"chart\">\n"
        svg += "<title id=\"\(titleID)\">\(escape(title))</title>\n"
        svg += "<desc id=\"\(descID)\">\(escape(description))</desc>\n"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#ffffff\"/>\n"
        for (index, line) in titleLines.enumerated() {
            svg +=
                "<text x=\"12\" y=\"\(f(24 + Double(index) * 21))\" font-size=\"17\" font-weight=\"600\" fill=\"#111\" class=\"chart-title\">\(escape(line))</text>\n"
        }
        for (index, line) in subtitleLines.enumerated() {
            svg +=
                "<text x=\"12\" y=\"\(f(24 + Double(titleLines.count) * 21 + Double(index) * 17 - 1))\" font-size=\"13\" fill=\"#444\">\(escape(line))</text>\n"
        }

        // Y axis: grid lines and labels.
        svg += "<g class=\"y-axis\" font-size=\"12\" fill=\"#333\" text-anchor=\"end\">\n"
        for tick in yTicks {
            svg +=
                "<line x1=\"\(f(plotLeft))\" x2=\"\(f(plotRight))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"\(tick == 0 ? "#555" : "#e3e3e3")\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(f(plotLeft - 8))\" y=\"\(f(y(tick) + 4))\">\(NumberFormatting.grouped(Int(roundingClamped: tick)))</text>\n"
        }
        svg += "</g>\n"
        svg += "<text x=\"\(f(plotLeft))\" y=\"\(f(plotTop - 8))\" font-size=\"12\" fill=\"#333\">\(escape(yLabel))</text>\n"

        // X axis.
        svg += "<g class=\"x-axis\" font-size=\"12\" fill=\"#333\" text-anchor=\"middle\">\n"
        for tick in xTicks(target: width < 600 ? 4 : 7) {
            let position = x(tick.position)
            guard position >= plotLeft - 0.5 && position <= plotRight + 0.5 else { continue }
            svg += "<line x1=\"\(f(position))\" x2=\"\(f(position))\" y1=\"\(f(plotTop))\" y2=\"\(f(plotBottom + 5))\" stroke=\"#f0f0f0\" stroke-width=\"1\"/>"
            svg += "<line x1=\"\(f(position))\" x2=\"\(f(position))\" y1=\"\(f(plotBottom))\" y2=\"\(f(plotBottom + 5))\" stroke=\"#555\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(f(position))\" y=\"\(f(plotBottom + 19))\">\(escape(tick.label))</text>"
            if let detail = tick.detail { svg += "<text x=\"\(f(position))\" y=\"\(f(plotBottom + 34))\" font-weight=\"600\">\(escape(detail))</text>" }
            svg += "\n"
        }
        svg += "</g>\n"
        svg +=
            "<text x=\"\(f((plotLeft + plotRight) / 2))\" y=\"\(f(plotBottom + 50))\" font-size=\"12\" fill=\"#333\" text-anchor=\"middle\">\(escape(xCaption))</text>\n"

        // Reference lines (goal, thresholds).
        for reference in references where reference.value <= yTop {
            svg +=
                "<g class=\"reference\"><line x1=\"\(f(plotLeft))\" x2=\"\(f(plotRight))\" y1=\"\(f(y(reference.value)))\" y2=\"\(f(y(reference.value)))\" stroke=\"#777\" stroke-dasharray=\"6 4\" stroke-width=\"1.2\"/>"
            svg +=
                "<text x=\"\(f(plotRight - 4))\" y=\"\(f(y(reference.value) - 5))\" font-size=\"12\" fill=\"#444\" text-anchor=\"end\">\(escape(reference.label))</text></g>\n"
        }
        for (index, reference) in references.filter({ $0.value > yTop }).enumerated() {
            svg +=
                "<g class=\"reference above\"><text x=\"\(f(plotRight - 4))\" y=\"\(f(plotTop - 6 - Double(index) * 14))\" font-size=\"12\" fill=\"#444\" text-anchor=\"end\">\u{2191} \(escape(reference.label)) (above the chart)</text></g>\n"
        }

        // Series: lines first, then interval bars and markers so markers sit on top.
        // Markers that share a bucket stand side by side, centred on it, so none hides another.
        var sharing: [Double: [Int]] = [:]
        for (index, series) in series.enumerated() where series.style == .reports {
            for point in series.points { sharing[point.x, default: []].append(index) }
        }
        let dodge = 11.0
        for (index, series) in series.enumerated() {
            let pair = ChartStyle.pair(series.styleIndex ?? index)
            let colour = series.style == .line ? ChartStyle.lineColour : pair.colour
            let shape = pair.shape
            let px = { (point: Point) -> Double in
                guard series.style == .reports, let group = sharing[point.x], let rank = group.firstIndex(of: index) else { return x(point.x) }
                return x(point.x) + (Double(rank) - Double(group.count - 1) / 2) * dodge
            }
            svg += "<g class=\"series\" data-series=\"\(escape(series.name))\">\n"
            // Lines, broken at gaps.
            var segments: [[Point]] = []
            for point in series.points {
                if point.joined, !segments.isEmpty { segments[segments.count - 1].append(point) } else { segments.append([point]) }
            }
            for segment in segments where segment.count > 1 {
                let path = segment.map { "\(f(px($0))),\(f(y($0.value)))" }.joined(separator: " ")
                svg +=
                    series.style == .line
                    ? "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>\n"
                    : "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.2\" stroke-opacity=\"0.55\"/>\n"
            }
            // A line of hundreds of polls keeps hover targets for its ends only; the file stays small.
            let hoverAll = series.style == .reports || series.points.count <= 300
            for (position, point) in series.points.enumerated() where hoverAll || position == 0 || position == series.points.count - 1 {
                let cx = px(point)
                svg += "<g class=\"point\"><title>\(escape(point.tooltip))</title>"
                if series.style == .reports {
                    svg += intervalGlyph(cx: cx, low: y(point.low), high: point.high.map(y), colour: colour)
                    svg += marker(shape: shape, cx: cx, cy: y(point.value), colour: colour)
                    if let published = point.published {
                        let later = x(published.x)
                        svg += "</g>\n<g class=\"point published\"><title>\(escape(published.tooltip))</title>"
                        svg +=
                            "<line x1=\"\(f(cx))\" x2=\"\(f(later))\" y1=\"\(f(y(point.value)))\" y2=\"\(f(y(point.value)))\" stroke=\"\(colour)\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/>"
                        svg +=
                            "<circle cx=\"\(f(later))\" cy=\"\(f(y(point.value)))\" r=\"6\" fill=\"#fff\" stroke=\"\(colour)\" stroke-width=\"1.8\" stroke-dasharray=\"2.5 2\"/>"
                    }
                } else if !point.joined && !(series.points.first { $0.x > point.x }?.joined ?? false) {
                    // A count with no neighbour: a dot so it is not lost.
                    svg += "<circle cx=\"\(f(cx))\" cy=\"\(f(y(point.value)))\" r=\"3\" fill=\"\(colour)\"/>"
                } else {
                    svg += "<circle cx=\"\(f(cx))\" cy=\"\(f(y(point.value)))\" r=\"6\" fill=\"\(colour)\" fill-opacity=\"0\"/>"
                }
                svg += "</g>\n"
            }
            svg += "</g>\n"
        }
        svg += "<line x1=\"\(f(plotLeft))\" x2=\"\(f(plotLeft))\" y1=\"\(f(plotTop))\" y2=\"\(f(plotBottom))\" stroke=\"#555\" stroke-width=\"1\"/>\n"

        // Legend.
        svg += "<g class=\"legend\" font-size=\"12\" fill=\"#222\">\n"
        for (position, entry) in legendEntries.enumerated() {
            let column = position % columns, row = position / columns
            let lx = 20 + Double(column) * columnWidth, ly = rowTops[row]
            let colour = entry.2 == .line ? ChartStyle.lineColour : ChartStyle.pair(entry.1).colour
            if entry.2 == .line {
                svg += "<line x1=\"\(f(lx))\" x2=\"\(f(lx + 22))\" y1=\"\(f(ly))\" y2=\"\(f(ly))\" stroke=\"\(colour)\" stroke-width=\"2.5\"/>"
            } else {
                svg += marker(shape: ChartStyle.pair(entry.1).shape, cx: lx + 11, cy: ly, colour: colour)
            }
            for (line, text) in legendLines[position].enumerated() {
                svg += "<text x=\"\(f(lx + 30))\" y=\"\(f(ly + 4.5 + Double(line) * 15))\">\(escape(text))</text>"
            }
            svg += "\n"
        }
        svg += "</g>\n"
        if series.contains(where: { $0.style == .reports }) {
            for (index, line) in noteLines.enumerated() {
                svg += "<text x=\"20\" y=\"\(f(noteTop + 4 + Double(index) * 16))\" font-size=\"12\" fill=\"#555\">\(escape(line))</text>\n"
            }
        }
        svg += "</svg>\n"
        return svg
    }

    /// What the chart shows, for screen readers.
    var description: String {
        let parts = series.map { series -> String in
            guard let last = series.points.last else { return "\(series.name): no figures" }
            return "\(series.name): \(series.points.count) point\(series.points.count == 1 ? "" : "s"), last \(last.tooltip)"
        }
        return "\(subtitle). " + parts.joined(separator: "; ")
    }

    /// The axis range: at least `minimumBuckets` wide (a lone figure is not stretched across the
    /// chart), with a margin so the first and last markers do not sit on the edges.
    var xRange: (Double, Double) {
        var (low, high): (Double, Double) =
            switch xAxis {
            case .time(let from, let to, _): (from.timeIntervalSince1970, to.timeIntervalSince1970)
            case .days(let from, let to, _): (from, to)
            }
        let minimum = bucketWidth * Chart.minimumBuckets
        if high - low < minimum {
            let middle = (low + high) / 2
            (low, high) = (middle - minimum / 2, middle + minimum / 2)
        }
        let margin = (high - low) * 0.03
        return (low - margin, high + margin)
    }

    static let minimumBuckets = 5.0

    func xTicks(target: Int) -> [(position: Double, label: String, detail: String?)] {
        let (low, high) = xRange
        switch xAxis {
        case .time(_, _, let zone):
            return Ticks.times(from: Date(timeIntervalSince1970: low), to: Date(timeIntervalSince1970: high), timeZone: zone, target: target)
                .map { ($0.date.timeIntervalSince1970, $0.label, $0.detail) }
        case .days:
            return Ticks.days(from: low, to: high, target: target + 1).map { ($0, Ticks.dayLabel($0), nil) }
        }
    }

    /// Splits text into lines of at most `width` units, estimating each character's width.
    static func wrap(_ text: String, width: Double, characterWidth: Double) -> [String] {
        let limit = max(10, Int(width / characterWidth))
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > limit {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    var xCaption: String {
        switch xAxis {
        case .time(let from, let to, let zone):
            let years = Set(
                [from, to].map { date -> Int in
                    var calendar = Calendar(identifier: .gregorian)
                    calendar.timeZone = zone
                    return calendar.component(.year, from: date)
                }
            ).sorted().map(String.init).joined(separator: "–")
            return "Time (\(zone.identifier == "GMT" ? "UTC" : zone.identifier)), \(years)"
        case .days(_, _, let origin): return "Days since \(origin)"
        }
    }

    func intervalGlyph(cx: Double, low: Double, high: Double?, colour: String) -> String {
        var glyph = ""
        if let high {
            guard abs(low - high) >= 1 else { return "" }
            glyph += "<line x1=\"\(f(cx))\" x2=\"\(f(cx))\" y1=\"\(f(low))\" y2=\"\(f(high))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            glyph += "<line x1=\"\(f(cx - 4))\" x2=\"\(f(cx + 4))\" y1=\"\(f(high))\" y2=\"\(f(high))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
        } else {
            let top = low - 30
            glyph += "<line x1=\"\(f(cx))\" x2=\"\(f(cx))\" y1=\"\(f(low))\" y2=\"\(f(top + 6))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            glyph += "<path d=\"M\(f(cx - 4.5)) \(f(top + 7)) L\(f(cx)) \(f(top - 1)) L\(f(cx + 4.5)) \(f(top + 7)) Z\" fill=\"\(colour)\"/>"
        }
        glyph += "<line x1=\"\(f(cx - 4))\" x2=\"\(f(cx + 4))\" y1=\"\(f(low))\" y2=\"\(f(low))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
        return glyph
    }

    func marker(shape: String, cx: Double, cy: Double, colour: String) -> String {
        let r = 5.0
        let outline = "stroke=\"#ffffff\" stroke-width=\"1.5\""
        switch shape {
        case "square":
            return "<rect x=\"\(f(cx - r))\" y=\"\(f(cy - r))\" width=\"\(f(2 * r))\" height=\"\(f(2 * r))\" fill=\"\(colour)\" \(outline)/>"
        case "triangle":
            return "<path d=\"M\(f(cx)) \(f(cy - r - 1)) L\(f(cx + r + 1)) \(f(cy + r)) L\(f(cx - r - 1)) \(f(cy + r)) Z\" fill=\"\(colour)\" \(outline)/>"
        case "ring":
            return "<circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"\(f(r - 0.5))\" fill=\"#ffffff\" stroke=\"\(colour)\" stroke-width=\"3\"/>"
        case "diamond":
            return
                "<path d=\"M\(f(cx)) \(f(cy - r - 1.5)) L\(f(cx + r + 1.5)) \(f(cy)) L\(f(cx)) \(f(cy + r + 1.5)) L\(f(cx - r - 1.5)) \(f(cy)) Z\" fill=\"\(colour)\" \(outline)/>"
        case "cross":
            return
                "<path d=\"M\(f(cx - r)) \(f(cy - r)) L\(f(cx + r)) \(f(cy + r)) M\(f(cx + r)) \(f(cy - r)) L\(f(cx - r)) \(f(cy + r))\" stroke=\"\(colour)\" stroke-width=\"3\" fill=\"none\"/>"
        case "plus":
            return
                "<path d=\"M\(f(cx - r - 1)) \(f(cy)) L\(f(cx + r + 1)) \(f(cy)) M\(f(cx)) \(f(cy - r - 1)) L\(f(cx)) \(f(cy + r + 1))\" stroke=\"\(colour)\" stroke-width=\"3\" fill=\"none\"/>"
        case "star":
            let points = (0..<10).map { index -> String in
                let angle = Double(index) * .pi / 5 - .pi / 2
                let radius = index % 2 == 0 ? r + 2 : (r + 2) * 0.45
                return "\(f(cx + cos(angle) * radius)),\(f(cy + sin(angle) * radius))"
            }.joined(separator: " ")
            return "<polygon points=\"\(points)\" fill=\"\(colour)\" \(outline)/>"
        default:
            return "<circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"\(f(r))\" fill=\"\(colour)\" \(outline)/>"
        }
    }
}

extension Ticks {
    static func dayLabel(_ day: Double) -> String { day == day.rounded() && day.magnitude < 1e15 ? "\(Int(day))" : String(format: "%.1f", day) }
}

/// Two decimals at most, no trailing zeros: SVG coordinates.
func f(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded(), rounded.magnitude < 1e15 { return String(Int(rounded)) }
    return String(format: "%.2f", rounded).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
}

/// Escapes text for XML and HTML.
public func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.count)
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default: result.append(character)
        }
    }
    return result
}

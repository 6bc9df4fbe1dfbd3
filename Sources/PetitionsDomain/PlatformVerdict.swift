import Foundation

/// What the platform's own count (a polled petition counter) showed around one reported figure:
/// the reference the figure is judged against. Every reading is the latest count the platform had
/// shown at that moment (a polled count holds until it changes).
public struct PlatformContext: Sendable, Hashable {
    /// The platform's outlet slug.
    public var outlet: String
    /// At or before the figure's as-of time; nil when the figure predates the first poll.
    public var atAsOf: PlatformReading?
    /// At or before the figure's published time (nil without one).
    public var atPublished: PlatformReading?
    /// For a figure below the count at its as-of time: the reading after the last one the figure
    /// allowed (`PlatformVerdict.judged`), when its number stopped being true (for a count that
    /// only rises, the first reading above it); nil when no poll showed a count that low.
    public var passed: PlatformReading?
    /// For a figure above the count at its as-of time: the first reading at or above its low end
    /// after that, when the platform caught up with it. Looked for only when the latest count is at
    /// or above it (a count that rose past it and fell back again is taken as never reaching it).
    public var reached: PlatformReading?
    /// The first and latest readings of the platform, whatever the figure.
    public var first: PlatformReading?
    public var latest: PlatformReading?

    public init(
        outlet: String, atAsOf: PlatformReading? = nil, atPublished: PlatformReading? = nil, passed: PlatformReading? = nil,
        reached: PlatformReading? = nil, first: PlatformReading? = nil, latest: PlatformReading? = nil
    ) {
        self.outlet = outlet
        self.atAsOf = atAsOf
        self.atPublished = atPublished
        self.passed = passed
        self.reached = reached
        self.first = first
        self.latest = latest
    }
}

extension PlatformContext {
    /// The context of `figure` read off the platform's readings in memory (any order): what the
    /// store's SQL computes with index probes, and the reference it is tested against.
    public static func around(_ figure: ReportedFigure, readings: [PlatformReading]) -> PlatformContext? {
        let series = readings.sorted { $0.asOf < $1.asOf }
        guard let outlet = series.last?.outlet else { return nil }
        let interval = PlatformVerdict.judged(figure.interval), asOf = figure.draft.asOf
        let atAsOf = series.last { $0.asOf <= asOf }, latest = series.last
        var passed: PlatformReading?
        if let high = interval.high, let atAsOf, atAsOf.value > high, let below = series.last(where: { $0.asOf <= asOf && $0.value <= high }) {
            passed = series.first { $0.asOf > below.asOf }
        }
        var reached: PlatformReading?
        if atAsOf.map({ $0.value < interval.low }) ?? true, let latest, latest.value >= interval.low {
            reached = series.first { $0.asOf > asOf && $0.value >= interval.low }
        }
        return PlatformContext(
            outlet: outlet, atAsOf: atAsOf,
            atPublished: figure.draft.published.flatMap { published in series.last { $0.asOf <= published } },
            passed: passed, reached: reached, first: series.first, latest: latest)
    }
}

/// How a reported figure stands against the platform's own count.
public struct PlatformVerdict: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An exact figure equal to the platform's count at its as-of time.
        case consistent
        /// A hedged or round figure that allows the platform's count (`about 600` for 612,
        /// `13,500` for 13,512).
        case rounded
        /// Below the platform's count at its as-of time: an old number.
        case behind
        /// Above the platform's count at its as-of time, but the platform reached it later: a
        /// number given before it was true.
        case ahead
        /// Above anything the platform has shown, to its latest poll: an inflated number.
        case contradicts
        /// Dated before the platform was first polled, and not above its first count: nothing to judge it by.
        case untracked

        public var meaning: String {
            switch self {
            case .consistent: "matches the platform's count at that time"
            case .rounded: "a rounded or hedged form of the platform's count at that time"
            case .behind: "lower than the platform's count at that time: the number had already been passed"
            case .ahead: "higher than the platform's count at that time; the platform reached it later"
            case .contradicts: "higher than the platform has ever shown"
            case .untracked: "dated before the platform was first polled"
            }
        }
    }

    public var kind: Kind
    /// The platform's count it is judged against (at its as-of time; the first poll for `untracked`).
    public var platform: PlatformReading?
    /// Signed distance from the figure's interval to the platform's count: positive when the
    /// platform is higher (behind), negative when lower (ahead, contradicts), 0 inside.
    public var difference: Int
    /// Behind: from when the platform passed the figure's number to the figure's as-of time.
    /// Ahead: from the figure's as-of time to when the platform reached it.
    public var late: TimeInterval?
    /// The platform's count at the figure's published time, when that was later and higher than
    /// the figure allows (a number already out of date when it appeared).
    public var atPublication: PlatformReading?
    /// How far behind the platform the figure was when it was published.
    public var behindAtPublication: Int?
    /// One plain sentence.
    public var explanation: String
}

extension PlatformVerdict {
    /// Judges `figure` against the platform's readings around it.
    public static func judge(_ figure: ReportedFigure, context: PlatformContext) -> PlatformVerdict {
        let interval = judged(figure.interval), draft = figure.draft, platform = context.outlet
        let asOf = TimeFormatting.short(draft.asOf)
        guard let reading = context.atAsOf else {
            // Before the first poll: a figure above the first count is still higher than the
            // platform ever was by then (counts grow), so it is judged against that.
            if let first = context.first, interval.low > first.value {
                return judgeAbove(figure, reading: first, context: context, before: true)
            }
            let firstWords = context.first.map { " (first polled \(TimeFormatting.short($0.asOf)), showing \(NumberFormatting.grouped($0.value)))" } ?? ""
            return PlatformVerdict(
                kind: .untracked, platform: context.first, difference: 0, late: nil, atPublication: nil, behindAtPublication: nil,
                explanation: "\(draft.outlet) gave \(figure.phrase) as of \(asOf), before \(platform) was polled\(firstWords)")
        }
        let count = reading.value, countWords = NumberFormatting.grouped(reading.value)
        var verdict: PlatformVerdict
        if interval.contains(count) {
            let exact = draft.qualifier == .exact && interval.width == 0
            verdict = PlatformVerdict(
                kind: exact ? .consistent : .rounded, platform: reading, difference: 0, late: nil, atPublication: nil, behindAtPublication: nil,
                explanation: exact
                    ? "\(platform) showed \(countWords) at \(TimeFormatting.short(reading.asOf)), as \(draft.outlet) said"
                    : "\(figure.phrase) allows the \(countWords) \(platform) showed at \(TimeFormatting.short(reading.asOf))")
        } else if draft.qualifier == .exact, isRounding(draft.value, of: count) {
            verdict = PlatformVerdict(
                kind: .rounded, platform: reading, difference: count - draft.value, late: nil, atPublication: nil, behindAtPublication: nil,
                explanation: "\(NumberFormatting.grouped(draft.value)) is \(countWords) rounded (\(platform) at \(TimeFormatting.short(reading.asOf)))")
        } else if let high = interval.high, high < count {
            let late = context.passed.map { draft.asOf.timeIntervalSince($0.asOf) }
            let since =
                context.passed.map {
                    ", a number it had passed at \(TimeFormatting.short($0.asOf)) (\(TimeFormatting.duration(draft.asOf.timeIntervalSince($0.asOf))) earlier)"
                } ?? ""
            let gap = count - (figure.interval.high ?? draft.value)
            verdict = PlatformVerdict(
                kind: .behind, platform: reading, difference: gap, late: late, atPublication: nil, behindAtPublication: nil,
                explanation:
                    "\(draft.outlet) said \(figure.phrase) as of \(asOf), \(NumberFormatting.grouped(gap)) behind the \(countWords) \(platform) showed\(since)")
        } else {
            return judgeAbove(figure, reading: reading, context: context, before: false)
        }
        // Judged again when it appeared: a figure true at its as-of time can be out of date by its publication.
        if verdict.kind != .behind, let published = draft.published, published > draft.asOf, let then = context.atPublished,
            let high = interval.high, then.value > high, !(draft.qualifier == .exact && isRounding(draft.value, of: then.value))
        {
            verdict.atPublication = then
            verdict.behindAtPublication = then.value - (figure.interval.high ?? draft.value)
            verdict.explanation +=
                "; when it was published (\(TimeFormatting.short(published))) \(platform) showed \(NumberFormatting.grouped(then.value)), \(NumberFormatting.grouped(verdict.behindAtPublication!)) more"
        }
        return verdict
    }

    private static func judgeAbove(_ figure: ReportedFigure, reading: PlatformReading, context: PlatformContext, before: Bool) -> PlatformVerdict {
        let draft = figure.draft, platform = context.outlet, gap = figure.interval.low - reading.value
        let shown =
            before
            ? "the \(NumberFormatting.grouped(reading.value)) \(platform) showed at its first poll (\(TimeFormatting.short(reading.asOf)))"
            : "the \(NumberFormatting.grouped(reading.value)) \(platform) showed at \(TimeFormatting.short(reading.asOf))"
        let said = "\(draft.outlet) said \(figure.phrase) as of \(TimeFormatting.short(draft.asOf)), \(NumberFormatting.grouped(gap)) above \(shown)"
        if let reached = context.reached, reached.asOf > draft.asOf {
            return PlatformVerdict(
                kind: .ahead, platform: reading, difference: -gap, late: reached.asOf.timeIntervalSince(draft.asOf), atPublication: nil,
                behindAtPublication: nil,
                explanation: said
                    + "; the platform reached it \(TimeFormatting.duration(reached.asOf.timeIntervalSince(draft.asOf))) later (\(TimeFormatting.short(reached.asOf)))"
            )
        }
        let latest = context.latest.map { "; its latest count is \(NumberFormatting.grouped($0.value)) (\(TimeFormatting.short($0.asOf)))" } ?? ""
        return PlatformVerdict(
            kind: .contradicts, platform: reading, difference: -gap, late: nil, atPublication: nil, behindAtPublication: nil,
            explanation: said + ", and the platform has never shown that many" + latest)
    }

    /// The counts a figure is judged to allow against the platform: its interval, with an open one
    /// closed 10% above its low end. "More than 11,000" is true of 19,400 but, said of it, is an
    /// out-of-date number: a lower bound far below the count is judged behind, not rounded.
    public static func judged(_ interval: CountInterval) -> CountInterval {
        guard interval.high == nil else { return interval }
        return CountInterval(low: interval.low, high: interval.low.saturatingAdd(CountInterval.slack(interval.low)))
    }

    /// `value` is `count` rounded to a round number, to the nearest or down, within 5%: 13,500 for
    /// 13,512 or 13,580, 10,000 for 10,400, but not 10,000 for 14,000.
    public static func isRounding(_ value: Int, of count: Int) -> Bool {
        guard value > 0, count > 0, value != count else { return false }
        var unit = 1
        while unit <= value / 10, value % (unit * 10) == 0 { unit *= 10 }
        guard unit >= 10 else { return false }
        let difference = count - value
        let roundsThere = abs(difference) <= unit / 2 || (difference > 0 && difference < unit)
        return roundsThere && Double(abs(difference)) <= 0.05 * Double(count)
    }
}

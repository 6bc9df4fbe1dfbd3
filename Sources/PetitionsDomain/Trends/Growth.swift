import Foundation

/// Signatures gained from one plotted count to the next.
public struct GrowthStep: Hashable, Sendable {
    public var bucketStart: Date
    public var value: Int
    /// Gained since the previous count; nil for the first.
    public var gained: Int?
    /// The previous count's bucket; more than one bucket back when there is a gap.
    public var since: Date?
    /// Gained per day between the two counts' as-of times.
    public var ratePerDay: Double?
}

public enum Acceleration: String, Sendable, Hashable {
    case speedingUp = "speeding_up"
    case slowingDown = "slowing_down"
    case steady

    public var words: String {
        switch self {
        case .speedingUp: "speeding up"
        case .slowingDown: "slowing down"
        case .steady: "steady"
        }
    }
}

/// A count lower than the one before it: signatures the platform removed (duplicates, fraud).
public struct CountFall: Hashable, Sendable {
    public var at: Date
    public var from: Int
    public var to: Int
}

public struct Growth: Hashable, Sendable {
    public var basis: String
    public var steps: [GrowthStep]
    /// Every fall of the count, oldest first, read off all the counts measured (not only the steps listed).
    public var falls: [CountFall] = []
    /// The window the rate is measured over, ending at the latest count.
    public var window: TimeInterval
    public var windowStart: Date?
    public var windowEnd: Date?
    /// Gained within the window (first to last count in it).
    public var gained: Int?
    public var ratePerHour: Double?
    public var ratePerDay: Double?
    /// Rates over the first and second halves of the window, and what they say.
    public var earlierRatePerDay: Double?
    public var laterRatePerDay: Double?
    public var acceleration: Acceleration?
    /// Why a figure is missing, when one is.
    public var note: String?
    /// The gain and rate are the least the figures allow (outlets' figures are intervals: "more
    /// than 11,500" then "about 13,500" is a gain of at least 1,500, not of 2,000).
    public var isLowerBound = false

    /// One line for people: "+9,000 in 2 d (4,375 a day), speeding up (3,250 → 5,500 a day)".
    public var summary: String {
        guard let gained, let ratePerDay, let windowStart, let windowEnd else { return note ?? "not enough counts to measure growth" }
        let least = isLowerBound ? "at least " : ""
        var text =
            "\(least)\(gained >= 0 ? "+" : "")\(NumberFormatting.grouped(gained)) from \(TimeFormatting.short(windowStart)) to \(TimeFormatting.short(windowEnd)) \(TimeFormatting.zoneLabel)"
        text += " (\(least)\(Growth.rate(ratePerDay)) a day"
        if ratePerDay.magnitude < 24 * 100, let ratePerHour { text += ", \(Growth.rate(ratePerHour)) an hour" }
        text += ")"
        if let acceleration, let earlierRatePerDay, let laterRatePerDay {
            text += "; \(acceleration.words) (\(Growth.rate(earlierRatePerDay)) → \(Growth.rate(laterRatePerDay)) a day)"
        }
        return text
    }

    /// "too soon to tell: 3 counts over 6 s; a rate needs at least 3 counts over at least 1 h".
    static func tooSoon(counts: Int, span: TimeInterval, minimumSpan: TimeInterval) -> String {
        "too soon to tell: \(counts) count\(counts == 1 ? "" : "s") over \(TimeFormatting.duration(span)); a rate needs at least \(minimumCounts) counts over at least \(TimeFormatting.duration(minimumSpan))"
    }

    /// Growth read off outlets' figures: no falls, and a gain only where the intervals allow one.
    static func measureReported(_ basis: Basis, window: TimeInterval) -> Growth {
        let points = basis.points.sorted { $0.asOf < $1.asOf }
        // Steps list the counts; a gain between two buckets only where their intervals are apart.
        var steps: [GrowthStep] = []
        for (index, point) in points.enumerated() {
            var step = GrowthStep(bucketStart: point.bucketStart, value: point.value)
            if index > 0 {
                let previous = points[index - 1]
                step.since = previous.bucketStart
                if let high = previous.high, point.low > high {
                    step.gained = point.low - high
                    let elapsed = point.asOf.timeIntervalSince(previous.asOf)
                    step.ratePerDay = elapsed > 0 ? Double(point.low - high) / elapsed * 86400 : nil
                }
            }
            steps.append(step)
        }
        var growth = Growth(basis: basis.description, steps: steps, window: window)
        guard let last = points.last else {
            growth.note = "no counts to measure growth from"
            return growth
        }
        let inWindow = points.filter { $0.asOf >= last.asOf.addingTimeInterval(-window) }
        guard points.count >= 2 else {
            growth.note = "one reported figure so far: growth needs two at different times"
            return growth
        }
        // The earliest figure in the window with an upper end (an open one, "more than 500", says
        // nothing about how low the count was).
        guard let first = inWindow.first(where: { $0.high != nil && $0.asOf < last.asOf }), let high = first.high else {
            growth.note =
                "the figures outlets reported in the last \(TimeFormatting.duration(window)) give no rate: the earlier ones are open-ended (\"more than ...\"), which sets no upper bound"
            return growth
        }
        guard last.low > high else {
            growth.note =
                "the figures outlets reported from \(TimeFormatting.short(first.asOf)) to \(TimeFormatting.short(last.asOf)) \(TimeFormatting.zoneLabel) do not show the count grew: what they allow overlaps"
            return growth
        }
        let elapsed = last.asOf.timeIntervalSince(first.asOf)
        growth.windowStart = first.asOf
        growth.windowEnd = last.asOf
        growth.gained = last.low - high
        growth.ratePerDay = Double(last.low - high) / elapsed * 86400
        growth.ratePerHour = growth.ratePerDay! / 24
        growth.isLowerBound = true
        return growth
    }

    static func rate(_ value: Double) -> String {
        if value.magnitude >= 10 { return NumberFormatting.grouped(Int(roundingClamped: value)) }
        return String(format: "%.1f", value)
    }

    /// The fewest distinct counts a platform's rate is read from: two polls a few seconds apart
    /// are no rate (1,234 then 1,600 in 6 s is not "5 million a day").
    public static let minimumCounts = 3

    /// The shortest span a platform's rate is read from, for a bucket of `bucketLength` seconds:
    /// a bucket, and at least half an hour.
    public static func minimumSpan(bucketLength: TimeInterval) -> TimeInterval { max(1800, bucketLength) }

    /// Growth of a count over time.
    ///
    /// The platform's own count gives the rate between its counts, once there are
    /// `minimumCounts` of them over `minimumSpan`; before that it is "too soon to tell". Falls are
    /// read off the platform's count only. Outlets' figures (a `.reported` basis) are intervals:
    /// the gain is the least they allow (the later figure's low end less the earlier one's high
    /// end), said as "at least"; where the intervals overlap, the figures show no growth, and
    /// the note says so instead of a rate.
    ///
    /// - Parameters:
    ///   - window: the span, ending at the latest count, that the rate and acceleration are measured over.
    ///   - minimumSpan: the shortest span a platform's rate is read from (`minimumSpan(bucketLength:)`).
    ///   - steadyTolerance: rates within this share of each other are `steady`.
    public static func measure(_ basis: Basis, window: TimeInterval, minimumSpan: TimeInterval = 1800, steadyTolerance: Double = 0.10) -> Growth {
        if basis.kind == .reported { return measureReported(basis, window: window) }
        let points = basis.points.sorted { $0.asOf < $1.asOf }
        var steps: [GrowthStep] = []
        for (index, point) in points.enumerated() {
            guard index > 0 else {
                steps.append(GrowthStep(bucketStart: point.bucketStart, value: point.value))
                continue
            }
            let previous = points[index - 1]
            let elapsed = point.asOf.timeIntervalSince(previous.asOf)
            steps.append(
                GrowthStep(
                    bucketStart: point.bucketStart, value: point.value, gained: point.value - previous.value, since: previous.bucketStart,
                    ratePerDay: elapsed > 0 ? Double(point.value - previous.value) / elapsed * 86400 : nil))
        }
        var growth = Growth(basis: basis.description, steps: steps, window: window)
        growth.falls = zip(points, points.dropFirst()).compactMap { previous, point in
            point.value < previous.value ? CountFall(at: point.asOf, from: previous.value, to: point.value) : nil
        }
        guard let last = points.last else {
            growth.note = "no counts to measure growth from"
            return growth
        }
        let inWindow = points.filter { $0.asOf >= last.asOf.addingTimeInterval(-window) }
        guard points.count >= 2 else {
            growth.note = "one count so far: growth needs two at different times"
            return growth
        }
        guard inWindow.count >= 2, let first = inWindow.first, last.asOf > first.asOf else {
            growth.note = "only one count in the last \(TimeFormatting.duration(window)); widen the window (--window) to measure a rate"
            return growth
        }
        let elapsed = last.asOf.timeIntervalSince(first.asOf)
        let distinct = Set(inWindow.map(\.asOf)).count
        guard distinct >= minimumCounts, elapsed >= minimumSpan else {
            growth.note = tooSoon(counts: distinct, span: elapsed, minimumSpan: minimumSpan)
            return growth
        }
        growth.windowStart = first.asOf
        growth.windowEnd = last.asOf
        growth.gained = last.value - first.value
        growth.ratePerDay = Double(last.value - first.value) / elapsed * 86400
        growth.ratePerHour = growth.ratePerDay! / 24
        if inWindow.count >= 3 {
            // Split at the count nearest the middle of the window; each half needs a positive span.
            let middle = first.asOf.addingTimeInterval(elapsed / 2)
            let pivot = inWindow.dropFirst().dropLast().min { abs($0.asOf.timeIntervalSince(middle)) < abs($1.asOf.timeIntervalSince(middle)) }!
            guard pivot.asOf > first.asOf, last.asOf > pivot.asOf else { return growth }
            let earlier = Double(pivot.value - first.value) / pivot.asOf.timeIntervalSince(first.asOf) * 86400
            let later = Double(last.value - pivot.value) / last.asOf.timeIntervalSince(pivot.asOf) * 86400
            growth.earlierRatePerDay = earlier
            growth.laterRatePerDay = later
            let scale = max(abs(earlier), abs(later))
            growth.acceleration = scale == 0 || abs(later - earlier) <= steadyTolerance * scale ? .steady : (later > earlier ? .speedingUp : .slowingDown)
        }
        return growth
    }
}

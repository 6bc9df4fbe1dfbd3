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

    /// One line for people: "+9,000 in 2 d (4,375 a day), speeding up (3,250 → 5,500 a day)".
    public var summary: String {
        guard let gained, let ratePerDay, let windowStart, let windowEnd else { return note ?? "not enough counts to measure growth" }
        var text =
            "\(gained >= 0 ? "+" : "")\(NumberFormatting.grouped(gained)) from \(TimeFormatting.short(windowStart)) to \(TimeFormatting.short(windowEnd)) \(TimeFormatting.zoneLabel)"
        text += " (\(Growth.rate(ratePerDay)) a day"
        if ratePerDay.magnitude < 24 * 100, let ratePerHour { text += ", \(Growth.rate(ratePerHour)) an hour" }
        text += ")"
        if let acceleration, let earlierRatePerDay, let laterRatePerDay {
            text += "; \(acceleration.words) (\(Growth.rate(earlierRatePerDay)) → \(Growth.rate(laterRatePerDay)) a day)"
        }
        return text
    }

    static func rate(_ value: Double) -> String {
        if value.magnitude >= 10 { return NumberFormatting.grouped(Int(roundingClamped: value)) }
        return String(format: "%.1f", value)
    }

    /// Growth of a count over time.
    ///
    /// - Parameters:
    ///   - window: the span, ending at the latest count, that the rate and acceleration are measured over.
    ///   - steadyTolerance: rates within this share of each other are `steady`.
    public static func measure(_ basis: Basis, window: TimeInterval, steadyTolerance: Double = 0.10) -> Growth {
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

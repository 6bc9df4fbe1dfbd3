import Foundation

/// The width of a time bucket in a trend.
public enum BucketSize: String, VocabularyWord {
    case fiveMinutes = "5m", fifteenMinutes = "15m", hour, day, week
    public static let vocabularyName = "bucket"

    /// A size that draws a span as a few dozen to a few hundred buckets: 5 minutes up to 6 hours
    /// (a young petition's first polls), 15 minutes up to a day, hours up to 3 days (and for a
    /// single moment), days up to 180 days, weeks beyond.
    public static func automatic(span: TimeInterval) -> BucketSize {
        // One moment (every figure as of the same time) is drawn in an hour, not in a sliver.
        if span > 0 && span <= 6 * 3600 { return .fiveMinutes }
        if span > 0 && span <= 86400 { return .fifteenMinutes }
        if span <= 3 * 86400 { return .hour }
        if span <= 180 * 86400 { return .day }
        return .week
    }

    /// Nominal length (a day across a daylight-saving change is 23 or 25 hours).
    public var nominalLength: TimeInterval {
        switch self {
        case .fiveMinutes: 300
        case .fifteenMinutes: 900
        case .hour: 3600
        case .day: 86400
        case .week: 7 * 86400
        }
    }

    /// Shorter than a day: cut by the clock (from local midnight), not by the calendar.
    public var isClockTime: Bool { nominalLength < 86400 }

    /// "5 minutes", "hour", for "the latest figure per ...".
    public var words: String {
        switch self {
        case .fiveMinutes: "5 minutes"
        case .fifteenMinutes: "15 minutes"
        default: rawValue
        }
    }

    /// "5-minute bucket", "Hour", for table headings.
    public var title: String {
        switch self {
        case .fiveMinutes: "5-minute bucket"
        case .fifteenMinutes: "15-minute bucket"
        default: rawValue.capitalized
        }
    }

    /// "3 hours", "1 day", "12 5-minute buckets".
    public func count(_ n: Int) -> String {
        switch self {
        case .fiveMinutes, .fifteenMinutes: "\(n) \(title.lowercased())\(n == 1 ? "" : "s")"
        default: "\(n) \(rawValue)\(n == 1 ? "" : "s")"
        }
    }
}

/// Cuts time into buckets of one size in one time zone: hours, local calendar days, and ISO weeks
/// starting on Monday. The store's SQL cuts the same way (`date_bin` for hours, `date_trunc` in the
/// zone for days and weeks), and a test checks that the two agree.
public struct Bucketing: Sendable, Hashable {
    public var size: BucketSize
    public var timeZone: TimeZone

    public init(size: BucketSize, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.size = size
        self.timeZone = timeZone
    }

    var calendar: Calendar {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        return calendar
    }

    /// The start of the bucket holding `date`.
    public func start(of date: Date) -> Date {
        let component: Calendar.Component
        switch size {
        case .fiveMinutes, .fifteenMinutes:
            // As date_bin does in SQL: whole bucket lengths from the local day's start.
            let day = calendar.startOfDay(for: date)
            return day.addingTimeInterval((date.timeIntervalSince(day) / size.nominalLength).rounded(.down) * size.nominalLength)
        case .hour: component = .hour
        case .day: component = .day
        case .week: component = .weekOfYear
        }
        return calendar.dateInterval(of: component, for: date)!.start
    }

    /// The start of the bucket after the one starting at `start`.
    public func next(after start: Date) -> Date {
        switch size {
        case .fiveMinutes, .fifteenMinutes, .hour: start.addingTimeInterval(size.nominalLength)
        case .day: calendar.date(byAdding: .day, value: 1, to: start)!
        case .week: calendar.date(byAdding: .day, value: 7, to: start)!
        }
    }

    /// Every bucket start from the bucket holding `from` to the one holding `through`, at most `limit`.
    public func starts(from: Date, through: Date, limit: Int = 100_000) -> [Date] {
        var result: [Date] = []
        var current = start(of: from)
        while current <= through && result.count < limit {
            result.append(current)
            current = next(after: current)
        }
        return result
    }

    /// How many buckets `from...through` spans, without listing them.
    public func count(from: Date, through: Date) -> Int {
        guard through >= from else { return 0 }
        return Int((through.timeIntervalSince(start(of: from)) / size.nominalLength).rounded(.down)) + 1
    }
}

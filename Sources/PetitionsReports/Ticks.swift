import Foundation
import PetitionsDomain

/// Round-number ticks for axes.
enum Ticks {
    /// Ticks from 0 to at least `maximum` in steps of 1, 2 or 5 × 10ⁿ, about `target` of them.
    static func counts(upTo maximum: Double, target: Int = 5) -> [Double] {
        guard maximum > 0 else { return [0, 1] }
        let rough = maximum / Double(target)
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let wholeStep = max(1, step.rounded())  // counts are whole
        var ticks: [Double] = []
        var value = 0.0
        while value < maximum + wholeStep * 0.001 {
            ticks.append(value)
            value += wholeStep
        }
        ticks.append(value)
        return ticks
    }

    /// Round ticks for days since launch.
    static func days(from low: Double, to high: Double, target: Int = 8) -> [Double] {
        let span = max(high - low, 1)
        let step = [1.0, 2, 5, 7, 14, 30, 60, 90, 180, 365].first { span / $0 <= Double(target) } ?? 365
        var ticks: [Double] = []
        var value = (low / step).rounded(.down) * step
        while value <= high + 1e-9 {
            if value >= low - 1e-9 { ticks.append(value) }
            value += step
        }
        return ticks
    }

    /// A time tick: where it is and what it says.
    struct TimeTick {
        var date: Date
        var label: String
        /// A second line under the label (the day, when ticks are hours and the day changes).
        var detail: String?
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Ticks on local hour, day, week or month boundaries, about `target` of them.
    static func times(from: Date, to: Date, timeZone: TimeZone, target: Int = 7) -> [TimeTick] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let span = to.timeIntervalSince(from)
        let steps: [(Calendar.Component, Int, TimeInterval)] = [
            (.minute, 15, 900), (.minute, 30, 1800), (.hour, 1, 3600), (.hour, 2, 7200), (.hour, 3, 10800), (.hour, 6, 21600), (.hour, 12, 43200),
            (.day, 1, 86400), (.day, 2, 172_800), (.day, 7, 604_800), (.day, 14, 1_209_600),
            (.month, 1, 2_592_000), (.month, 3, 7_776_000), (.month, 6, 15_552_000), (.year, 1, 31_536_000),
        ]
        let (component, amount, _) = steps.first { span / $0.2 <= Double(target) } ?? steps.last!
        // Start at the first boundary at or after `from`.
        var start: Date
        switch component {
        case .minute, .hour:
            let day = calendar.startOfDay(for: from)
            start = day
            while start < from { start = calendar.date(byAdding: component, value: amount, to: start)! }
        case .day:
            start = calendar.startOfDay(for: from)
            if amount == 7 || amount == 14 {
                // Mondays.
                while calendar.component(.weekday, from: start) != 2 { start = calendar.date(byAdding: .day, value: 1, to: start)! }
            }
            while start < from { start = calendar.date(byAdding: .day, value: amount, to: start)! }
        default:
            var components = calendar.dateComponents([.year, .month], from: from)
            if component == .year { components.month = 1 }
            start = calendar.date(from: components)!
            while start < from { start = calendar.date(byAdding: component, value: amount, to: start)! }
        }
        var ticks: [TimeTick] = []
        var current = start
        var previousDay: Int?
        while current <= to && ticks.count < 40 {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: current)
            let dayLabel = "\(parts.day!) \(months[parts.month! - 1])"
            switch component {
            case .minute, .hour:
                let time = String(format: "%02d:%02d", parts.hour!, parts.minute!)
                ticks.append(TimeTick(date: current, label: time, detail: previousDay != parts.day ? dayLabel : nil))
                previousDay = parts.day
            case .day:
                ticks.append(TimeTick(date: current, label: dayLabel))
            case .month:
                ticks.append(
                    TimeTick(date: current, label: parts.month == 1 || ticks.isEmpty ? "\(months[parts.month! - 1]) \(parts.year!)" : months[parts.month! - 1]))
            default:
                ticks.append(TimeTick(date: current, label: String(parts.year!)))
            }
            current = calendar.date(byAdding: component, value: amount, to: current)!
        }
        return ticks
    }
}

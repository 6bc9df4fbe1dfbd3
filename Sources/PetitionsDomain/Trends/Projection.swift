import Foundation

/// A count a campaign may reach.
public struct ProjectionTarget: Hashable, Sendable {
    public enum Kind: String, Sendable, Hashable {
        /// The campaign's own goal.
        case goal
        /// The next round number (1,000, 10,000, 100,000, ...): the UK Parliament answers a petition
        /// at 10,000 signatures and considers it for debate at 100,000.
        case threshold
        /// Asked for by the user.
        case requested
    }
    public var value: Int
    public var kind: Kind
    /// What the count means there, when it means something ("government response").
    public var name: String?

    public init(value: Int, kind: Kind, name: String? = nil) {
        self.value = value
        self.kind = kind
        self.name = name
    }

    /// "goal 50,000", "threshold 100,000", "debate 100,000".
    public var label: String { "\(name ?? kind.rawValue) \(NumberFormatting.grouped(value))" }

    /// A UK Parliament petition's two thresholds, added to `targets` (named where already there).
    public static func parliament(_ targets: [ProjectionTarget]) -> [ProjectionTarget] {
        var targets = targets
        for (value, name) in [(10_000, "government response"), (100_000, "debate")] {
            if let index = targets.firstIndex(where: { $0.value == value && $0.kind != .goal }) {
                targets[index].name = name
            } else if !targets.contains(where: { $0.value == value }) {
                targets.append(ProjectionTarget(value: value, kind: .threshold, name: name))
            }
        }
        return targets.sorted { $0.value < $1.value }
    }

    /// Round thresholds a count passes on its way up.
    public static let roundThresholds = [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    /// The goal (if any), the requested targets, and the next round threshold above `current`, with
    /// the one after it when that is within 20 times the current count (a projection much further
    /// out than that says more about the straight line than about the campaign).
    public static func targets(goal: Int?, requested: [Int], current: Int) -> [ProjectionTarget] {
        var targets: [ProjectionTarget] = []
        if let goal, goal > 0 { targets.append(ProjectionTarget(value: goal, kind: .goal)) }
        for value in requested where !targets.contains(where: { $0.value == value }) { targets.append(ProjectionTarget(value: value, kind: .requested)) }
        let next = roundThresholds.filter { $0 > current }.prefix(2).enumerated().filter { $0.offset == 0 || $0.element <= max(current, 1) * 20 }.map(\.element)
        for value in next where !targets.contains(where: { $0.value == value }) {
            targets.append(ProjectionTarget(value: value, kind: .threshold))
        }
        return targets.sorted { $0.value < $1.value }
    }
}

/// When a campaign will reach a target, or when it did.
public struct Projection: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        /// The count reached the target in the bucket starting at this time.
        case reached(Date)
        /// The fitted rate reaches it at `estimate`; the 95% range of the rate puts it between
        /// `earliest` and `latest` (nil: the slow end of the range never reaches it). Both ends are
        /// nil when there are too few counts for a range.
        case projected(estimate: Date, earliest: Date?, latest: Date?)
        /// The count is flat or falling over the window.
        case notAtCurrentRate
        /// Closed, or too few counts: the reason says which.
        case unavailable(String)
    }

    public var target: ProjectionTarget
    public var outcome: Outcome
    /// How the projection was made, in words.
    public var method: String
    /// The fitted rate, per day.
    public var ratePerDay: Double?

    /// "threshold 100,000: about 2024-10-31 (between 2024-10-27 and 2024-11-12)".
    public var summary: String {
        switch outcome {
        case .reached(let date): "\(target.label): reached by \(TimeFormatting.day(date))"
        case .projected(let estimate, let earliest, let latest):
            "\(target.label): about \(TimeFormatting.day(estimate))"
                + (earliest.map { earliest in
                    " (between \(TimeFormatting.day(earliest)) and " + (latest.map(TimeFormatting.day) ?? "never at the slowest plausible rate") + ")"
                } ?? " (too few counts for a range)")
        case .notAtCurrentRate: "\(target.label): not at the current rate"
        case .unavailable(let reason): "\(target.label): \(reason)"
        }
    }

    /// Projects each target from a count's recent history.
    ///
    /// Method: a straight line fitted by least squares to the counts of the last `window` (ending at
    /// the latest count), extended from the latest count at the fitted rate. The range comes from
    /// the 95% confidence interval of the slope (Student's t), so it needs at least three counts.
    ///
    /// Only the platform's own count is projected: outlets' figures are intervals, too coarse to
    /// extend. A rate needs `Growth.minimumCounts` counts over `minimumSpan`. A projection dated
    /// before `now`, or from a count silent for longer than half the span it was fitted over, says
    /// "no data since ..." instead.
    public static func project(
        _ basis: Basis, targets: [ProjectionTarget], window: TimeInterval, closed: Day? = nil, now: Date = Date(), minimumSpan: TimeInterval = 1800
    ) -> [Projection] {
        let points = basis.points.sorted { $0.asOf < $1.asOf }
        guard let last = points.last else {
            return targets.map { Projection(target: $0, outcome: .unavailable("no counts yet"), method: "none") }
        }
        let recent = points.filter { $0.asOf >= last.asOf.addingTimeInterval(-window) }
        let span = (recent.last?.asOf ?? last.asOf).timeIntervalSince(recent.first?.asOf ?? last.asOf)
        let counts = Set(recent.map(\.asOf)).count
        let noDataSince = "no data since \(TimeFormatting.short(last.asOf)) \(TimeFormatting.zoneLabel)"
        // Why no target can be projected, the same for each (a target already reached, or a closed
        // campaign, is said first).
        let unprojectable: String? =
            if basis.kind == .reported {
                "not projected from outlets' figures, which are too coarse to extend; track the platform's count for a projection"
            } else if points.count >= 2, counts < Growth.minimumCounts || span < minimumSpan {
                Growth.tooSoon(counts: counts, span: span, minimumSpan: minimumSpan)
            } else if points.count >= 2, now.timeIntervalSince(last.asOf) > max(span / 2, 3600) {
                noDataSince
            } else {
                nil
            }
        let method =
            "straight line fitted by least squares to the \(recent.count) count\(recent.count == 1 ? "" : "s") of the last \(TimeFormatting.duration(window)) of \(basis.description), extended from the latest count; the range is the 95% interval of the fitted rate"
        let fit = LineFit(points: recent.map { ($0.asOf.timeIntervalSince1970, Double($0.value)) })
        return targets.map { target in
            if let reached = points.first(where: { $0.value >= target.value }) {
                return Projection(target: target, outcome: .reached(reached.bucketStart), method: "the count itself", ratePerDay: nil)
            }
            if let closed {
                return Projection(target: target, outcome: .unavailable("closed on \(closed) before reaching it"), method: "none", ratePerDay: nil)
            }
            if let unprojectable { return Projection(target: target, outcome: .unavailable(unprojectable), method: "none") }
            guard let fit else {
                let reason =
                    points.count < 2
                    ? "one count so far: a projection needs two or more"
                    : "needs at least two counts in the last \(TimeFormatting.duration(window)); widen the window (--window)"
                return Projection(target: target, outcome: .unavailable(reason), method: "none")
            }
            let perDay = fit.slope * 86400
            guard fit.slope > 0 else { return Projection(target: target, outcome: .notAtCurrentRate, method: method, ratePerDay: perDay) }
            let remaining = Double(target.value - last.value)
            let from = last.asOf.timeIntervalSince1970
            let estimate = Date(timeIntervalSince1970: from + remaining / fit.slope)
            if estimate < now { return Projection(target: target, outcome: .unavailable(noDataSince), method: "none") }
            var earliest: Date?, latest: Date?
            if let margin = fit.slopeMargin95 {
                earliest = Date(timeIntervalSince1970: from + remaining / (fit.slope + margin))
                latest = fit.slope - margin > 0 ? Date(timeIntervalSince1970: from + remaining / (fit.slope - margin)) : nil
            }
            return Projection(target: target, outcome: .projected(estimate: estimate, earliest: earliest, latest: latest), method: method, ratePerDay: perDay)
        }
    }
}

/// Least-squares line y = intercept + slope·x.
struct LineFit {
    var slope: Double
    var intercept: Double
    /// Half-width of the slope's 95% confidence interval; nil with fewer than three points.
    var slopeMargin95: Double?

    init?(points: [(x: Double, y: Double)]) {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let meanX = points.reduce(0.0) { $0 + $1.x } / n, meanY = points.reduce(0.0) { $0 + $1.y } / n
        let sxx = points.reduce(0.0) { $0 + ($1.x - meanX) * ($1.x - meanX) }
        guard sxx > 0 else { return nil }
        let sxy = points.reduce(0.0) { $0 + ($1.x - meanX) * ($1.y - meanY) }
        slope = sxy / sxx
        intercept = meanY - slope * meanX
        if points.count >= 3 {
            let residual = points.reduce(0.0) { sum, point in
                let error = point.y - (intercept + slope * point.x)
                return sum + error * error
            }
            let standardError = (residual / (n - 2) / sxx).squareRoot()
            slopeMargin95 = LineFit.t975(degreesOfFreedom: points.count - 2) * standardError
        }
    }

    /// Two-sided 95% critical values of Student's t.
    static func t975(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
            2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        ]
        if df >= 1 && df <= table.count { return table[df - 1] }
        return df <= 60 ? 2.000 : df <= 120 ? 1.980 : 1.960
    }
}

import Foundation

/// A campaign's count against days since its launch, to set campaigns side by side.
public struct AlignedSeries: Hashable, Sendable {
    public struct Point: Hashable, Sendable {
        /// Days from the origin to the count's as-of time.
        public var day: Double
        public var value: Int
        public var low: Int
        public var high: Int?
        public var asOf: Date
    }
    public var campaign: Campaign
    /// Launch (midnight UTC of the launch day), else the first count.
    public var origin: Date
    /// "launch 2024-10-22" or "first count 2024-10-22 12:00".
    public var originDescription: String
    public var basis: String
    public var points: [Point]
}

extension Trends {
    /// Aligns a trend's basis count on days since launch (or since the first count when the
    /// launch date is unknown).
    public static func aligned(_ trend: Trend) -> AlignedSeries? {
        guard let basis = basis(of: trend), let first = basis.points.first else { return nil }
        let origin = trend.campaign.launched?.startUTC ?? first.asOf
        let description = trend.campaign.launched.map { "launch \($0)" } ?? "first count \(TimeFormatting.short(first.asOf))"
        return AlignedSeries(
            campaign: trend.campaign, origin: origin, originDescription: description, basis: basis.description,
            points: basis.points.map {
                AlignedSeries.Point(day: $0.asOf.timeIntervalSince(origin) / 86400, value: $0.value, low: $0.low, high: $0.high, asOf: $0.asOf)
            })
    }
}

/// A closed interval of whole counts, unbounded above when `high` is nil.
public struct CountInterval: Hashable, Sendable, Codable, CustomStringConvertible {
    public var low: Int
    public var high: Int?

    public init(low: Int, high: Int?) {
        self.low = low
        self.high = high
    }

    /// Share of the value that `about` and `almost` allow either side: `about 600` is 540...660,
    /// `almost 600` is 540...599. At least 1 either way.
    public static let approximationTolerance = 0.10

    /// The counts `about` allows either side of `value`: 10% of it, at least 1.
    public static func slack(_ value: Int) -> Int { max(1, Int((Double(value) * approximationTolerance).rounded())) }

    /// The counts a qualified figure allows:
    ///
    /// | qualifier | allows |
    /// | --- | --- |
    /// | exact v | v |
    /// | about v | v − 10% ... v + 10% |
    /// | over v | v + 1 ... |
    /// | at_least v | v ... |
    /// | almost v | v − 10% ... v − 1 |
    /// | under v | 0 ... v − 1 |
    /// | up_to v | 0 ... v |
    /// | range v–h | v ... h |
    ///
    /// Counts are bounded where they enter (`Validate.Limit.count`); the arithmetic here saturates
    /// all the same, so that a number stored before the bound existed cannot trap a reader.
    public init(qualifier: Qualifier, value: Int, high: Int?) {
        let slack = Self.slack(value)
        switch qualifier {
        case .exact: self.init(low: value, high: value)
        case .about: self.init(low: max(0, value - slack), high: value.saturatingAdd(slack))
        case .over: self.init(low: value.saturatingAdd(1), high: nil)
        case .atLeast: self.init(low: value, high: nil)
        case .almost: self.init(low: max(0, value - slack), high: max(0, value - 1))
        case .under: self.init(low: 0, high: max(0, value - 1))
        case .upTo: self.init(low: 0, high: value)
        case .range: self.init(low: value, high: high ?? value)
        }
    }

    public var isBounded: Bool { high != nil }
    /// Number of counts allowed minus one; nil when unbounded.
    public var width: Int? { high.map { $0 - low } }

    public func contains(_ count: Int) -> Bool { count >= low && (high.map { count <= $0 } ?? true) }

    public func contains(_ other: CountInterval) -> Bool {
        guard other.low >= low else { return false }
        switch (high, other.high) {
        case (nil, _): return true
        case (.some, nil): return false
        case (let mine?, let theirs?): return theirs <= mine
        }
    }

    public func intersection(_ other: CountInterval) -> CountInterval? {
        let low = max(self.low, other.low)
        let high: Int? =
            switch (self.high, other.high) {
            case (nil, nil): nil
            case (let value?, nil), (nil, let value?): value
            case (let a?, let b?): min(a, b)
            }
        if let high, high < low { return nil }
        return CountInterval(low: low, high: high)
    }

    public func overlaps(_ other: CountInterval) -> Bool { intersection(other) != nil }

    /// `540–660`, `13,501+`, `600`.
    public var description: String {
        switch high {
        case nil: "\(NumberFormatting.grouped(low))+"
        case let high? where high == low: NumberFormatting.grouped(low)
        case let high?: "\(NumberFormatting.grouped(low))–\(NumberFormatting.grouped(high))"
        }
    }

    /// In words, for sentences: `more than 19,000` (19,001+), `at least 13,500`, `540 to 660`, `600`.
    public var words: String {
        switch high {
        case nil:
            func zeros(_ value: Int) -> Int { var value = value, count = 0; while value > 0, value % 10 == 0 { value /= 10; count += 1 }; return count }
            return low > 0 && zeros(low - 1) > zeros(low) ? "more than \(NumberFormatting.grouped(low - 1))" : "at least \(NumberFormatting.grouped(low))"
        case let high? where high == low: return NumberFormatting.grouped(low)
        case let high?: return "\(NumberFormatting.grouped(low)) to \(NumberFormatting.grouped(high))"
        }
    }
}

extension Int {
    /// `self + other`, held at `Int.max` (or `Int.min`) instead of trapping.
    public func saturatingAdd(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}

extension Int {
    /// A finite or infinite `Double`, rounded and held within `Int`'s range (0 for NaN), instead
    /// of trapping as `Int(_:)` does: rates and projections of stored counts are shown with it.
    public init(roundingClamped value: Double) {
        let rounded = value.rounded()
        if rounded.isNaN {
            self = 0
        } else if rounded >= 9.223_372_036_854_775e18 {
            self = .max
        } else if rounded <= -9.223_372_036_854_775e18 {
            self = .min
        } else {
            self = Int(rounded)
        }
    }
}

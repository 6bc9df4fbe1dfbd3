import Foundation
import PetitionsDomain

/// What one poll of a platform source read: the count, and other series kept over time.
public struct PollReading: Sendable, Equatable {
    public var count: Int
    /// Further series (state, thresholds, breakdowns), each with a number or a text.
    public var observations: [ObservedValue]
    /// Anything in the body that deserves a person's look.
    public var flags: [SourceFlag]
    /// When the platform says the petition closed (it takes no more signatures); nil while open.
    public var closed: Date?

    public init(count: Int, observations: [ObservedValue] = [], flags: [SourceFlag] = [], closed: Date? = nil) {
        self.count = count
        self.observations = observations
        self.flags = flags
        self.closed = closed
    }
}

/// One value of a series at one poll.
public struct ObservedValue: Sendable, Hashable {
    /// `count`, `state`, `threshold:debate`, `country:GB`, `constituency:E14000639`, ...
    public var series: String
    public var number: Int?
    public var text: String?
    /// A readable name (a country's or constituency's).
    public var label: String?

    public static func number(_ series: String, _ value: Int, label: String? = nil) -> ObservedValue {
        ObservedValue(series: series, number: value, text: nil, label: label)
    }
    public static func text(_ series: String, _ value: String, label: String? = nil) -> ObservedValue {
        ObservedValue(series: series, number: nil, text: value, label: label)
    }
}

/// Something a poll noticed: raised once per source, kind and subject.
public struct SourceFlag: Sendable, Hashable {
    /// `top-country`, `exceeds-population`, `count-fell`.
    public var kind: String
    /// What it is about (a country code, a count).
    public var subject: String
    public var detail: String
    public init(kind: String, subject: String, detail: String) {
        self.kind = kind
        self.subject = subject
        self.detail = detail
    }
}

/// The reading of a platform source's body, by kind (see `PlatformReaders`).
public enum PlatformBody {
    /// Reads a platform source's body; feeds are read with `Feed.parse`.
    public static func read(_ kind: SourceKind, body: [UInt8], pointer: String?, pattern: String?) throws(SourceReadError) -> PollReading {
        guard let reader = PlatformReaders.reader(for: kind) else { throw SourceReadError("a \(kind.rawValue) source has no single count") }
        return try bounded(reader.read(body, pointer: pointer, pattern: pattern))
    }

    /// The reading, refused whole when its count or any number beside it is negative or above
    /// `Validate.Limit.count`: a planted number never reaches the store.
    static func bounded(_ reading: PollReading) throws(SourceReadError) -> PollReading {
        let numbers = [("the count", reading.count)] + reading.observations.compactMap { value in value.number.map { (value.series, $0) } }
        for (name, number) in numbers where number < 0 || number > Validate.Limit.count {
            throw SourceReadError(
                number < 0 ? "\(name) is negative (\(number)); not a count" : "\(name) is \(NumberFormatting.grouped(number)): \(Validate.countReason(number))")
        }
        return reading
    }
}

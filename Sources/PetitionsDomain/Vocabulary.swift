import Foundation

/// A closed vocabulary word as stored and typed (`open-letter`, `at_least`, ...).
public protocol VocabularyWord: RawRepresentable<String>, CaseIterable, Sendable, Hashable, Codable {
    /// What the word names, for errors: "campaign kind", "qualifier", ...
    static var vocabularyName: String { get }
}

extension VocabularyWord {
    /// Parses a word, accepting `-` and `_` interchangeably and any letter case.
    /// - Throws: `DomainError.unknownWord` listing the allowed words.
    public static func parse(_ text: String, field: String? = nil) throws(DomainError) -> Self {
        let normalized = text.trimmingCharacters(in: .whitespaces).lowercased()
        for candidate in allCases {
            if candidate.rawValue == normalized
                || candidate.rawValue.replacingOccurrences(of: "_", with: "-") == normalized.replacingOccurrences(of: "_", with: "-")
            {
                return candidate
            }
        }
        throw .unknownWord(field: field ?? vocabularyName, value: text, allowed: allCases.map(\.rawValue))
    }

    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The words for help text: "petition, open-letter or statement".
    public static var helpList: String {
        let words = allCases.map(\.rawValue)
        return words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }
}

public enum CampaignKind: String, VocabularyWord {
    case petition
    case openLetter = "open-letter"
    case statement
    public static let vocabularyName = "campaign kind"
}

public enum OutletKind: String, VocabularyWord {
    case news, platform, organiser, social, wire
    public static let vocabularyName = "outlet kind"
}

/// What a figure counts.
public enum Metric: String, VocabularyWord, Comparable {
    case signatures
    case verifiedSignatures = "verified_signatures"
    case authors
    case goal
    public static let vocabularyName = "metric"

    public static func < (lhs: Metric, rhs: Metric) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Plain words for tables: "signatures", "verified signatures", ...
    public var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}

/// How a reported figure hedges its number; each defines the interval of true counts it allows.
public enum Qualifier: String, VocabularyWord {
    case exact, about, over
    case atLeast = "at_least"
    case almost, under
    case upTo = "up_to"
    case range
    public static let vocabularyName = "qualifier"

    /// How the figure reads in prose: "about 600", "more than 13,500", "5,000–6,000".
    public func phrase(value: Int, high: Int?) -> String {
        let number = NumberFormatting.grouped(value)
        switch self {
        case .exact: return number
        case .about: return "about \(number)"
        case .over: return "more than \(number)"
        case .atLeast: return "at least \(number)"
        case .almost: return "almost \(number)"
        case .under: return "fewer than \(number)"
        case .upTo: return "up to \(number)"
        case .range: return "\(number)–\(NumberFormatting.grouped(high ?? value))"
        }
    }
}

/// How a figure entered the system.
public enum EntryMethod: String, VocabularyWord {
    case manual, extracted, polled
    public static let vocabularyName = "method"
}

public enum NumberFormatting {
    /// `13500` → `13,500`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }
}

/// What an alert watches for.
public enum AlertEvent: String, VocabularyWord {
    /// The count passed a number (`--threshold`).
    case threshold
    /// The count reached the campaign's goal.
    case goal
    /// The count went down between two polls.
    case countFell = "count-fell"
    /// The count moved by more than `--threshold` (default: a tenth of it, and at least 500) in one poll.
    case anomaly
    /// An outlet published a figure the platform's count had already left behind.
    case outdatedReport = "outdated-report"
    public static let vocabularyName = "alert event"

    public var meaning: String {
        switch self {
        case .threshold: "the count passed the threshold"
        case .goal: "the count reached the campaign's goal"
        case .countFell: "the count went down between two polls"
        case .anomaly: "the count jumped (or dropped) by more than the threshold in one poll"
        case .outdatedReport: "an outlet published a figure below what the platform already showed"
        }
    }
}

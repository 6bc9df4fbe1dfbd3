import ArgumentParser
import Foundation
import PetitionsDomain

/// Turns option text into domain values, with errors that name the option.
public enum Parse {
    public static func word<W: VocabularyWord>(_ text: String?, _ type: W.Type, option: String) throws -> W? {
        guard let text else { return nil }
        do { return try W.parse(text) } catch {
            throw ValidationError("\(option): unknown \(W.vocabularyName) \"\(text)\" (allowed: \(W.allowedList))")
        }
    }

    public static func count(_ text: String?, option: String) throws -> Int? {
        guard let text else { return nil }
        switch CountParsing.parse(text) {
        case .success(let value): return value
        case .failure(let problem): throw ValidationError("\(option): \(problem.reason)")
        }
    }

    public static func time(_ text: String?, option: String) throws -> Date? {
        guard let text else { return nil }
        guard let date = TimeFormatting.parse(text) else {
            throw ValidationError(
                "\(option): \"\(text)\" is not an ISO 8601 date or date-time (examples: 2024-11-26, 2024-11-26T14:30Z, 2024-11-26T15:30+01:00)")
        }
        return date
    }

    public static func day(_ text: String?, option: String) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day.parse(text) else { throw ValidationError("\(option): \"\(text)\" is not a date such as 2024-11-26") }
        return day
    }

    /// A duration option (`500ms`, `30s`, `5m`, `12h`, `2d`, `1w`), at most a century; zero only
    /// where it means something (`allowZero`: no wait, no cache, keep nothing).
    public static func duration(_ text: String, option: String, allowZero: Bool = true) throws -> TimeInterval {
        guard let seconds = TimeFormatting.parseDuration(text), seconds > 0 || (allowZero && seconds == 0) else {
            let zero = allowZero ? "" : " (more than zero)"
            throw ValidationError("\(option): \"\(text)\" is not a duration\(zero) such as 500ms, 30s, 5m, 12h, 2d or 1w")
        }
        return seconds
    }

    /// An empty string clears an optional text field in `edit` commands.
    public static func optionalText(_ text: String) -> String? {
        text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
    }
}

import ArgumentParser
import Foundation
import PetitionsDomain

/// Turns option text into domain values, with errors that name the option.
enum Parse {
    static func word<W: VocabularyWord>(_ text: String?, _ type: W.Type, option: String) throws -> W? {
        guard let text else { return nil }
        do { return try W.parse(text) } catch {
            throw ValidationError("\(option): unknown \(W.vocabularyName) \"\(text)\" (allowed: \(W.allowedList))")
        }
    }

    static func count(_ text: String?, option: String) throws -> Int? {
        guard let text else { return nil }
        switch CountParsing.parse(text) {
        case .success(let value): return value
        case .failure(let problem): throw ValidationError("\(option): \(problem.reason)")
        }
    }

    static func time(_ text: String?, option: String) throws -> Date? {
        guard let text else { return nil }
        guard let date = TimeFormatting.parse(text) else {
            throw ValidationError("\(option): \"\(text)\" is not an ISO 8601 date or date-time (examples: 2024-11-26, 2024-11-26T14:30Z, 2024-11-26T15:30+01:00)")
        }
        return date
    }

    static func day(_ text: String?, option: String) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day.parse(text) else { throw ValidationError("\(option): \"\(text)\" is not a date such as 2024-11-26") }
        return day
    }

    static func duration(_ text: String, option: String) throws -> TimeInterval {
        guard let seconds = TimeFormatting.parseDuration(text) else {
            throw ValidationError("\(option): \"\(text)\" is not a duration such as 12h, 2d or 1w")
        }
        return seconds
    }

    /// An empty string clears an optional text field in `edit` commands.
    static func optionalText(_ text: String) -> String? {
        text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
    }
}

/// Options describing a figure, shared by `figure add` and `figure correct`.
struct FigureOptions: ParsableArguments {
    @Option(help: "Slug of the outlet that reported the figure.") var outlet: String?
    // Unconditional: "--value -5" reaches the check that says a count cannot be negative, instead
    // of being taken for an option and reported as a missing value.
    @Option(parsing: .unconditional, help: ArgumentHelp("The count, a whole number (13500 or 13,500). For a range, its low end.", valueName: "n")) var value: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("High end of a range (with --qualifier range).", valueName: "n")) var high: String?
    // The defaults are those of a new figure; a correction starts from the original's values instead.
    @Option(help: "exact, about, over, at_least, almost, under, up_to or range. New figures: exact; corrections: the original's.") var qualifier: String?
    @Option(help: "signatures, verified_signatures, authors or goal. New figures: signatures; corrections: the original's.") var metric: String?
    @Option(name: .customLong("as-of"), help: ArgumentHelp("When the count held (ISO 8601; a date alone is 00:00 UTC). New figures: --published, else now; corrections: the original's.", valueName: "time")) var asOf: String?
    @Option(help: ArgumentHelp("When the outlet published it (ISO 8601). New figures: unknown; corrections: the original's.", valueName: "time")) var published: String?
    @Option(help: "URL of the article or page.") var url: String?
    @Option(help: "Short quote of the sentence that gives the figure.") var quote: String?
    @Option(help: "Language of the source, such as en, fr, ja.") var language: String?
    @Option(help: "Free-text note.") var note: String?

    /// The draft these options describe, on top of `base` (a figure being corrected) or defaults.
    func draft(campaign: String, base: FigureDraft?, now: Date = Date()) throws -> FigureDraft {
        guard let outlet = outlet ?? base?.outlet else { throw ValidationError("--outlet is required (see: petitions outlet list)") }
        guard let value = try Parse.count(value, option: "--value") ?? base?.value else { throw ValidationError("--value is required") }
        let qualifier = try Parse.word(qualifier, Qualifier.self, option: "--qualifier") ?? base?.qualifier ?? .exact
        let published = try Parse.time(published, option: "--published") ?? base?.published
        let high = try Parse.count(high, option: "--high") ?? (qualifier == .range ? base?.high : nil)
        return FigureDraft(
            campaign: campaign, outlet: outlet,
            metric: try Parse.word(metric, Metric.self, option: "--metric") ?? base?.metric ?? .signatures,
            value: value, high: high, qualifier: qualifier,
            asOf: try Parse.time(asOf, option: "--as-of") ?? base?.asOf ?? published ?? now,
            published: published, sourceURL: url ?? base?.sourceURL, quote: quote ?? base?.quote, language: language ?? base?.language,
            // A person correcting an extracted figure has reviewed it: the correction counts as entered by hand.
            method: base.map { $0.method == .extracted ? .manual : $0.method } ?? .manual, note: note ?? base?.note)
    }
}

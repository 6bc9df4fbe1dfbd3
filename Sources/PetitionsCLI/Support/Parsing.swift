import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions

/// Options describing a figure, shared by `figure add` and `figure correct`.
struct FigureOptions: ParsableArguments {
    @Option(help: "Slug of the outlet that reported the figure.") var outlet: String?
    // Unconditional: "--value -5" reaches the check that says a count cannot be negative, instead
    // of being taken for an option and reported as a missing value.
    @Option(parsing: .unconditional, help: ArgumentHelp("The count, a whole number (13500 or 13,500). For a range, its low end.", valueName: "n")) var value:
        String?
    @Option(parsing: .unconditional, help: ArgumentHelp("High end of a range (with --qualifier range).", valueName: "n")) var high: String?
    // The defaults are those of a new figure; a correction starts from the original's values instead.
    @Option(help: "\(Qualifier.helpList). New figures: exact; corrections: the original's.") var qualifier: String?
    @Option(help: "\(Metric.helpList). New figures: signatures; corrections: the original's.") var metric: String?
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "When the count held (ISO 8601; a date alone is 00:00 UTC). New figures: --published, else now; corrections: the original's.", valueName: "time"))
    var asOf: String?
    @Option(help: ArgumentHelp("When the outlet published it (ISO 8601). New figures: unknown; corrections: the original's.", valueName: "time")) var published:
        String?
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

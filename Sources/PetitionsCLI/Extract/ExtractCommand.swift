import ArgumentParser
import Foundation
import PetitionsDomain
import PetitionsExtraction

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Find reported figures in an article: what was counted, how many, and how it was hedged.",
        discussion: """
            Reads one document (plain text, or HTML with --html) in English, Italian, French, Spanish, \
            German, Portuguese, Indonesian, Japanese or Chinese (detected unless --lang says), and prints \
            each figure: value (the low end of a range), high (ranges), qualifier, metric, language, \
            campaign, quote (the sentence), start and end (code-point offsets of the phrase). Money, \
            percentages, durations, dates, years and counts of other things are left out. With \
            --campaign, figures are attributed to the campaign whose title or alias their sentence (or \
            paragraph) names. Needs no database unless --campaign or --record is given.

            With --record --outlet SLUG --url URL [--published TIME], the figures are stored as \
            `extracted` figures awaiting review (see `petitions figure review`); they count only once \
            accepted. A figure attributed to no campaign is recorded for the --campaign when exactly one \
            is given, and skipped otherwise. Recording the same article twice adds nothing.

            Examples:
              petitions extract article.txt
              curl -s https://example.org/story | petitions extract --html --format table -
              petitions extract --lang it --campaign statement-on-ai-training articolo.txt
              petitions extract --campaign my-petition --record --outlet the-paper --url https://paper.example/story --published 2025-03-02T08:00Z story.txt
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, table }

    @OptionGroup var global: GlobalOptions
    @Option(help: "Language code: en, it, fr, es, de, pt, id, ja, zh. Default: detected.") var lang: String?
    @Option(help: ArgumentHelp("A tracked campaign to attribute figures to (repeatable).", valueName: "slug")) var campaign: [String] = []
    @Flag(help: "The input is HTML: tags, scripts and navigation are dropped, entities decoded.") var html = false
    @Option(help: "jsonl (one JSON object per figure) or table.") var format: Format = .jsonl
    @Argument(help: "The document, or - for standard input.") var file: String = "-"
    @Flag(help: "Store the figures as extracted figures awaiting review.") var record = false
    @Option(help: ArgumentHelp("With --record: the outlet that published the article.", valueName: "slug")) var outlet: String?
    @Option(help: ArgumentHelp("With --record: the article's URL.", valueName: "url")) var url: String?
    @Option(help: ArgumentHelp("With --record: when the article was published (ISO 8601); also the figures' as-of time. Default: now.", valueName: "time"))
    var published: String?

    func validate() throws {
        if record {
            guard outlet != nil, url != nil else { throw ValidationError("--record needs --outlet SLUG and --url URL") }
            guard !campaign.isEmpty else { throw ValidationError("--record needs --campaign SLUG (the campaigns the figures may belong to)") }
        } else if outlet != nil || url != nil || published != nil {
            throw ValidationError("--outlet, --url and --published go with --record")
        }
    }

    func run() async throws {
        var language: Language?
        if let lang {
            guard let parsed = Language(rawValue: lang.lowercased()) else {
                throw ValidationError("--lang: unknown language \"\(lang)\" (allowed: \(Language.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            language = parsed
        }
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let read = FileManager.default.contents(atPath: file) else { throw CommandFailure("cannot read \(file): no such file, or no permission") }
            data = read
        }
        var text = String(decoding: data, as: UTF8.self)
        if html { text = HTMLText.text(text) }
        var names: [CampaignNames] = []
        if !campaign.isEmpty {
            let slugs = campaign
            names = try global.withRepository { repository in
                try slugs.map { slug in
                    guard let stored = try repository.campaign(slug) else { throw try repository.unknownCampaign(slug) }
                    return CampaignNames(slug: slug, names: [stored.title] + stored.aliases)
                }
            }
        }
        let figures = Extractor(campaigns: names).extract(text, language: language)
        if record {
            try recordFigures(figures)
            return
        }
        switch format {
        case .jsonl:
            let encoder = JSONSerialization.self
            for figure in figures {
                var object: [String: Any] = [
                    "value": figure.value, "qualifier": figure.qualifier.rawValue, "metric": figure.metric.rawValue, "language": figure.language.rawValue,
                    "campaign": figure.campaign ?? NSNull(), "quote": figure.quote, "start": figure.start, "end": figure.end,
                ]
                if let high = figure.high { object["high"] = high }
                let line = try encoder.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: line, as: UTF8.self))
            }
        case .table:
            let rows = figures.map { figure -> [String] in
                [figure.qualifier.phrase(value: figure.value, high: figure.high), figure.metric.words, figure.language.rawValue, figure.campaign ?? "-",
                 "\(figure.start)–\(figure.end)", String(figure.quote.prefix(70))]
            }
            if rows.isEmpty { print("no figures found") } else {
                print(TextTable.render(header: ["figure", "metric", "lang", "campaign", "at", "sentence"], rows: rows))
            }
        }
    }

    /// Stores the figures as extracted ones awaiting review, in one transaction.
    func recordFigures(_ figures: [ExtractedFigure]) throws {
        let published = try Parse.time(published, option: "--published")
        let asOf = published ?? Date()
        let sole = campaign.count == 1 ? campaign[0] : nil
        var skipped = 0
        let drafts = figures.compactMap { figure -> FigureDraft? in
            guard let slug = figure.campaign ?? sole else { skipped += 1; return nil }
            return FigureDraft(campaign: slug, outlet: outlet!, metric: figure.metric, value: figure.value, high: figure.high, qualifier: figure.qualifier,
                               asOf: asOf, published: published, sourceURL: url, quote: String(figure.quote.prefix(1000)), language: figure.language.rawValue,
                               method: .extracted, note: figure.campaign == nil ? "attributed by --campaign" : nil)
        }
        let actor = global.actorName
        let result = try global.withRepository { try $0.addFigures(drafts, actor: actor, skipDuplicates: true, action: "figure.extract", subject: url) }
        print("recorded \(result.inserted.count) extracted figure\(result.inserted.count == 1 ? "" : "s") awaiting review\(result.duplicates > 0 ? " (\(result.duplicates) already recorded)" : "")"
              + (skipped > 0 ? "; \(skipped) not attributed to a campaign, skipped" : ""))
        if !result.inserted.isEmpty { print("review them with `petitions figure review`") }
    }
}

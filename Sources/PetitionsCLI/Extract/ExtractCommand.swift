import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsExtraction
import PetitionsOptions
import PetitionsStore

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
            --campaign, figures are attributed to the tracked campaign (any of them, as the worker does) \
            whose title or alias their sentence (or paragraph) names. Needs no database unless --campaign \
            or --record is given.

            With --record --outlet SLUG --url URL [--published TIME], the figures are stored as \
            `extracted` figures awaiting review (see `petitions figure review`); they count only once \
            accepted. A figure attributed to no campaign is recorded for the --campaign when exactly one \
            is given, and skipped otherwise; one whose sentence names another tracked campaign is not \
            recorded under the given one (the command says so). Recording the same article twice adds nothing.

            Examples:
              petitions extract article.txt
              curl -s https://example.org/story | petitions extract --html --format table -
              petitions extract --lang it --campaign statement-on-ai-training articolo.txt
              petitions extract --campaign my-petition --record --outlet the-paper \\
                  --url https://paper.example/story --published 2025-03-02T08:00Z \\
                  story.txt
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
        let handle: FileHandle
        if file == "-" {
            handle = .standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: file) else { throw CommandFailure("cannot read \(file): no such file, or no permission") }
            handle = opened
        }
        var names: [CampaignNames] = []
        if !campaign.isEmpty {
            let slugs = campaign
            // Every tracked campaign's title and aliases, as the feed worker reads them: a sentence that
            // names another tracked campaign is that campaign's, whatever --campaign says.
            names = try global.withRepository { repository in
                for slug in slugs where try repository.campaigns.find(slug) == nil { throw try repository.campaigns.unknown(slug) }
                return try repository.campaigns.names().map { CampaignNames(slug: $0.slug, names: $0.names) }
            }
        }
        let extractor = Extractor(campaigns: names)
        var figures: [ExtractedFigure] = []
        var output = ""
        func emit(_ found: [ExtractedFigure]) {
            guard format == .jsonl && !record else { figures += found; return }
            for figure in found {
                output += Self.jsonLine(figure)
                if output.utf8.count > 1 << 16 { FileHandle.standardOutput.write(Data(output.utf8)); output = "" }
            }
        }
        if html {
            // A page is read whole: tags may span any boundary.
            let page = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
            emit(extractor.extract(HTMLText.text(page), language: language))
        } else {
            // Text streams in blocks of paragraphs, so memory stays flat however long the input; without
            // --lang each paragraph's language is detected (a stream may mix languages).
            var blocks = ParagraphStream(handle: handle)
            var offset = 0
            while let block = try blocks.next() {
                let (found, length) = extractor.extractBlock(block, language: language, offset: offset)
                emit(found)
                offset += length
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if record {
            try recordFigures(figures)
            return
        }
        switch format {
        case .jsonl:
            break  // written as found
        case .table:
            let rows = figures.map { figure -> [String] in
                [
                    figure.qualifier.phrase(value: figure.value, high: figure.high), figure.metric.words, figure.language.rawValue, figure.campaign ?? "-",
                    "\(figure.start)–\(figure.end)", String(figure.quote.prefix(70)),
                ]
            }
            if rows.isEmpty {
                print("no figures found")
            } else {
                print(TextTable.render(header: ["figure", "metric", "lang", "campaign", "at", "sentence"], rows: rows))
            }
        }
    }

    /// Stores the figures as extracted ones awaiting review, in one transaction.
    func recordFigures(_ figures: [ExtractedFigure]) throws {
        let published = try Parse.time(published, option: "--published")
        let provenance = ExtractedFigures.Provenance(
            outlet: outlet!, asOf: published ?? Date(), published: published, url: url,
            fallbackCampaign: campaign.count == 1 ? campaign[0] : nil, fallbackNote: "attributed by --campaign")
        // A figure whose sentence (or paragraph) names another tracked campaign is not filed under
        // the one given: say so instead.
        let given = Set(campaign)
        let elsewhere = figures.filter { $0.campaign.map { !given.contains($0) } ?? false }
        let (drafts, skipped) = ExtractedFigures.drafts(figures.filter { $0.campaign.map(given.contains) ?? true }, provenance)
        let actor = global.actorName
        let result = try global.withRepository { try $0.figures.add(drafts, actor: actor, skipDuplicates: true, action: "figure.extract", subject: url) }
        print(
            "recorded \(result.inserted.count) extracted figure\(result.inserted.count == 1 ? "" : "s") awaiting review\(result.duplicates > 0 ? " (\(result.duplicates) already recorded)" : "")"
                + (skipped > 0 ? "; \(skipped) not attributed to a campaign, skipped" : ""))
        if !elsewhere.isEmpty {
            let named = Set(elsewhere.compactMap(\.campaign)).sorted().joined(separator: ", ")
            print(
                "\(elsewhere.count) figure\(elsewhere.count == 1 ? "" : "s") not recorded: \(elsewhere.count == 1 ? "its sentence names" : "their sentences name") another tracked campaign (\(named)); add it with --campaign to record \(elsewhere.count == 1 ? "it" : "them") there"
            )
        }
        if !result.inserted.isEmpty { print("review them with `petitions figure review`") }
    }

    /// One figure as a JSON object on one line, keys sorted (written by hand: JSONSerialization
    /// took most of the time on long documents).
    static func jsonLine(_ figure: ExtractedFigure) -> String {
        var line = "{\"campaign\":" + (figure.campaign.map(jsonString) ?? "null")
        line += ",\"end\":\(figure.end)"
        if let high = figure.high { line += ",\"high\":\(high)" }
        line += ",\"language\":\"\(figure.language.rawValue)\",\"metric\":\"\(figure.metric.rawValue)\",\"qualifier\":\"\(figure.qualifier.rawValue)\""
        line += ",\"quote\":" + jsonString(figure.quote) + ",\"start\":\(figure.start),\"value\":\(figure.value)}\n"
        return line
    }

    static func jsonString(_ text: String) -> String { JSONTextWriter.quoted(text) }
}

/// Text read in blocks that end at a paragraph break (a blank line), else at a line break, else at
/// 1 MB: whole sentences for the extractor, constant memory for the reader. The first block is at
/// least 64 KB when the input is, for language detection.
struct ParagraphStream {
    let handle: FileHandle
    var pending: [UInt8] = []
    var finished = false

    init(handle: FileHandle) { self.handle = handle }

    mutating func next() throws -> String? {
        while true {
            if pending.count >= 1 << 16 || (finished && !pending.isEmpty) {
                let cut = finished && pending.count < 1 << 16 ? pending.count : Self.cut(pending)
                let block = String(decoding: pending[..<cut], as: UTF8.self)
                pending.removeSubrange(..<cut)
                return block
            }
            if finished { return nil }
            if let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty { pending += chunk } else { finished = true }
        }
    }

    /// Where to end a block: after the last blank line, else the last line break, else at a
    /// character boundary near the end.
    static func cut(_ bytes: [UInt8]) -> Int {
        var index = bytes.count - 1
        while index > 0 {
            if bytes[index] == 0x0A && bytes[index - 1] == 0x0A { return index + 1 }
            index -= 1
        }
        if let newline = bytes.lastIndex(of: 0x0A), newline > 0 { return newline + 1 }
        var end = bytes.count
        while end > 0 && bytes[end - 1] & 0xC0 == 0x80 { end -= 1 }  // not inside a UTF-8 sequence
        return max(1, end - 1)
    }
}

import Foundation
import PetitionsDomain

/// A figure found in text.
public struct ExtractedFigure: Sendable, Hashable {
    /// For a range, the low end.
    public var value: Int
    public var high: Int?
    public var qualifier: Qualifier
    public var metric: Metric
    public var language: Language
    /// The tracked campaign named in the sentence or paragraph, if exactly one is.
    public var campaign: String?
    /// The sentence.
    public var quote: String
    /// Offsets of the matched phrase (qualifier, number, scale), in Unicode code points.
    public var start: Int
    public var end: Int
}

/// A tracked campaign and the names it goes by.
public struct CampaignNames: Sendable {
    public var slug: String
    public var names: [String]
    public init(slug: String, names: [String]) {
        self.slug = slug
        self.names = names
    }
}

/// Finds reported figures in article text: numbers with what they count and how they hedge,
/// in the languages of `Language`, and stays silent on every other number (money, percentages,
/// durations, dates, years, counts of things). Rules and word lists, no model: every decision can
/// be traced to a table entry in `Lexicons`.
public struct Extractor: Sendable {
    public var campaigns: [CampaignNames]

    public init(campaigns: [CampaignNames] = []) {
        self.campaigns = campaigns
    }

    /// Extracts from one document. Language: `language`, else detected.
    public func extract(_ text: String, language: Language? = nil) -> [ExtractedFigure] {
        let document = Document(text)
        let language = language ?? LanguageDetector.detect(document)
        let lexicon = Lexicons.lexicon(language)
        var figures: [ExtractedFigure] = []
        for sentence in document.sentences() {
            figures += extract(sentence: sentence, in: document, lexicon: lexicon)
        }
        return figures
    }

    func extract(sentence: Range<Int>, in document: Document, lexicon: Lexicon) -> [ExtractedFigure] {
        let numbers = Numerals.scan(document, in: sentence, lexicon: lexicon)
        guard !numbers.isEmpty else { return [] }
        let sentenceText = document.lowerString(sentence)
        let quote = document.string(sentence).trimmingCharacters(in: .whitespacesAndNewlines)
        let cjk = lexicon.language == .ja || lexicon.language == .zh
        var results: [ExtractedFigure] = []
        var skipNext = false
        for (index, number) in numbers.enumerated() {
            if skipNext { skipNext = false; continue }
            let previousEnd = index > 0 ? numbers[index - 1].end : sentence.lowerBound
            let nextStart = index + 1 < numbers.count ? numbers[index + 1].start : sentence.upperBound
            let before = Context.before(document, from: previousEnd, to: number.start, limit: 48)
            let after = Context.after(document, from: number.end, to: nextStart, limit: 48)
            let farAfter = Context.after(document, from: number.end, to: sentence.upperBound, limit: 64)

            // Silence: things that are not counts of people.
            if number.attachedLetters && !cjk { continue }
            if Context.matchesSuffix(before, lexicon.silencersBefore, cjk: cjk) { continue }
            if Context.matchesPrefix(after, lexicon.silencersAfter + lexicon.silencersBefore, cjk: cjk) { continue }
            if after.hasPrefix("%") || after.hasPrefix("％") || before.hasSuffix("%") { continue }
            if number.value == 0 { continue }
            if number.isFraction { continue }

            // Qualifier before, after, or a range with the next number.
            var qualifier = Qualifier.exact
            var start = number.start
            var end = number.end
            var high: Int?
            if index + 1 < numbers.count, let range = Context.range(before: before, between: Context.after(document, from: number.end, to: numbers[index + 1].start, limit: 16),
                                                                     words: lexicon.rangeWords, cjk: cjk), numbers[index + 1].value > number.value {
                qualifier = .range
                high = numbers[index + 1].value
                start -= range
                end = numbers[index + 1].end
                skipNext = true
            } else if let (length, found) = Context.longestSuffix(before, lexicon.qualifiersBefore, cjk: cjk) {
                qualifier = found
                start -= length
            }
            if qualifier == .exact, let (length, found) = Context.longestPrefix(after, lexicon.qualifiersAfter, cjk: cjk) {
                qualifier = found
                end += length
            }

            // A bare four-digit number from 1900 to 2100 is a year, unless hedged ("more than 2000") or
            // followed by who signed ("2000 people").
            if number.looksLikeYear && qualifier == .exact && high == nil
                && !Context.matchesPrefix(after, lexicon.signatureCues + Lexicons.people(lexicon.language), cjk: cjk) { continue }

            // What it counts.
            let afterRange = skipNext ? Context.after(document, from: end, to: sentence.upperBound, limit: 48) : after
            guard let metric = Self.metric(before: before, after: afterRange, farAfter: farAfter, sentence: sentenceText, lexicon: lexicon, cjk: cjk) else { continue }
            results.append(ExtractedFigure(
                value: number.value, high: high, qualifier: qualifier, metric: metric, language: lexicon.language,
                campaign: campaign(sentence: sentenceText, paragraph: document.lowerString(document.paragraph(around: sentence))),
                quote: quote, start: start, end: end))
        }
        return results
    }

    static func metric(before: String, after: String, farAfter: String, sentence: String, lexicon: Lexicon, cjk: Bool) -> Metric? {
        let near = before.suffix(40)
        if Context.contains(String(near), lexicon.goalCues, cjk: cjk) || Context.matchesPrefix(after, lexicon.goalCues, cjk: cjk) { return .goal }
        let nextWords = cjk ? String(after.prefix(12)) : after.split(separator: " ").prefix(3).joined(separator: " ")
        // "... 50.000 Unterschriften nötig", "1万筆の署名が必要".
        if Context.contains(nextWords, lexicon.goalCues, cjk: cjk) { return .goal }
        if Context.matchesSuffix(String(before.suffix(32)), lexicon.authorCuesBefore, cjk: cjk, allowTrailing: true) { return .authors }
        let signedBy = Context.matchesSuffix(String(before.suffix(32)), Lexicons.signedBy(lexicon.language), cjk: cjk, allowTrailing: true)
        // "16 artists wrote ...": the cue within the next three words (not "13,500 artists, including the writer ...").
        if !signedBy && Context.contains(nextWords, lexicon.authorCuesAfter, cjk: cjk) { return .authors }
        if Context.contains(String(before.suffix(24)), lexicon.verifiedCues, cjk: cjk) || Context.contains(String(farAfter.prefix(48)), lexicon.verifiedCues, cjk: cjk) {
            return .verifiedSignatures
        }
        if Context.contains(sentence, lexicon.signatureCues, cjk: cjk) { return .signatures }
        return nil
    }

    func campaign(sentence: String, paragraph: String) -> String? {
        func named(_ text: String) -> [String] {
            campaigns.filter { campaign in campaign.names.contains { !$0.isEmpty && text.contains($0.lowercased()) } }.map(\.slug)
        }
        let inSentence = named(sentence)
        if inSentence.count == 1 { return inSentence[0] }
        if inSentence.count > 1 { return nil }
        let inParagraph = named(paragraph)
        return inParagraph.count == 1 ? inParagraph[0] : nil
    }
}

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
        extract(text, language: language, offset: 0)
    }

    /// Extracts from one block of a longer document whose earlier blocks held `offset` code points.
    public func extract(_ text: String, language: Language?, offset: Int) -> [ExtractedFigure] {
        extractBlock(text, language: language, offset: offset).figures
    }

    /// As `extract`, also returning the block's length in code points (the next block's offset).
    public func extractBlock(_ text: String, language: Language?, offset: Int) -> (figures: [ExtractedFigure], length: Int) {
        let document = Document(text)
        let sentences = document.sentences()
        // One language for the text, or, when detecting, one per paragraph where the paragraph says
        // so clearly (a feed or a stream may mix articles in several languages).
        var overall = language
        var figures: [ExtractedFigure] = []
        var paragraph: Range<Int>?
        var paragraphLanguage = language ?? .en
        var lexicon = CompiledLexicon.all[paragraphLanguage]!
        var matcher = Matcher(text: document.folded, cjk: lexicon.cjk)
        for sentence in sentences {
            if language == nil, paragraph == nil || !paragraph!.contains(sentence.lowerBound) {
                paragraph = document.paragraph(around: sentence)
                if let clear = LanguageDetector.detect(document, in: paragraph!) {
                    paragraphLanguage = clear
                } else {
                    if overall == nil { overall = LanguageDetector.detect(document) }
                    paragraphLanguage = overall!
                }
                if paragraphLanguage != lexicon.lexicon.language {
                    lexicon = CompiledLexicon.all[paragraphLanguage]!
                    matcher = Matcher(text: document.folded, cjk: lexicon.cjk)
                }
            }
            figures += extract(sentence: sentence, in: document, lexicon: lexicon, matcher: matcher, offset: offset)
        }
        return (figures, document.count)
    }

    func extract(sentence: Range<Int>, in document: Document, lexicon: CompiledLexicon, matcher m: Matcher, offset: Int) -> [ExtractedFigure] {
        let numbers = Numerals.scan(document, in: sentence, lexicon: lexicon)
        guard !numbers.isEmpty else { return [] }
        let text = document.folded
        let cjk = lexicon.cjk
        var signatureCue: Bool?
        var results: [ExtractedFigure] = []
        var skipNext = false
        // Progress lines: "12,345 / 15,000 signatures", "6,120 of 7,500": the second is the goal.
        var progressGoal: Int?
        var quote: String?
        // A sentence that counts petitions ("Of the 3,400 petitions opened, 57 reached a debate")
        // counts petitions in its other numbers too, unless signers are named right after one.
        let countsPetitions = numbers.contains { isPetitionCount($0, sentence: sentence, lexicon: lexicon, matcher: m) }
        // A sentence that states a rule ("if a petition gets 10,000 signatures, the government
        // responds"): where its condition starts; counts after it are thresholds. Found once.
        var grantsCache: Bool?
        func grants() -> Bool {
            if grantsCache == nil {
                grantsCache =
                    lexicon.ruleConsequencesByFirst.map { m.containsAny(byFirst: $0, in: sentence) } ?? m.containsAny(lexicon.ruleConsequences, in: sentence)
            }
            return grantsCache!
        }
        var ruleFrom: Int??
        func ruleStart() -> Int? {
            if ruleFrom == nil { ruleFrom = .some(grants() ? ruleMarker(in: sentence, lexicon: lexicon, matcher: m) : nil) }
            return ruleFrom!
        }
        // Cues before a number stop at the number before it, unless that one was a duration or a
        // unit ("寻求在30天收集10万", "em 24 horas, 1 milhão"): then they reach past it.
        var floorBase = sentence.lowerBound
        var previousWasUnit = false
        for (index, number) in numbers.enumerated() {
            if index > 0 && !previousWasUnit { floorBase = numbers[index - 1].end }
            previousWasUnit = false
            if skipNext { skipNext = false; continue }
            let floor = max(floorBase, number.start - 48)
            let nextStart = index + 1 < numbers.count ? numbers[index + 1].start : sentence.upperBound
            let ceiling = min(nextStart, number.end + 48)

            // Silence: things that are not counts of people.
            if number.attachedLetters && !cjk { continue }
            if m.longestEnding(lexicon.silencersBefore, before: number.start, floor: floor) != nil { continue }
            if m.startsWithAny(lexicon.silencersAfter, after: number.end, ceiling: ceiling)
                && !isTimesSigned(number, floor: floor, ceiling: ceiling, lexicon: lexicon, matcher: m)
            {
                previousWasUnit = true
                continue
            }
            // "2 milioni di visualizzazioni", "3 de marzo"; but "3,500 in June" is no date.
            if !cjk, let preposition = m.shortWord(after: number.end, ceiling: ceiling),
                m.startsWithAny(lexicon.unitsAfter, after: preposition, ceiling: ceiling)
                    || (number.value <= 31 && m.startsWithAny(lexicon.silencersBefore, after: preposition, ceiling: ceiling))
            {
                continue
            }
            let following = m.skipSpaces(number.end, ceiling: sentence.upperBound)
            if following < sentence.upperBound, text[following] == "%" || text[following] == "％" { continue }
            if number.value == 0 || number.isFraction || number.leadingZero { continue }
            // Addresses and identifiers: ".../petitions/700143", "?id=88412", "#12", "2024/118";
            // "Petition 700143". ("12,345/15,000" is a progress line: grouped digits before the slash.)
            if Extractor.isIdentifier(number, in: text, floor: sentence.lowerBound) { continue }
            if !cjk, number.end - number.start >= 4, !(text[number.start..<number.end].contains { !Document.isDigit($0) }),
                m.longestEnding(lexicon.petitionWords, before: number.start, floor: floor) != nil
            {
                continue
            }
            // Ordinals: "am 14. Februar", "zum 2. Mal"; "1°", "1º", "3ª", "1.º", "3.ª" (and degrees).
            if following < sentence.upperBound, text[following] == ".", Document.germanOrdinal(endingAt: following, in: text) { continue }
            if following < sentence.upperBound,
                ["°", "º", "ª"].contains(text[following])
                    || (text[following] == "." && following + 1 < sentence.upperBound && ["º", "ª"].contains(text[following + 1]))
            {
                continue
            }
            // Times (10:30), ages and units stuck on with a hyphen (25-year-old, 10-second), and the
            // chunks of phone numbers (a number right after another, a space apart).
            if following < sentence.upperBound, text[following] == ":" || text[following] == "-",
                following + 1 < sentence.upperBound, Document.isDigit(text[following + 1]) && text[following] == ":" || Document.isLetter(text[following + 1])
            {
                continue
            }
            if number.start >= 2, text[number.start - 1] == ":", Document.isDigit(text[number.start - 2]) { continue }
            // A label before a colon ("Friday, 9: 2 million ..."), and a year after a day ("October 19, 2020").
            if following < sentence.upperBound, text[following] == ":" {
                let afterColon = m.skipSpaces(following + 1, ceiling: sentence.upperBound)
                if afterColon < sentence.upperBound, Document.isDigit(text[afterColon]) { continue }
            }
            if number.looksLikeYear, index > 0, numbers[index - 1].value <= 31, number.start - numbers[index - 1].end <= 2,
                text[numbers[index - 1].end] == ","
            {
                continue
            }
            // Dates written with slashes or dots ("(14/8/2021)", "22/12", "13.8.2021"), names with a
            // number ("Covid-19", "Boeing-737"), and list markers ("1)" at the start of a line).
            if Extractor.isDayAndMonth(number, in: text, ceiling: sentence.upperBound) { continue }
            // Footnote markers: "[3]", "[12]".
            if number.start > sentence.lowerBound, text[number.start - 1] == "[", following < sentence.upperBound, text[following] == "]" { continue }
            if number.start >= 2, text[number.start - 1] == "-", Document.isLetter(text[number.start - 2]) || Document.isDigit(text[number.start - 2]) {
                continue  // "Covid-19"; "2024-118" after its first part was silenced
            }
            if following < sentence.upperBound, text[following] == ")", m.skipSpaces(sentence.lowerBound, ceiling: number.start) == number.start { continue }
            if index > 0, numbers[index - 1].end == number.start - 1, text[number.start - 1] == " ",
                numbers[index - 1].leadingZero || numbers[index - 1].phoneLike
            {
                continue
            }
            // Ratios: "one in three", "1 in 3", "3人に1人": neither number is a count.
            if number.value <= 10, index + 1 < numbers.count, Extractor.isRatio(text, from: number.end, to: numbers[index + 1].start) {
                skipNext = true; continue
            }

            // Qualifier before, after, or a range with the next number.
            var qualifier = Qualifier.exact
            var start = number.start
            var end = number.end
            var high: Int?
            if index + 1 < numbers.count, numbers[index + 1].value > number.value, numbers[index + 1].start - number.end <= 16,
                let rangeStart = rangeStart(number, next: numbers[index + 1], floor: floor, lexicon: lexicon, matcher: m)
            {
                qualifier = .range
                high = numbers[index + 1].value
                start = rangeStart
                end = numbers[index + 1].end
                skipNext = true
                // "between 2005 and 2010" spans years; "ten to 15 per minute" is a rate.
                if number.looksLikeYear && numbers[index + 1].looksLikeYear { continue }
                if m.startsWithAny(lexicon.silencersAfter, after: end, ceiling: min(sentence.upperBound, end + 48)) { continue }
            } else if let (found, value) = Extractor.symbolQualifier(text, before: number.start, floor: floor) {
                // Tables and headlines: ">1,000 names", "~250 signers", "≥ 500".
                qualifier = value
                start = found
            } else if let (found, value) = m.longestEnding(lexicon.qualifiersBefore, before: number.start, floor: floor) {
                qualifier = value
                start = found
            } else if !cjk, let (found, value) = qualifierAcrossFillers(before: number.start, floor: floor, lexicon: lexicon, matcher: m) {
                qualifier = value
                start = found
            }
            if qualifier == .exact {
                var from = number.end
                if cjk, from < sentence.upperBound, Context.counters.contains(Character(text[from])) { from += 1 }
                if let (found, value) = m.longestStarting(lexicon.qualifiersAfter, after: from, ceiling: min(nextStart, from + 16)) {
                    qualifier = value
                    end = found
                } else if !cjk, m.startsWithAny(lexicon.countNouns, after: from, ceiling: min(nextStart, from + 24)) {
                    // After the noun: "10,000 signatures or more".
                    let noun = m.endOfWords(1, after: from, ceiling: nextStart)
                    if let (found, value) = m.longestStarting(lexicon.qualifiersAfter, after: noun, ceiling: min(nextStart, noun + 16)), value != .over {
                        qualifier = value
                        end = found
                    }
                }
            }
            let afterCeiling = min(skipNext ? sentence.upperBound : nextStart, end + 48)

            // Ages: "is under 30." (a small hedged number that ends the sentence, with no noun after it).
            if number.value <= 120, qualifier == .under || qualifier == .over || qualifier == .almost,
                m.skipSpaces(end, ceiling: sentence.upperBound) >= sentence.upperBound
                    || [".", "!", "?", "。"].contains(text[m.skipSpaces(end, ceiling: sentence.upperBound)])
            {
                continue
            }
            // A bare four-digit number from 1900 to 2099 is a year, unless hedged ("more than 2000") or
            // followed by who signed ("2000 people").
            // (Chinese and Japanese write years with 年, which silences them anyway.)
            if !cjk && number.looksLikeYear && qualifier == .exact && high == nil
                && !m.startsWithAny(lexicon.signatureOrPeople, after: end, ceiling: afterCeiling)
            {
                continue
            }

            if countsPetitions && !m.startsWithAny(lexicon.signatureOrPeople, after: end, ceiling: afterCeiling) { continue }

            if index > 0, isWholeOfShare(numbers[index - 1], number, lexicon: lexicon, matcher: m) { continue }
            if index + 1 < numbers.count, progressGoal != index, isProgress(number, numbers[index + 1], lexicon: lexicon, matcher: m) {
                progressGoal = index + 1
            }

            // What it counts.
            guard
                var metric = progressGoal == index
                    ? .goal
                    : metric(
                        start: start, end: end, numberEnd: number.end, floor: floor, afterCeiling: afterCeiling,
                        nextNumber: skipNext ? (index + 2 < numbers.count ? numbers[index + 2].start : sentence.upperBound) : nextStart,
                        sentence: sentence, lexicon: lexicon, matcher: m,
                        signatureCue: &signatureCue)
            else { continue }
            // The counts a rule sentence names after its condition are thresholds.
            // (Japanese states the condition after the count: "5千筆を超えれば回答する".)
            if metric == .signatures, let from = ruleStart(), lexicon.lexicon.language == .ja ? from > number.start : from < number.start {
                metric = .goal
            }
            // "Petitions with 10,000 signatures or more are debated": a floor in a sentence that says
            // what reaching it grants is a threshold too.
            if metric == .signatures, qualifier == .atLeast, grants() { metric = .goal }
            // A number past the bound on counts is no count (and never reaches the store).
            guard number.value <= Validate.Limit.count, (high ?? 0) <= Validate.Limit.count else { continue }
            // The sentence without the spaces around it, built once for all its figures.
            if quote == nil { quote = document.string(Document.trimmed(sentence, in: document.scalars)) }
            results.append(
                ExtractedFigure(
                    value: number.value, high: high, qualifier: qualifier, metric: metric, language: lexicon.lexicon.language,
                    campaign: campaigns.isEmpty
                        ? nil : campaign(sentence: document.lowerString(sentence), paragraph: document.lowerString(document.paragraph(around: sentence))),
                    quote: quote!, start: offset + start, end: offset + end))
        }
        return results
    }

    /// "signed more than 100,000 times", "31.000 Mal mitgezeichnet", "firmada más de 20.000 veces":
    /// times of signing, a count of signatures (a verb of signing within three words before the
    /// number, or right after the times word).
    func isTimesSigned(_ number: NumberMatch, floor: Int, ceiling: Int, lexicon: CompiledLexicon, matcher m: Matcher) -> Bool {
        let first = m.skipSpaces(number.end, ceiling: ceiling)
        guard let times = lexicon.timesWords.lazy.compactMap({ m.end(of: $0, startingAt: first, ceiling: ceiling) }).first,
            times == ceiling || !m.isWord(times) || lexicon.cjk
        else { return false }
        let before = m.startOfWords(3, before: number.start, floor: floor)
        if m.containsAny(lexicon.signingVerbs, in: before..<number.start) { return true }
        return m.containsAny(lexicon.signingVerbs, in: times..<m.endOfWords(1, after: times, ceiling: ceiling))
    }

    /// Whether the figure starting at `start` follows a short label and a colon at the start of its
    /// line ("North: 12,400", "Euthanasia: 1,222,000", "UPDATE: over 8,600"), and nothing but spaces
    /// or a bracket comes after the figure's words on that line.
    func isLabelledLine(start: Int, sentence: Range<Int>, matcher m: Matcher) -> Bool {
        let text = m.text
        var colon = start
        while colon > sentence.lowerBound, text[colon - 1] == " " { colon -= 1 }
        guard colon > sentence.lowerBound, text[colon - 1] == ":" || text[colon - 1] == "：" else { return false }
        var lineStart = colon - 1
        var words = 1
        while lineStart > 0, text[lineStart - 1] != "\n" {
            lineStart -= 1
            if text[lineStart] == " " { words += 1 }
            if colon - lineStart > 40 || words > 4 || [".", "!", "?", ":", "。"].contains(text[lineStart]) { return false }
        }
        guard lineStart < colon - 1 else { return false }
        // One such line alone may be anything ("Population: 120,000"); a list has a neighbour
        // line of the same shape.
        func labelledNumber(_ line: Range<Int>) -> Bool {
            guard let colon = line.first(where: { text[$0] == ":" || text[$0] == "：" }), colon - line.lowerBound <= 40 else { return false }
            var position = colon + 1
            while position < line.upperBound, text[position] == " " || Document.isLetter(text[position]) { position += 1 }
            return position < line.upperBound && Document.isDigit(text[position]) && position - colon <= 24
        }
        if lineStart >= 2 {
            var previous = lineStart - 1
            while previous > 0, text[previous - 1] != "\n" { previous -= 1 }
            if labelledNumber(previous..<(lineStart - 1)) { return true }
        }
        var lineEnd = start
        while lineEnd < text.count, text[lineEnd] != "\n" { lineEnd += 1 }
        guard lineEnd + 1 < text.count else { return false }
        var nextEnd = lineEnd + 1
        while nextEnd < text.count, text[nextEnd] != "\n", nextEnd - lineEnd < 200 { nextEnd += 1 }
        return labelledNumber((lineEnd + 1)..<nextEnd)
    }

    /// Where a rule's condition starts in `sentence`: the earliest marker anywhere, or a marker
    /// that must open the sentence (a German verb-first condition, "Wird eine Petition …").
    func ruleMarker(in sentence: Range<Int>, lexicon: CompiledLexicon, matcher m: Matcher) -> Int? {
        // At the start of the sentence, or of what follows a colon ("Das bedeutet: Wird eine …").
        var openings = [m.skipSpaces(sentence.lowerBound, ceiling: sentence.upperBound)]
        if let colon = m.firstIndex(of: [":"], in: sentence) { openings.append(m.skipSpaces(colon + 1, ceiling: sentence.upperBound)) }
        for opening in openings where lexicon.openingRuleMarkers.contains(where: { m.end(of: $0, startingAt: opening, ceiling: sentence.upperBound) != nil }) {
            return opening
        }
        return m.firstStart(of: lexicon.ruleMarkers, in: sentence, wholeWords: true)
    }

    /// A day and a month: a number up to 31, then "/" or "." and one or two digits up to 12, then
    /// the same separator again or the end of the figure ("14/8/2021", "(22/12)", "13.8.2021").
    static func isDayAndMonth(_ number: NumberMatch, in text: [Unicode.Scalar], ceiling: Int) -> Bool {
        guard number.value >= 1, number.value <= 31, number.end - number.start <= 2, number.end + 1 < ceiling else { return false }
        let separator = text[number.end]
        guard separator == "/" || separator == "." else { return false }
        let (month, digits, position) = Numerals.digitRun(text, from: number.end + 1, limit: ceiling, maxDigits: 3)
        guard (1...2).contains(digits), (1...12).contains(month) else { return false }
        if position < ceiling, text[position] == separator {
            return position + 1 < ceiling && Document.isDigit(text[position + 1])
        }
        // "22/12" alone: a date when it stands in brackets or ends there; "12.5" is a decimal.
        return separator == "/" && (position >= ceiling || [")", "]", " ", ",", "）"].contains(text[position]))
            && number.start > 0 && ["(", "[", "（", " "].contains(text[number.start - 1])
    }

    /// A number stuck to what comes before it in an address or an identifier.
    static func isIdentifier(_ number: NumberMatch, in text: [Unicode.Scalar], floor: Int) -> Bool {
        guard number.start > floor else { return false }
        let before = text[number.start - 1]
        if ["=", "#", "_", "?", "&", "@", "\\"].contains(before) { return true }
        guard before == "/" else { return false }
        // After a slash: an address or a date unless grouped digits come before it ("12,345/15,000").
        var position = number.start - 1
        var grouped = false, digits = 0
        while position > floor, Document.isDigit(text[position - 1]) || [",", ".", "'", " ", "\u{A0}", "\u{202F}"].contains(text[position - 1]) {
            if Document.isDigit(text[position - 1]) { digits += 1 } else if digits > 0 && text[position - 1] != " " { grouped = true }
            if text[position - 1] == " " { break }
            position -= 1
        }
        return !(grouped && digits > 0)
    }

    /// Whether `count` and `goal` form a progress line: the goal larger, and between them only a
    /// connector ("/", "of", "sur", "von"), after an optional signature word.
    func isProgress(_ count: NumberMatch, _ goal: NumberMatch, lexicon: CompiledLexicon, matcher m: Matcher) -> Bool {
        guard goal.value > count.value, count.value >= 10, !count.looksLikeYear, goal.start - count.end <= 32 else { return false }
        var position = m.skipSpaces(count.end, ceiling: goal.start)
        for cue in lexicon.signatureCues {
            if let after = m.end(of: cue, startingAt: position, ceiling: goal.start) {
                position = m.skipSpaces(after, ceiling: goal.start)
                break
            }
        }
        guard let connector = connector(from: position, to: goal.start, lexicon: lexicon, matcher: m) else { return false }
        // "12 of 40 members signed": a share of a group, not a goal (a slash is always a progress line).
        return Extractor.isSlash(connector) || !isGroup(goal, lexicon: lexicon, matcher: m)
    }

    /// Field and clause separators that end a number's words.
    static let clauseSeparators: Set<Unicode.Scalar> = ["|", "•", "·", ";", "｜", ",", "，", "、", "；"]
    /// What ends the reach of a members phrase ("26 members of Congress signed", not across a comma).
    static let clauseBreaks: Set<Unicode.Scalar> = [",", ";", ":", "(", "，", "、"]

    static func isSlash(_ connector: Phrase) -> Bool { connector.scalars == ["/"] || connector.scalars == ["／"] }

    /// The progress connector that fills `position..<end` (spaces aside), if one does.
    func connector(from position: Int, to end: Int, lexicon: CompiledLexicon, matcher m: Matcher) -> Phrase? {
        lexicon.progressConnectors.first { connector in
            guard let after = m.end(of: connector, startingAt: position, ceiling: end) else { return false }
            return m.skipSpaces(after, ceiling: end) == end
        }
    }

    /// A number followed by people or members: a group ("40 members").
    func isGroup(_ number: NumberMatch, lexicon: CompiledLexicon, matcher m: Matcher) -> Bool {
        m.startsWithAny(lexicon.peopleNouns, after: number.end, ceiling: min(m.text.count, number.end + 24))
    }

    /// "12 of 40 members signed": the second number is the group the first is a part of.
    func isWholeOfShare(_ part: NumberMatch, _ whole: NumberMatch, lexicon: CompiledLexicon, matcher m: Matcher) -> Bool {
        guard whole.value > part.value, !part.looksLikeYear, whole.start - part.end <= 16, isGroup(whole, lexicon: lexicon, matcher: m),
            let connector = connector(from: m.skipSpaces(part.end, ceiling: whole.start), to: whole.start, lexicon: lexicon, matcher: m)
        else { return false }
        return !Extractor.isSlash(connector)
    }

    /// Whether `number` counts petitions: "3,400 petitions", "4.100 eingereichten Petitionen",
    /// "1200件の請願".
    func isPetitionCount(_ number: NumberMatch, sentence: Range<Int>, lexicon: CompiledLexicon, matcher m: Matcher) -> Bool {
        let ceiling = min(sentence.upperBound, number.end + 40)
        if m.startsWithAny(lexicon.petitionNouns, after: number.end, ceiling: ceiling) { return true }
        guard lexicon.adjectiveBeforeNoun, !lexicon.cjk, !m.startsWithAny(lexicon.signatureOrPeople, after: number.end, ceiling: ceiling) else { return false }
        let adjective = m.endOfWords(1, after: number.end, ceiling: ceiling)
        return adjective < ceiling && m.startsWithAny(lexicon.petitionNouns, after: adjective, ceiling: ceiling)
    }

    /// A qualifier written as a symbol right before the number (a space allowed): ">", "≥", "<",
    /// "≤", "~", "≈". Not after a digit or letter ("3>2", "a<b" are not hedges).
    static func symbolQualifier(_ text: [Unicode.Scalar], before start: Int, floor: Int) -> (Int, Qualifier)? {
        var position = start
        if position > floor, text[position - 1] == " " { position -= 1 }
        guard position > floor else { return nil }
        let qualifier: Qualifier
        switch text[position - 1] {
        case ">": qualifier = .over
        case "≥", "⩾": qualifier = .atLeast
        case "<": qualifier = .under
        case "≤", "⩽": qualifier = .upTo
        case "~", "≈", "∼": qualifier = .about
        default: return nil
        }
        if position - 1 > floor, Document.isDigit(text[position - 2]) || Document.isLetter(text[position - 2]) { return nil }
        return (position - 1, qualifier)
    }

    /// A qualifier with up to two filler words (articles, adverbs) between it and the number.
    func qualifierAcrossFillers(before position: Int, floor: Int, lexicon: CompiledLexicon, matcher m: Matcher) -> (Int, Qualifier)? {
        var cursor = position
        for _ in 0..<2 {
            guard let filler = m.longestEnding(Matcher.fillers, before: cursor, floor: floor) else { return nil }
            cursor = filler
            if let (found, value) = m.longestEnding(lexicon.qualifiersBefore, before: cursor, floor: floor), value != .exact { return (found, value) }
        }
        return nil
    }

    static let ratioConnectors: Set<String> = ["in", "su", "sur", "de cada", "dari", "人に", "に", "out of"]

    static func isRatio(_ text: [Unicode.Scalar], from: Int, to: Int) -> Bool {
        guard to > from, to - from <= 10 else { return false }
        return ratioConnectors.contains(Document.string(text[Document.trimmed(from..<to, in: text)]))
    }

    /// "between 5,000 and 6,000", "5000〜6000", "5,000-6,000": where the range phrase starts.
    func rangeStart(_ number: NumberMatch, next: NumberMatch, floor: Int, lexicon: CompiledLexicon, matcher m: Matcher) -> Int? {
        // "rose from 8,000 to 11,200" is a change over time: two counts, no range.
        if m.containsAny(lexicon.changeVerbs, in: max(floor, number.start - 32)..<number.start) { return nil }
        let joinStart = m.skipSpaces(number.end, ceiling: next.start)
        let text = m.text
        if joinStart < next.start, text[joinStart] == "-" || text[joinStart] == "–", m.skipSpaces(joinStart + 1, ceiling: next.start) == next.start {
            // "between 5,000-6,000" keeps its word; "5,000-6,000" alone is a range too.
            for case let (before?, _) in lexicon.rangeWords {
                if let found = m.start(of: before, endingAt: m.skipSpacesBack(number.start, floor: floor), floor: floor) { return found }
            }
            return number.start
        }
        for (before, between) in lexicon.rangeWords {
            guard let joined = m.end(of: between, startingAt: joinStart, ceiling: next.start), m.skipSpaces(joined, ceiling: next.start) == next.start else {
                continue
            }
            guard let before else { return number.start }
            if let found = m.start(of: before, endingAt: m.skipSpacesBack(number.start, floor: floor), floor: floor) { return found }
        }
        return nil
    }

    func metric(
        start: Int, end: Int, numberEnd: Int, floor: Int, afterCeiling: Int, nextNumber: Int, sentence: Range<Int>, lexicon: CompiledLexicon,
        matcher m: Matcher,
        signatureCue: inout Bool?
    ) -> Metric? {
        let cjk = lexicon.cjk
        // "Still 2,500 short", "il manque 2 500", "あと2500筆": neither a count nor the goal.
        var nextWords = cjk ? min(end + 12, sentence.upperBound) : m.endOfWords(3, after: end, ceiling: sentence.upperBound)
        // A field or clause separator ends the number's words: "Signatures: 8,210 | Goal: 10,000",
        // "署名数は1万2千筆で、目標は3万筆".
        nextWords = m.firstIndex(of: Extractor.clauseSeparators, in: end..<nextWords) ?? nextWords
        if m.containsAny(lexicon.shortfallCues, in: max(floor, start - 24)..<start) || m.containsAny(lexicon.shortfallCues, in: end..<nextWords) {
            return nil
        }
        if m.containsAny(lexicon.goalCues, in: max(floor, start - 40)..<start) || m.startsWithAny(lexicon.goalCues, after: end, ceiling: afterCeiling) {
            return .goal
        }
        // A label before the next number is that number's: "Signatures: 12,283 Next goal: 15,000".
        if nextNumber < sentence.upperBound, let colon = (end..<nextNumber).first(where: { m.text[$0] == ":" || m.text[$0] == "：" }) {
            nextWords = min(nextWords, m.startOfWords(1, before: colon, floor: end))
        }
        // "... 50.000 Unterschriften nötig", "1万筆の署名が必要".
        if m.containsAny(lexicon.goalCues, in: end..<nextWords) { return .goal }
        let cueFloor = max(floor, start - 32)
        func cueBefore(_ phrases: [Phrase]) -> Bool {
            // A qualifier or article may stand between the cue and the number: "written by some 16".
            for words in 0...2 {
                let position = words == 0 ? start : m.startOfWords(words, before: start, floor: cueFloor)
                if m.longestEnding(phrases, before: position, floor: cueFloor) != nil { return true }
            }
            return false
        }
        // "由百名学者联署" is signed by (由 also says who wrote): a verb of signing right after decides.
        if cueBefore(lexicon.authorCuesBefore), !(cjk && m.containsAny(lexicon.signingVerbs, in: end..<min(end + 12, sentence.upperBound))) {
            return .authors
        }
        let signedBy = cueBefore(lexicon.signedBy)
        if !signedBy, let by = m.longestEnding(lexicon.byWords, before: start, floor: cueFloor),
            m.containsAny(lexicon.publishStems, in: max(floor, by - 32)..<by) || m.containsAny(lexicon.publishStems, in: end..<nextWords),
            !m.containsAny(lexicon.signatureCues, in: max(floor, by - 16)..<by)
        {  // "signé ensuite par" is signing
            return .authors
        }
        // "a union with 160,000 members": members, not signers (but "signed by 100 members" counts).
        // Members who sign are signers, though: "26 members of Congress signed", "26 anggota dewan
        // menandatangani" (a verb of signing within seven words, before any comma).
        // (A short preposition may come first: "2 milioni di utenti", "9 million of its users".)
        let membersCeiling = min(sentence.upperBound, end + 28)
        if !signedBy,
            m.startsWithAny(lexicon.members, after: end, ceiling: membersCeiling)
                || (!cjk
                    && m.shortWord(after: end, ceiling: membersCeiling).map { m.startsWithAny(lexicon.members, after: $0, ceiling: membersCeiling) } == true)
                // (Or an adjective, where adjectives come first: "15 sponsoring members".)
                || (lexicon.adjectiveBeforeNoun && !cjk
                    && m.startsWithAny(lexicon.members, after: m.endOfWords(1, after: end, ceiling: membersCeiling), ceiling: membersCeiling))
        {
            var reach = m.endOfWords(7, after: end, ceiling: sentence.upperBound)
            reach = m.firstIndex(of: Extractor.clauseBreaks, in: end..<reach) ?? reach
            if !m.containsAny(lexicon.signingVerbs, in: end..<reach) { return nil }
        }
        // "16 artists wrote ...": the cue within the next three words (not "13,500 artists, including the writer ...").
        if !signedBy && m.containsAny(lexicon.authorCuesAfter, in: end..<nextWords) { return .authors }
        // After the number: halfway to the next number (a cue right before the next number is that
        // one's: "2,600 signatures, of which 900 verified"), or 80 code points.
        let cuesEnd = nextNumber < sentence.upperBound ? end + (nextNumber - end) / 2 : min(sentence.upperBound, end + 80)
        if m.containsAny(lexicon.verifiedCues, in: max(floor, start - 24)..<start)
            || m.containsAny(lexicon.verifiedCues, in: end..<max(end, min(cuesEnd, end + 80)))
        {
            return .verifiedSignatures
        }
        if signatureCue == nil {
            signatureCue =
                lexicon.signatureCuesByFirst.map { m.containsAny(byFirst: $0, in: sentence) } ?? m.containsAny(lexicon.signatureCues, in: sentence)
        }
        if signatureCue! { return .signatures }
        // A noun that counts signatures right after the number ("1万2千筆", "1200人附议").
        var after = numberEnd
        if cjk, after < sentence.upperBound, ["多", "余", "餘"].contains(m.text[after]) { after += 1 }
        if m.startsWithAny(lexicon.countNouns, after: after, ceiling: min(sentence.upperBound, after + 24)) { return .signatures }
        // The two readings below need signatures named shortly before the sentence.
        // A list or table line, "North: 12,400", "UPDATE: over 8,600": the line's label names a
        // part, the number counts its signers.
        let isListLine = isLabelledLine(start: start, sentence: sentence, matcher: m)
        // "64,109 people asked …", "200.000 personas han respondido …": people who ask or back
        // something are its signers.
        let asks =
            !isListLine && !cjk && !lexicon.askingVerbs.isEmpty
            && m.containsAny(lexicon.askingVerbs, in: numberEnd..<m.endOfWords(4, after: numberEnd, ceiling: sentence.upperBound))
        guard isListLine || asks else { return nil }
        return m.containsAny(lexicon.signatureCues, in: max(0, sentence.lowerBound - 600)..<sentence.lowerBound) ? .signatures : nil
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

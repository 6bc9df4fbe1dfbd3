import PetitionsDomain

/// A phrase ready to match against folded scalars.
struct Phrase {
    let scalars: [Unicode.Scalar]
    /// Whether the phrase starts (ends) with a letter or digit, so a word boundary is needed there.
    let wordStart: Bool
    let wordEnd: Bool

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        wordStart = scalars.first.map(Phrase.isWord) ?? false
        wordEnd = scalars.last.map(Phrase.isWord) ?? false
    }

    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value >= 0x61 && scalar.value <= 0x7A) || (scalar.value >= 0x30 && scalar.value <= 0x39)
            || (scalar.value >= 0xC0 && scalar.value < 0x3000 && scalar.properties.isAlphabetic)
    }
}

/// A lexicon with its phrases turned into scalar arrays once, for matching without building strings.
/// A class: it holds some fifty arrays, and a reference is passed around without retaining each.
final class CompiledLexicon: @unchecked Sendable {
    let lexicon: Lexicon
    let cjk: Bool
    let silencersBefore: [Phrase]
    let silencersAfter: [Phrase]
    let qualifiersBefore: [(Phrase, Qualifier)]
    let qualifiersAfter: [(Phrase, Qualifier)]
    let rangeWords: [(Phrase?, Phrase)]
    let signatureCues: [Phrase]
    let signatureCuesByFirst: [[Phrase]]?
    let signatureOrPeople: [Phrase]
    /// Petitions counted as objects; see `Lexicons.petitionNouns`.
    let petitionNouns: [Phrase]
    let adjectiveBeforeNoun: Bool
    let signingVerbs: [Phrase]
    let progressConnectors: [Phrase]
    let petitionWords: [Phrase]
    let timesWords: [Phrase]
    /// People and members after a number ("40 members"), for telling a share from a goal.
    let peopleNouns: [Phrase]
    /// Units and things after a number, without the words that silence before it (months): "3,500
    /// in June" is a count, "3 de junio" a date.
    let unitsAfter: [Phrase]
    /// Words that end in a hundreds word ("cento", "cientos"); see `CountWords.hundredsStems`.
    let hundredsStems: [String]
    /// Tens joined to units by a word ("vinte e seis"); see `CountWords.Compound`.
    let compound: CountWords.Compound?
    let authorCuesBefore: [Phrase]
    let authorCuesAfter: [Phrase]
    let signedBy: [Phrase]
    let changeVerbs: [Phrase]
    let members: [Phrase]
    let byWords: [Phrase]
    let publishStems: [Phrase]
    let verifiedCues: [Phrase]
    let goalCues: [Phrase]
    let ruleMarkers: [Phrase]
    /// Markers that count only at the start of a sentence (written with a leading "^").
    let openingRuleMarkers: [Phrase]
    let shortfallCues: [Phrase]
    let countNouns: [Phrase]
    let fractionsOfScale: [(Phrase, Double)]
    /// Whether an ASCII scalar starts one of those phrases (they all start with ASCII letters), to
    /// try them only where one can start without hashing every scalar.
    let asciiFractionStarts: [Bool]
    let halfAfterScale: [Phrase]
    let askingVerbs: [Phrase]
    let ruleConsequences: [Phrase]
    /// The consequences by their first ASCII scalar (nil where a phrase starts otherwise), so that a
    /// sentence is scanned once rather than once per phrase.
    let ruleConsequencesByFirst: [[Phrase]]?
    let scales: [(Phrase, Int)]
    let numberWords: [(Phrase, Int)]
    /// Counts written as one word (2-99), by length in scalars; see `CountWords`.
    let countWords: [Int: [(Phrase, Int)]]
    /// Words after which a count word is not a count ("two of the").
    let countNotBefore: [Phrase]
    /// First scalars of number words, to skip most words at once.
    let numberWordStarts: Set<Unicode.Scalar>
    let asciiNumberWordStarts: [Bool]

    init(_ lexicon: Lexicon) {
        self.lexicon = lexicon
        cjk = lexicon.language == .ja || lexicon.language == .zh
        silencersBefore = (lexicon.silencersBefore + Lexicons.identifierWords).map(Phrase.init)
        silencersAfter = (lexicon.silencersAfter + lexicon.silencersBefore).map(Phrase.init)
        qualifiersBefore = lexicon.qualifiersBefore.map { (Phrase($0.0), $0.1) }
        qualifiersAfter = lexicon.qualifiersAfter.map { (Phrase($0.0), $0.1) }
        rangeWords = lexicon.rangeWords.map { ($0.before.isEmpty ? nil : Phrase($0.before), Phrase($0.between)) }
        signatureCues = (lexicon.signatureCues + Lexicons.platformNames).map(Phrase.init)
        signatureCuesByFirst = CompiledLexicon.byFirstScalar(signatureCues)
        signatureOrPeople = (lexicon.signatureCues + lexicon.people).map(Phrase.init)
        petitionNouns = lexicon.petitionNouns.map(Phrase.init)
        adjectiveBeforeNoun = lexicon.adjectiveBeforeNoun
        signingVerbs = lexicon.signingVerbs.map(Phrase.init)
        progressConnectors = lexicon.progressConnectors.map(Phrase.init)
        petitionWords = lexicon.petitionWords.map(Phrase.init)
        timesWords = lexicon.timesWords.map(Phrase.init)
        peopleNouns = (lexicon.people + lexicon.members).map(Phrase.init)
        unitsAfter = lexicon.silencersAfter.map(Phrase.init)
        hundredsStems = lexicon.hundredsStems
        compound = lexicon.compound
        authorCuesBefore = lexicon.authorCuesBefore.map(Phrase.init)
        authorCuesAfter = lexicon.authorCuesAfter.map(Phrase.init)
        signedBy = lexicon.signedBy.map(Phrase.init)
        changeVerbs = lexicon.changeVerbs.map(Phrase.init)
        members = lexicon.members.map(Phrase.init)
        byWords = lexicon.byWords.map(Phrase.init)
        publishStems = lexicon.publishStems.map(Phrase.init)
        verifiedCues = lexicon.verifiedCues.map(Phrase.init)
        goalCues = lexicon.goalCues.map(Phrase.init)
        ruleMarkers = lexicon.ruleMarkers.filter { !$0.hasPrefix("^") }.map(Phrase.init)
        shortfallCues = lexicon.shortfallCues.map(Phrase.init)
        countNouns = lexicon.countNouns.map(Phrase.init)
        fractionsOfScale = lexicon.fractionsOfScale.map { (Phrase($0.0), $0.1) }
        let fractionFirsts = Set(lexicon.fractionsOfScale.compactMap { $0.0.unicodeScalars.first?.value })
        asciiFractionStarts = (0..<128).map { fractionFirsts.contains(UInt32($0)) }
        halfAfterScale = lexicon.halfAfterScale.map(Phrase.init)
        askingVerbs = lexicon.askingVerbs.map(Phrase.init)
        openingRuleMarkers = lexicon.ruleMarkers.filter { $0.hasPrefix("^") }.map { Phrase(String($0.dropFirst())) }
        ruleConsequences = lexicon.ruleConsequences.map(Phrase.init)
        ruleConsequencesByFirst = CompiledLexicon.byFirstScalar(ruleConsequences)
        scales = lexicon.scales.map { (Phrase($0.key), $0.value) }.sorted { $0.0.scalars.count > $1.0.scalars.count }
        numberWords = lexicon.numberWords.map { (Phrase($0.key), $0.value) }
        let (counts, notBefore) = CountWords.words(lexicon.language)
        countWords = Dictionary(grouping: counts.map { (Phrase($0.key), $0.value) }, by: \.0.scalars.count)
        countNotBefore = notBefore.map(Phrase.init)
        let starts = Array(lexicon.numberWords.keys) + Array(counts.keys)
        numberWordStarts = Set(starts.compactMap { $0.unicodeScalars.first })
        asciiNumberWordStarts = (0..<128).map { value in starts.contains { $0.unicodeScalars.first?.value == UInt32(value) } }
    }

    static func byFirstScalar(_ phrases: [Phrase]) -> [[Phrase]]? {
        var table = [[Phrase]](repeating: [], count: 128)
        for phrase in phrases {
            guard let first = phrase.scalars.first, first.value < 128 else { return nil }
            table[Int(first.value)].append(phrase)
        }
        return table
    }

    static let all: [Language: CompiledLexicon] = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, CompiledLexicon(Lexicons.lexicon($0))) })
}

/// Phrase matching on a document's folded scalars. A space in a phrase matches one or more spaces.
struct Matcher {
    let text: [Unicode.Scalar]
    let cjk: Bool

    func isWord(_ index: Int) -> Bool { index >= 0 && index < text.count && Phrase.isWord(text[index]) }

    /// Where `phrase` starts if it ends at `end` (exclusive), not reaching before `floor`.
    func start(of phrase: Phrase, endingAt end: Int, floor: Int) -> Int? {
        var position = end
        var index = phrase.scalars.count - 1
        while index >= 0 {
            let expected = phrase.scalars[index]
            guard position > floor else { return nil }
            if expected == " " {
                guard text[position - 1] == " " else { return nil }
                while position > floor, text[position - 1] == " " { position -= 1 }
            } else {
                guard text[position - 1] == expected else { return nil }
                position -= 1
            }
            index -= 1
        }
        if !cjk && phrase.wordStart && isWord(position - 1) { return nil }
        return position
    }

    /// Where `phrase` ends if it starts at `start`, not reaching `ceiling`.
    func end(of phrase: Phrase, startingAt start: Int, ceiling: Int) -> Int? {
        var position = start
        for expected in phrase.scalars {
            guard position < ceiling else { return nil }
            if expected == " " {
                guard text[position] == " " else { return nil }
                while position < ceiling, text[position] == " " { position += 1 }
            } else {
                guard text[position] == expected else { return nil }
                position += 1
            }
        }
        if !cjk && phrase.wordEnd && isWord(position) { return nil }
        return position
    }

    func skipSpacesBack(_ index: Int, floor: Int) -> Int {
        var position = index
        while position > floor, text[position - 1] == " " { position -= 1 }
        return position
    }

    func skipSpaces(_ index: Int, ceiling: Int) -> Int {
        var position = index
        while position < ceiling, text[position] == " " { position += 1 }
        return position
    }

    /// Words that may stand between a qualifier and its number: articles and adverbs ("passed the
    /// 50,000 mark", "dépasse désormais les 15 000"). No German articles: "unter den 1.024" is "among".
    static let fillers: [Phrase] = [
        "the", "now", "already", "les", "désormais", "déjà", "maintenant", "las", "los", "ya", "le", "i", "già", "ormai",
        "as", "os", "já", "bereits", "schon", "inzwischen", "sudah", "kini",
    ].map(Phrase.init)

    /// The start of a short word (up to three letters) right after `start`, and its end: for units
    /// behind a preposition ("2 milioni di visualizzazioni", "3 de marzo").
    func shortWord(after start: Int, ceiling: Int) -> Int? {
        let first = skipSpaces(start, ceiling: ceiling)
        var end = first
        while end < ceiling, Document.isLetter(text[end]) || text[end] == "'" { end += 1 }
        let length = end - first
        return length >= 1 && length <= 3 && end < ceiling && (text[end] == " " || text[end - 1] == "'") ? end : nil
    }

    /// The earliest start of any phrase ending just before `end` (spaces skipped).
    func longestEnding(_ phrases: [Phrase], before end: Int, floor: Int) -> Int? {
        let last = skipSpacesBack(end, floor: floor)
        var best: Int?
        for phrase in phrases {
            if let start = start(of: phrase, endingAt: last, floor: floor), best == nil || start < best! { best = start }
        }
        return best
    }

    func longestEnding<T>(_ phrases: [(Phrase, T)], before end: Int, floor: Int) -> (Int, T)? {
        let last = skipSpacesBack(end, floor: floor)
        var best: (Int, T)?
        for (phrase, value) in phrases {
            if let start = start(of: phrase, endingAt: last, floor: floor), best == nil || start < best!.0 { best = (start, value) }
        }
        return best
    }

    /// The furthest end of any phrase starting just after `start` (spaces skipped).
    func longestStarting<T>(_ phrases: [(Phrase, T)], after start: Int, ceiling: Int) -> (Int, T)? {
        let first = skipSpaces(start, ceiling: ceiling)
        var best: (Int, T)?
        for (phrase, value) in phrases {
            if let end = end(of: phrase, startingAt: first, ceiling: ceiling), best == nil || end > best!.0 { best = (end, value) }
        }
        return best
    }

    /// The first position in `range` holding one of `scalars` (separators, punctuation).
    func firstIndex(of scalars: Set<Unicode.Scalar>, in range: Range<Int>) -> Int? {
        range.first { scalars.contains(text[$0]) }
    }

    func startsWithAny(_ phrases: [Phrase], after start: Int, ceiling: Int) -> Bool {
        let first = skipSpaces(start, ceiling: ceiling)
        guard first < ceiling else { return false }
        let scalar = text[first]
        // By index, comparing first scalars before anything else: no copies of the phrases.
        return phrases.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index].scalars.first == scalar {
                if end(of: buffer[index], startingAt: first, ceiling: ceiling) != nil { return true }
            }
            return false
        }
    }

    /// Whether any phrase occurs in `range` (at a word start for Latin scripts; stems like "firm" match "firmato").
    func containsAny(_ phrases: [Phrase], in range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        for phrase in phrases {
            guard let first = phrase.scalars.first else { continue }
            var index = range.lowerBound
            while index < range.upperBound {
                if text[index] == first, cjk || !phrase.wordStart || !isWord(index - 1) {
                    var position = index
                    var matched = true
                    for expected in phrase.scalars {
                        guard position < range.upperBound else { matched = false; break }
                        if expected == " " {
                            guard text[position] == " " else { matched = false; break }
                            while position < range.upperBound, text[position] == " " { position += 1 }
                        } else {
                            guard text[position] == expected else { matched = false; break }
                            position += 1
                        }
                    }
                    if matched { return true }
                }
                index += 1
            }
        }
        return false
    }

    /// `containsAny` in one pass over `range`, for phrases grouped by their first ASCII scalar.
    func containsAny(byFirst table: [[Phrase]], in range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            let scalar = text[index]
            if scalar.value < 128, !table[Int(scalar.value)].isEmpty, cjk || !isWord(index - 1) || !Phrase.isWord(scalar) {
                for phrase in table[Int(scalar.value)] where !phrase.wordStart || cjk || !isWord(index - 1) {
                    if matchEnd(phrase, at: index, limit: range.upperBound) != nil { return true }
                }
            }
            index += 1
        }
        return false
    }

    /// Where `phrase` ends if it starts at `index` (a space in it matches a run of spaces).
    private func matchEnd(_ phrase: Phrase, at index: Int, limit: Int) -> Int? {
        var position = index
        for expected in phrase.scalars {
            guard position < limit else { return nil }
            if expected == " " {
                guard text[position] == " " else { return nil }
                while position < limit, text[position] == " " { position += 1 }
            } else {
                guard text[position] == expected else { return nil }
                position += 1
            }
        }
        return position
    }

    /// Where the earliest of `phrases` starts in `range`, matched as `containsAny` matches.
    /// With `wholeWords`, a phrase must also end at a word's end ("se" is not "settimane").
    func firstStart(of phrases: [Phrase], in range: Range<Int>, wholeWords: Bool = false) -> Int? {
        var earliest: Int?
        for phrase in phrases {
            guard let first = phrase.scalars.first else { continue }
            var index = range.lowerBound
            while index < min(range.upperBound, earliest ?? range.upperBound) {
                if text[index] == first, cjk || !phrase.wordStart || !isWord(index - 1), let end = matchEnd(phrase, at: index, limit: range.upperBound),
                    !(wholeWords && !cjk && phrase.wordEnd && isWord(end))
                {
                    earliest = index
                    break
                }
                index += 1
            }
        }
        return earliest
    }

    /// The end of the `count`th word after `start` (or `ceiling`).
    func endOfWords(_ count: Int, after start: Int, ceiling: Int) -> Int {
        var position = start
        var words = 0
        while position < ceiling {
            position = skipSpaces(position, ceiling: ceiling)
            guard position < ceiling else { break }
            while position < ceiling, text[position] != " " { position += 1 }
            words += 1
            if words == count { break }
        }
        return position
    }

    /// The start of the word `count` words before `end`.
    func startOfWords(_ count: Int, before end: Int, floor: Int) -> Int {
        var position = end
        for _ in 0..<count {
            position = skipSpacesBack(position, floor: floor)
            guard position > floor else { break }
            while position > floor, text[position - 1] != " " { position -= 1 }
        }
        return position
    }
}

/// Guesses a text's language: kana means Japanese, Han without kana Chinese; Latin-script text
/// goes to the language whose words it uses most: its function words, and every word of its
/// lexicon (cues, qualifiers, scales, units), with a few letters that only some languages use
/// (ñ, ã, õ, ß) as tie-breakers. Works on a single sentence.
public enum LanguageDetector {
    public static func detect(_ text: String) -> Language { detect(Document(text)) }

    /// Word → the languages using it, with weights (2 for function words, 1 for other lexicon words):
    /// one lookup per word.
    /// Keyed by a hash of the word's scalars (`wordHash`), so reading text builds no strings.
    static let vocabulary: [UInt64: [(Int, Int)]] = {
        var merged: [UInt64: [(Int, Int)]] = [:]
        for (language, words) in perLanguage {
            let index = Language.allCases.firstIndex(of: language)!
            for (word, weight) in words { merged[wordHash(word.unicodeScalars), default: []].append((index, weight)) }
        }
        return merged
    }()

    /// FNV-1a over the scalars of a word.
    static func wordHash(_ scalars: some Sequence<Unicode.Scalar>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for scalar in scalars { hash = (hash ^ UInt64(scalar.value)) &* 0x100_0000_01b3 }
        return hash
    }

    static let perLanguage: [(Language, [String: Int])] = Lexicons.all.filter { $0.language != .ja && $0.language != .zh }.map { lexicon in
        var words: [String: Int] = [:]
        let phrases =
            lexicon.signatureCues + lexicon.authorCuesBefore + lexicon.authorCuesAfter + lexicon.verifiedCues + lexicon.goalCues
            + lexicon.silencersAfter + lexicon.silencersBefore + lexicon.qualifiersBefore.map(\.0) + lexicon.qualifiersAfter.map(\.0)
            + Array(lexicon.scales.keys) + Array(lexicon.numberWords.keys) + lexicon.people
        for phrase in phrases {
            for word in phrase.split(whereSeparator: { !$0.isLetter }) where word.count >= 3 { words[String(word)] = 1 }
        }
        for word in lexicon.functionWords { words[word] = 2 }
        return (lexicon.language, words)
    }

    static let letters: [Unicode.Scalar: [Language]] = [
        "ñ": [.es], "ã": [.pt], "õ": [.pt], "ß": [.de], "ä": [.de], "ö": [.de], "ü": [.de],
        "ç": [.fr, .pt], "ê": [.fr, .pt], "è": [.it, .fr], "ù": [.it, .fr], "à": [.it, .fr, .pt],
        "œ": [.fr], "ì": [.it], "ò": [.it], "á": [.es, .pt], "í": [.es, .pt], "ó": [.es, .pt], "ú": [.es, .pt],
    ]

    /// `letters` as a table from U+00C0, language positions instead of names.
    static let letterHints: [[Int]?] = (0xC0..<0x180).map { value in
        letters[Unicode.Scalar(UInt32(value))!].map { $0.map { Language.allCases.firstIndex(of: $0)! } }
    }

    static func detect(_ document: Document) -> Language {
        detect(document, in: 0..<document.count, decisive: false) ?? .en
    }

    /// The language of part of a document when the evidence is clear; nil when it is not.
    static func detect(_ document: Document, in range: Range<Int>) -> Language? {
        detect(document, in: range, decisive: true)
    }

    static func detect(_ document: Document, in range: Range<Int>, decisive: Bool) -> Language? {
        let window = range.lowerBound..<min(range.upperBound, range.lowerBound + 4_000)
        var kana = 0, han = 0, latin = 0
        for scalar in document.scalars[window] {
            switch scalar.value {
            case 0x3040...0x30FF, 0xFF66...0xFF9F: kana += 1
            case 0x4E00...0x9FFF, 0x3400...0x4DBF: han += 1
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
            default: break
            }
        }
        if kana > 0 && (kana + han) * 2 > latin { return .ja }
        if han > 0 && han * 2 > latin { return .zh }
        // Scores indexed by Language.allCases position; words read until one language leads clearly.
        var scores = [Int](repeating: 0, count: Language.allCases.count)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var inWord = false
        var counted = 0
        func score() {
            guard inWord else { return }
            if let entries = vocabulary[hash] { for (language, weight) in entries { scores[language] += weight } }
            hash = 0xcbf2_9ce4_8422_2325
            inWord = false
            counted += 1
        }
        for scalar in document.folded[window] {
            if Document.isLetter(scalar) {
                hash = (hash ^ UInt64(scalar.value)) &* 0x100_0000_01b3
                inWord = true
                if scalar.value >= 0xC0 && scalar.value < 0x180, let languages = letterHints[Int(scalar.value - 0xC0)] {
                    for language in languages { scores[language] += 3 / languages.count + (languages.count == 1 ? 1 : 0) }
                }
            } else if inWord {
                score()
                if counted >= 40 && counted % 10 == 0 {
                    let sorted = scores.sorted(by: >)
                    if sorted[0] >= 2 * max(1, sorted[1]) + 6 { break }
                }
            }
        }
        score()
        guard let best = scores.indices.max(by: { (scores[$0], -$0) < (scores[$1], -$1) }), scores[best] > 0 else { return decisive ? nil : .en }
        if decisive {
            let runnerUp = scores.indices.filter { $0 != best }.map { scores[$0] }.max() ?? 0
            guard scores[best] >= 4 && scores[best] > runnerUp + 1 else { return nil }
        }
        return Language.allCases[best]
    }
}

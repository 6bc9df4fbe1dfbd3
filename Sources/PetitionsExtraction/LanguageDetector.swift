/// Guesses a text's language: kana means Japanese, Han without kana Chinese; Latin-script text
/// goes to the language whose words it uses most: its function words, and every word of its
/// lexicon (cues, qualifiers, scales, units), with a few letters that only some languages use
/// (ñ, ã, õ, ß) as tie-breakers. Works on a single sentence.
public enum LanguageDetector {
    public static func detect(_ text: String) -> Language { detect(Document(text)) }

    /// Word → the languages using it, with weights (2 for function words, 1 for other lexicon words):
    /// one lookup per word.
    static let vocabulary: [String: [(Language, Int)]] = {
        var merged: [String: [(Language, Int)]] = [:]
        for (language, words) in perLanguage { for (word, weight) in words { merged[word, default: []].append((language, weight)) } }
        return merged
    }()

    static let perLanguage: [(Language, [String: Int])] = Lexicons.all.filter { $0.language != .ja && $0.language != .zh }.map { lexicon in
        var words: [String: Int] = [:]
        let phrases = lexicon.signatureCues + lexicon.authorCuesBefore + lexicon.authorCuesAfter + lexicon.verifiedCues + lexicon.goalCues
            + lexicon.silencersAfter + lexicon.silencersBefore + lexicon.qualifiersBefore.map(\.0) + lexicon.qualifiersAfter.map(\.0)
            + Array(lexicon.scales.keys) + Array(lexicon.numberWords.keys) + Lexicons.people(lexicon.language)
        for phrase in phrases {
            for word in phrase.split(whereSeparator: { !$0.isLetter }) where word.count >= 3 { words[String(word)] = 1 }
        }
        for word in lexicon.functionWords { words[word] = 2 }
        return (lexicon.language, words)
    }

    static let letters: [Unicode.Scalar: [Language]] = ["ñ": [.es], "ã": [.pt], "õ": [.pt], "ß": [.de], "ä": [.de], "ö": [.de], "ü": [.de],
                                                        "ç": [.fr, .pt], "ê": [.fr, .pt], "è": [.it, .fr], "ù": [.it, .fr], "à": [.it, .fr, .pt],
                                                        "œ": [.fr], "ì": [.it], "ò": [.it], "á": [.es, .pt], "í": [.es, .pt], "ó": [.es, .pt], "ú": [.es, .pt]]

    static func detect(_ document: Document) -> Language {
        var kana = 0, han = 0, latin = 0
        for scalar in document.scalars.prefix(4_000) {
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
        let position = Dictionary(uniqueKeysWithValues: Language.allCases.enumerated().map { ($1, $0) })
        var word = String.UnicodeScalarView()
        var counted = 0
        func score() {
            guard !word.isEmpty else { return }
            if let entries = vocabulary[String(word)] { for (language, weight) in entries { scores[position[language]!] += weight } }
            word = String.UnicodeScalarView()
            counted += 1
        }
        for scalar in document.folded.prefix(4_000) {
            if Document.isLetter(scalar) {
                word.append(scalar)
                if scalar.value >= 0xC0, let languages = letters[scalar] {
                    for language in languages { scores[position[language]!] += 3 / languages.count + (languages.count == 1 ? 1 : 0) }
                }
            } else if !word.isEmpty {
                score()
                if counted >= 40 && counted % 10 == 0 {
                    let sorted = scores.sorted(by: >)
                    if sorted[0] >= 2 * max(1, sorted[1]) + 6 { break }
                }
            }
        }
        score()
        guard let best = scores.indices.max(by: { (scores[$0], -$0) < (scores[$1], -$1) }), scores[best] > 0 else { return .en }
        return Language.allCases[best]
    }
}

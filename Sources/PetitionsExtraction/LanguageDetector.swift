/// Guesses a text's language: kana means Japanese, Han without kana Chinese; Latin-script text
/// goes to the language whose function words it uses most.
public enum LanguageDetector {
    public static func detect(_ text: String) -> Language { detect(Document(text)) }

    static func detect(_ document: Document) -> Language {
        var kana = 0, han = 0, latin = 0
        for scalar in document.scalars.prefix(20_000) {
            switch scalar.value {
            case 0x3040...0x30FF, 0xFF66...0xFF9F: kana += 1
            case 0x4E00...0x9FFF, 0x3400...0x4DBF: han += 1
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
            default: break
            }
        }
        if kana > 0 && (kana + han) * 2 > latin { return .ja }
        if han > 0 && han * 2 > latin { return .zh }
        var scores: [Language: Int] = [:]
        var word = ""
        var counted = 0
        func score() {
            guard !word.isEmpty else { return }
            for lexicon in Lexicons.all where lexicon.functionWords.contains(word) { scores[lexicon.language, default: 0] += 1 }
            word = ""
            counted += 1
        }
        for scalar in document.folded.prefix(20_000) {
            if scalar.properties.isAlphabetic { word.unicodeScalars.append(scalar) } else { score() }
            if counted > 3_000 { break }
        }
        score()
        return scores.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }?.key ?? .en
    }
}

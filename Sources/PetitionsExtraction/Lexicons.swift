import PetitionsDomain

/// The languages' lexicons, one file each in Languages/, and the few lists every language shares.
public enum Lexicons {
    /// Every language's lexicon (one file each, in Languages/).
    public static let all: [Lexicon] = [english, italian, french, spanish, german, portuguese, indonesian, japanese, chinese]

    private static let byLanguage: [Language: Lexicon] = Dictionary(uniqueKeysWithValues: all.map { ($0.language, $0) })

    public static func lexicon(_ language: Language) -> Lexicon {
        guard let lexicon = byLanguage[language] else { preconditionFailure("no lexicon for \(language); add one in Languages/ and to Lexicons.all") }
        return lexicon
    }

    /// Petition platforms by name: a sentence that names one is about signatures, in every language
    /// ("52.000 utenti di Change.org", "38万人がChange.orgで").
    static let platformNames = ["change.org", "avaaz", "openpetition", "mesopinions", "we the people", "petitions.parliament.uk", "e-petition"]

    /// Words right before a number that make it an identifier, in every language: "(ID 134502)",
    /// "n° 4521", "Nr. 12".
    static let identifierWords = [
        "id", "id:", "id.", "ref", "ref.", "nr", "nr.", "n°", "nº", "n.º", "n.", "núm.", "num.", "#", "§", "§§", "art.", "abs.",
        "article", "articles", "artikel", "articolo", "artículo", "artigo", "pasal", "paragraph", "absatz",
        // Laws and decrees by number: "legge 91 del 1999", "Law 2024-118", "loi n° 78".
        "law", "legge", "loi", "ley", "lei", "gesetz", "decree", "decreto", "décret", "dekret", "undang-undang",
        // Shared so many times: "compartida 1.800 veces", "dibagikan 3.200 kali".
        "shared", "condivisa", "partagée", "compartida", "compartido", "compartilhada", "partilhada", "dibagikan",
    ]
}

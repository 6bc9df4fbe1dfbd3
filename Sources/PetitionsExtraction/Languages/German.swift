import PetitionsDomain

// Every table of German: adding a language is a file like this one, its case in `Language`,
// its entry in `Lexicons.all`, and tests.
extension Lexicons {
    static let german = Lexicon(
        language: .de,
        functionWords: [
            "der", "die", "das", "und", "ist", "von", "den", "mit", "sich", "des", "auf", "für", "nicht", "ein", "eine", "dem", "haben", "hat", "zu", "im",
            "wurde",
        ],
        scales: [
            "tausend": 1_000, "tsd.": 1_000, "million": 1_000_000, "millionen": 1_000_000, "mio.": 1_000_000, "mio": 1_000_000, "milliarde": 1_000_000_000,
            "milliarden": 1_000_000_000, "mrd.": 1_000_000_000,
        ],
        numberWords: [
            "ein": 1, "eine": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
            "zwanzig": 20, "hundert": 100,
        ],
        qualifiersBefore: [
            ("überschreiten", .over), ("knacken", .over), ("mehr als", .over), ("über", .over), ("überschritten", .over), ("die marke von", .over),
            ("mindestens", .atLeast), ("wenigstens", .atLeast),
            ("rund", .about), ("etwa", .about), ("ungefähr", .about), ("circa", .about), ("ca.", .about), ("zirka", .about),
            ("knapp", .almost), ("fast", .almost), ("beinahe", .almost), ("nahezu", .almost), ("weniger als", .under), ("unter", .under),
            ("bis zu", .upTo), ("knackt", .over), ("geknackt", .over), ("knackte", .over), ("übersprang", .over), ("überspringt", .over),
        ],
        qualifiersAfter: [("oder mehr", .atLeast)],
        rangeWords: [("zwischen", "und"), ("von", "bis")],
        signatureCues: [
            "mitgezeichnet", "mitzeichnung", "mitzeichner", "mitzeichnende", "zeichneten", "unterschrieben", "unterzeichnet", "unterschrift", "unterschriften",
            "unterzeichner", "unterzeichnende", "unterstützer", "petition",
            "offener brief", "offenen brief", "brief", "aufruf", "gezeichnet", "mitgezeichnet", "zähler", "namen",
        ],
        authorCuesBefore: ["verfasst von", "geschrieben von", "initiiert von", "gestartet von", "verfassten", "veröffentlicht von"],
        authorCuesAfter: ["verfasst", "verfassten", "geschrieben", "autoren", "autorinnen", "initiatoren", "veröffentlichten"],
        verifiedCues: [
            "gültige", "gültigen", "gültig", "verifiziert", "verifizierte", "verifizierten", "bestätigt", "bestätigte", "geprüft", "geprüfte", "verifizier",
            "überprüft", "geprüft",
        ],
        goalCues: [
            "jede petition", "wenn eine petition", "sobald eine petition", "falls eine petition", "nötig", "notwendig", "benötigt", "braucht", "erforderlich",
            "ziel", "quorum", "schwelle", "grenze", "genügen", "genügt", "erreichen", "wollen", "will", "möchten", "hoffen", "streben", "anstreben",
        ],
        silencersAfter: [
            "mal geteilt", "mal angesehen", "mal aufgerufen", "kommentare", "treffer", "ergebnisse", "minuten", "minute", "min.", "stunden", "stunde",
            "sekunden", "tage", "tagen", "wochen", "monate", "monaten", "jahre", "jahren",
            "prozent", "dollar", "euro", "mitarbeiter", "mitarbeitende", "beschäftigte", "videos", "clips", "filme", "bilder", "seiten",
            "km", "mal", "p", "aufrufe", "follower", "länder", "städte", "unternehmen", "kampagnen", "petitionen", "sprachen",
            "artikel", "beiträge", "nachrichten", "projekte", "lieder", "bücher", "folgen", "modelle", "preise", "euro.",
        ],
        silencersBefore: [
            "$", "€", "£", "seite", "version", "kapitel", "artikel", "januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
            "september", "oktober", "november", "dezember", "bewertet mit", "beschäftigt", "entlassen", "eingestellt", "alter von", "im alter von", "ersten",
            "vertritt", "vertreten",
        ],
        signingVerbs: ["unterzeichneten", "unterschrieben", "haben unterzeichnet", "unterzeichnet", "mitgezeichnet", "zeichneten"],
        signedBy: ["unterzeichnet von", "unterschrieben von", "unterstützt von"],
        people: [
            "wissenschaftler", "forscher", "ärzte", "ärztinnen", "expertinnen", "experten", "menschen", "personen", "bürger", "künstler", "künstlerinnen",
            "nutzer", "studierende",
        ],
        members: ["nutzer", "mitglieder", "mitgliedern"],
        petitionWords: ["petition"],
        petitionNouns: ["petitionen", "kampagnen", "eingaben"],
        progressConnectors: ["/", "von"],
        timesWords: ["mal"],
        changeVerbs: ["stieg", "stiegen", "gestiegen", "wuchs", "kletterte"],
        byWords: ["von"],
        publishStems: ["veröffentlicht", "verfasst", "geschrieben", "gestartet", "initiiert", "lanciert"],
        adjectiveBeforeNoun: true,
        countWords: CountWords.german.merging(["tausend": 1_000, "hundert": 100]) { a, _ in a },
        countWordsNotBefore: ["der", "von"],
        hundredsStems: ["hundert"],
        compound: nil,
        ruleMarkers: [
            "wenn", "sobald", "falls", "^wird eine", "^wird die", "^erreicht eine", "^erreicht die", "^erhält eine", "^erhält die", "^bekommt eine",
            "^sammelt eine", "werden petitionen", "petitionen, die", "eine petition, die", "ab einer", "müssen",
            "muss eine petition", "muss die petition",
        ],
        ruleConsequences: ["beraten", "beratung", "anhörung", "sitzung", "ausschuss", "grenze", "quorum", "schwelle", "behandelt", "stellungnahme"],
        shortfallCues: ["fehlen", "fehlt", "fehlende", "nochmal", "noch mal", "weitere"],
        countNouns: ["unterschriften", "unterzeichner", "mitzeichner", "mitzeichnungen", "unterstützer"],
        fractionsOfScale: [("eine halbe", 0.5), ("halbe", 0.5), ("eine viertel", 0.25), ("viertel", 0.25)],
        halfAfterScale: ["und eine halbe"],
        askingVerbs: ["fordern", "forderten", "verlangen", "unterstützen", "unterstützten", "wollen", "bitten", "baten"]
    )
}

extension CountWords {
    static let german: [String: Int] = {
        let units = ["", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
        let teens = ["zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"]
        let tens = ["", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]
        var words = basics(units, teens)
        for ten in 2...9 {
            words[tens[ten]] = ten * 10
            for unit in 1...9 { words["\(units[unit])und\(tens[ten])"] = ten * 10 + unit }
        }
        words["dreissig"] = 30
        for unit in 1...9 { words["\(units[unit])unddreissig"] = 30 + unit }
        return words
    }()
}

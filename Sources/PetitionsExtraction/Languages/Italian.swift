import PetitionsDomain

// Every table of Italian: adding a language is a file like this one, its case in `Language`,
// its entry in `Lexicons.all`, and tests.
extension Lexicons {
    static let italian = Lexicon(
        language: .it,
        functionWords: [
            "il", "lo", "la", "gli", "le", "di", "che", "e", "è", "un", "una", "per", "con", "non", "sono", "della", "del", "dei", "degli", "ha", "hanno",
            "alla", "nel",
        ],
        scales: [
            "mila": 1_000, "mille": 1_000, "milione": 1_000_000, "milioni": 1_000_000, "mln": 1_000_000, "miliardo": 1_000_000_000, "miliardi": 1_000_000_000,
        ],
        numberWords: [
            "un": 1, "uno": 1, "una": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9, "dieci": 10,
            "venti": 20, "trenta": 30, "cento": 100,
        ],
        qualifiersBefore: [
            ("superare", .over), ("superando", .over), ("più di", .over), ("oltre", .over), ("oltre a", .over), ("superato", .over), ("supera", .over),
            ("superano", .over),
            ("superato quota", .over), ("superato le", .over), ("superato i", .over), ("supera quota", .over), ("superato la soglia di", .over),
            ("superato la soglia delle", .over), ("sfondato quota", .over), ("oltre le", .over), ("oltre i", .over),
            ("almeno", .atLeast), ("non meno di", .atLeast), ("circa", .about), ("intorno a", .about), ("intorno ai", .about),
            ("attorno a", .about), ("approssimativamente", .about), ("quasi", .almost), ("poco meno di", .almost), ("vicino a", .almost),
            ("meno di", .under), ("fino a", .upTo), ("superate le", .over), ("superate i", .over), ("superata quota", .over), ("superate quota", .over),
            ("sfonda quota", .over), ("sfondato il muro delle", .over), ("oltre quota", .over), ("sopra quota", .over),
        ],
        qualifiersAfter: [("o più", .atLeast), ("e oltre", .over)],
        rangeWords: [("tra", "e"), ("fra", "e"), ("da", "a")],
        signatureCues: [
            "firm", "firme", "firmato", "firmata", "firmatari", "firmatarie", "sottoscritto", "sottoscritta", "sottoscrizioni", "adesioni",
            "petizione", "lettera aperta", "lettera", "appello", "raccolto", "raccolte", "contatore", "nomi",
        ],
        authorCuesBefore: [
            "scritta da", "scritto da", "redatta da", "redatto da", "promossa da", "lanciata da", "ideata da", "pubblicata da", "pubblicato da", "diffusa da",
        ],
        authorCuesAfter: ["hanno scritto", "hanno redatto", "autori", "autrici", "promotori"],
        verifiedCues: ["valide", "validi", "verificate", "verificati", "verificato", "verificata", "confermate", "convalidate", "verific", "controllate"],
        goalCues: [
            "qualsiasi petizione", "ogni petizione", "una petizione che", "le petizioni che", "se una petizione", "quando una petizione", "servono", "serve",
            "necessarie", "necessari", "obiettivo", "soglia", "traguardo", "raggiungere", "occorrono", "bisogna", "puntano a", "punta a", "vogliono", "vuole",
            "sperano di", "spera di", "mirano a", "mira a", "intendono", "bisogno", "deve raccogliere", "devono raccogliere", "deve ottenere",
            "devono ottenere", "ha bisogno di", "hanno bisogno di",
        ],
        silencersAfter: [
            "condivisioni", "commenti", "risultati", "minuti", "minuto", "min", "min.", "ore", "ora", "secondi", "secondo", "giorni", "giorno", "settimane",
            "mesi", "mese", "anni", "anno",
            "per cento", "percento", "dollari", "euro", "sterline", "dipendenti", "video", "clip", "film", "immagini",
            "pagine", "km", "volte", "p", "visualizzazioni", "follower", "paesi", "città", "aziende", "di dollari", "di euro",
            "campagne", "petizioni", "lingue", "articoli", "post", "messaggi", "progetti", "canzoni", "libri", "episodi", "modelli", "premi",
        ],
        silencersBefore: [
            "$", "€", "£", "pagina", "versione", "capitolo", "articolo", "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
            "agosto", "settembre", "ottobre", "novembre", "dicembre", "valutata", "valutato", "stimata", "stimato", "votato da", "impiega", "impiegano",
            "assunto", "assunti", "licenziato", "licenziati", "prime", "primi", "età", "di età", "rappresenta", "rappresentano",
        ],
        signingVerbs: ["hanno firmato", "firmano", "hanno sottoscritto", "sottoscrivono", "firmato", "firmata", "sottoscritto", "sottoscritta"],
        signedBy: ["firmata da", "firmato da", "sottoscritta da", "sottoscritto da"],
        people: [
            "scienziati", "ricercatori", "medici", "docenti", "accademici", "scrittori", "esperti", "persone", "cittadini", "artisti", "utenti", "studenti",
        ],
        members: ["utenti", "iscritti", "soci", "membri", "associati"],
        petitionWords: ["petizione"],
        petitionNouns: ["petizioni", "campagne"],
        progressConnectors: ["/", "su"],
        timesWords: ["volte"],
        changeVerbs: ["passate", "passati", "passata", "salite", "saliti", "cresciute", "cresciuti", "aumentate", "aumentati", "balzate"],
        byWords: ["da"],
        publishStems: ["pubblicat", "scritt", "redatt", "diffus"],
        adjectiveBeforeNoun: false,
        countWords: CountWords.italian.merging(["mille": 1_000, "cento": 100]) { a, _ in a },
        countWordsNotBefore: ["di", "dei", "degli", "delle"],
        hundredsStems: ["cento"],
        compound: nil,
        ruleMarkers: [
            "se", "qualora", "ogni petizione", "le petizioni che", "una petizione che", "servono", "occorrono", "deve raccogliere", "devono raccogliere",
            "deve ottenere", "devono ottenere",
        ],
        ruleConsequences: ["discuss", "dibattito", "risposta", "rispondere", "soglia", "commissione", "esamin", "referendum"],
        shortfallCues: ["mancano", "ne mancano", "mancanti"],
        countNouns: ["firme", "firmatari"],
        fractionsOfScale: [("mezzo", 0.5), ("un quarto di", 0.25)],
        halfAfterScale: ["e mezzo"],
        askingVerbs: ["chiedono", "hanno chiesto", "chiedendo", "sostengono", "hanno sostenuto", "hanno aderito", "aderiscono", "vogliono", "pretendono"]
    )
}

extension CountWords {
    static let italian: [String: Int] = {
        let units = ["", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"]
        let teens = ["dieci", "undici", "dodici", "tredici", "quattordici", "quindici", "sedici", "diciassette", "diciotto", "diciannove"]
        let tens = ["", "", "venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta"]
        var words = basics(units, teens)
        for ten in 2...9 {
            words[tens[ten]] = ten * 10
            for unit in 1...9 {
                // The tens lose their vowel before uno and otto (ventuno, trentotto); tre takes an accent.
                let stem = unit == 1 || unit == 8 ? String(tens[ten].dropLast()) : tens[ten]
                words[stem + (unit == 3 ? "tré" : units[unit])] = ten * 10 + unit
            }
        }
        return words
    }()
}

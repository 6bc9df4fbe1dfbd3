import PetitionsDomain

/// The per-language tables. Shared lists (currency symbols, percent signs) are in `Common`.
public enum Lexicons {
    public static func lexicon(_ language: Language) -> Lexicon {
        switch language {
        case .en: english
        case .it: italian
        case .fr: french
        case .es: spanish
        case .de: german
        case .pt: portuguese
        case .id: indonesian
        case .ja: japanese
        case .zh: chinese
        }
    }

    public static let all: [Lexicon] = Language.allCases.map(lexicon)

    /// Verbs of change before "from X to Y": the two numbers are two counts, not a range.
    static func changeVerbs(_ language: Language) -> [String] {
        switch language {
        case .en: ["rose", "grew", "climbed", "jumped", "increased", "went", "doubled", "tripled", "soared", "risen", "grown"]
        case .it: ["passate", "passati", "passata", "salite", "saliti", "cresciute", "cresciuti", "aumentate", "aumentati", "balzate"]
        case .fr: ["passées", "passés", "passé", "montées", "monté", "grimpé", "augmenté", "bondi"]
        case .es: ["pasaron", "pasado", "subieron", "crecieron", "aumentaron", "saltaron"]
        case .de: ["stieg", "stiegen", "gestiegen", "wuchs", "kletterte"]
        case .pt: ["passaram", "passou", "subiram", "cresceram", "aumentaram", "saltaram"]
        case .id: ["naik", "meningkat", "bertambah", "melonjak"]
        case .ja: ["増え", "増加"]
        case .zh: ["增至", "增加", "上升"]
        }
    }

    /// "Published on Monday by 14 animators": a by-word right before the number, with a verb of
    /// writing or publishing shortly before it, makes the number the authors.
    static func byWords(_ language: Language) -> [String] {
        switch language {
        case .en: ["by"]
        case .it: ["da"]
        case .fr: ["par"]
        case .es, .pt: ["por"]
        case .de: ["von"]
        case .id: ["oleh"]
        case .ja, .zh: []
        }
    }

    static func publishStems(_ language: Language) -> [String] {
        switch language {
        case .en: ["publish", "posted", "released", "written", "drafted", "authored", "penned"]
        case .it: ["pubblicat", "scritt", "redatt", "diffus"]
        case .fr: ["publié", "écrit", "rédigé", "diffusé"]
        case .es: ["publicad", "escrit", "redactad", "difundid"]
        case .de: ["veröffentlicht", "verfasst", "geschrieben", "gestartet", "initiiert", "lanciert"]
        case .pt: ["publicad", "escrit", "redigid", "divulgad"]
        case .id: ["diunggah", "ditulis", "diterbitkan", "disusun"]
        case .ja, .zh: []
        }
    }

    /// Members of an organisation: "a union with 160,000 members" counts members, not signers,
    /// unless they signed ("signed by 100 members").
    static func members(_ language: Language) -> [String] {
        switch language {
        case .en: ["members", "member"]
        case .it: ["iscritti", "soci", "membri", "associati"]
        case .fr: ["adhérents", "membres", "syndiqués"]
        case .es: ["afiliados", "socios", "miembros"]
        case .de: ["mitglieder", "mitgliedern"]
        case .pt: ["filiados", "associados", "membros", "mil filiados"]
        case .id: ["anggota"]
        case .ja: ["人の会員", "人の組合員", "会員"]
        case .zh: ["会员", "會員", "名会员", "名成员", "成员"]
        }
    }

    /// Words for people right after a number ("2000 people"): enough to tell a count from a year.
    static func people(_ language: Language) -> [String] {
        switch language {
        case .en: ["people", "persons", "artists", "citizens", "residents", "members", "supporters", "users", "students", "workers"]
        case .it: ["persone", "cittadini", "artisti", "utenti", "studenti"]
        case .fr: ["personnes", "citoyens", "artistes", "internautes", "étudiants"]
        case .es: ["personas", "ciudadanos", "artistas", "usuarios", "estudiantes"]
        case .de: ["menschen", "personen", "bürger", "künstler", "künstlerinnen", "nutzer", "studierende"]
        case .pt: ["pessoas", "cidadãos", "artistas", "usuários", "estudantes"]
        case .id: ["orang", "warga", "seniman", "pengguna", "mahasiswa"]
        case .ja: ["人", "名"]
        case .zh: ["人", "名"]
        }
    }

    /// Verbs of signing said of people: "26 members of Congress signed" makes members signers.
    static func signingVerbs(_ language: Language) -> [String] {
        switch language {
        case .en: ["signed", "sign", "have signed", "backed", "endorsed", "co-signed", "cosigned"]
        case .it: ["hanno firmato", "firmano", "hanno sottoscritto", "sottoscrivono", "firmato", "firmata", "sottoscritto", "sottoscritta"]
        case .fr: ["ont signé", "signent", "ont cosigné", "signé"]
        case .es: ["firmaron", "firman", "han firmado", "suscribieron", "firmado", "firmada", "suscrita"]
        case .de: ["unterzeichneten", "unterschrieben", "haben unterzeichnet", "unterzeichnet", "mitgezeichnet", "zeichneten"]
        case .pt: ["assinaram", "assinam", "subscreveram", "assinado", "assinada"]
        case .id: ["menandatangani", "ditandatangani", "meneken", "ikut menandatangani"]
        case .ja: ["が署名", "署名した", "署名している"]
        case .zh: ["签署了", "签署", "联署", "簽署"]
        }
    }

    /// Words between a count and its goal on a progress line: "12,345 / 15,000", "6,120 of 7,500
    /// signatures", "9 870 signatures sur 10 000", "41.200 von 50.000".
    static func progressConnectors(_ language: Language) -> [String] {
        switch language {
        case .en: ["/", "out of", "of"]
        case .it: ["/", "su"]
        case .fr: ["/", "sur"]
        case .es: ["/", "de", "sobre"]
        case .de: ["/", "von"]
        case .pt: ["/", "de"]
        case .id: ["/", "dari"]
        case .ja, .zh: ["/", "／"]
        }
    }

    /// "Times" after a number: silent ("viewed 2 million times"), unless the times are signings
    /// ("signed more than 100,000 times", "31.000 Mal mitgezeichnet").
    static func timesWords(_ language: Language) -> [String] {
        switch language {
        case .en: ["times"]
        case .it: ["volte"]
        case .fr: ["fois"]
        case .es: ["veces"]
        case .de: ["mal"]
        case .pt: ["vezes"]
        case .id: ["kali"]
        case .ja: ["回"]
        case .zh: ["次"]
        }
    }

    /// Words right before a number that make it an identifier, in every language: "(ID 134502)",
    /// "n° 4521", "Nr. 12".
    static let identifierWords = [
        "id", "id:", "id.", "ref", "ref.", "nr", "nr.", "n°", "nº", "n.º", "n.", "núm.", "num.", "#", "§", "§§", "art.", "abs.",
        "article", "articles", "artikel", "articolo", "artículo", "artigo", "pasal", "paragraph", "absatz",
        // Shared so many times: "compartida 1.800 veces", "dibagikan 3.200 kali".
        "shared", "condivisa", "partagée", "compartida", "compartido", "compartilhada", "partilhada", "dibagikan",
    ]

    /// A petition named by its number: "Petition 700143", "la pétition 4521" (four or more digits,
    /// written without grouping, right after the word).
    static func petitionWords(_ language: Language) -> [String] {
        switch language {
        case .en: ["petition", "e-petition"]
        case .it: ["petizione"]
        case .fr: ["pétition"]
        case .es: ["petición"]
        case .de: ["petition"]
        case .pt: ["petição"]
        case .id: ["petisi"]
        case .ja, .zh: []
        }
    }

    /// Petitions counted as objects, right after a number ("3,400 petitions", "1200件の請願"). A
    /// sentence that counts petitions counts them in its other numbers too ("of the 3,400
    /// petitions, 57 reached a debate"), unless signers are named after a number. Plural forms
    /// only where the language has them: "5,000 petition signatures" counts signatures.
    static func petitionNouns(_ language: Language) -> [String] {
        switch language {
        case .en: ["petitions", "e-petitions", "campaigns"]
        case .it: ["petizioni", "campagne"]
        case .fr: ["pétitions", "campagnes"]
        case .es: ["peticiones", "campañas"]
        case .de: ["petitionen", "kampagnen", "eingaben"]
        case .pt: ["petições", "campanhas", "abaixo-assinados"]
        case .id: ["petisi", "kampanye"]
        case .ja: ["件の請願", "件の嘆願", "件の署名活動", "本の請願"]
        case .zh: ["份请愿", "个请愿", "项请愿", "件请愿", "份請願", "個請願", "項請願"]
        }
    }

    /// Languages that put adjectives before the noun: "4,100 submitted petitions", "4.100
    /// eingereichten Petitionen" (one word may stand between the number and the petitions).
    static func adjectiveBeforeNoun(_ language: Language) -> Bool {
        language == .en || language == .de
    }

    /// "Signed by": what follows counts signers, whatever their trade ("signed by 3,000 authors").
    static func signedBy(_ language: Language) -> [String] {
        switch language {
        case .en: ["signed by", "backed by", "endorsed by", "supported by"]
        case .it: ["firmata da", "firmato da", "sottoscritta da", "sottoscritto da"]
        case .fr: ["signée par", "signé par", "signées par", "soutenue par"]
        case .es: ["firmada por", "firmado por", "suscrita por", "respaldada por"]
        case .de: ["unterzeichnet von", "unterschrieben von", "unterstützt von"]
        case .pt: ["assinada por", "assinado por", "subscrita por"]
        case .id: ["ditandatangani oleh", "didukung oleh"]
        case .ja: ["が署名", "署名した"]
        case .zh: ["签署", "联署"]
        }
    }

    static let english = Lexicon(
        language: .en,
        functionWords: [
            "the", "and", "of", "to", "has", "have", "was", "were", "which", "that", "with", "by", "for", "its", "is", "since", "on", "been", "from", "it",
            "this", "an",
        ],
        scales: [
            "thousand": 1_000, "k": 1_000, "million": 1_000_000, "millions": 1_000_000, "m": 1_000_000, "mn": 1_000_000, "billion": 1_000_000_000,
            "bn": 1_000_000_000,
        ],
        numberWords: [
            "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
            "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
        ],
        qualifiersBefore: [
            ("more than", .over), ("over", .over), ("upwards of", .over), ("in excess of", .over), ("exceeding", .over), ("surpassed", .over),
            ("passed", .over), ("topped", .over), ("pass", .over), ("passes", .over), ("crossed", .over), ("surpass", .over),
            ("exceeded", .over), ("exceeds", .over), ("broke", .over), ("topping", .over), ("surpassing", .over), ("at least", .atLeast),
            ("no fewer than", .atLeast), ("no less than", .atLeast),
            ("a minimum of", .atLeast), ("about", .about), ("around", .about), ("roughly", .about), ("approximately", .about),
            ("some", .about), ("circa", .about), ("an estimated", .about), ("nearly", .almost), ("almost", .almost), ("close to", .almost),
            ("just under", .almost), ("fewer than", .under), ("less than", .under), ("under", .under), ("below", .under),
            ("up to", .upTo), ("as many as", .upTo), ("tops", .over), ("top", .over), ("tops the", .over), ("clears", .over), ("cleared", .over),
            ("past", .over), ("climbed past", .over), ("went past", .over), ("moved past", .over), ("crept past", .over),
        ],
        qualifiersAfter: [("or more", .atLeast), ("plus", .over), ("+", .over)],
        rangeWords: [("between", "and"), ("from", "to")],
        signatureCues: [
            "sign", "signed", "signing", "signature", "signatures", "signatories", "signatory", "signers", "petition", "open letter", "letter",
            "statement", "added their names", "backed", "endorsed", "supporters", "names", "counter", "tally",
        ],
        authorCuesBefore: [
            "written by", "drafted by", "authored by", "penned by", "co-written by", "launched by", "started by", "initiated by", "published by", "posted by",
            "released by", "put out by",
        ],
        authorCuesAfter: ["wrote", "drafted", "authored", "penned", "co-authors", "authors"],
        verifiedCues: ["verified", "confirmed", "authenticated", "validated", "verif", "checked"],
        goalCues: [
            "any petition", "every petition", "a petition that", "a petition which", "petitions that", "petitions which", "if a petition", "once a petition",
            "when a petition", "needs", "need", "needed", "goal", "target", "threshold", "aims", "aiming", "aim", "required", "requires", "must reach",
            "to reach", "to trigger",
            "to get", "must collect", "must gather", "must get", "has to collect", "have to collect", "needs to collect", "needs to reach", "hopes to reach",
            "hoping to reach", "hopes to collect", "hope to", "hopes to", "hoping to", "want to", "wants to", "plan to", "plans to", "aim to", "aims to",
            "aiming for", "aim for", "set out to", "seek", "seeks", "must be signed by", "needs to be signed by", "need to be signed by", "to be tabled",
        ],
        silencersAfter: [
            "shares", "comments", "reactions", "retweets", "reposts", "replies", "results", "search results", "hits", "matches", "minute", "minutes", "min",
            "hour", "hours", "second", "seconds", "day", "days", "week", "weeks", "month", "months", "year", "years",
            "percent", "per cent", "dollars", "euros", "pounds", "usd", "eur", "employees", "staff", "videos", "clips", "films",
            "images", "pages", "miles", "km", "times", "fps", "p", "gb", "mb", "tb", "views", "followers", "subscribers", "likes",
            "users", "downloads", "copies", "tokens", "parameters", "words", "characters", "countries", "cities", "companies", "hours'",
            "jobs", "st", "nd", "rd", "th", "am", "pm", "billion dollars", "million dollars", "degrees", "campaigns", "petitions",
            "languages", "articles", "posts", "tweets", "messages", "emails", "projects", "songs", "books", "episodes", "models",
            "seasons", "awards", "products", "apps", "games", "stores", "offices", "studios", "teams", "events", "meetings",
        ],
        silencersBefore: [
            "$", "us$", "£", "€", "¥", "half", "half a", "a third of", "quarter", "page", "pages", "version", "chapter", "section", "article", "top", "no.",
            "number", "rank", "ranked",
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gpt-", "iphone", "windows", "valued at", "worth", "employs",
            "employing", "employ", "hired", "hiring", "laid off", "fired", "aged", "age", "ages", "top", "the top", "represents", "represent", "representing",
        ]
    )

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
        verifiedCues: ["verificate", "verificati", "verificato", "verificata", "confermate", "convalidate", "verific", "controllate"],
        goalCues: [
            "qualsiasi petizione", "ogni petizione", "una petizione che", "le petizioni che", "se una petizione", "quando una petizione", "servono", "serve",
            "necessarie", "necessari", "obiettivo", "soglia", "traguardo", "raggiungere", "occorrono", "bisogna", "puntano a", "punta a", "vogliono", "vuole",
            "sperano di", "spera di", "mirano a", "mira a", "intendono", "mancano", "ne mancano", "bisogno", "ha bisogno di", "hanno bisogno di",
        ],
        silencersAfter: [
            "condivisioni", "commenti", "risultati", "minuti", "minuto", "min", "min.", "ore", "ora", "secondi", "secondo", "giorni", "giorno", "settimane",
            "mesi", "mese", "anni", "anno",
            "per cento", "percento", "dollari", "euro", "sterline", "dipendenti", "video", "clip", "film", "immagini",
            "pagine", "km", "volte", "p", "utenti", "visualizzazioni", "follower", "paesi", "città", "aziende", "di dollari", "di euro",
            "campagne", "petizioni", "lingue", "articoli", "post", "messaggi", "progetti", "canzoni", "libri", "episodi", "modelli", "premi",
        ],
        silencersBefore: [
            "$", "€", "£", "pagina", "versione", "capitolo", "articolo", "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
            "agosto", "settembre", "ottobre", "novembre", "dicembre", "valutata", "valutato", "stimata", "stimato", "votato da", "impiega", "impiegano",
            "assunto", "assunti", "licenziato", "licenziati", "prime", "primi", "età", "di età", "rappresenta", "rappresentano",
        ]
    )

    static let french = Lexicon(
        language: .fr,
        functionWords: [
            "le", "la", "les", "de", "des", "du", "et", "est", "un", "une", "pour", "que", "qui", "dans", "par", "sur", "ont", "a", "été", "au", "aux", "ce",
            "cette",
        ],
        scales: ["mille": 1_000, "millier": 1_000, "million": 1_000_000, "millions": 1_000_000, "milliard": 1_000_000_000, "milliards": 1_000_000_000],
        numberWords: [
            "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "vingt": 20, "cent": 100,
        ],
        qualifiersBefore: [
            ("dépasser", .over), ("dépassant", .over), ("plus de", .over), ("au-delà de", .over), ("dépassé", .over), ("dépasse", .over),
            ("dépassé les", .over), ("dépasse les", .over),
            ("dépassé la barre des", .over), ("franchi les", .over), ("franchi la barre des", .over), ("passé la barre des", .over),
            ("au moins", .atLeast), ("pas moins de", .atLeast),
            ("environ", .about), ("quelque", .about), ("quelques", .about), ("autour de", .about), ("approximativement", .about),
            ("près de", .almost), ("presque", .almost), ("quasiment", .almost), ("pratiquement", .almost), ("moins de", .under),
            ("jusqu'à", .upTo), ("jusqu’à", .upTo), ("franchit", .over), ("franchi", .over), ("dépasse la barre des", .over),
        ],
        qualifiersAfter: [("ou plus", .atLeast), ("et plus", .over)],
        rangeWords: [("entre", "et"), ("de", "à")],
        signatureCues: [
            "sign", "signé", "signée", "signées", "signés", "signature", "signatures", "signataire", "signataires", "pétition", "tribune",
            "lettre ouverte", "lettre", "appel", "paraphé", "compteur", "noms",
        ],
        authorCuesBefore: [
            "rédigée par", "rédigé par", "écrite par", "écrit par", "initiée par", "lancée par", "portée par", "publiée par", "publié par", "diffusée par",
            "mise en ligne par",
        ],
        authorCuesAfter: ["ont rédigé", "ont écrit", "auteurs", "autrices", "auteures"],
        verifiedCues: ["vérifiées", "vérifiés", "vérifié", "vérifiée", "confirmées", "authentifiées", "validées", "vérifi", "contrôlées"],
        goalCues: [
            "toute pétition", "chaque pétition", "une pétition qui", "les pétitions qui", "si une pétition", "dès qu'une pétition", "lorsqu'une pétition",
            "il faut", "faut", "nécessaires", "nécessaire", "objectif", "seuil", "atteindre", "requises", "but", "visent", "vise", "veulent", "veut",
            "espèrent", "espère", "souhaitent", "ambitionnent", "il manque", "manque", "manquent", "besoin", "a besoin de", "ont besoin de", "faudra",
            "faudrait",
        ],
        silencersAfter: [
            "partages", "commentaires", "réactions", "résultats", "minutes", "minute", "min", "heures", "heure", "h", "secondes", "jours", "jour", "semaines",
            "mois", "ans", "an", "années",
            "pour cent", "%", "dollars", "euros", "livres", "employés", "salariés", "vidéos", "vidéo", "clips", "films", "images", "pages",
            "km", "fois", "p", "utilisateurs", "vues", "abonnés", "pays", "villes", "entreprises", "de dollars", "d'euros", "d’euros",
            "campagnes", "pétitions", "langues", "articles", "messages", "projets", "chansons", "livres", "épisodes", "modèles", "prix",
        ],
        silencersBefore: [
            "$", "€", "£", "page", "version", "chapitre", "article", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre", "le", "évaluée à", "évalué à", "estimée à", "emploie", "emploient", "embauché", "licencié",
            "licenciés", "h", "premières", "premiers", "âgés de", "âgé de", "représente", "représentent",
        ]
    )

    static let spanish = Lexicon(
        language: .es,
        functionWords: [
            "el", "la", "los", "las", "de", "del", "y", "que", "en", "un", "una", "por", "con", "para", "es", "ha", "han", "se", "su", "al", "ya", "más",
        ],
        scales: ["mil": 1_000, "millón": 1_000_000, "millon": 1_000_000, "millones": 1_000_000, "mil millones": 1_000_000_000],
        numberWords: [
            "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
            "veinte": 20, "cien": 100,
        ],
        qualifiersBefore: [
            ("superar", .over), ("superando", .over), ("más de", .over), ("mas de", .over), ("supera las", .over), ("supera los", .over), ("supera", .over),
            ("superan", .over),
            ("superó", .over), ("superado las", .over), ("superado los", .over), ("superó las", .over), ("superó los", .over),
            ("sobrepasa las", .over), ("sobrepasado las", .over), ("rebasa las", .over), ("rebasado las", .over), ("al menos", .atLeast),
            ("por lo menos", .atLeast), ("como mínimo", .atLeast), ("unos", .about),
            ("unas", .about), ("alrededor de", .about), ("cerca de", .about), ("aproximadamente", .about), ("en torno a", .about),
            ("casi", .almost), ("menos de", .under), ("hasta", .upTo), ("rebasa", .over), ("rompe la barrera de las", .over), ("superaron las", .over),
            ("superaron los", .over), ("superado la barrera de las", .over), ("pasa de las", .over), ("pasa de los", .over), ("pasa de", .over),
        ],
        qualifiersAfter: [("o más", .atLeast)],
        rangeWords: [("entre", "y"), ("de", "a")],
        signatureCues: [
            "firm", "firma", "firmas", "firmado", "firmada", "firmaron", "firmantes", "firmante", "suscrito", "adhesiones", "petición",
            "carta abierta", "carta", "manifiesto", "contador", "nombres",
        ],
        authorCuesBefore: [
            "redactada por", "redactado por", "escrita por", "escrito por", "impulsada por", "promovida por", "lanzada por", "publicada por", "publicado por",
            "difundida por",
        ],
        authorCuesAfter: ["redactaron", "escribieron", "autores", "autoras", "promotores"],
        verifiedCues: ["verificadas", "verificados", "verificada", "confirmadas", "validadas", "verific", "comprobadas", "confirmado"],
        goalCues: [
            "cualquier petición", "toda petición", "una petición que", "las peticiones que", "si una petición", "cuando una petición", "necesita", "necesitan",
            "necesarias", "se necesitan", "objetivo", "meta", "umbral", "alcanzar", "requiere", "aspiran a", "aspira a", "quieren", "quiere", "esperan",
            "espera", "buscan", "busca", "pretenden", "pretende", "faltan", "falta",
        ],
        silencersAfter: [
            "compartidos", "comentarios", "resultados", "minutos", "minuto", "horas", "hora", "segundos", "días", "día", "semanas", "meses", "años", "año",
            "por ciento", "dólares", "euros",
            "empleados", "vídeos", "videos", "clips", "películas", "imágenes", "páginas", "km", "veces", "p", "usuarios",
            "visitas", "seguidores", "países", "ciudades", "empresas", "de dólares", "de euros", "campañas", "peticiones", "idiomas",
            "artículos", "mensajes", "proyectos", "canciones", "libros", "episodios", "modelos", "premios",
        ],
        silencersBefore: [
            "$", "€", "£", "página", "versión", "capítulo", "artículo", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
            "agosto", "septiembre", "octubre", "noviembre", "diciembre", "valorada en", "valorado en", "emplea", "emplean", "contrató", "despidió", "primeras",
            "primeros", "edad de", "representa", "representan",
        ]
    )

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
        verifiedCues: ["verifiziert", "verifizierte", "verifizierten", "bestätigt", "bestätigte", "geprüft", "geprüfte", "verifizier", "überprüft", "geprüft"],
        goalCues: [
            "jede petition", "wenn eine petition", "sobald eine petition", "falls eine petition", "nötig", "notwendig", "benötigt", "braucht", "erforderlich",
            "ziel", "quorum", "schwelle", "erreichen", "wollen", "will", "möchten", "hoffen", "streben", "anstreben", "fehlen", "fehlt",
        ],
        silencersAfter: [
            "mal geteilt", "mal angesehen", "mal aufgerufen", "kommentare", "treffer", "ergebnisse", "minuten", "minute", "min.", "stunden", "stunde",
            "sekunden", "tage", "tagen", "wochen", "monate", "monaten", "jahre", "jahren",
            "prozent", "dollar", "euro", "mitarbeiter", "mitarbeitende", "beschäftigte", "videos", "clips", "filme", "bilder", "seiten",
            "km", "mal", "p", "nutzer", "aufrufe", "follower", "länder", "städte", "unternehmen", "kampagnen", "petitionen", "sprachen",
            "artikel", "beiträge", "nachrichten", "projekte", "lieder", "bücher", "folgen", "modelle", "preise", "euro.",
        ],
        silencersBefore: [
            "$", "€", "£", "seite", "version", "kapitel", "artikel", "januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
            "september", "oktober", "november", "dezember", "bewertet mit", "beschäftigt", "entlassen", "eingestellt", "alter von", "im alter von", "ersten",
            "vertritt", "vertreten",
        ]
    )

    static let portuguese = Lexicon(
        language: .pt,
        functionWords: [
            "o", "a", "os", "as", "de", "do", "da", "dos", "das", "e", "que", "em", "um", "uma", "para", "com", "não", "por", "foi", "são", "ao", "já",
        ],
        scales: [
            "mil": 1_000, "milhão": 1_000_000, "milhao": 1_000_000, "milhões": 1_000_000, "milhoes": 1_000_000, "bilhão": 1_000_000_000,
            "bilhões": 1_000_000_000, "mil milhões": 1_000_000_000,
        ],
        numberWords: [
            "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4, "cinco": 5, "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
            "vinte": 20, "cem": 100,
        ],
        qualifiersBefore: [
            ("ultrapassar", .over), ("ultrapassando", .over), ("mais de", .over), ("ultrapassa", .over), ("ultrapassou", .over), ("ultrapasse", .over),
            ("ultrapassar", .over), ("superar", .over), ("supera", .over), ("superou", .over), ("ultrapassou as", .over),
            ("ultrapassou os", .over), ("superou as", .over), ("superou os", .over), ("passou de", .over), ("passa de", .over), ("pelo menos", .atLeast),
            ("no mínimo", .atLeast), ("cerca de", .about), ("aproximadamente", .about), ("por volta de", .about), ("em torno de", .about),
            ("quase", .almost), ("menos de", .under), ("até", .upTo), ("passa das", .over), ("passou das", .over), ("passa dos", .over), ("passou dos", .over),
            ("perto de", .almost),
        ],
        qualifiersAfter: [("ou mais", .atLeast)],
        rangeWords: [("entre", "e"), ("de", "a")],
        signatureCues: [
            "assin", "assinaram", "assinado", "assinada", "assinatura", "assinaturas", "signatários", "signatárias", "subscreveram", "petição",
            "carta aberta", "carta", "abaixo-assinado", "manifesto", "contador", "nomes",
        ],
        authorCuesBefore: [
            "escrita por", "escrito por", "redigida por", "redigido por", "lançada por", "idealizada por", "publicada por", "publicado por", "divulgada por",
            "criado por", "criada por", "lançado por", "iniciado por",
        ],
        authorCuesAfter: ["escreveram", "redigiram", "autores", "autoras"],
        verifiedCues: ["verificadas", "verificados", "confirmadas", "validadas", "verificad", "confirmad", "checadas"],
        goalCues: [
            "qualquer petição", "toda petição", "toda a petição", "uma petição que", "as petições que", "se uma petição", "quando uma petição", "necessárias",
            "necessários", "precisa", "precisam", "são necessárias", "meta", "objetivo", "limite", "atingir", "alcançar", "querem", "quer", "esperam",
            "pretendem", "pretende", "buscam", "almejam", "faltam", "falta",
        ],
        silencersAfter: [
            "compartilhamentos", "comentários", "resultados", "minutos", "minuto", "horas", "hora", "segundos", "dias", "dia", "semanas", "meses", "anos",
            "ano", "por cento", "dólares", "euros",
            "reais", "funcionários", "vídeos", "clipes", "filmes", "imagens", "páginas", "km", "vezes", "p", "usuários",
            "utilizadores", "visualizações", "seguidores", "países", "cidades", "empresas", "de dólares", "de reais", "campanhas",
            "petições", "línguas", "idiomas", "artigos", "mensagens", "projetos", "canções", "livros", "episódios", "modelos", "prêmios",
        ],
        silencersBefore: [
            "$", "r$", "€", "£", "página", "versão", "capítulo", "artigo", "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
            "agosto", "setembro", "outubro", "novembro", "dezembro", "avaliada em", "avaliado em", "emprega", "empregam", "contratou", "demitiu", "primeiras",
            "primeiros", "idade de", "representa", "representam",
        ]
    )

    static let indonesian = Lexicon(
        language: .id,
        functionWords: [
            "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "tidak", "dalam", "telah", "akan", "pada", "oleh", "juga", "sebuah", "para",
            "mereka",
        ],
        scales: ["ribu": 1_000, "rb": 1_000, "juta": 1_000_000, "jt": 1_000_000, "miliar": 1_000_000_000, "milyar": 1_000_000_000],
        numberWords: [
            "satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10,
            "seratus": 100,
        ],
        qualifiersBefore: [
            ("lebih dari", .over), ("lebih kurang", .about), ("melebihi", .over), ("melampaui", .over), ("sedikitnya", .atLeast),
            ("setidaknya", .atLeast), ("paling sedikit", .atLeast), ("minimal", .atLeast), ("sekitar", .about), ("kurang lebih", .about),
            ("kira-kira", .about), ("sekira", .about), ("hampir", .almost), ("nyaris", .almost), ("kurang dari", .under), ("hingga", .upTo),
            ("sampai", .upTo), ("sebanyak", .exact), ("tembus", .over), ("menembus", .over),
        ],
        qualifiersAfter: [("lebih", .over), ("atau lebih", .atLeast)],
        rangeWords: [("antara", "dan"), ("dari", "hingga")],
        signatureCues: [
            "tanda tangan", "menandatangani", "ditandatangani", "penandatangan", "petisi", "surat terbuka", "surat", "pernyataan", "dukungan", "nama",
        ],
        authorCuesBefore: [
            "ditulis oleh", "disusun oleh", "dirancang oleh", "digagas oleh", "diprakarsai oleh", "diunggah", "diunggah oleh", "diterbitkan oleh",
            "dipublikasikan oleh", "digagas", "diprakarsai", "dimulai oleh",
        ],
        authorCuesAfter: ["menulis", "menyusun", "menggagas"],
        verifiedCues: ["terverifikasi", "diverifikasi", "dikonfirmasi", "tervalidasi", "verifikasi", "diperiksa"],
        goalCues: [
            "setiap petisi", "jika sebuah petisi", "jika petisi", "apabila sebuah petisi", "apabila petisi", "bila sebuah petisi", "membutuhkan", "butuh",
            "dibutuhkan", "diperlukan", "memerlukan", "target", "menargetkan", "ditargetkan", "ambang", "untuk mencapai", "harus mencapai", "perlu mencapai",
            "agar mencapai", "demi mencapai", "ingin", "berharap", "bertujuan", "hendak",
        ],
        silencersAfter: [
            "komentar", "hasil", "menit", "jam", "detik", "hari", "minggu", "pekan", "bulan", "tahun", "persen", "dolar", "rupiah", "euro", "karyawan",
            "pegawai",
            "video", "klip", "film", "gambar", "halaman", "km", "kali", "p", "pengguna", "penonton", "pengikut", "negara",
            "kota", "perusahaan", "miliar dolar", "kampanye", "petisi", "bahasa", "artikel", "unggahan", "pesan", "proyek", "lagu",
            "buku", "episode", "model", "penghargaan",
        ],
        silencersBefore: [
            "ke-", "$", "rp", "rp.", "€", "£", "halaman", "versi", "bab", "pasal", "januari", "februari", "maret", "april", "mei", "juni", "juli",
            "agustus", "september", "oktober", "november", "desember", "bernilai", "senilai", "mempekerjakan", "memecat", "usia", "berusia", "beranggotakan",
            "mewakili",
        ]
    )

    static let japanese = Lexicon(
        language: .ja,
        functionWords: ["の", "に", "は", "を", "が", "と", "で", "た", "し", "て", "も", "です", "ます", "した"],
        scales: ["千": 1_000, "万": 10_000, "億": 100_000_000],
        numberWords: [:],
        qualifiersBefore: [
            ("約", .about), ("およそ", .about), ("おおよそ", .about), ("ほぼ", .about), ("少なくとも", .atLeast), ("最低", .atLeast),
            ("最大", .upTo), ("最高", .upTo),
        ],
        qualifiersAfter: [
            ("人以上", .atLeast), ("以上", .atLeast), ("超", .over), ("を超える", .over), ("を超え", .over), ("余り", .over), ("余", .over),
            ("を突破", .over), ("突破", .over), ("を上回る", .over), ("を上回った", .over),
            ("人超", .over), ("近く", .almost), ("弱", .almost), ("未満", .under), ("人未満", .under), ("足らず", .under), ("ほど", .about),
            ("程度", .about), ("前後", .about), ("人程度", .about), ("人ほど", .about), ("強", .over),
        ],
        rangeWords: [("", "〜"), ("", "～")],
        signatureCues: ["署名", "賛同", "署名者", "賛同者", "オンライン署名", "請願", "公開書簡", "書簡", "声明", "名前", "名簿", "名を連ね"],
        authorCuesBefore: ["執筆者", "起草者", "発起人"],
        authorCuesAfter: ["が執筆", "人が執筆", "が起草", "人が起草", "による執筆", "の執筆者", "人の発起人", "が発起人", "執筆", "起草", "が公開した", "人が公開した", "が公開し", "が呼びかけ", "人が呼びかけ", "が発起"],
        verifiedCues: ["認証済み", "確認済み", "検証済み", "認証された", "確認された", "確認", "認証"],
        goalCues: ["達すると", "達すれば", "集まれば", "超えると", "超えれば", "必要", "目標", "目指", "基準", "目指", "集めたい", "あと"],
        silencersAfter: [
            "件のコメント", "回シェア", "回共有", "件の検索結果", "件ヒット", "件の結果", "分", "時間", "秒", "日", "週間", "か月", "ヶ月", "カ月", "年", "％", "%", "パーセント", "ドル", "円", "ユーロ", "人の社員",
            "社員",
            "従業員", "本", "枚", "件の動画", "ページ", "km", "回", "p", "歳", "位", "月", "割",
        ],
        silencersBefore: ["$", "¥", "€", "第", "約$", "組合員", "会員数", "従業員", "社員"]
    )

    static let chinese = Lexicon(
        language: .zh,
        functionWords: ["的", "了", "是", "在", "和", "有", "这", "为", "与", "已", "该", "个", "也", "都", "将", "对"],
        scales: ["千": 1_000, "万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000],
        numberWords: [:],
        qualifiersBefore: [
            ("约", .about), ("約", .about), ("大约", .about), ("大約", .about), ("约有", .about), ("大约有", .about), ("約有", .about), ("近", .almost), ("将近", .almost),
            ("接近", .almost),
            ("超过", .over), ("超過", .over), ("逾", .over), ("超", .over), ("至少", .atLeast), ("最少", .atLeast), ("不少于", .atLeast),
            ("不足", .under), ("不到", .under), ("少于", .under), ("最多", .upTo), ("多达", .upTo), ("突破", .over), ("超出", .over),
        ],
        qualifiersAfter: [
            ("人以上", .atLeast), ("以上", .atLeast), ("多", .over), ("余", .over), ("余人", .over), ("多人", .over), ("左右", .about),
            ("突破", .over),
        ],
        rangeWords: [("", "至"), ("", "到"), ("", "-")],
        signatureCues: ["签名", "簽名", "赞同者", "贊同者", "賛同者", "联署", "聯署", "签署", "簽署", "请愿", "請願", "公开信", "公開信", "声明", "聲明", "名字", "名单", "名單"],
        authorCuesBefore: ["由", "撰写者", "起草者", "发起人"],
        authorCuesAfter: ["撰写", "撰寫", "起草", "名作者", "位作者", "人撰写", "人起草", "发起"],
        verifiedCues: ["已验证", "已驗證", "经验证", "經驗證", "认证", "認證", "核实", "核實", "确认", "確認"],
        goalCues: ["任何请愿", "任何請願", "只要", "一旦", "如果", "需要", "目标", "目標", "门槛", "門檻", "达到", "達到", "希望", "计划", "計劃", "力争", "争取", "打算", "还差", "還差", "还需", "還需"],
        silencersAfter: [
            "条评论", "條評論", "次转发", "次轉發", "次分享", "条结果", "个结果", "条搜索结果", "個結果", "分钟", "分鐘", "小时", "小時", "秒", "天", "周", "个月", "個月", "年", "％", "%", "美元", "元", "欧元",
            "人民币", "名员工", "员工",
            "員工", "部", "个视频", "個視頻", "页", "頁", "公里", "次", "p", "岁", "歲", "月", "日",
        ],
        silencersBefore: ["$", "¥", "€", "第", "美元", "雇佣", "雇用", "员工", "員工"]
    )
}

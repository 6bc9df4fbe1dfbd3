import PetitionsDomain

// Every table of French: adding a language is a file like this one, its case in `Language`,
// its entry in `Lexicons.all`, and tests.
extension Lexicons {
    static let french = Lexicon(
        language: .fr,
        functionWords: [
            "le", "la", "les", "de", "des", "du", "et", "est", "un", "une", "pour", "que", "qui", "dans", "par", "sur", "ont", "a", "été", "au", "aux", "ce",
            "cette",
        ],
        scales: ["mille": 1_000, "millier": 1_000, "million": 1_000_000, "millions": 1_000_000, "milliard": 1_000_000_000, "milliards": 1_000_000_000],
        numberWords: [
            "un": 1, "une": 1, "le": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "vingt": 20,
            "cent": 100,
        ],
        qualifiersBefore: [
            ("dépasser", .over), ("dépassant", .over), ("plus de", .over), ("au-delà de", .over), ("dépassé", .over), ("dépasse", .over),
            ("dépassé les", .over), ("dépasse les", .over),
            ("dépassé la barre des", .over), ("franchi les", .over), ("franchi la barre des", .over), ("passé la barre des", .over),
            ("au moins", .atLeast), ("pas moins de", .atLeast),
            ("environ", .about), ("quelque", .about), ("quelques", .about), ("autour de", .about), ("approximativement", .about),
            ("près de", .almost), ("près d'", .almost), ("près d’", .almost), ("plus d'", .over), ("plus d’", .over), ("moins d'", .under),
            ("moins d’", .under), ("presque", .almost), ("quasiment", .almost), ("pratiquement", .almost), ("moins de", .under),
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
        verifiedCues: ["valides", "vérifiées", "vérifiés", "vérifié", "vérifiée", "confirmées", "authentifiées", "validées", "vérifi", "contrôlées"],
        goalCues: [
            "toute pétition", "chaque pétition", "une pétition qui", "les pétitions qui", "si une pétition", "dès qu'une pétition", "lorsqu'une pétition",
            "il faut", "faut", "nécessaires", "nécessaire", "objectif", "seuil", "atteindre", "requises", "but", "visent", "vise", "veulent", "veut",
            "espèrent", "espère", "souhaitent", "ambitionnent", "besoin", "a besoin de", "ont besoin de", "faudra",
            "faudrait",
        ],
        silencersAfter: [
            "partages", "commentaires", "réactions", "résultats", "minutes", "minute", "min", "heures", "heure", "h", "secondes", "jours", "jour", "semaines",
            "mois", "ans", "an", "années",
            "pour cent", "%", "dollars", "euros", "livres", "employés", "salariés", "vidéos", "vidéo", "clips", "films", "images", "pages",
            "km", "fois", "p", "vues", "abonnés", "pays", "villes", "entreprises", "de dollars", "d'euros", "d’euros",
            "campagnes", "pétitions", "langues", "articles", "messages", "projets", "chansons", "livres", "épisodes", "modèles", "prix",
        ],
        silencersBefore: [
            "$", "€", "£", "page", "version", "chapitre", "article", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre", "le", "évaluée à", "évalué à", "estimée à", "emploie", "emploient", "embauché", "licencié",
            "licenciés", "h", "premières", "premiers", "âgés de", "âgé de", "représente", "représentent",
        ],
        signingVerbs: ["ont signé", "signent", "ont cosigné", "signé"],
        signedBy: ["signée par", "signé par", "signées par", "soutenue par"],
        people: [
            "scientifiques", "chercheurs", "médecins", "universitaires", "écrivains", "experts", "personnes", "citoyens", "artistes", "internautes",
            "étudiants",
        ],
        members: ["utilisateurs", "adhérents", "membres", "syndiqués"],
        petitionWords: ["pétition"],
        petitionNouns: ["pétitions", "campagnes"],
        progressConnectors: ["/", "sur"],
        timesWords: ["fois"],
        changeVerbs: ["passées", "passés", "passé", "montées", "monté", "grimpé", "augmenté", "bondi"],
        byWords: ["par"],
        publishStems: ["publié", "écrit", "rédigé", "diffusé"],
        adjectiveBeforeNoun: false,
        countWords: CountWords.french.merging(["mille": 1_000]) { a, _ in a },
        countWordsNotBefore: ["de", "des", "d'"],
        hundredsStems: ["cent", "cents"],
        compound: CountWords.Compound(conjunction: Phrase("et"), units: CountWords.phrases(["un": 1, "une": 1, "onze": 11]), tens: [20, 30, 40, 50, 60]),
        ruleMarkers: [
            "si une pétition", "si la pétition", "si cette pétition", "si elle", "toute pétition", "les pétitions qui", "une pétition qui",
            "dès qu'une pétition", "dès qu’une pétition", "lorsqu'une pétition", "lorsqu’une pétition", "il faut", "doit recueillir", "doivent recueillir",
            "doit réunir", "doivent réunir", "nombre minimum", "seuil",
        ],
        ruleConsequences: ["débat", "débattue", "examinée", "examen", "réponse", "répondre", "seuil", "séance", "référendum", "inscrite"],
        shortfallCues: ["il manque", "manque", "manquent", "manquantes", "manquant"],
        countNouns: ["signatures", "signataires"],
        fractionsOfScale: [("un demi-", 0.5), ("demi-", 0.5), ("un quart de", 0.25)],
        halfAfterScale: ["et demi"],
        askingVerbs: ["demandent", "ont demandé", "réclament", "ont réclamé", "soutiennent", "ont soutenu", "exigent", "ont exigé", "appellent", "veulent"]
    )
}

extension CountWords {
    static let french: [String: Int] = {
        let units = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
        let teens = ["dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
        let tens = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante"]
        var words = basics(units, teens)
        for ten in 2...6 {
            words[tens[ten]] = ten * 10
            words["\(tens[ten])-et-un"] = ten * 10 + 1
            for unit in 2...9 { words["\(tens[ten])-\(units[unit])"] = ten * 10 + unit }
        }
        // 70-79 on sixty, 80-99 on four twenties.
        words["soixante-dix"] = 70
        words["soixante-et-onze"] = 71
        for (offset, teen) in teens.enumerated().dropFirst(2) { words["soixante-\(teen)"] = 70 + offset }
        words["quatre-vingts"] = 80
        for unit in 1...9 { words["quatre-vingt-\(units[unit])"] = 80 + unit }
        for (offset, teen) in teens.enumerated() { words["quatre-vingt-\(teen)"] = 90 + offset }
        // Belgian and Swiss French.
        words["septante"] = 70
        words["nonante"] = 90
        return words
    }()
}

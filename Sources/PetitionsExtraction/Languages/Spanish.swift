import PetitionsDomain

// Every table of Spanish: adding a language is a file like this one, its case in `Language`,
// its entry in `Lexicons.all`, and tests.
extension Lexicons {
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
            "firm", "firma", "firmas", "firmado", "firmada", "firmaron", "firmantes", "firmante", "suscrito", "adhesiones", "adherido", "adheridos",
            "adheridas", "adhirieron", "petición",
            "carta abierta", "carta", "manifiesto", "contador", "nombres",
        ],
        authorCuesBefore: [
            "redactada por", "redactado por", "escrita por", "escrito por", "impulsada por", "promovida por", "lanzada por", "publicada por", "publicado por",
            "difundida por",
        ],
        authorCuesAfter: ["redactaron", "escribieron", "autores", "autoras", "promotores"],
        verifiedCues: ["válidas", "válidos", "verificadas", "verificados", "verificada", "confirmadas", "validadas", "verific", "comprobadas", "confirmado"],
        goalCues: [
            "cualquier petición", "toda petición", "una petición que", "las peticiones que", "si una petición", "cuando una petición", "necesita", "necesitan",
            "necesarias", "se necesitan", "objetivo", "meta", "umbral", "alcanzar", "requiere", "aspiran a", "aspira a", "quieren", "quiere", "esperan",
            "espera", "buscan", "busca", "pretenden", "pretende", "hacen falta", "hace falta", "debe reunir", "deben reunir", "debe recoger", "deben recoger",
        ],
        silencersAfter: [
            "compartidos", "comentarios", "resultados", "minutos", "minuto", "horas", "hora", "segundos", "días", "día", "semanas", "meses", "años", "año",
            "por ciento", "dólares", "euros",
            "empleados", "vídeos", "videos", "clips", "películas", "imágenes", "páginas", "km", "veces", "p",
            "visitas", "seguidores", "países", "ciudades", "empresas", "de dólares", "de euros", "campañas", "peticiones", "idiomas",
            "artículos", "mensajes", "proyectos", "canciones", "libros", "episodios", "modelos", "premios",
        ],
        silencersBefore: [
            "$", "€", "£", "página", "versión", "capítulo", "artículo", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
            "agosto", "septiembre", "octubre", "noviembre", "diciembre", "valorada en", "valorado en", "emplea", "emplean", "contrató", "despidió", "primeras",
            "primeros", "edad de", "representa", "representan",
        ],
        signingVerbs: ["firmaron", "firman", "han firmado", "suscribieron", "firmado", "firmada", "suscrita"],
        signedBy: ["firmada por", "firmado por", "suscrita por", "respaldada por"],
        people: [
            "científicos", "investigadores", "médicos", "académicos", "escritores", "expertos", "personas", "ciudadanos", "artistas", "usuarios", "estudiantes",
        ],
        members: ["usuarios", "afiliados", "socios", "miembros"],
        petitionWords: ["petición"],
        petitionNouns: ["peticiones", "campañas"],
        progressConnectors: ["/", "de", "sobre"],
        timesWords: ["veces"],
        changeVerbs: ["pasaron", "pasado", "subieron", "crecieron", "aumentaron", "saltaron"],
        byWords: ["por"],
        publishStems: ["publicad", "escrit", "redactad", "difundid"],
        adjectiveBeforeNoun: false,
        countWords: CountWords.spanish.merging(["mil": 1_000, "cien": 100]) { a, _ in a },
        countWordsNotBefore: ["de", "del"],
        hundredsStems: ["ciento", "cientos", "cientas"],
        compound: CountWords.Compound(
            conjunction: Phrase("y"),
            units: CountWords.phrases([
                "uno": 1, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
                "siete": 7, "ocho": 8, "nueve": 9,
            ]), tens: CountWords.allTens.subtracting([20])),
        ruleMarkers: [
            "si", "toda petición", "las peticiones que", "una petición que", "hace falta", "deben reunir", "debe reunir", "deben recoger", "debe recoger",
            "necesita", "necesitan",
        ],
        ruleConsequences: ["debate", "debatida", "respuesta", "responder", "umbral", "comisión", "pleno", "tramit", "referéndum"],
        shortfallCues: ["faltan", "restan", "quedan"],
        countNouns: ["firmas", "firmantes"],
        fractionsOfScale: [("medio", 0.5), ("un cuarto de", 0.25)],
        halfAfterScale: ["y medio"],
        askingVerbs: [
            "piden", "han pedido", "pidieron", "exigen", "reclaman", "apoyan", "han apoyado", "apoyaron", "se han sumado", "se sumaron", "han respondido",
            "solicitan", "quieren",
        ]
    )
}

extension CountWords {
    static let spanish: [String: Int] = {
        let units = ["", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]
        let teens = ["diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve"]
        let tens = ["", "", "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"]
        let twenties = ["", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve"]
        var words = basics(units, teens)
        for ten in 2...9 { words[tens[ten]] = ten * 10 }
        for unit in 1...9 { words[twenties[unit]] = 20 + unit }
        words["veintiún"] = 21
        return words
    }()
}

/// Whole numbers from 11 to 99 written as one word (hyphens allowed), built from each language's
/// rules rather than listed: "twenty-six", "ventisei", "vingt-six", "veintiséis",
/// "sechsundzwanzig", "dezesseis". They count as figures on their own, without a scale word
/// ("Twenty-six legislators signed"). Smaller ones stay silent: "one in three signatories", "its
/// five authors are former employees", "two of the organisers" are shares and descriptions far more
/// often than reported counts.
enum CountWords {
    /// The words, and the words after which a number word is not a count ("two of the organisers").
    static func words(_ language: Language) -> (words: [String: Int], notBefore: [String]) {
        let (all, notBefore) = allWords(language)
        return (all.filter { $0.value >= 11 }, notBefore)
    }

    static func allWords(_ language: Language) -> (words: [String: Int], notBefore: [String]) {
        switch language {
        case .en: (english, ["of"])
        case .it: (italian, ["di", "dei", "degli", "delle"])
        case .fr: (french, ["de", "des", "d'"])
        case .es: (spanish, ["de", "del"])
        case .de: (german, ["der", "von"])
        case .pt: (portuguese, ["de", "dos", "das"])
        case .id, .ja, .zh: ([:], [])
        }
    }

    /// Counts written as several words: tens joined to a unit by a conjunction ("vinte e seis",
    /// "treinta y seis", "trente et un"), or, in Indonesian, built on "puluh" (tens) and "belas"
    /// (teens): "dua puluh enam", "tiga belas".
    struct Compound: Sendable {
        /// The word between the tens and the unit; nil where there is none (Indonesian).
        var conjunction: Phrase?
        /// Units that may follow, with their values.
        var units: [(Phrase, Int)]
        /// Which tens take a unit this way (French joins 20 to 60 with "et un", and 60 with "et onze").
        var tens: Set<Int>
        /// Indonesian: the words that make a unit into tens and teens.
        var tensWord: Phrase?
        var teensWord: Phrase?
    }

    static func compound(_ language: Language) -> Compound? {
        func phrases(_ words: [String: Int]) -> [(Phrase, Int)] {
            words.map { (Phrase($0.key), $0.value) }.sorted { $0.0.scalars.count > $1.0.scalars.count }
        }
        let allTens = Set(stride(from: 20, through: 90, by: 10))
        switch language {
        case .pt:
            return Compound(
                conjunction: Phrase("e"),
                units: phrases([
                    "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4, "cinco": 5, "seis": 6,
                    "sete": 7, "oito": 8, "nove": 9,
                ]), tens: allTens)
        case .es:
            // Veinti- forms are one word; from thirty on the unit follows "y".
            return Compound(
                conjunction: Phrase("y"),
                units: phrases([
                    "uno": 1, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
                    "siete": 7, "ocho": 8, "nueve": 9,
                ]), tens: allTens.subtracting([20]))
        case .fr:
            return Compound(conjunction: Phrase("et"), units: phrases(["un": 1, "une": 1, "onze": 11]), tens: [20, 30, 40, 50, 60])
        case .id:
            return Compound(
                conjunction: nil,
                units: phrases([
                    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
                    "sembilan": 9,
                ]), tens: [], tensWord: Phrase("puluh"), teensWord: Phrase("belas"))
        case .en, .it, .de, .ja, .zh:
            return nil
        }
    }

    /// Hundreds written out: English builds them from words ("one hundred and twenty"), read
    /// whole; in the other languages a count word right after a hundreds word ("cento e vinte",
    /// "ciento veinte", "cent vingt") is only part of a number this reader does not build, so it
    /// stays silent rather than read as twenty.
    static let hundredWord = Phrase("hundred")
    static let hundredConjunction = Phrase("and")

    static func hundredsStems(_ language: Language) -> [String] {
        switch language {
        case .en: ["hundred", "hundreds"]
        case .it: ["cento"]
        case .fr: ["cent", "cents"]
        case .es: ["ciento", "cientos", "cientas"]
        case .de: ["hundert"]
        case .pt: ["cem", "cento", "centos", "centas"]
        case .id: ["ratus"]
        case .ja, .zh: []
        }
    }

    /// Words that may stand between a hundreds word and the rest ("hundred and", "cento e").
    static let hundredsJoiners: Set<String> = ["and", "e", "y", "et", "und"]

    /// Two to nine from `units` (indexed by value), ten to nineteen from `teens`.
    static func basics(_ units: [String], _ teens: [String]) -> [String: Int] {
        var words: [String: Int] = [:]
        for value in 2...9 { words[units[value]] = value }
        for (offset, word) in teens.enumerated() { words[word] = 10 + offset }
        return words
    }

    static let english: [String: Int] = {
        let units = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        let teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
        let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        var words = basics(units, teens)
        for ten in 2...9 {
            words[tens[ten]] = ten * 10
            for unit in 1...9 { words["\(tens[ten])-\(units[unit])"] = ten * 10 + unit }
        }
        return words
    }()

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

    static let portuguese: [String: Int] = {
        let units = ["", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove"]
        let teens = ["dez", "onze", "doze", "treze", "catorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove"]
        var words = basics(units, teens).merging(["duas": 2, "quatorze": 14, "dezasseis": 16, "dezassete": 17, "dezanove": 19]) { first, _ in first }
        for (ten, word) in ["vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa"].enumerated() {
            words[word] = (ten + 2) * 10
        }
        return words
    }()
}

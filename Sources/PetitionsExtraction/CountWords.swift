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
        for (ten, word) in ["vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa"].enumerated() { words[word] = (ten + 2) * 10 }
        return words
    }()
}

/// Whole numbers from 11 to 99 written as one word (hyphens allowed), built from each language's
/// rules rather than listed: "twenty-six", "ventisei", "vingt-six", "veintiséis",
/// "sechsundzwanzig", "dezesseis". They count as figures on their own, without a scale word
/// ("Twenty-six legislators signed"). Smaller ones stay silent: "one in three signatories", "its
/// five authors are former employees", "two of the organisers" are shares and descriptions far more
/// often than reported counts.
enum CountWords {
    /// The words, and the words after which a number word is not a count ("two of the organisers").
    static func words(_ language: Language) -> (words: [String: Int], notBefore: [String]) {
        let lexicon = Lexicons.lexicon(language)
        return (lexicon.countWords.filter { $0.value >= 11 }, lexicon.countWordsNotBefore)
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

    static func phrases(_ words: [String: Int]) -> [(Phrase, Int)] {
        words.map { (Phrase($0.key), $0.value) }.sorted { $0.0.scalars.count > $1.0.scalars.count }
    }
    static let allTens = Set(stride(from: 20, through: 90, by: 10))

    /// Hundreds written out: English builds them from words ("one hundred and twenty"), read
    /// whole; in the other languages a count word right after a hundreds word ("cento e vinte",
    /// "ciento veinte", "cent vingt") is only part of a number this reader does not build, so it
    /// stays silent rather than read as twenty.
    static let hundredWord = Phrase("hundred")
    static let hundredConjunction = Phrase("and")

    /// Words that may stand between a hundreds word and the rest ("hundred and", "cento e").
    static let hundredsJoiners: Set<String> = ["and", "e", "y", "et", "und"]

    /// Two to nine from `units` (indexed by value), ten to nineteen from `teens`.
    static func basics(_ units: [String], _ teens: [String]) -> [String: Int] {
        var words: [String: Int] = [:]
        for value in 2...9 { words[units[value]] = value }
        for (offset, word) in teens.enumerated() { words[word] = 10 + offset }
        return words
    }

}

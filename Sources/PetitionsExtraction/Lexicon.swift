import PetitionsDomain

/// The languages the extractor reads.
public enum Language: String, CaseIterable, Sendable {
    case en, it, fr, es, de, pt, id, ja, zh
}

/// Everything language-specific the extractor knows: adding a language is adding a `Lexicon`
/// (one file in Languages/, listed in `Lexicons.all`) and tests, not new control flow. Phrases are lower case; matching ignores
/// case and treats any run of spaces as one.
public struct Lexicon: Sendable {
    public var language: Language
    /// Frequent short words, for telling Latin-script languages apart.
    public var functionWords: Set<String>
    /// Scale words after a number: "mila" → 1,000; "milioni" → 1,000,000.
    public var scales: [String: Int]
    /// Number words for round amounts ("three thousand", "un millón").
    public var numberWords: [String: Int]
    /// Qualifier phrases before the number ("more than"), and after it ("or more", "以上").
    public var qualifiersBefore: [(String, Qualifier)]
    public var qualifiersAfter: [(String, Qualifier)]
    /// Range patterns: the words before the low end and between the two ends ("between", "and").
    public var rangeWords: [(before: String, between: String)]
    /// Cues, anywhere in the sentence, that the figure counts signatures.
    public var signatureCues: [String]
    /// Cues right before the number (within a few words) that it counts authors ("written by").
    public var authorCuesBefore: [String]
    /// Cues after the number ("16 artists wrote").
    public var authorCuesAfter: [String]
    /// Cues near the number that it counts verified signatures.
    public var verifiedCues: [String]
    /// Cues near the number that it is a target ("needs", "goal").
    public var goalCues: [String]
    /// Words right after a number that make it something else: units, currencies, durations, things.
    public var silencersAfter: [String]
    /// Words right before a number that make it something else (currencies, "page", dates).
    public var silencersBefore: [String]
    /// Verbs of signing said of people: "26 members of Congress signed" makes members signers.
    public var signingVerbs: [String]
    /// "Signed by": what follows counts signers, whatever their trade ("signed by 3,000 authors").
    public var signedBy: [String]
    /// Words for people right after a number ("2000 people"): enough to tell a count from a year.
    public var people: [String]
    /// Members of an organisation: "a union with 160,000 members" counts members, not signers,
    /// unless they signed ("signed by 100 members").
    public var members: [String]
    /// A petition named by its number: "Petition 700143", "la pétition 4521" (four or more digits,
    /// written without grouping, right after the word).
    public var petitionWords: [String]
    /// Petitions counted as objects, right after a number ("3,400 petitions", "1200件の請願"). A
    /// sentence that counts petitions counts them in its other numbers too ("of the 3,400
    /// petitions, 57 reached a debate"), unless signers are named after a number. Plural forms
    /// only where the language has them: "5,000 petition signatures" counts signatures.
    public var petitionNouns: [String]
    /// Words between a count and its goal on a progress line: "12,345 / 15,000", "6,120 of 7,500
    /// signatures", "9 870 signatures sur 10 000", "41.200 von 50.000".
    public var progressConnectors: [String]
    /// "Times" after a number: silent ("viewed 2 million times"), unless the times are signings
    /// ("signed more than 100,000 times", "31.000 Mal mitgezeichnet").
    public var timesWords: [String]
    /// Verbs of change before "from X to Y": the two numbers are two counts, not a range.
    public var changeVerbs: [String]
    /// "Published on Monday by 14 animators": a by-word right before the number, with a verb of
    /// writing or publishing shortly before it, makes the number the authors.
    public var byWords: [String]
    public var publishStems: [String]
    /// Whether adjectives come before the noun: "4,100 submitted petitions", "4.100 eingereichten
    /// Petitionen" (one word may stand between the number and the petitions).
    public var adjectiveBeforeNoun: Bool
    /// Count words (two to ninety-nine), and the words after which a number word is not a count
    /// ("two of the organisers"); see `CountWords`.
    public var countWords: [String: Int]
    public var countWordsNotBefore: [String]
    /// Words that end in a hundreds word ("cento", "cientos"); see `CountWords.hundredsStems`.
    public var hundredsStems: [String]
    /// Counts written as several words ("vinte e seis", "dua puluh enam"); nil where there are none.
    var compound: CountWords.Compound?
    /// A sentence that states a rule rather than a fact: a condition or a generic subject ("if a
    /// petition gets", "petitions that gain", "wird eine Petition … unterstützt") together with
    /// what the rule grants ("respond", "debate", "beraten"). Counts after the condition are
    /// thresholds (goals), not counts of signers.
    var ruleMarkers: [String] = []
    var ruleConsequences: [String] = []
    /// A shortfall or an increment, before the number or among its next words ("still 2,500
    /// short", "il manque 2 500", "あと2500筆"): no count of signers and no goal either.
    var shortfallCues: [String] = []
    /// Nouns right after a number that say it counts signatures, whatever the sentence says
    /// ("1万2千筆", "1200人附议", "8.450 tandatangan").
    var countNouns: [String] = []
    /// "Half a million", "a quarter of a million", "medio millón": a share of the scale word that follows.
    var fractionsOfScale: [(String, Double)] = []
    /// "Two million and a half", "2 milioni e mezzo": half the scale added.
    var halfAfterScale: [String] = []
    /// Verbs of asking or backing said of people ("64,000 people asked", "200.000 personas
    /// piden"): with a petition named shortly before, the people are its signers.
    var askingVerbs: [String] = []
}

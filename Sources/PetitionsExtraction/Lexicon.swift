import PetitionsDomain

/// The languages the extractor reads.
public enum Language: String, CaseIterable, Sendable {
    case en, it, fr, es, de, pt, id, ja, zh
}

/// Everything language-specific the extractor knows: adding a language is adding a `Lexicon`
/// (see `Lexicons.swift`) and tests, not new control flow. Phrases are lower case; matching ignores
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
}

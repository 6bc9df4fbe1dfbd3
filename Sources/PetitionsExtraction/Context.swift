import PetitionsDomain

/// The words around a number, folded (lower case, spaces collapsed), and phrase matching on them.
enum Context {
    /// Text before `to`, back to `from` and at most `limit` code points, spaces collapsed.
    static func before(_ document: Document, from: Int, to: Int, limit: Int) -> String {
        let start = max(from, to - limit)
        return collapse(document.lowerString(start..<to))
    }

    static func after(_ document: Document, from: Int, to: Int, limit: Int) -> String {
        let end = min(to, from + limit)
        guard end > from else { return "" }
        return collapse(document.lowerString(from..<end))
    }

    static func collapse(_ text: String) -> String {
        var result = ""
        var space = false
        for character in text {
            if character.isWhitespace { space = true; continue }
            if space && !result.isEmpty { result.append(" ") }
            space = false
            result.append(character)
        }
        if space { result.append(" ") }
        return result
    }

    static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber
    }

    /// Whether `text` ends with one of `phrases` as whole words (before a trailing space).
    static func matchesSuffix(_ text: String, _ phrases: [String], cjk: Bool, allowTrailing: Bool = false) -> Bool {
        longestSuffixLength(text, phrases, cjk: cjk, allowTrailing: allowTrailing) != nil
    }

    static func longestSuffixLength(_ text: String, _ phrases: [String], cjk: Bool, allowTrailing: Bool = false) -> Int? {
        var trimmed = Substring(text)
        while trimmed.last == " " { trimmed.removeLast() }
        var best: Int?
        for phrase in phrases where !phrase.isEmpty {
            var candidates = [trimmed]
            if allowTrailing {
                // A qualifier or article may stand between the cue and the number: "written by some 16".
                let words = trimmed.split(separator: " ")
                for drop in 1...2 where words.count > drop { candidates.append(Substring(words.dropLast(drop).joined(separator: " "))) }
            }
            for candidate in candidates where candidate.hasSuffix(phrase) {
                let before = candidate.dropLast(phrase.count).last
                if cjk || phrase.first.map({ !isWordCharacter($0) }) == true || !isWordCharacter(before) {
                    let length = text.count - (candidate.count - phrase.count)
                    if best == nil || length > best! { best = length }
                }
            }
        }
        return best
    }

    /// The longest qualifier phrase ending the text, and how many code points it spans back from the number.
    static func longestSuffix(_ text: String, _ phrases: [(String, Qualifier)], cjk: Bool) -> (Int, Qualifier)? {
        var best: (Int, Qualifier, Int)?
        for (phrase, qualifier) in phrases {
            guard let length = longestSuffixLength(text, [phrase], cjk: cjk) else { continue }
            if best == nil || phrase.count > best!.2 { best = (length, qualifier, phrase.count) }
        }
        return best.map { ($0.0, $0.1) }
    }

    /// Whether `text` starts with one of `phrases` as whole words.
    static func matchesPrefix(_ text: String, _ phrases: [String], cjk: Bool) -> Bool {
        let trimmed = text.drop { $0 == " " }
        return phrases.contains { phrase in
            guard !phrase.isEmpty, trimmed.hasPrefix(phrase) else { return false }
            return cjk || phrase.last.map({ !isWordCharacter($0) }) == true || !isWordCharacter(trimmed.dropFirst(phrase.count).first)
        }
    }

    /// CJK counters that may stand between a number and what qualifies it: 5千人を超える, 5000多个.
    static let counters: Set<Character> = ["人", "名", "件", "筆", "个", "個", "份", "位"]

    static func longestPrefix(_ text: String, _ phrases: [(String, Qualifier)], cjk: Bool) -> (Int, Qualifier)? {
        if cjk, let first = text.first, counters.contains(first), let (length, qualifier) = longestPrefix(String(text.dropFirst()), phrases, cjk: true) {
            return (length + 1, qualifier)
        }
        let leading = text.prefix { $0 == " " }.count
        var best: (Int, Qualifier)?
        for (phrase, qualifier) in phrases where matchesPrefix(text, [phrase], cjk: cjk) {
            if best == nil || phrase.count + leading > best!.0 { best = (phrase.count + leading, qualifier) }
        }
        return best
    }

    /// Whether any phrase occurs in `text` (as a word start for Latin scripts; stems like "firm" match "firmato").
    static func contains(_ text: String, _ phrases: [String], cjk: Bool) -> Bool {
        phrases.contains { phrase in
            guard !phrase.isEmpty else { return false }
            var search = text[...]
            while let found = search.range(of: phrase) {
                if cjk || found.lowerBound == text.startIndex || !isWordCharacter(text[text.index(before: found.lowerBound)]) { return true }
                search = text[found.upperBound...]
            }
            return false
        }
    }

    /// A range "between A and B": the length of the word before A when the text between is the joining word.
    static func range(before: String, between: String, words: [(before: String, between: String)], cjk: Bool) -> Int? {
        let joining = between.trimmingCharacters(in: .whitespaces)
        for pair in words where joining == pair.between || (!cjk && joining == "-") || joining == "–" {
            if pair.before.isEmpty { return 0 }
            if let length = longestSuffixLength(before, [pair.before], cjk: cjk) { return length }
        }
        return nil
    }
}

/// Name keys for a long list, computing each distinct non-ASCII word once.
///
/// Unicode normalisation and case folding (`NameKeys`' slow path) cost about ten times the ASCII
/// path, and long lists repeat their words: given names, family names, particles. The keys of a
/// name are the keys of its space-separated words joined by single spaces (the skeleton: joined
/// without), as long as no word starts with a character that attaches to the space before it (a
/// combining mark) and every character is of a script whose words are separated by spaces in
/// this way. Any other name is computed whole, so the result is always that of `NameKeys(name)`
/// (a test holds the two side by side on names built to break the rule).
///
/// Not shared between threads: give each worker its own.
public struct NameKeyCache {
    private var words: [Substring: NameKeys] = [:]
    /// Past this many words the cache starts again (memory stays flat on any list).
    static let capacity = 50_000

    public init() {}

    public mutating func keys(_ name: String) -> NameKeys {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return NameKeys(name) }
        guard name.unicodeScalars.allSatisfy(Self.isWordwise) else { return NameKeys(name) }
        var key = "", loose = "", skeleton = ""
        for word in name.split(separator: " ", omittingEmptySubsequences: true) {
            guard let first = word.unicodeScalars.first, !Self.attachesToPrevious(first) else { return NameKeys(name) }
            let parts: NameKeys
            if word.utf8.allSatisfy({ $0 < 0x80 }) {
                parts = NameKeys(String(word))
            } else if let cached = words[word] {
                parts = cached
            } else {
                parts = NameKeys(String(word))
                if words.count >= Self.capacity { words.removeAll(keepingCapacity: true) }
                words[word] = parts
            }
            if parts.key.isEmpty { continue }
            if !key.isEmpty {
                key += " "
                loose += " "
            }
            key += parts.key
            loose += parts.looseKey
            skeleton += parts.skeleton
        }
        return NameKeys(key: key, looseKey: loose, skeleton: skeleton)
    }

    /// Scripts whose words, once normalised and folded, do not change with their neighbours:
    /// ASCII, Latin, Greek, Cyrillic (with their combining accents), CJK, kana, Hangul syllables,
    /// and full- and half-width forms.
    static func isWordwise(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0x24F, 0x300...0x36F, 0x370...0x3FF, 0x400...0x4FF, 0x1E00...0x1EFF, 0x3000...0x30FF, 0x4E00...0x9FFF,
            0xAC00...0xD7A3, 0xFF00...0xFFEF:
            true
        default:
            false
        }
    }

    /// Combining accents and kana voicing marks (and the half-width marks that normalise to them)
    /// join the character before them, here the space.
    static func attachesToPrevious(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x300...0x36F, 0x3099...0x309A, 0xFF9E...0xFF9F: true
        default: false
        }
    }
}

extension NameKeys {
    init(key: String, looseKey: String, skeleton: String) {
        self.key = key
        self.looseKey = looseKey
        self.skeleton = skeleton
    }
}

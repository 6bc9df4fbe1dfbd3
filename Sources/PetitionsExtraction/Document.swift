/// Text as Unicode scalars (offsets are code points), with a folded copy for matching: lower case,
/// full-width ASCII as ASCII, every kind of space as a plain space.
struct Document {
    let scalars: [Unicode.Scalar]
    let folded: [Unicode.Scalar]

    init(_ text: String) {
        // One pass, both arrays (Array(text.unicodeScalars) would count the scalars first).
        var scalars: [Unicode.Scalar] = []
        var folded: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        folded.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            scalars.append(scalar)
            let value = scalar.value
            folded.append(
                value < 0x80
                    ? (value >= 0x41 && value <= 0x5A ? Unicode.Scalar(value + 0x20)! : (value == 0x09 || value == 0x0D ? " " : scalar)) : Document.fold(scalar)
            )
        }
        self.scalars = scalars
        self.folded = folded
    }

    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value < 0x80 {
            return value >= 0x41 && value <= 0x5A ? Unicode.Scalar(value + 0x20)! : scalar
        }
        if value >= 0xFF01 && value <= 0xFF5E {  // full-width ASCII
            return fold(Unicode.Scalar(value - 0xFEE0)!)
        }
        if value == 0x00A0 || value == 0x202F || value == 0x2009 || value == 0x3000 || value == 0x2007 { return " " }
        // Latin-1 capitals (À–Þ, not ×) without a property lookup.
        if value >= 0xC0 && value <= 0xDE && value != 0xD7 { return Unicode.Scalar(value + 0x20)! }
        if value < 0x100 || (value >= 0x3000 && value < 0xFF00) || (value >= 0x4E00 && value <= 0x9FFF) { return scalar }
        if value == 0x2019 { return "'" }
        if scalar.properties.isUppercase, let lower = scalar.properties.lowercaseMapping.unicodeScalars.first,
            scalar.properties.lowercaseMapping.unicodeScalars.count == 1
        {
            return lower
        }
        return scalar
    }

    var count: Int { scalars.count }

    func string(_ range: Range<Int>) -> String { Document.string(scalars[range]) }
    func lowerString(_ range: Range<Int>) -> String { Document.string(folded[range]) }

    /// Scalars as a string, encoded to UTF-8 in one buffer (appending scalar by scalar to a
    /// `String.UnicodeScalarView` was most of the cost of a figure's quote).
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * 3)
        for scalar in scalars {
            let value = scalar.value
            switch value {
            case 0..<0x80:
                bytes.append(UInt8(value))
            case 0x80..<0x800:
                bytes.append(UInt8(0xC0 | (value >> 6)))
                bytes.append(UInt8(0x80 | (value & 0x3F)))
            case 0x800..<0x10000:
                bytes.append(UInt8(0xE0 | (value >> 12)))
                bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (value & 0x3F)))
            default:
                bytes.append(UInt8(0xF0 | (value >> 18)))
                bytes.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
                bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (value & 0x3F)))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `range` without the white space at either end.
    static func trimmed(_ range: Range<Int>, in text: [Unicode.Scalar]) -> Range<Int> {
        var from = range.lowerBound, to = range.upperBound
        while from < to, text[from].properties.isWhitespace { from += 1 }
        while to > from, text[to - 1].properties.isWhitespace { to -= 1 }
        return from..<to
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) }
        // Latin-1 and Latin Extended letters, kana and CJK ideographs without a property lookup.
        if value >= 0xC0 && value <= 0x24F { return value != 0xD7 && value != 0xF7 }
        if (value >= 0x3041 && value <= 0x30FF) || (value >= 0x4E00 && value <= 0x9FFF) { return true }
        return scalar.properties.isAlphabetic
    }

    /// Sentences: ends at . ! ? followed by a space and not a digit or lower-case letter (so "8.000",
    /// "ca. 12 000" and "Mio. Menschen" stay whole), at 。！？, and at line breaks.
    func sentences() -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < count {
            let scalar = scalars[index]
            var end: Int?
            switch scalar {
            case "\n", "。", "！", "？":
                end = index + 1
            case ".", "!", "?":
                var next = index + 1
                while next < count, scalars[next] == "\"" || scalars[next] == "”" || scalars[next] == "»" || scalars[next] == ")" { next += 1 }
                if next >= count {
                    end = count
                } else if folded[next] == " " && !Document.abbreviation(endingAt: index, in: folded)
                    && !Document.germanOrdinal(endingAt: index, in: folded)
                {
                    var following = next
                    while following < count, folded[following] == " " { following += 1 }
                    if following >= count || !(Document.isDigit(folded[following]) || scalars[following].properties.isLowercase) { end = next }
                }
            default:
                break
            }
            if let end {
                if end > start { result.append(start..<end) }
                start = end
                index = end
            } else {
                index += 1
            }
        }
        if start < count { result.append(start..<count) }
        // Drop ranges holding only spaces and line breaks.
        var kept: [Range<Int>] = []
        kept.reserveCapacity(result.count)
        for range in result {
            var index = range.lowerBound
            while index < range.upperBound, folded[index] == " " || folded[index] == "\n" { index += 1 }
            if index < range.upperBound { kept.append(range) }
        }
        return kept
    }

    /// A German ordinal before a month or "Mal": "am 14. Februar", "zum 2. Mal". One or two digits
    /// after a space, then the period and a space: the sentence goes on.
    static func germanOrdinal(endingAt period: Int, in text: [Unicode.Scalar]) -> Bool {
        var digits = period
        while digits > 0, isDigit(text[digits - 1]), period - digits < 3 { digits -= 1 }
        guard period - digits >= 1, period - digits <= 2, digits == 0 || text[digits - 1] == " " || text[digits - 1] == "(" else { return false }
        var word = period + 1
        while word < text.count, text[word] == " " { word += 1 }
        var wordEnd = word
        while wordEnd < text.count, isLetter(text[wordEnd]) { wordEnd += 1 }
        guard wordEnd > word else { return false }
        return germanOrdinalNouns.contains(string(text[word..<wordEnd]))
    }

    static let germanOrdinalNouns: Set<String> = [
        "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
        "oktober", "november", "dezember", "mal", "lesung", "quartal", "jahrestag",
    ]

    static let abbreviations: Set<String> = [
        "mio", "mrd", "tsd", "ca", "dr", "nr", "no", "vs", "bzw", "etc", "st", "mr", "mrs", "ms", "prof", "inc",
        "co", "jr", "sr", "mln", "mld", "rp", "approx", "u.a", "z.b", "sig", "av", "env", "dott",
    ]

    /// Whether the word before the period at `index` is an abbreviation ("Mio.", "ca.", "Dr.").
    static func abbreviation(endingAt index: Int, in text: [Unicode.Scalar]) -> Bool {
        var start = index
        while start > 0, index - start <= 8, isLetter(text[start - 1]) || text[start - 1] == "." { start -= 1 }
        // Abbreviations are short: a longer word before the period is no abbreviation.
        guard start < index, index - start <= 8, start == 0 || !isLetter(text[start - 1]) else { return false }
        return abbreviations.contains(string(text[start..<index]))
    }

    /// The paragraph (text between blank lines, or the line) around a sentence.
    func paragraph(around sentence: Range<Int>) -> Range<Int> {
        var start = sentence.lowerBound
        while start > 0 && !(scalars[start - 1] == "\n" && start > 1 && scalars[start - 2] == "\n") { start -= 1 }
        var end = sentence.upperBound
        while end > sentence.lowerBound && scalars[end - 1] == "\n" { end -= 1 }
        while end < count && !(scalars[end] == "\n" && end + 1 < count && scalars[end + 1] == "\n") { end += 1 }
        return start..<end
    }
}

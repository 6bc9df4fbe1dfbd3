import PetitionsDomain

/// A number written in text, with what it spans.
struct NumberMatch: Equatable {
    var start: Int
    var end: Int
    var value: Int
    /// Letters stuck to the digits that are not a scale ("1080p", "3D").
    var attachedLetters = false
    /// Four plain digits from 1900 to 2099, with no scale: probably a year.
    var looksLikeYear = false
    /// A decimal without a scale ("2.5"): not a count.
    var isFraction = false
    /// Written with a leading zero ("0800"): a code, not a count.
    var leadingZero = false
    /// Part of a run of digit groups that does not group as a number ("123 456" after "0800").
    var phoneLike = false
    /// The scale word's multiplier ("2 million": 1,000,000), 0 without one.
    var scale = 0
}

/// Reads numbers the way each language writes them: `13,500`, `13.500`, `13 500` (ordinary, no-break
/// and narrow no-break spaces), `13'500`, decimal commas with a scale (`1,2 milioni`), abbreviations
/// (`2.3m`, `10k`, `1,2 Mio.`), CJK units (`1万2千`, `10万`, `2.5万`), and number words for round
/// amounts (`three thousand`, `un millón`).
enum Numerals {
    static let cjkUnits: [Unicode.Scalar: Int] = ["十": 10, "百": 100, "千": 1_000, "万": 10_000, "萬": 10_000, "億": 100_000_000, "亿": 100_000_000]
    static let kanjiDigits: [Unicode.Scalar: Int] = ["〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]

    /// Whether a scalar is a kanji digit or unit (一…九, 〇, 零, 两, 十, 百, 千, 万, 億, 亿), without hashing.
    static func isKanjiNumeral(_ value: UInt32) -> Bool {
        switch value {
        case 0x3007, 0x96F6, 0x4E00, 0x4E8C, 0x4E24, 0x5169, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
            0x5341, 0x767E, 0x5343, 0x4E07, 0x842C, 0x5104, 0x4EBF:
            return true
        default: return false
        }
    }

    static func scan(_ document: Document, in range: Range<Int>, lexicon: CompiledLexicon) -> [NumberMatch] {
        var matches: [NumberMatch] = []
        var index = range.lowerBound
        let text = document.folded
        let cjk = lexicon.cjk
        while index < range.upperBound {
            let scalar = text[index]
            if !cjk, scalar.value < 0x80, lexicon.asciiFractionStarts[Int(scalar.value)], index == range.lowerBound || !Document.isLetter(text[index - 1]),
                let match = fractionOfScale(document, at: index, limit: range.upperBound, lexicon: lexicon)
            {
                matches.append(match)
                index = match.end
                continue
            }
            if Document.isDigit(scalar),
                index == range.lowerBound
                    || !(Document.isDigit(text[index - 1]) || (Document.isLetter(text[index - 1]) && !cjk && text[index - 1].value < 0x3000))
            {
                if let found = digits(document, at: index, limit: range.upperBound, lexicon: lexicon) {
                    let match = completed(found, in: document, limit: range.upperBound, lexicon: lexicon)
                    matches.append(match)
                    index = match.end
                    continue
                }
            } else if cjk, scalar.value >= 0x3000, isKanjiNumeral(scalar.value), let match = kanji(document, at: index, limit: range.upperBound) {
                matches.append(match)
                index = match.end
                continue
            } else if !cjk,
                scalar.value < 0x80 ? lexicon.asciiNumberWordStarts[Int(scalar.value)] : (scalar.value < 0x250 && lexicon.numberWordStarts.contains(scalar)),
                index == range.lowerBound || !Document.isLetter(text[index - 1]),
                let found = words(document, at: index, limit: range.upperBound, lexicon: lexicon)
            {
                let match = completed(found, in: document, limit: range.upperBound, lexicon: lexicon)
                matches.append(match)
                index = match.end
                continue
            }
            index += 1
        }
        return matches
    }

    /// Digits with grouping, an optional decimal part, and an optional scale.
    static func digits(_ document: Document, at start: Int, limit: Int, lexicon: CompiledLexicon) -> NumberMatch? {
        let text = document.folded
        var index = start
        func run() -> (value: Int, length: Int) {
            let found = digitRun(text, from: index, limit: limit, maxDigits: 15)
            index = found.end
            return (found.value, found.digits)
        }
        var (value, firstLength) = run()
        var grouped = false
        var separator: Unicode.Scalar?
        // Groups of exactly three digits after one kind of separator.
        while index + 3 < limit {
            let candidate = text[index]
            guard [",", ".", " ", "'"].contains(candidate), separator == nil || separator == candidate,
                index + 1 < limit, Document.isDigit(text[index + 1])
            else { break }
            let save = index
            index += 1
            let (group, length) = run()
            let followedByDigit = index < limit && Document.isDigit(text[index])
            if length == 3 && !followedByDigit && (candidate != " " || firstLength <= 3) && !(grouped == false && firstLength > 3) {
                value = value.saturatingGrow(1000, group)
                grouped = true
                separator = candidate
                continue
            }
            index = save
            break
        }
        // A decimal part (comma or point), meaningful only with a scale.
        var fraction = 0.0
        var hasFraction = false
        if index + 1 < limit, text[index] == "," || text[index] == ".", text[index] != separator, Document.isDigit(text[index + 1]) {
            let save = index
            index += 1
            var scale = 0.1
            let fractionStart = index
            while index < limit, Document.isDigit(text[index]) {
                fraction += Double(text[index].value - 0x30) * scale
                scale /= 10
                index += 1
            }
            if index - fractionStart > 3 { index = save } else { hasFraction = true }
        }
        var match = NumberMatch(start: start, end: index, value: value)
        match.leadingZero = firstLength > 1 && text[start] == "0"
        // CJK units right after the digits: 2万5千, 1.5万.
        if index < limit, text[index].value >= 0x3000, cjkUnits[text[index]] != nil {
            var total = 0
            var current = Double(value) + fraction
            var position = index
            var lastUnit = Int.max
            while position < limit, let unit = cjkUnits[text[position]], unit < lastUnit {
                total = total.saturatingAdd(Int(roundingClamped: current * Double(unit)))
                lastUnit = unit
                position += 1
                current = 0
                // Digits may follow for the next, smaller unit.
                if position < limit, Document.isDigit(text[position]) {
                    var next = 0
                    var digitsEnd = position
                    while digitsEnd < limit, Document.isDigit(text[digitsEnd]) {
                        next = next.saturatingGrow(10, Int(text[digitsEnd].value - 0x30)); digitsEnd += 1
                    }
                    if digitsEnd < limit, let nextUnit = cjkUnits[text[digitsEnd]], nextUnit < lastUnit {
                        current = Double(next)
                        position = digitsEnd
                    } else {
                        total = total.saturatingAdd(next)
                        position = digitsEnd
                        break
                    }
                }
            }
            match.value = total
            match.end = position
            return match
        }
        // Scales: attached (10k, 2.3m, 5bn) or after a space (mila, Millionen, Mio.).
        if let (length, multiplier) = scale(document, at: index, limit: limit, lexicon: lexicon) {
            match.value = Int(roundingClamped: (Double(value) + fraction) * Double(multiplier))
            match.end = index + length
            match.scale = multiplier
            return match
        }
        if hasFraction { match.isFraction = true }
        if index < limit, Document.isLetter(text[index]) { match.attachedLetters = true }
        if !grouped && !hasFraction && firstLength == 4 && (1900...2099).contains(value) { match.looksLikeYear = true }
        return match
    }

    /// A scale word at `index` (after optional spaces): its length and multiplier.
    static func scale(_ document: Document, at index: Int, limit: Int, lexicon: CompiledLexicon) -> (Int, Int)? {
        let text = document.folded
        var position = index
        while position < limit, text[position] == " " { position += 1 }
        let attached = position == index
        for (phrase, multiplier) in lexicon.scales {  // longest first
            let scalars = phrase.scalars
            guard position + scalars.count <= limit else { continue }
            var matches = true
            for offset in 0..<scalars.count where text[position + offset] != scalars[offset] { matches = false; break }
            guard matches else { continue }
            let end = position + scalars.count
            // Whole word (a following letter means another word: "mille" in "millennium").
            if end < limit, Document.isLetter(text[end]), text[end].value < 0x3000 { continue }
            // Single letters only when stuck to the digits (10k, 2m), never "2 m".
            if scalars.count <= 2 && !attached && scalars != ["m", "n"] && scalars != ["b", "n"] { continue }
            return (end - index, multiplier)
        }
        return nil
    }

    /// The digits from `from` (at most `maxDigits`): their value (held at `Int.max` rather than
    /// trapping), how many, and where they end.
    static func digitRun(_ text: [Unicode.Scalar], from: Int, limit: Int, maxDigits: Int) -> (value: Int, digits: Int, end: Int) {
        var position = from, value = 0, digits = 0
        while position < limit, Document.isDigit(text[position]), digits < maxDigits {
            value = value.saturatingGrow(10, Int(text[position].value - 0x30))
            digits += 1
            position += 1
        }
        return (value, digits, position)
    }

    /// What may follow a number with a scale: half the scale ("2 milioni e mezzo", "a million and
    /// a half"), or, in Spanish and Portuguese, the hundreds below a thousand ("5 mil 361").
    static func completed(_ match: NumberMatch, in document: Document, limit: Int, lexicon: CompiledLexicon) -> NumberMatch {
        guard match.scale >= 1_000, match.end + 1 < limit, document.folded[match.end] == " " else { return match }
        let text = document.folded
        var match = match
        for phrase in lexicon.halfAfterScale {
            let from = match.end + 1
            guard from + phrase.scalars.count <= limit, text[from..<(from + phrase.scalars.count)].elementsEqual(phrase.scalars) else { continue }
            let after = from + phrase.scalars.count
            if after < limit, Document.isLetter(text[after]) { continue }
            match.value = match.value.saturatingAdd(match.scale / 2)
            match.end = after
            return match
        }
        if match.scale == 1_000, lexicon.lexicon.language == .es || lexicon.lexicon.language == .pt {
            let (value, digits, position) = digitRun(text, from: match.end + 1, limit: limit, maxDigits: 4)
            let groupedOn = position + 1 < limit && [",", "."].contains(text[position]) && Document.isDigit(text[position + 1])
            if (1...3).contains(digits), !groupedOn, position == limit || !Document.isLetter(text[position]),
                scale(document, at: position, limit: limit, lexicon: lexicon) == nil
            {
                match.value = match.value.saturatingAdd(value)
                match.end = position
            }
        }
        return match
    }

    /// "Half a million", "a quarter of a million", "medio millón", "un demi-million": a share of a
    /// scale word, with an optional "a"/"un" between.
    static func fractionOfScale(_ document: Document, at start: Int, limit: Int, lexicon: CompiledLexicon) -> NumberMatch? {
        let text = document.folded
        for (phrase, share) in lexicon.fractionsOfScale {
            let end = start + phrase.scalars.count
            guard end < limit, text[start] == phrase.scalars[0], text[start..<end].elementsEqual(phrase.scalars) else { continue }
            // The phrase ends a word (or ends in a hyphen: "demi-million").
            if phrase.scalars.last != "-" && Document.isLetter(text[end]) { continue }
            var position = end
            while position < limit, text[position] == " " { position += 1 }
            if let (length, multiplier) = scale(document, at: position, limit: limit, lexicon: lexicon), multiplier >= 1_000 {
                return NumberMatch(start: start, end: position + length, value: Int(Double(multiplier) * share), scale: multiplier)
            }
        }
        return nil
    }

    /// Kanji numerals with at least one unit (三千, 二万五千, 一万): CJK round amounts.
    static func kanji(_ document: Document, at start: Int, limit: Int) -> NumberMatch? {
        let text = document.folded
        var index = start
        var total = 0, section = 0, digit = 0
        var sawUnit = false
        while index < limit {
            if let value = kanjiDigits[text[index]] {
                digit = value
            } else if let unit = cjkUnits[text[index]] {
                sawUnit = true
                if unit >= 10_000 {
                    section = (section + (digit == 0 ? (section == 0 ? 1 : 0) : digit)).saturatingGrow(unit, 0)
                    total = total.saturatingAdd(section)
                    section = 0
                } else {
                    section = section.saturatingAdd((digit == 0 ? 1 : digit) * unit)
                }
                digit = 0
            } else {
                break
            }
            index += 1
        }
        // One unit alone counts only before a counter of people: "百名学者", "千人".
        // (Not after 数 or 几: "数百人" is several hundred.)
        guard sawUnit,
            index - start >= 2
                || (index < limit && ["名", "人"].contains(text[index]) && (start == 0 || !["数", "數", "几", "幾"].contains(text[start - 1])))
        else { return nil }
        return NumberMatch(start: start, end: index, value: total + section + digit)
    }

    /// Number words with a scale: "three thousand", "un millón", "zwei Millionen", "dua juta"; and
    /// counts written as one word without one: "twenty-six", "sechsundzwanzig", "ventisei".
    static func words(_ document: Document, at start: Int, limit: Int, lexicon: CompiledLexicon) -> NumberMatch? {
        let text = document.folded
        var end = start
        while end < limit, Document.isLetter(text[end]) { end += 1 }
        guard end > start, end < limit else { return nil }
        func equal(_ phrase: Phrase, _ from: Int) -> Bool {
            for offset in 0..<phrase.scalars.count where text[from + offset] != phrase.scalars[offset] { return false }
            return true
        }
        /// The word before `position` (spaces skipped).
        func previousWord(before position: Int) -> Range<Int>? {
            var wordEnd = position
            while wordEnd > 0, text[wordEnd - 1] == " " { wordEnd -= 1 }
            var wordStart = wordEnd
            while wordStart > 0, Document.isLetter(text[wordStart - 1]) { wordStart -= 1 }
            return wordStart < wordEnd ? wordStart..<wordEnd : nil
        }
        /// Whether a count word here is part of a hundreds number this reader does not build
        /// ("cento e vinte", "ciento veinte"): then it stays silent. Checked only once a count word matched.
        func afterHundreds() -> Bool {
            guard !lexicon.hundredsStems.isEmpty, var word = previousWord(before: start) else { return false }
            if word.count <= 3, CountWords.hundredsJoiners.contains(where: { $0.unicodeScalars.elementsEqual(text[word]) }),
                let before = previousWord(before: word.lowerBound)
            {
                word = before
            }
            return lexicon.hundredsStems.contains { stem in
                let scalars = Array(stem.unicodeScalars)
                return scalars.count <= word.count && text[(word.upperBound - scalars.count)..<word.upperBound].elementsEqual(scalars)
            }
        }
        if text[end] == " " {
            for (phrase, number) in lexicon.numberWords where phrase.scalars.count == end - start && equal(phrase, start) {
                // "one hundred and twenty", "two hundred thousand" (English).
                if lexicon.lexicon.language == .en, (1...9).contains(number), let hundredEnd = word(CountWords.hundredWord, at: end + 1) {
                    return hundreds(number, after: hundredEnd)
                }
                if let (length, multiplier) = scale(document, at: end, limit: limit, lexicon: lexicon), multiplier >= 1_000 {
                    return NumberMatch(start: start, end: end + length, value: number * multiplier, scale: multiplier)
                }
                break
            }
        }
        /// The end of `phrase` as a whole word starting at `from` (after one space), if it is there.
        func word(_ phrase: Phrase, at from: Int) -> Int? {
            guard from < limit, text[from - 1] == " ", from + phrase.scalars.count < limit, equal(phrase, from) else { return nil }
            let after = from + phrase.scalars.count
            return Document.isLetter(text[after]) ? nil : after
        }
        // "two of the organisers": a part of something, not a count of signers.
        func isPart(after end: Int) -> Bool {
            let next = end + 1
            return lexicon.countNotBefore.contains { stop in
                next + stop.scalars.count <= limit && equal(stop, next)
                    && (next + stop.scalars.count == limit || !Document.isLetter(text[next + stop.scalars.count]) || stop.scalars.last == "'")
            }
        }
        /// `units` hundred, then "and" and a count or unit word, or a scale: "one hundred and twenty",
        /// "two hundred thousand". Nil (silent) when what follows cannot be read.
        func hundreds(_ units: Int, after hundredEnd: Int) -> NumberMatch? {
            var value = units * 100, finish = hundredEnd
            var position = hundredEnd
            if let joined = word(CountWords.hundredConjunction, at: position + 1) { position = joined }
            var restEnd = position + 1
            while restEnd < limit, Document.isLetter(text[restEnd]) || text[restEnd] == "-" { restEnd += 1 }
            if restEnd > position + 1, restEnd < limit {
                let rest = restEnd - position - 1
                if let (_, count) = (lexicon.countWords[rest] ?? []).first(where: { equal($0.0, position + 1) }) {
                    value += count
                    finish = restEnd
                } else if let (_, unit) = lexicon.numberWords.first(where: { $0.0.scalars.count == rest && equal($0.0, position + 1) && $0.1 < 10 }) {
                    value += unit
                    finish = restEnd
                } else if position != hundredEnd {
                    return nil  // "one hundred and ..." with something else after "and"
                }
            }
            if let (length, multiplier) = scale(document, at: finish, limit: limit, lexicon: lexicon), multiplier >= 1_000 {
                return NumberMatch(start: start, end: finish + length, value: value * multiplier)
            }
            guard finish < limit, text[finish] == " " else { return nil }
            return NumberMatch(start: start, end: finish, value: value)
        }
        // Indonesian counts on "puluh" and "belas": "dua puluh enam", "tiga belas" (11 to 99).
        if let compound = lexicon.compound, let tensWord = compound.tensWord, let teensWord = compound.teensWord, text[end] == " " {
            for (unit, value) in compound.units where unit.scalars.count == end - start && equal(unit, start) {
                if let teens = word(teensWord, at: end + 1), value >= 1 {
                    guard teens < limit, text[teens] == " ", !isPart(after: teens), !afterHundreds() else { return nil }
                    return NumberMatch(start: start, end: teens, value: 10 + value)
                }
                guard value >= 2, let tens = word(tensWord, at: end + 1) else { break }
                var total = value * 10, finish = tens
                for (next, unitValue) in compound.units {
                    if let after = word(next, at: tens + 1) { total += unitValue; finish = after; break }
                }
                guard finish < limit, text[finish] == " ", !isPart(after: finish), !afterHundreds() else { return nil }
                return NumberMatch(start: start, end: finish, value: total)
            }
        }
        // Italian writes thousands as one word: "cinquantamila", "cinquecentomila", "duecentocinquantamila".
        if lexicon.lexicon.language == .it, end - start > 4, text[end] == " ", let value = italianThousands(String(Document.string(text[start..<end]))) {
            return NumberMatch(start: start, end: end, value: value, scale: 1_000)
        }
        // A count word: letters joined by hyphens ("twenty-six", "quatre-vingt-dix"), then a space.
        guard !lexicon.countWords.isEmpty else { return nil }
        while end + 1 < limit, text[end] == "-", Document.isLetter(text[end + 1]) {
            end += 1
            while end < limit, Document.isLetter(text[end]) { end += 1 }
        }
        guard end < limit, text[end] == " " else { return nil }
        for (phrase, number) in lexicon.countWords[end - start] ?? [] where equal(phrase, start) {
            var value = number, finish = end
            // Tens, a conjunction and a unit: "vinte e seis", "treinta y seis", "trente et un".
            if let compound = lexicon.compound, let conjunction = compound.conjunction, compound.tens.contains(number),
                let joined = word(conjunction, at: end + 1)
            {
                for (unit, unitValue) in compound.units {
                    if let after = word(unit, at: joined + 1) { value += unitValue; finish = after; break }
                }
                // "vinte e poucos" (twenty-odd): no unit, no count.
                guard finish > end, finish < limit, text[finish] == " " else { return nil }
            }
            if isPart(after: finish) || afterHundreds() { return nil }
            return NumberMatch(start: start, end: finish, value: value)
        }
        return nil
    }
}

extension Numerals {
    /// "cinquantamila" → 50,000; "cinquecentomila" → 500,000; "duecentocinquantamila" → 250,000.
    static func italianThousands(_ word: String) -> Int? {
        guard word.hasSuffix("mila") else { return nil }
        let lexicon = Lexicons.lexicon(.it)
        func belowHundred(_ part: Substring) -> Int? {
            if part.isEmpty { return 0 }
            return lexicon.countWords[String(part)] ?? lexicon.numberWords[String(part)].flatMap { $0 < 100 ? $0 : nil }
        }
        let prefix = word.dropLast(4)
        guard !prefix.isEmpty else { return nil }
        var value: Int?
        let characters = Array(prefix)
        let hundred = characters.indices.first { characters[$0...].starts(with: "cento") }
        if let hundred {
            let left = String(characters[..<hundred])
            let units = left.isEmpty ? 1 : lexicon.numberWords[left].flatMap { (2...9).contains($0) ? $0 : nil }
            if let units, let rest = belowHundred(Substring(String(characters[(hundred + 5)...]))) { value = units * 100 + rest }
        } else if let small = belowHundred(prefix), small >= 2 {
            value = small
        }
        return value.map { $0 * 1_000 }
    }
}

extension Int {
    /// `self * factor + add`, held at `Int.max` instead of trapping: a number written with
    /// hundreds of digits is read as too large (and dropped as a count), not as a crash.
    func saturatingGrow(_ factor: Int, _ add: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: factor)
        return overflow ? .max : product.saturatingAdd(add)
    }
}

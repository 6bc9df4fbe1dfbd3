import Foundation
import PetitionsDomain
import Testing

@Suite struct NameKeyTests {
    /// name → (key, loose key, skeleton)
    @Test(arguments: [
        // Latin with diacritics: the key keeps accents, the loose key drops them.
        ("José  Müller", "josé müller", "jose muller", "josemuller"),
        ("JOSÉ MÜLLER", "josé müller", "jose muller", "josemuller"),
        ("Jose\u{301} Mu\u{308}ller", "josé müller", "jose muller", "josemuller"),  // decomposed input, same key
        ("Anne-Marie O'Neil", "anne-marie o'neil", "anne-marie o'neil", "annemarieoneil"),
        ("Ærøskøbing Ålund", "ærøskøbing ålund", "ærøskøbing alund", "ærøskøbingalund"),  // æ and ø are letters, not accented ones
        ("Straße", "strasse", "strasse", "strasse"),  // full case folding
        ("ﬁona", "fiona", "fiona", "fiona"),  // ligature split by NFKC
        // Whitespace of every kind collapses.
        ("\u{00A0}Ada\u{2003}\tLovelace\u{3000}", "ada lovelace", "ada lovelace", "adalovelace"),
        // Japanese: full-width Latin, ideographic space, half-width katakana; voicing marks are kept.
        ("ＹＡＭＡＤＡ　Ｔａｒｏ", "yamada taro", "yamada taro", "yamadataro"),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ", "ヤマダ タロウ", "ヤマダタロウ"),
        ("山田　太郎", "山田 太郎", "山田 太郎", "山田太郎"),
        // Chinese: no case; full-width digits fold.
        ("王小明２号", "王小明2号", "王小明2号", "王小明2号"),
        // Cyrillic: case folds; ё loses its diaeresis only in the loose key.
        ("Пётр Чайковский", "пётр чайковский", "петр чаиковскии", "петрчаиковскии"),
        ("ПЁТР", "пётр", "петр", "петр"),
    ])
    func keys(name: String, key: String, loose: String, skeleton: String) {
        let keys = NameKeys(name)
        #expect(keys.key == key)
        #expect(keys.looseKey == loose)
        #expect(keys.skeleton == skeleton)
    }

    @Test func asciiFastPathMatchesTheGeneralPath() {
        for name in ["Ada Lovelace", "  J. R. R.  Tolkien ", "O'Brien-Smith 3rd", "ALL CAPS", "tab\tand\nnewline"] {
            let fast = NameKeys(name)
            let general = NameKeys(name + "\u{200B}")  // a zero-width space forces the general path
            #expect(fast == general, "\(name)")
            #expect(fast.skeleton == general.skeleton, "\(name)")
        }
    }

    /// The word cache gives exactly what `NameKeys` gives, on names built to break it: accents at
    /// the start of a word, half-width voicing marks, spaces that normalise away, compatibility
    /// characters that normalise to a space, scripts it does not handle word by word.
    @Test func wordCacheMatchesWholeNames() {
        let words = [
            "José", "MÜLLER", "\u{301}acute", "ﾀﾞ", "ﾞmark", "山田", "　", "¨x", "x¨", "ǅemal", "ΣΟΦΙΑΣ", "ς", "Straße", "ＹＵＫＩ",
            "\u{200B}", "a\u{A0}b", "\u{A0}", "Ａｄａ", "١٢٣", "नमस्ते", "\u{0600}", "Nguyễn", "Ỳ", "ǈ", "ﬁ", "Ⅻ", "Ada", "", "3rd", "ё",
        ]
        var cache = NameKeyCache()
        var state: UInt64 = 42
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<5_000 {
            let name = (0..<(1 + random(4))).map { _ in words[random(words.count)] }.joined(separator: random(5) == 0 ? "  " : " ")
            let cached = cache.keys(name), whole = NameKeys(name)
            #expect(cached == whole, "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(cached.skeleton == whole.skeleton, "\(name)")
        }
    }
}

@Suite struct SignatoryDraftTests {
    @Test func publicSignatoriesNeedANameAndCountriesAreCodes() {
        #expect(SignatoryDraft(name: " ").problems().count == 1)
        #expect(SignatoryDraft(name: nil, visibility: .anonymous).problems().isEmpty)
        #expect(
            SignatoryDraft(name: "A", country: "France").problems().map(\.description) == [
                "country: \"France\" is not a two-letter ISO 3166 code such as FR, JP"
            ])
    }

    /// Lengths count code points, as PostgreSQL does: 200 letters with a combining accent each are
    /// 200 characters to Swift but 400 to the table, and are refused here rather than by it.
    @Test func lengthsCountCodePointsAsTheTableDoes() {
        #expect(SignatoryDraft(name: String(repeating: "a", count: SignatoryDraft.maximumNameLength)).problems().isEmpty)
        let accented = String(repeating: "e\u{301}", count: 200)
        #expect(accented.count == 200)
        #expect(SignatoryDraft(name: accented).problems().map(\.description) == ["name: 400 characters; at most 300"])
    }
}

@Suite struct ReconciliationTests {
    private func comparison(_ figures: [(Metric, Int, Qualifier, String)]) -> CampaignComparison {
        let base = TimeFormatting.parse("2024-11-26T20:00Z")!
        let campaign = Campaign(slug: "letter", title: "Letter", kind: .openLetter)
        let stored = figures.enumerated().map { index, figure in
            ReportedFigure(
                id: index + 1, draft: FigureDraft(campaign: "letter", outlet: figure.3, metric: figure.0, value: figure.1, qualifier: figure.2, asOf: base),
                outletKind: .news, recorded: base, enteredBy: "test")
        }
        return Comparison.compare(campaign: campaign, figures: stored, now: base)
    }

    @Test func verdictsInPlainWords() {
        let counts = ListCounts(
            namedAuthors: 16, namedSignatories: 396, anonymousSignatories: 170, confirmed: 300, asOf: TimeFormatting.parse("2024-11-27T10:00Z"))
        let lines = Reconciliation.reconcile(
            comparison([
                (.signatures, 600, .about, "post"), (.signatures, 600, .about, "wire"),
                (.authors, 16, .exact, "paper"), (.verifiedSignatures, 380, .about, "tv"),
            ]), counts: counts)
        #expect(lines.map(\.verdict) == [.consistent, .consistent, .listShort])
        #expect(
            lines[1].words
                == "2 outlets report about 600 signatures; the list holds 412 named and 170 anonymous signatories (authors included) as of 2024-11-27: consistent with the reports"
        )
        #expect(lines[2].words.hasSuffix("42 fewer than the reports allow: the list may be incomplete, or the outlets counted something else"))
        #expect(lines[0].words.hasPrefix("paper reports 16 authors"))
    }

    @Test func longerListsMissingReportsAndEmptyLists() {
        let lines = Reconciliation.reconcile(comparison([(.signatures, 100, .exact, "a")]), counts: ListCounts(namedSignatories: 150))
        #expect(lines[1].verdict == .listLonger && lines[1].words.contains("50 more than the reports allow"))
        #expect(lines[0].verdict == .noReports)
        #expect(Reconciliation.reconcile(comparison([]), counts: ListCounts()).allSatisfy { $0.verdict == .noList })
    }
}

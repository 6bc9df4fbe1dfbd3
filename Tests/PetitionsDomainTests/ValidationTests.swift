import Foundation
import PetitionsDomain
import Testing

private let noon = TimeFormatting.parse("2024-11-26T12:00Z")!

private func draft(_ change: (inout FigureDraft) -> Void) -> FigureDraft {
    var draft = FigureDraft(campaign: "letter", outlet: "paper", value: 600, qualifier: .about, asOf: noon)
    change(&draft)
    return draft
}

@Suite struct ValidationTests {
    @Test func aPlainFigureIsValid() {
        #expect(draft { _ in }.problems().isEmpty)
    }

    @Test(arguments: [
        ("negative count", draft { $0.value = -1 }, "value: a count cannot be negative (got -1)"),
        ("range without high", draft { $0.qualifier = .range }, "high: a range needs its high end (--high)"),
        (
            "high below value",
            draft {
                $0.qualifier = .range; $0.high = 500
            }, "high: the high end 500 is below the value 600"
        ),
        ("high without range", draft { $0.high = 700 }, "high: only a range has a high end; use --qualifier range, or drop --high"),
        (
            "published long before as-of", draft { $0.published = noon.addingTimeInterval(-2 * 86400) },
            "published: 2024-11-24T12:00:00Z is before the as-of time"
        ),
        ("malformed URL", draft { $0.sourceURL = "www.example.org/story" }, "url: \"www.example.org/story\" is not an http(s) URL"),
        ("bad language", draft { $0.language = "English" }, "language: \"English\" is not a language tag"),
        (
            "under zero",
            draft {
                $0.qualifier = .under; $0.value = 0
            }, "\"under 0\" allows no count"
        ),
    ])
    func figureProblem(name: String, figure: FigureDraft, message: String) {
        let problems = figure.problems().map(\.description)
        #expect(problems.count == 1, "\(name): \(problems)")
        #expect(problems.first?.contains(message) == true, "\(name): \(problems)")
    }

    @Test func publishedSlightlyBeforeAsOfIsAllowed() {
        #expect(draft { $0.published = noon.addingTimeInterval(-3600) }.problems().isEmpty)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let figure = draft {
            $0.value = -5; $0.sourceURL = "nope"; $0.language = "xx_YY"
        }
        #expect(figure.problems().count == 3)
    }

    @Test(arguments: [
        ("", "slug: \"\" is not a slug"), ("Washington Post", "such as \"washington-post\""), ("a--b", "is not a slug"), ("-a", "is not a slug"),
    ])
    func badSlug(slug: String, message: String) {
        let campaign = Campaign(slug: slug, title: "T", kind: .petition)
        #expect(campaign.problems().map(\.description).contains { $0.contains(message) })
    }

    @Test func campaignChecks() {
        let campaign = Campaign(
            slug: "ok", title: "  ", kind: .petition, platformURL: "petition.example", launched: Day(year: 2024, month: 10, day: 22),
            closed: Day(year: 2024, month: 10, day: 1), goal: -1)
        let messages = campaign.problems().map(\.description)
        #expect(messages.count == 4)
        #expect(messages.contains("title: must not be empty"))
        #expect(messages.contains("closed: 2024-10-01 is before the launch date 2024-10-22"))
    }

    @Test func outletChecks() {
        let outlet = Outlet(slug: "le-monde", name: "Le Monde", kind: .news, homeURL: "https://www.lemonde.fr", language: "fr", country: "fr")
        #expect(outlet.problems().map(\.description) == ["country: \"fr\" is not a two-letter ISO 3166 code such as US, FR, JP"])
    }

    @Test(arguments: [
        ("open-letter", CampaignKind.openLetter), ("open_letter", .openLetter), ("Petition", .petition), ("STATEMENT", .statement),
    ])
    func vocabularyParsing(word: String, kind: CampaignKind) throws {
        #expect(try CampaignKind.parse(word) == kind)
    }

    @Test func unknownWordListsTheAllowedOnes() throws {
        #expect(throws: DomainError.unknownWord(field: "qualifier", value: "roughly", allowed: Qualifier.allCases.map(\.rawValue))) {
            try Qualifier.parse("roughly")
        }
        #expect(try Qualifier.parse("at-least") == .atLeast)
        #expect(try Metric.parse("verified-signatures") == .verifiedSignatures)
    }

    @Test(arguments: [
        ("washpost", ["washington-post", "le-monde"], "washington-post" as String?),
        ("washingtonpost", ["washington-post", "le-monde"], "washington-post"),
        ("le-mond", ["washington-post", "le-monde"], "le-monde"),
        ("zzz", ["washington-post", "le-monde"], nil),
        ("guardian", ["the-guardian", "le-monde"], "the-guardian"),
        ("monde", ["the-guardian", "le-monde"], "le-monde"),
        ("he", ["the-guardian", "le-monde"], nil),
    ])
    func slugSuggestions(typed: String, candidates: [String], expected: String?) {
        #expect(Slug.closest(to: typed, in: candidates) == expected)
    }

    /// One parser for every count that enters: digits grouped in threes by one kind of separator
    /// (or the Indian lakh grouping) are counts; a separator that could be a decimal mark is refused.
    @Test(arguments: [
        ("13500", 13_500 as Int?), ("13,500", 13_500), ("13_500", 13_500), ("0", 0), ("1,500", 1_500), ("1.500", 1_500), ("1 500", 1_500),
        ("1'500", 1_500), ("1’500", 1_500), ("1\u{202F}500", 1_500), ("1,000,000", 1_000_000), ("15,00,000", 1_500_000), ("1,00,00,000", 10_000_000),
        (" 42 ", 42), ("1,000,000,000", 1_000_000_000),
        ("-3", nil), ("12.5", nil), ("many", nil), ("1,5", nil), ("12,50", nil), ("2,5", nil), ("1.5", nil), ("1,50,0", nil), ("1.500,5", nil),
        ("1,500.5", nil), ("1e5", nil), (",500", nil), ("500,", nil), ("1,,500", nil), ("15.00.000", nil), ("1,000,000,001", nil),
        ("9223372036854775807", nil), ("92233720368547758070", nil),
    ])
    func counts(text: String, value: Int?) {
        let parsed = try? CountParsing.parse(text).get()
        #expect(parsed == value)
    }

    @Test func countErrorsSayWhy() {
        func reason(_ text: String) -> String {
            if case .failure(let problem) = CountParsing.parse(text) { return problem.reason }
            return "accepted"
        }
        #expect(reason("12.5").contains("\"12.5\" is ambiguous") && reason("12.5").contains("decimal mark"))
        #expect(reason("1,5").contains("\"1,5\" is ambiguous"))
        #expect(reason("-3") == "a count cannot be negative (got -3)")
        #expect(reason("1.500,5").contains("mixes separators"))
        #expect(reason("1e5") == "a count must be a whole number written in digits (got 1e5)")
        #expect(reason("2000000000").contains("above 1,000,000,000, the largest count accepted"))
        #expect(reason("92233720368547758070").hasPrefix("92233720368547758070 is above 1,000,000,000"))
    }

    @Test(arguments: [
        ("2024-11-26", "2024-11-26T00:00:00Z" as String?),
        ("2024-11-26T14:30", "2024-11-26T14:30:00Z"),
        ("2024-11-26 14:30:05Z", "2024-11-26T14:30:05Z"),
        ("2024-11-26T15:30+01:00", "2024-11-26T14:30:00Z"),
        ("2024-11-26T14:30:05.250Z", "2024-11-26T14:30:05Z"),
        ("2024-02-30", nil), ("26/11/2024", nil), ("yesterday", nil),
    ])
    func times(text: String, iso: String?) {
        #expect(TimeFormatting.parse(text).map(TimeFormatting.iso) == iso)
    }
}

@Suite struct TimeFormattingTests {
    @Test func isoMatchesFoundationsFormatterEverywhere() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        // Edges (the epoch, just before it, a leap day, the end of a century) and 20,000
        // times spread over years 1583 to 9999 by a fixed linear congruential sequence. Before the
        // Gregorian reform Foundation switches to the Julian calendar; ISO 8601 and PostgreSQL stay
        // proleptic Gregorian, and so do we (below).
        var times: [Double] = [0, -1, 86399, 951_782_400, 4_107_542_400, 1_709_251_199, -12_212_553_600, 253_402_300_799]
        var state: UInt64 = 42
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let share: Double = Double(state >> 11) / 9_007_199_254_740_992.0
            let span: Double = 253_402_300_799 + 12_212_553_600
            times.append((-12_212_553_600 + share * span).rounded(.down))  // whole seconds: Foundation rounds fractions its own way
        }
        for time in times {
            let date = Date(timeIntervalSince1970: time)
            #expect(TimeFormatting.iso(date) == formatter.string(from: date), "\(time)")
        }
        #expect(TimeFormatting.short(TimeFormatting.parse("2024-02-29T23:59:59Z")!) == "2024-02-29 23:59")
        #expect(TimeFormatting.iso(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-01T00:00:00Z")  // as PostgreSQL prints it
        #expect(TimeFormatting.iso(Date(timeIntervalSince1970: 1_709_251_199.9)) == "2024-02-29T23:59:59Z")  // fractions truncated
        #expect(TimeFormatting.iso(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
    }

    /// Durations in every unit; numbers Double reads that are no durations ("inf", "nan", 1e300),
    /// negative ones and ones past a century are refused rather than trapping later.
    @Test func durationsAreFiniteAndBounded() {
        #expect(TimeFormatting.parseDuration("500ms") == 0.5)
        #expect(TimeFormatting.parseDuration("90s") == 90)
        #expect(TimeFormatting.parseDuration("1.5m") == 90)
        #expect(TimeFormatting.parseDuration(" 12H ") == 43_200)
        #expect(TimeFormatting.parseDuration("2d") == 172_800)
        #expect(TimeFormatting.parseDuration("1w") == 604_800)
        #expect(TimeFormatting.parseDuration("0s") == 0)
        #expect(TimeFormatting.parseDuration("100w") == 60_480_000)
        for text in ["infs", "infms", "nanh", "1e300d", "-5m", "5", "", "5y", "m", "5 minutes", "101000w"] {
            #expect(TimeFormatting.parseDuration(text) == nil, "\(text)")
        }
    }
}

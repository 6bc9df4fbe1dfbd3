import Foundation

/// A calendar day with no time zone (launch and closing dates).
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int, month: Int, day: Int
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, checking the day exists.
    public static func parse(_ text: String) -> Day? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
            calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month
        else { return nil }
        return Day(year: year, month: month, day: day)
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }
    public static func < (lhs: Day, rhs: Day) -> Bool { (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day) }

    /// Midnight UTC at the start of the day.
    public var startUTC: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }
}

/// A petition, open letter or statement that gathers signatures.
public struct Campaign: Sendable, Hashable, Codable {
    public var slug: String
    public var title: String
    public var kind: CampaignKind
    /// Other names in any language, used to recognise the campaign in articles.
    public var aliases: [String]
    /// Who it addresses.
    public var target: String?
    public var organiser: String?
    public var platformURL: String?
    public var launched: Day?
    public var closed: Day?
    /// Signature target, if it has one.
    public var goal: Int?
    /// Free text about the record itself, such as how its figures were dated.
    public var notes: String?

    public init(
        slug: String, title: String, kind: CampaignKind, aliases: [String] = [], target: String? = nil, organiser: String? = nil,
        platformURL: String? = nil, launched: Day? = nil, closed: Day? = nil, goal: Int? = nil, notes: String? = nil
    ) {
        self.slug = slug
        self.title = title
        self.kind = kind
        self.aliases = aliases
        self.target = target
        self.organiser = organiser
        self.platformURL = platformURL
        self.launched = launched
        self.closed = closed
        self.goal = goal
        self.notes = notes
    }

    /// Every problem with this campaign, empty when it is valid.
    public func problems() -> [DomainError] {
        var problems: [DomainError] = []
        if let problem = Validate.slug(slug, field: "slug") { problems.append(problem) }
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append(.invalid(field: "title", reason: "must not be empty")) }
        if let platformURL, let problem = Validate.url(platformURL, field: "platform URL") { problems.append(problem) }
        if let goal, goal < 0 { problems.append(.invalid(field: "goal", reason: "must not be negative (got \(goal))")) }
        if let problem = Validate.count(goal, field: "goal") { problems.append(problem) }
        if let launched, let closed, closed < launched {
            problems.append(.invalid(field: "closed", reason: "\(closed) is before the launch date \(launched)"))
        }
        for alias in aliases where alias.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(.invalid(field: "alias", reason: "must not be empty"))
        }
        if aliases.count > Validate.Limit.aliases {
            problems.append(.invalid(field: "alias", reason: "\(aliases.count) aliases; at most \(Validate.Limit.aliases)"))
        }
        problems += [
            Validate.length(title, Validate.Limit.title, field: "title"), Validate.length(target, Validate.Limit.shortText, field: "target"),
            Validate.length(organiser, Validate.Limit.shortText, field: "organiser"), Validate.length(notes, Validate.Limit.notes, field: "notes"),
            Validate.length(platformURL, Validate.Limit.url, field: "platform URL"),
        ].compactMap { $0 }
        problems += aliases.compactMap { Validate.length($0, Validate.Limit.shortText, field: "alias") }
        return problems
    }
}

/// Where figures come from: a news outlet, the petition platform itself, the organisers, ...
public struct Outlet: Sendable, Hashable, Codable {
    public var slug: String
    public var name: String
    public var kind: OutletKind
    public var homeURL: String?
    /// BCP 47 language tag such as `en`, `fr`, `pt-BR`.
    public var language: String?
    /// ISO 3166 alpha-2 country code such as `US`.
    public var country: String?

    public init(slug: String, name: String, kind: OutletKind, homeURL: String? = nil, language: String? = nil, country: String? = nil) {
        self.slug = slug
        self.name = name
        self.kind = kind
        self.homeURL = homeURL
        self.language = language
        self.country = country
    }

    public func problems() -> [DomainError] {
        var problems: [DomainError] = []
        if let problem = Validate.slug(slug, field: "slug") { problems.append(problem) }
        if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append(.invalid(field: "name", reason: "must not be empty")) }
        if let homeURL, let problem = Validate.url(homeURL, field: "home URL") { problems.append(problem) }
        if let language, let problem = Validate.language(language) { problems.append(problem) }
        if let country, !(country.count == 2 && country.allSatisfy { $0.isASCII && $0.isUppercase }) {
            problems.append(.invalid(field: "country", reason: "\"\(country)\" is not a two-letter ISO 3166 code such as US, FR, JP"))
        }
        problems += [Validate.length(name, Validate.Limit.shortText, field: "name"), Validate.length(homeURL, Validate.Limit.url, field: "home URL")].compactMap
        { $0 }
        return problems
    }
}

/// A figure as entered, before it is stored: what an outlet said a campaign's count was.
public struct FigureDraft: Sendable, Hashable, Codable {
    public var campaign: String
    public var outlet: String
    public var metric: Metric
    public var value: Int
    /// High end, for `range` only.
    public var high: Int?
    public var qualifier: Qualifier
    /// When the count held.
    public var asOf: Date
    /// When the outlet said it (unknown when nil).
    public var published: Date?
    public var sourceURL: String?
    /// A short quote of the sentence that gave the figure.
    public var quote: String?
    public var language: String?
    public var method: EntryMethod
    public var note: String?

    public init(
        campaign: String, outlet: String, metric: Metric = .signatures, value: Int, high: Int? = nil, qualifier: Qualifier = .exact,
        asOf: Date, published: Date? = nil, sourceURL: String? = nil, quote: String? = nil, language: String? = nil,
        method: EntryMethod = .manual, note: String? = nil
    ) {
        self.campaign = campaign
        self.outlet = outlet
        self.metric = metric
        self.value = value
        self.high = high
        self.qualifier = qualifier
        self.asOf = asOf
        self.published = published
        self.sourceURL = sourceURL
        self.quote = quote
        self.language = language
        self.method = method
        self.note = note
    }

    /// How far a published time may precede the as-of time (clock and time-zone slop).
    public static let publishedBeforeAsOfAllowance: TimeInterval = 24 * 3600

    /// Every problem with this figure, empty when it is valid. Slugs are checked by the store.
    /// - Parameter now: times after it (plus `Validate.clockSkew`) are refused as in the future.
    public func problems(now: Date = Date()) -> [DomainError] {
        var problems: [DomainError] = []
        if value < 0 { problems.append(.invalid(field: "value", reason: "a count cannot be negative (got \(value))")) }
        if let problem = Validate.count(value, field: "value") { problems.append(problem) }
        if let problem = Validate.count(high, field: "high") { problems.append(problem) }
        switch (qualifier, high) {
        case (.range, nil):
            problems.append(.invalid(field: "high", reason: "a range needs its high end (--high)"))
        case (.range, let high?) where high < value:
            problems.append(.invalid(field: "high", reason: "the high end \(high) is below the value \(value)"))
        case (.range, _):
            break
        case (_, .some):
            problems.append(.invalid(field: "high", reason: "only a range has a high end; use --qualifier range, or drop --high"))
        case (_, nil):
            break
        }
        if qualifier == .almost && value == 0 || qualifier == .under && value == 0 {
            problems.append(.invalid(field: "value", reason: "\"\(qualifier.rawValue) 0\" allows no count"))
        }
        if let published, published < asOf.addingTimeInterval(-Self.publishedBeforeAsOfAllowance) {
            problems.append(
                .invalid(
                    field: "published",
                    reason:
                        "\(TimeFormatting.iso(published)) is before the as-of time \(TimeFormatting.iso(asOf)) by more than a day; an outlet cannot report a count before it held"
                ))
        }
        if let sourceURL, let problem = Validate.url(sourceURL, field: "url") { problems.append(problem) }
        if let language, let problem = Validate.language(language) { problems.append(problem) }
        if let quote, quote.count > 1000 { problems.append(.invalid(field: "quote", reason: "keep it short: \(quote.count) characters, at most 1000")) }
        problems += [
            Validate.time(asOf, field: "as_of", now: now), Validate.time(published, field: "published", now: now),
            Validate.length(note, Validate.Limit.note, field: "note"), Validate.length(sourceURL, Validate.Limit.url, field: "url"),
        ].compactMap { $0 }
        return problems
    }

    /// The interval of true counts this figure allows.
    public var interval: CountInterval { CountInterval(qualifier: qualifier, value: value, high: high) }
}

/// A stored figure: the draft plus what the store assigned.
public struct ReportedFigure: Sendable, Hashable, Codable {
    public var id: Int
    public var draft: FigureDraft
    public var outletKind: OutletKind
    public var recorded: Date
    public var enteredBy: String
    /// The figure this one corrects, if it is a correction.
    public var supersedes: Int?
    public var status: Status

    /// Defined once, by the `figure_status` view (Schema/0011_figure_status.sql).
    public enum Status: String, VocabularyWord {
        case current
        /// Extracted and waiting for an admin's review: left out of comparisons unless asked for.
        case unreviewed
        /// Extracted and rejected in review.
        case rejected
        case retracted
        /// Replaced by a correction.
        case superseded
        public static let vocabularyName = "figure status"
    }

    public init(id: Int, draft: FigureDraft, outletKind: OutletKind, recorded: Date, enteredBy: String, supersedes: Int? = nil, status: Status = .current) {
        self.id = id
        self.draft = draft
        self.outletKind = outletKind
        self.recorded = recorded
        self.enteredBy = enteredBy
        self.supersedes = supersedes
        self.status = status
    }

    public var interval: CountInterval { draft.interval }
    /// "about 600", "more than 13,500", ...
    public var phrase: String { draft.qualifier.phrase(value: draft.value, high: draft.high) }
}

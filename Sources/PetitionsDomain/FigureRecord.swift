import Foundation

/// A figure as a flat record of named text fields: one CSV row or one JSON line of
/// `import figures` / `export figures`.
public enum FigureRecord {
    /// Columns written by `export figures`, in order. `import figures` reads the same names; it
    /// ignores `id`, `recorded`, `status` and `supersedes`, which the store assigns.
    public static let columns = [
        "id", "campaign", "outlet", "metric", "value", "high", "qualifier", "as_of", "published", "recorded",
        "url", "quote", "language", "method", "entered_by", "note", "supersedes", "status",
    ]

    /// Columns an import must have.
    public static let requiredColumns = ["campaign", "outlet", "value"]
    /// Columns an import may have.
    public static let knownColumns = Set(columns)

    /// A record for export.
    public static func fields(of figure: ReportedFigure) -> [String: String] {
        let draft = figure.draft
        var fields: [String: String] = [
            "id": String(figure.id), "campaign": draft.campaign, "outlet": draft.outlet, "metric": draft.metric.rawValue,
            "value": String(draft.value), "qualifier": draft.qualifier.rawValue, "as_of": TimeFormatting.iso(draft.asOf),
            "recorded": TimeFormatting.iso(figure.recorded), "method": draft.method.rawValue, "entered_by": figure.enteredBy,
            "status": figure.status.rawValue,
        ]
        fields["high"] = draft.high.map(String.init)
        fields["published"] = draft.published.map(TimeFormatting.iso)
        fields["url"] = draft.sourceURL
        fields["quote"] = draft.quote
        fields["language"] = draft.language
        fields["note"] = draft.note
        fields["supersedes"] = figure.supersedes.map(String.init)
        return fields
    }

    /// Parses one imported record into a draft, collecting every problem with it.
    /// `as_of` defaults to `published`; one of them is required.
    public static func draft(from fields: [String: String]) -> Result<FigureDraft, ValidationFailure> {
        var problems: [DomainError] = []
        func text(_ key: String) -> String? {
            guard let value = fields[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        func word<W: VocabularyWord>(_ key: String, _ type: W.Type, default fallback: W) -> W {
            guard let raw = text(key) else { return fallback }
            do { return try W.parse(raw) } catch { problems.append(error); return fallback }
        }
        func count(_ key: String) -> Int? {
            guard let raw = text(key) else { return nil }
            switch CountParsing.parse(raw) {
            case .success(let value): return value
            case .failure(let problem):
                problems.append(.invalid(field: key, reason: problem.reason))
                return nil
            }
        }
        func time(_ key: String) -> Date? {
            guard let raw = text(key) else { return nil }
            guard let date = TimeFormatting.parse(raw) else {
                problems.append(.invalid(field: key, reason: "\"\(raw)\" is not an ISO 8601 date or date-time such as 2024-11-26 or 2024-11-26T14:30Z"))
                return nil
            }
            return date
        }
        // A withdrawn figure imported as a current one would publish a correction undone.
        if let status = text("status"), status != ReportedFigure.Status.current.rawValue {
            problems.append(
                .invalid(
                    field: "status",
                    reason:
                        "\"\(status)\": this file format carries current figures only, and importing a \(status) figure would make it current again; export without --history"
                ))
        }
        let campaign = text("campaign")
        let outlet = text("outlet")
        if campaign == nil { problems.append(.invalid(field: "campaign", reason: "is required")) }
        if outlet == nil { problems.append(.invalid(field: "outlet", reason: "is required")) }
        let value = count("value")
        if value == nil, text("value") == nil { problems.append(.invalid(field: "value", reason: "is required")) }
        let high = count("high")
        let metric = word("metric", Metric.self, default: .signatures)
        let qualifier = word("qualifier", Qualifier.self, default: .exact)
        let method = word("method", EntryMethod.self, default: .manual)
        let published = time("published")
        let asOf = time("as_of") ?? published
        if asOf == nil, text("as_of") == nil { problems.append(.invalid(field: "as_of", reason: "is required when published is not given")) }
        guard problems.isEmpty, let campaign, let outlet, let value, let asOf else { return .failure(ValidationFailure(problems)) }
        let draft = FigureDraft(
            campaign: campaign, outlet: outlet, metric: metric, value: value, high: high, qualifier: qualifier, asOf: asOf,
            published: published, sourceURL: text("url"), quote: text("quote"), language: text("language"), method: method, note: text("note"))
        let drafted = draft.problems()
        return drafted.isEmpty ? .success(draft) : .failure(ValidationFailure(drafted))
    }
}

/// Whole counts as people type them: one parser for every count that enters (options, CSV and
/// JSON files, signatory lists).
///
/// Digits may be grouped in threes by one kind of separator (`13,500`, `13.500`, `13 500`,
/// `13'500`, `13’500`, `13_500`), or in the Indian lakh grouping with commas (`15,00,000`). A
/// separator that does not group digits that way (`1,5`, `12,50`, `2.5`) is refused, since it
/// could be a decimal mark: a count of people is a whole number, and guessing would store 15 for
/// "1,5". Negatives, fractions, words and counts above `Validate.Limit.count` are refused, saying which.
public enum CountParsing {
    public struct Problem: Error, Sendable, Equatable {
        public var reason: String
        public init(reason: String) { self.reason = reason }
    }

    /// Characters that group digits: comma, full stop, apostrophes, underscore and spaces
    /// (ordinary, no-break, narrow no-break and thin).
    static let separators: Set<Character> = [",", ".", "'", "’", "_", " ", "\u{00A0}", "\u{202F}", "\u{2009}"]

    public static func parse(_ text: String) -> Result<Int, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let negative = trimmed.hasPrefix("-") || trimmed.hasPrefix("−")
        let body = negative ? String(trimmed.dropFirst()) : trimmed
        guard let first = body.first, first.isASCII, first.isNumber, let last = body.last, last.isASCII, last.isNumber,
            body.allSatisfy({ ($0.isASCII && $0.isNumber) || separators.contains($0) })
        else {
            if let number = Double(trimmed), number.isFinite {
                return .failure(
                    Problem(
                        reason: negative ? "a count cannot be negative (got \(trimmed))" : "a count must be a whole number written in digits (got \(trimmed))"))
            }
            return .failure(Problem(reason: "\"\(trimmed)\" is not a whole number"))
        }
        let used = Set(body.filter { separators.contains($0) })
        if used.count > 1 {
            let shown = used.map { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" || $0 == "\u{2009}" ? "space" : "\"\($0)\"" }.sorted().joined(
                separator: " and ")
            return .failure(
                Problem(
                    reason:
                        "\"\(trimmed)\" mixes separators (\(shown)); a count is a whole number, so write it with one kind of thousands separator or none (such as 13500 or 13,500)"
                ))
        }
        let groups = body.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) }).map(\.count)
        if let separator = used.first, !(groupedInThrees(groups) || (separator == "," && groupedInLakhs(groups))) {
            return .failure(
                Problem(
                    reason:
                        "\"\(trimmed)\" is ambiguous: \"\(separator)\" does not group digits in threes here, so it may be a decimal mark, and a count is a whole number; write the count in full (such as 1500 or 1,500)"
                ))
        }
        guard let value = Int(body.filter(\.isNumber)) else {
            return .failure(Problem(reason: Validate.countReason(shown: trimmed)))
        }
        if negative { return .failure(Problem(reason: "a count cannot be negative (got \(trimmed))")) }
        return value > Validate.Limit.count ? .failure(Problem(reason: Validate.countReason(value))) : .success(value)
    }

    /// `1,500`, `13,500`, `1,000,000`: a first group of 1-3 digits, then groups of exactly 3.
    static func groupedInThrees(_ groups: [Int]) -> Bool {
        guard let first = groups.first else { return false }
        return (1...3).contains(first) && groups.dropFirst().allSatisfy { $0 == 3 }
    }

    /// `1,00,000`, `15,00,000`, `1,00,00,000`: the Indian grouping (lakhs and crores), a last
    /// group of 3 and groups of 2 before it.
    static func groupedInLakhs(_ groups: [Int]) -> Bool {
        guard groups.count >= 3, let first = groups.first, groups.last == 3 else { return false }
        return (1...2).contains(first) && groups.dropFirst().dropLast().allSatisfy { $0 == 2 }
    }
}

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

/// Whole counts as people type them.
public enum CountParsing {
    /// Accepts `13500`, `13,500`, `13_500`; refuses negatives, fractions and words, saying which.
    public struct Problem: Error, Sendable, Equatable {
        public var reason: String
        public init(reason: String) { self.reason = reason }
    }

    public static func parse(_ text: String) -> Result<Int, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")
        if let value = Int(digits) {
            return value < 0 ? .failure(Problem(reason: "a count cannot be negative (got \(trimmed))")) : .success(value)
        }
        if let number = Double(digits), number.isFinite {
            return .failure(Problem(reason: number < 0 ? "a count cannot be negative (got \(trimmed))" : "a count must be a whole number (got \(trimmed))"))
        }
        return .failure(Problem(reason: "\"\(trimmed)\" is not a whole number"))
    }
}

/// A problem with input, phrased for the person who typed it.
public enum DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownWord(field: String, value: String, allowed: [String])
    case invalid(field: String, reason: String)
    case unknownSlug(kind: String, slug: String, suggestion: String?, listCommand: String)

    public var description: String {
        switch self {
        case .unknownWord(let field, let value, let allowed):
            "unknown \(field) \"\(value)\" (allowed: \(allowed.joined(separator: ", ")))"
        case .invalid(let field, let reason):
            "\(field): \(reason)"
        case .unknownSlug(let kind, let slug, let suggestion, let listCommand):
            "unknown \(kind) \"\(slug)\"" + (suggestion.map { " (did you mean \"\($0)\"? see: \(listCommand))" } ?? " (see: \(listCommand))")
        }
    }
}

/// Every problem found in one input, so a person can fix them all at once. Nothing is written
/// when validation fails.
public struct ValidationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [DomainError]
    public init(_ problems: [DomainError]) { self.problems = problems }

    public var description: String {
        problems.count == 1 ? problems[0].description : problems.map { "- \($0)" }.joined(separator: "\n")
    }
}

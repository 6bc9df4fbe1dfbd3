import Foundation

/// An error from the PostgreSQL layer.
///
/// Server errors keep the SQLSTATE, the server's message, detail and hint, and the statement's SQL
/// text. Bound values are never part of an error, and connection strings appear only redacted.
public struct PGError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Could not connect (server down, wrong socket, authentication, ...).
        case connection
        /// The server rejected a statement; `sqlState` says why.
        case server
        /// The connection broke while a statement was in flight. Its outcome is unknown to us;
        /// the connection is re-established on its next use.
        case connectionLost
        /// A value could not be sent (for example a NUL character in text).
        case encoding
        /// A column could not be decoded into the requested Swift type.
        case decoding
        /// The library was used in a way libpq does not allow (an unexpected result status, ...).
        case usage
    }

    public var kind: Kind
    /// Five-character SQLSTATE such as `23505` (unique violation), when the server sent one.
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// The SQL text of the statement that failed. Never the bound values.
    public var statement: String?

    public init(
        _ kind: Kind, message: String, sqlState: String? = nil, detail: String? = nil,
        hint: String? = nil, statement: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.statement = statement
    }

    /// True for SQLSTATE 23505.
    public var isUniqueViolation: Bool { sqlState == "23505" }

    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail, !detail.isEmpty { text += "\n  detail: \(detail)" }
        if let hint, !hint.isEmpty { text += "\n  hint: \(hint)" }
        if let statement {
            let compact = statement.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .joined(separator: " ")
            text += "\n  statement: \(compact.count > 300 ? String(compact.prefix(300)) + "…" : compact)"
        }
        return text
    }
}

extension PGError {
    /// Five-character SQLSTATE codes this project reacts to.
    public enum Code {
        public static let uniqueViolation = "23505"
        public static let foreignKeyViolation = "23503"
        public static let checkViolation = "23514"
        public static let notNullViolation = "23502"
        public static let adminShutdown = "57P01"
        public static let undefinedTable = "42P01"
        public static let serializationFailure = "40001"
    }
}

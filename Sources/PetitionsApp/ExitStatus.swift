import Foundation
import PetitionsDomain
import PetitionsStore

/// A failure to report to the user as is: what went wrong and what to do next.
public struct CommandFailure: Error, CustomStringConvertible {
    public var message: String
    /// Bad usage (exit 2) rather than a failed operation (exit 1).
    public var usage: Bool
    public init(_ message: String, usage: Bool = false) {
        self.message = message
        self.usage = usage
    }
    public var description: String { message }
}

/// The exit statuses every executable shares: 0 ok, 1 the operation failed, 2 bad usage
/// (nothing was written).
public enum ExitStatus: Int32, Sendable {
    case ok = 0, failed = 1, usage = 2

    /// What to print and which status to exit with for one of the project's own errors; `nil` for
    /// an error this layer does not know (argument parsing, for one).
    public static func classify(_ error: any Error) -> (status: ExitStatus, message: String)? {
        if let failure = error as? CommandFailure { return (failure.usage ? .usage : .failed, failure.message) }
        // Input that fails validation is bad usage: nothing was written.
        if let failure = error as? FigureStore.BatchFailure { return (.usage, failure.description) }
        if let failure = error as? SignatoryImportFailure { return (.usage, failure.description) }
        if let refusal = error as? ArchiveStore.Refusal { return (.usage, refusal.description) }
        if error is ValidationFailure || error is DomainError {
            let text = String(describing: error)
            return (.usage, text.contains("\n") ? "invalid input; nothing was written:\n\(text)" : text)
        }
        return nil
    }
}

/// Who is acting, for the audit trail: the explicit name, else `$PETITIONS_ACTOR`, else `$USER`
/// (or `$LOGNAME`), else "unknown".
public enum ActorName {
    public static func resolve(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for candidate in [explicit, environment["PETITIONS_ACTOR"], environment["USER"], environment["LOGNAME"]] {
            if let candidate, !candidate.trimmingCharacters(in: .whitespaces).isEmpty { return candidate }
        }
        return "unknown"
    }
}

import ArgumentParser
import Foundation
import PetitionsDomain
import PetitionsStore
import Postgres

/// Runs a root command with the project's exit statuses: 0 ok, 1 failed, 2 bad usage.
/// User errors print one readable message, never a stack trace.
public enum Entry {
    public static func run<Command: ParsableCommand>(_ type: Command.Type, arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Int32 {
        do {
            var command = try type.parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            return report(error, for: type)
        }
    }

    static func report<Command: ParsableCommand>(_ error: Error, for type: Command.Type) -> Int32 {
        let code = type.exitCode(for: error)
        if code == .success {  // --help, --version
            print(type.fullMessage(for: error))
            return 0
        }
        if let failure = error as? CommandFailure {
            printError(failure.message)
            return failure.usage ? 2 : 1
        }
        if let exit = error as? ExitCode { return exit.rawValue }
        // Input that fails validation is bad usage: nothing was written.
        if let failure = error as? Repository.BatchFailure {
            printError(failure.description)
            return 2
        }
        if let failure = error as? SignatoryImportFailure {
            printError(failure.description)
            return 2
        }
        if error is ValidationFailure || error is DomainError {
            printError(String(describing: error).contains("\n") ? "invalid input; nothing was written:\n\(error)" : "\(error)")
            return 2
        }
        if error is ValidationError || isArgumentParserError(error) {
            printError(type.fullMessage(for: error))
            return code == .validationFailure ? 2 : 1
        }
        // The project's own errors (PGError, MigrationError, ...) describe themselves for people.
        printError(String(describing: error))
        return 1
    }

    private static func isArgumentParserError(_ error: Error) -> Bool {
        String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    static func printError(_ message: String) {
        let text = message.hasPrefix("Error:") || message.hasPrefix("error:") ? message : "error: " + message
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

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

import ArgumentParser
import Foundation
import PetitionsApp

/// Runs a root command with the project's exit statuses (`ExitStatus`: 0 ok, 1 failed, 2 bad
/// usage). User errors print one readable message, never a stack trace.
public enum Entry {
    public static func run<Command: ParsableCommand>(_ type: Command.Type, arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Int32 {
        do {
            var command = try type.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitStatus.ok.rawValue
        } catch {
            return report(error, for: type)
        }
    }

    static func report<Command: ParsableCommand>(_ error: any Error, for type: Command.Type) -> Int32 {
        let code = type.exitCode(for: error)
        if code == .success {  // --help, --version
            print(type.fullMessage(for: error))
            return ExitStatus.ok.rawValue
        }
        if let exit = error as? ExitCode { return exit.rawValue }
        if let (status, message) = ExitStatus.classify(error) {
            printError(message)
            return status.rawValue
        }
        if error is ValidationError || isArgumentParserError(error) {
            printError(type.fullMessage(for: error))
            return (code == .validationFailure ? ExitStatus.usage : .failed).rawValue
        }
        // The project's own errors (PGError, MigrationError, ...) describe themselves for people.
        printError(String(describing: error))
        return ExitStatus.failed.rawValue
    }

    private static func isArgumentParserError(_ error: any Error) -> Bool {
        String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    static func printError(_ message: String) {
        let text = message.hasPrefix("Error:") || message.hasPrefix("error:") ? message : "error: " + message
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

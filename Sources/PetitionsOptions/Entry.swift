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
            return report(error, for: type, arguments: arguments)
        }
    }

    static func report<Command: ParsableCommand>(_ error: any Error, for type: Command.Type, arguments: [String] = []) -> Int32 {
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
            // One form for every error ("error: ..."), and the help of the command that was typed,
            // not the root's usage.
            let path = commandPath(type, arguments)
            printError(type.message(for: error) + "\nsee `\(path.joined(separator: " ")) --help`")
            return (code == .validationFailure ? ExitStatus.usage : .failed).rawValue
        }
        // The project's own errors (PGError, MigrationError, ...) describe themselves for people.
        printError(String(describing: error))
        return ExitStatus.failed.rawValue
    }

    /// The command the arguments name: the root's name and the subcommands they walk down.
    static func commandPath<Command: ParsableCommand>(_ type: Command.Type, _ arguments: [String]) -> [String] {
        var current: any ParsableCommand.Type = type
        var path = [type.configuration.commandName ?? "petitions"]
        for argument in arguments {
            guard
                let next = current.configuration.subcommands.first(where: {
                    ($0.configuration.commandName ?? "") == argument || $0.configuration.aliases.contains(argument)
                })
            else { break }
            path.append(argument)
            current = next
        }
        return path
    }

    private static func isArgumentParserError(_ error: any Error) -> Bool {
        String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    static func printError(_ message: String) {
        let text = message.hasPrefix("error:") ? message : message.hasPrefix("Error: ") ? "error: " + message.dropFirst(7) : "error: " + message
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

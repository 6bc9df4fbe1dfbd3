import ArgumentParser
import Foundation
import PetitionsCLI
import Testing
import petitions

/// Every example in every command's help fits an 80-column terminal (so the help prints it whole,
/// and copy-paste gets the command as written) and parses with the CLI's own parser.
@Suite struct HelpExamplesTests {
    static func commands(_ command: any ParsableCommand.Type, path: [String]) -> [(path: [String], type: any ParsableCommand.Type)] {
        [(path, command)]
            + command.configuration.subcommands.flatMap { sub in
                commands(sub, path: path + [sub.configuration.commandName ?? String(describing: sub).lowercased()])
            }
    }

    /// Example commands in a discussion, continuation lines (ending in a backslash) joined.
    static func examples(_ discussion: String) -> [(lines: [String], command: String)] {
        var result: [(lines: [String], command: String)] = []
        var pending: [String] = []
        for line in discussion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !pending.isEmpty || trimmed.hasPrefix("petitions ") else { continue }
            pending.append(line)
            if !trimmed.hasSuffix("\\") {
                let joined = pending.map { $0.trimmingCharacters(in: .whitespaces) }.map { $0.hasSuffix("\\") ? String($0.dropLast()) : $0 }.joined(
                    separator: " ")
                result.append((pending, joined))
                pending = []
            }
        }
        return result
    }

    /// Shell words: quotes group, and the command ends at an unquoted `>`, `|` or `&`.
    static func words(_ command: String) -> [String] {
        var words: [String] = [], current = "", quote: Character?, inWord = false
        for character in command {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " {
                if inWord { words.append(current); current = ""; inWord = false }
            } else if character == ">" || character == "|" || character == "&" {
                break
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    @Test func everyExampleFitsAndParses() throws {
        var checked = 0
        for (path, command) in Self.commands(PetitionsCommand.self, path: []) {
            let help = PetitionsCommand.helpMessage(for: command, columns: 80)
            let helpLines = Set(help.split(separator: "\n").map(String.init))
            for example in Self.examples(command.configuration.discussion) {
                for line in example.lines {
                    #expect(line.count <= 80 && helpLines.contains(line), "petitions \(path.joined(separator: " ")): the help wraps \"\(line)\"")
                }
                let arguments = Array(Self.words(example.command).dropFirst())
                #expect(throws: Never.self, "petitions \(path.joined(separator: " ")): \(example.command)") { _ = try PetitionsCommand.parseAsRoot(arguments) }
                checked += 1
            }
        }
        #expect(checked > 60)
    }
}

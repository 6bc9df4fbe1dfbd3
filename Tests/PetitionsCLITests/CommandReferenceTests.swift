import ArgumentParser
import Foundation
import PetitionsStore
import Testing
import petitions

/// The README's command synopsis is generated from the commands themselves (their usage and
/// abstract, as `--help` prints them), so it cannot drift from the code. When a command changes,
/// this test fails and says how to rewrite the block:
///     PETITIONS_UPDATE_README=1 swift test --filter CommandReferenceTests
@Suite struct CommandReferenceTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md")
    static let begin = "<!-- commands: generated from the commands' --help by Tests/PetitionsCLITests/CommandReferenceTests.swift -->"
    static let end = "<!-- end of commands -->"

    /// Every command that runs (no subcommands of its own), in the order `--help` lists them.
    static func leaves(_ command: any ParsableCommand.Type) -> [any ParsableCommand.Type] {
        let subcommands = command.configuration.subcommands
        return subcommands.isEmpty ? [command] : subcommands.flatMap(leaves)
    }

    static func block() -> String {
        var lines = [
            begin, "",
            "Every command also takes `--database-url`, `--log-level` and `--actor`; `[<options>]` stands for more than fit on a line (see the command's `--help`).",
            "", "| command | what it does |", "| --- | --- |",
        ]
        for command in leaves(PetitionsCommand.self) {
            let usage = PetitionsCommand.usageString(for: command).replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
                .replacingOccurrences(of: "[--database-url <url>] [--log-level <log-level>] [--actor <actor>] ", with: "")
                .replacingOccurrences(of: "|", with: "\\|")
            lines.append("| `\(usage)` | \(command.configuration.abstract.replacingOccurrences(of: "|", with: "\\|")) |")
        }
        lines += ["", end]
        return lines.joined(separator: "\n")
    }

    static let wordsBegin = "<!-- words: generated from the Swift enums by Tests/PetitionsCLITests/CommandReferenceTests.swift -->"
    static let wordsEnd = "<!-- end of words -->"

    /// Every closed word list the database stores, from the enums that own them (`StoredWords`).
    static func wordsBlock() -> String {
        var lines = [wordsBegin, "", "| stored in | words |", "| --- | --- |"]
        for column in StoredWords.columns {
            lines.append("| `\(column.table).\(column.column)` | \(column.words.map { "`\($0)`" }.joined(separator: ", ")) |")
        }
        lines += ["", wordsEnd]
        return lines.joined(separator: "\n")
    }

    /// Checks (or, with PETITIONS_UPDATE_README=1, rewrites) one generated block of the README.
    static func check(begin: String, end: String, generated: String, what: String) throws {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let start = try #require(text.range(of: begin), "README.md has no \(begin) block")
        let stop = try #require(text.range(of: end, range: start.upperBound..<text.endIndex), "README.md has no \(end) after the block")
        let current = String(text[start.lowerBound..<stop.upperBound])
        if current != generated, ProcessInfo.processInfo.environment["PETITIONS_UPDATE_README"] == "1" {
            try text.replacingCharacters(in: start.lowerBound..<stop.upperBound, with: generated).write(to: readme, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == generated, "README.md's \(what) differs; rewrite it with: PETITIONS_UPDATE_README=1 swift test --filter CommandReferenceTests")
    }

    @Test func theReadmeListsEveryCommandAsItsHelpSaysIt() throws {
        try Self.check(begin: Self.begin, end: Self.end, generated: Self.block(), what: "command list (from the commands' help)")
    }

    @Test func theReadmeListsEveryStoredWord() throws {
        try Self.check(begin: Self.wordsBegin, end: Self.wordsEnd, generated: Self.wordsBlock(), what: "word lists (from the enums)")
    }
}

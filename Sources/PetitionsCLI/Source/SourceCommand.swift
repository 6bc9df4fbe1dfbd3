import ArgumentParser
import PetitionsApp
import PetitionsOptions
import PetitionsSources

struct SourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Add, list, show, pause, resume, poll and remove the sources that petitions-worker polls.",
        discussion: "Kinds:\n" + PlatformReaders.helpLines.map { "  " + $0 }.joined(separator: "\n"),
        subcommands: [SourceAdd.self, SourceList.self, SourceShow.self, SourcePause.self, SourceResume.self, SourcePoll.self, SourceRemove.self]
    )
}

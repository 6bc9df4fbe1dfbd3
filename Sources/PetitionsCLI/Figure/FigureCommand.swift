import ArgumentParser
import PetitionsApp
import PetitionsOptions

struct FigureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figure",
        abstract: "Log reported figures, list them, retract or correct them, review extracted ones. History is never rewritten.",
        subcommands: [FigureAdd.self, FigureList.self, FigureRetract.self, FigureCorrect.self, FigureReview.self]
    )
}

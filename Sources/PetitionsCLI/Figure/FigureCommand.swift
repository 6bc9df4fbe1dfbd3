import ArgumentParser

struct FigureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figure",
        abstract: "Log reported figures, list them, retract or correct them. History is never rewritten.",
        subcommands: [FigureAdd.self, FigureList.self, FigureRetract.self, FigureCorrect.self]
    )
}

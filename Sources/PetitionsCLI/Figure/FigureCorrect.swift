import ArgumentParser
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct FigureCorrect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Record a corrected figure that supersedes an earlier one.",
        discussion: """
            The correction starts as a copy of the original; the options given change it. The original \
            stays in the history, marked superseded.

            Examples:
              petitions figure correct 42 --value 10500
              petitions figure correct 42 --qualifier over \\
                  --note "the article says more than, not exactly"
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Id of the figure to correct.") var id: Int
    @OptionGroup var figure: FigureOptions

    func run() async throws {
        let newID = try global.withRepository { repository -> Int in
            guard let original = try repository.figures.find(id) else {
                throw CommandFailure("there is no figure \(id) (see: petitions figure list CAMPAIGN)")
            }
            let draft = try figure.draft(campaign: original.draft.campaign, base: original.draft)
            guard draft != original.draft else { throw ValidationError("nothing to correct: give at least one option that changes figure \(id)") }
            return try repository.figures.correct(id, with: draft, actor: global.actorName)
        }
        print("recorded figure \(newID), which supersedes figure \(id)")
    }
}

import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct FigureAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Log a figure an outlet reported.",
        discussion: """
            Each qualifier stands for the counts it allows: exact 600 is 600; about 600 is 540–660 (±10%); \
            over 600 is 601 or more; at_least 600 is 600 or more; almost 600 is 540–599; under 600 is 0–599; \
            up_to 600 is 0–600; range 500 with --high 600 is 500–600.

            Times are ISO 8601 in UTC unless they carry an offset; a date alone means 00:00 UTC. \
            --as-of defaults to --published, else now; --published defaults to unknown. \
            A published time more than a day before the as-of time is refused.

            Examples:
              petitions figure add dear-corporate-ai-overlords --outlet washington-post \\
                  --value 600 --qualifier about --published 2024-11-26T21:00Z \\
                  --url https://www.washingtonpost.com/... --language en
              petitions figure add statement-on-ai-training --outlet some-wire \\
                  --value 13500 --qualifier at_least --as-of 2024-10-23
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Campaign slug.") var campaign: String
    @OptionGroup var figure: FigureOptions

    func validate() throws {
        if figure.outlet == nil { throw ValidationError("--outlet is required (see: petitions outlet list)") }
        if figure.value == nil { throw ValidationError("--value is required") }
    }

    func run() async throws {
        let draft = try figure.draft(campaign: campaign, base: nil)
        let result = try global.withRepository { repository in
            do {
                return try repository.figures.add([draft], actor: global.actorName, skipDuplicates: false)
            } catch let failure as FigureStore.BatchFailure {
                throw ValidationFailure(failure.problems.flatMap(\.problems))
            }
        }
        print(
            "added figure \(result.inserted.first.map(String.init) ?? "?"): \(draft.outlet) reported \(draft.qualifier.phrase(value: draft.value, high: draft.high)) \(draft.metric.words) (allows \(draft.interval)) as of \(TimeFormatting.short(draft.asOf))"
        )
    }
}

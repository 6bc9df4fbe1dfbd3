import ArgumentParser
import PetitionsApp
import PetitionsOptions
import PetitionsStore

struct SignatoryErase: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase a signatory's personal data on request, keeping its place in the counts.",
        discussion: """
            Clears the name, its search keys, the affiliation and the source, and the reasons in the \
            entry's verification history (they may name the person). Role, country, signing time, \
            visibility and status stay, so counts and reconciliations do not change. The audit log records \
            who erased which entry and why; the reason must not contain the name. It cannot be undone.

            Example:
              petitions signatory erase 42 \\
                  --reason "privacy request by email of 2025-01-10"
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Signatory id (see: petitions signatory list CAMPAIGN).") var id: Int
    @Option(help: "Why (without the name).") var reason: String

    func run() async throws {
        try global.withRepository { try $0.signatories.erase(id, reason: reason, actor: global.actorName) }
        print("erased the personal data of signatory #\(id); it still counts")
    }
}

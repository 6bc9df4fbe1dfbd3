import ArgumentParser
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct SignatoryVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Set a signatory's verification status, saying why; the change is kept in its history.",
        discussion: """
            Statuses: unverified, self_asserted, confirmed_by_organiser, confirmed_independently, disputed, removed. \
            A removed entry stays on record but is no longer counted.

            Examples:
              petitions signatory verify 42 --status confirmed_independently \\
                  --reason "confirmed by phone with their agent"
              petitions signatory verify 43 --status removed \\
                  --reason "their office says they never signed"
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Signatory id (see: petitions signatory list CAMPAIGN).") var id: Int
    @Option(help: "The new verification status.") var status: String
    @Option(help: "How it was checked, by whom.") var reason: String

    func run() async throws {
        let status = try Parse.word(status, VerificationStatus.self, option: "--status")!
        let entry = try global.withRepository { try $0.signatories.verify(id, status: status, reason: reason, actor: global.actorName) }
        print("signatory #\(entry.id) (\(entry.shownName)) is now \(entry.status.rawValue)")
    }
}

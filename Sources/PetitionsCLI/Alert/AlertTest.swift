import ArgumentParser
import PetitionsApp
import PetitionsOptions
import PetitionsStore

struct AlertTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Queue a test delivery of an alert (its payload says \"test\": true); a running worker sends it.",
        discussion: "Example:\n  petitions alert test 3 && petitions-worker --once"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Alert id (see: petitions alert list).") var id: Int

    func run() async throws {
        let id = self.id
        let delivery = try global.withRepository { try $0.alerts.queueTest(id) }
        print(
            "queued test delivery \(delivery) of alert \(id); a running worker sends it within a second (or run `petitions-worker --once`); see `petitions alert list`"
        )
    }
}

import ArgumentParser
import PetitionsApp
import PetitionsOptions

struct AlertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert",
        abstract: "Tell someone when a campaign's count crosses a number, reaches its goal, falls or jumps, or an outlet publishes an outdated figure.",
        discussion: """
            The worker raises alerts as it records counts (threshold, goal, count-fell, anomaly), and \
            recording a figure raises outdated-report. Each event is sent once per alert (webhook: a JSON \
            POST retried with backoff until it answers 2xx; command: the JSON on standard input, exit 0). \
            The payloads are described in the README, "Alerts".
            """,
        subcommands: [AlertAdd.self, AlertList.self, AlertRemove.self, AlertTest.self]
    )
}

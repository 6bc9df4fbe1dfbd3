import ArgumentParser
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsSources
import PetitionsStore

struct AlertAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an alert on a campaign.",
        discussion: """
            Events:
              threshold        the count passed --threshold N
              goal             the count reached the campaign's goal
              count-fell       the count went down between two polls
              anomaly          the count moved by --threshold N or more in one poll
                               (default: a tenth of the count, at least 500)
              outdated-report  an outlet published a figure below what the platform already showed

            Examples:
              petitions alert add keep-the-island-ferry --on threshold --threshold 50000 \\
                  --webhook https://hooks.example.org/petitions
              petitions alert add keep-the-island-ferry --on count-fell \\
                  --command /usr/local/bin/page-the-desk
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Campaign slug.") var campaign: String
    @Option(name: .customLong("on"), help: "\(AlertEvent.helpList).") var event: String
    @Option(help: ArgumentHelp("The count a threshold alert watches for; the least change an anomaly alert counts.", valueName: "n")) var threshold: String?
    @Option(help: ArgumentHelp("Where to POST the alert as JSON (http or https).", valueName: "url")) var webhook: String?
    @Option(help: ArgumentHelp("A program to run with the alert as JSON on standard input (absolute path).", valueName: "path")) var command: String?

    func validate() throws {
        if webhook == nil && command == nil { throw ValidationError("say where the alert goes: --webhook URL or --command PATH") }
        if let command, !command.hasPrefix("/") { throw ValidationError("--command takes an absolute path, such as /usr/local/bin/notify") }
    }

    func run() async throws {
        let event = try Parse.word(event, AlertEvent.self, option: "--on")!
        let threshold = try Parse.count(threshold, option: "--threshold")
        let (slug, webhook, command, actor) = (campaign, webhook, command, global.actorName)
        let alert = try global.withRepository {
            try $0.alerts.add(campaign: slug, event: event, threshold: threshold, webhookURL: webhook, command: command, actor: actor)
        }
        let target = alert.webhookURL.map { "POST to \(SourceURL.redacted($0))" } ?? "run \(alert.command ?? "")"
        print(
            "added alert \(alert.id) on \(alert.campaign): \(event.meaning)\(threshold.map { " (\(NumberFormatting.grouped($0)))" } ?? ""); it will \(target)")
        print("try it with `petitions alert test \(alert.id)` (a running worker sends it)")
    }
}

import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct SignatoryDuplicates: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates",
        abstract: "Report likely duplicates and watch-list names in a campaign's list; nothing is merged.",
        discussion: """
            Groups entries with the same name (ignoring case, width and spacing), with nearly the same name \
            (the same letters and digits, punctuation aside) and the same affiliation, and, with \
            --ignore-accents, the same name but for accents. Entries whose name is on the watch list of \
            well-known people are listed for verification. Decide with `signatory verify`.

            Examples:
              petitions signatory duplicates dear-corporate-ai-overlords
              petitions signatory duplicates my-petition --ignore-accents --format json
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Campaign slug.") var campaign: String
    @Flag(name: .customLong("ignore-accents"), help: "Also group names that differ only by accents.") var ignoreAccents = false
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        let slug = campaign
        let groups = try global.withRepository { try $0.signatories.duplicates(campaign: slug, ignoringAccents: ignoreAccents) }
        switch format {
        case .json:
            try JSONOutput.print(
                groups.map { DuplicateGroupJSON(reason: $0.reason.rawValue, watched: Nullable($0.watched), members: $0.members.map(SignatoryJSON.init)) })
        case .table:
            guard !groups.isEmpty else { print("no likely duplicates and no watch-list names in \(slug)"); return }
            for group in groups {
                let title = group.reason == .watchList ? "on the watch list: \(group.watched ?? "")" : group.reason.words
                print("\(title) (\(group.members.count) entr\(group.members.count == 1 ? "y" : "ies"))")
                print(
                    TextTable.render(header: SignatoryShapes.header, rows: group.members.map(SignatoryShapes.row)).split(separator: "\n").map { "  " + $0 }
                        .joined(separator: "\n"))
                print("")
            }
            let duplicates = groups.filter { $0.reason != .watchList }.count, watched = groups.count - duplicates
            print(
                "\(duplicates) group\(duplicates == 1 ? "" : "s") of likely duplicates, \(watched) watch-list name\(watched == 1 ? "" : "s"); decide with `petitions signatory verify ID --status S --reason R`"
            )
        }
    }
}

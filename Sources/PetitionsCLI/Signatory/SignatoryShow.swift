import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct SignatoryShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one signatory with its verification history.",
        discussion: "Example:\n  petitions signatory show 42"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Signatory id (see: petitions signatory list CAMPAIGN).") var id: Int
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        let id = id
        guard let (entry, history) = try global.withRepository({ try $0.signatories.find(id) }) else {
            throw CommandFailure("no signatory #\(id); find ids with `petitions signatory list CAMPAIGN`")
        }
        switch format {
        case .json:
            let changes = history.map {
                SignatoryHistoryJSON.Change(
                    from: Nullable($0.from?.rawValue), to: $0.to.rawValue, reason: Nullable($0.reason), by: $0.by, at: TimeFormatting.iso($0.at))
            }
            try JSONOutput.print(Merged(SignatoryJSON(entry), SignatoryHistoryJSON(history: changes)))
        case .table:
            Render.fields(
                [
                    ("id", String(entry.id)), ("campaign", entry.campaign), ("name", entry.shownName), ("role", entry.role.rawValue),
                    ("affiliation", entry.affiliation), ("country", entry.country), ("signed", entry.signedAt.map(TimeFormatting.short)),
                    ("source", entry.source), ("visibility", entry.visibility.rawValue), ("status", entry.status.rawValue),
                    ("erased", entry.erasedAt.map(TimeFormatting.short)), ("added", TimeFormatting.short(entry.addedAt)),
                ], trail: [])
            if !history.isEmpty {
                print("\nverification history:")
                for change in history {
                    print(
                        "  \(TimeFormatting.short(change.at))  \(change.from?.rawValue ?? "-") → \(change.to.rawValue)  by \(change.by)\(change.reason.map { ": \($0)" } ?? " (reason erased)")"
                    )
                }
            }
        }
    }
}

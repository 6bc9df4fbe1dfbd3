import ArgumentParser
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct SignatoryWatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "The watch list: names of well-known people to verify whenever a list includes them.",
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a name to the watch list.",
            discussion: "Example:\n  petitions signatory watch add \"Famous Novelist\" \\\n      --note \"often named on letters without signing\""
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The name, as it usually appears.") var name: String
        @Option(help: "Why it is watched.") var note: String?
        func run() async throws {
            try global.withRepository { try $0.signatories.watch(name, note: note, actor: global.actorName) }
            print("watching \"\(name)\"")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the watched names.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table, json, csv or markdown.") var format: DataFormat = .table
        func run() async throws {
            let entries = try global.withRepository { try $0.signatories.watchList() }
            try Render.rows(
                header: ["name", "note", "added by", "added"], rows: entries.map { [$0.name, $0.note ?? "", $0.addedBy, TimeFormatting.short($0.addedAt)] },
                format: format,
                json: entries.map { WatchEntryJSON(name: $0.name, note: Nullable($0.note), added_by: $0.addedBy, added_at: TimeFormatting.iso($0.addedAt)) },
                empty: "the watch list is empty; add names with `petitions signatory watch add NAME`")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a name from the watch list.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The name.") var name: String
        func run() async throws {
            try global.withRepository { try $0.signatories.unwatch(name, actor: global.actorName) }
            print("no longer watching \"\(name)\"")
        }
    }
}

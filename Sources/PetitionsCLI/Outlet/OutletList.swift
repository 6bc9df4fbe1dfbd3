import ArgumentParser
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct OutletList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List outlets with how many figures they reported.",
        discussion: "Examples:\n  petitions outlet list\n  petitions outlet list --format csv"
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "table, json, csv or markdown.") var format: DataFormat = .table

    func run() async throws {
        let summaries = try global.withRepository { try $0.outlets.list() }
        let rows = summaries.map {
            [
                $0.outlet.slug, $0.outlet.kind.rawValue, $0.outlet.name, $0.outlet.language ?? "", $0.outlet.country ?? "", String($0.figures),
                String($0.campaigns),
            ]
        }
        try Render.rows(
            header: ["slug", "kind", "name", "lang", "country", "figures", "campaigns"], rows: rows, format: format,
            json: summaries.map(OutletSummaryJSON.init), empty: "no outlets yet; add one with `petitions outlet add`")
    }
}

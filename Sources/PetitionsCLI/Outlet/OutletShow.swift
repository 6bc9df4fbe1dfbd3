import ArgumentParser
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct OutletShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one outlet and its audit trail.",
        discussion: "Example:\n  petitions outlet show washington-post"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Outlet slug.") var slug: String
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        let (outlet, trail) = try global.withRepository { repository in
            guard let outlet = try repository.outlets.find(slug) else { throw try repository.outlets.unknown(slug) }
            return (outlet, try repository.auditTrail(type: "outlet", subject: slug))
        }
        switch format {
        case .json:
            try JSONOutput.print(OutletJSON(outlet))
        case .table:
            let fields: [(String, String?)] = [
                ("slug", outlet.slug), ("name", outlet.name), ("kind", outlet.kind.rawValue), ("home", outlet.homeURL),
                ("language", outlet.language), ("country", outlet.country),
            ]
            Render.fields(fields, trail: trail)
        }
    }
}

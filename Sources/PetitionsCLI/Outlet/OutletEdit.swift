import ArgumentParser
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct OutletEdit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change an outlet's details. An empty value clears an optional field.",
        discussion:
            "Examples:\n  petitions outlet edit washington-post \\\n      --home-url https://www.washingtonpost.com\n  petitions outlet edit wapo --slug washington-post"
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Outlet slug.") var slug: String
    @Option(name: .customLong("slug"), help: "New slug.") var newSlug: String?
    @Option var name: String?
    @Option(help: "\(OutletKind.helpList).") var kind: String?
    @Option(name: .customLong("home-url")) var homeURL: String?
    @Option var language: String?
    @Option var country: String?

    func run() async throws {
        let kind = try Parse.word(kind, OutletKind.self, option: "--kind")
        let after = try global.withRepository { repository in
            try repository.outlets.edit(slug, actor: global.actorName) { outlet in
                if let newSlug { outlet.slug = newSlug }
                if let name { outlet.name = name }
                if let kind { outlet.kind = kind }
                if let homeURL { outlet.homeURL = Parse.optionalText(homeURL) }
                if let language { outlet.language = Parse.optionalText(language) }
                if let country { outlet.country = Parse.optionalText(country) }
            }
        }
        print("updated outlet \(after.slug)")
    }
}

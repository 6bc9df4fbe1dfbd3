import ArgumentParser
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct OutletAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an outlet.",
        discussion: """
            Kinds: news, platform (where people sign; its counts are the reference), organiser, social, wire.

            Examples:
              petitions outlet add washington-post --name "The Washington Post" \\
                  --kind news --language en --country US
              petitions outlet add uk-parliament --name "UK Parliament petitions" \\
                  --kind platform --home-url https://petition.parliament.uk
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Short unique name: lowercase letters, digits and hyphens.") var slug: String
    @Option(help: "Display name.") var name: String
    @Option(help: "\(OutletKind.helpList).") var kind: String
    @Option(name: .customLong("home-url"), help: "Home page.") var homeURL: String?
    @Option(help: "Main language, such as en, fr, ja.") var language: String?
    @Option(help: "Two-letter country code, such as US, FR, JP.") var country: String?

    func run() async throws {
        let outlet = Outlet(
            slug: slug, name: name, kind: try Parse.word(kind, OutletKind.self, option: "--kind")!, homeURL: homeURL, language: language, country: country)
        try global.withRepository { try $0.outlets.add(outlet, actor: global.actorName) }
        print("added outlet \(slug)")
    }
}

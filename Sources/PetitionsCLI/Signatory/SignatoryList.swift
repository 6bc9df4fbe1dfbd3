import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct SignatoryList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a campaign's signatories, filtered by status, role or a name prefix.",
        discussion: """
            --search matches the start of the name, ignoring case, full-width and half-width forms and \
            spacing ("yamada" finds "ＹＡＭＡＤＡ　Ｔａｒｏ"); with --ignore-accents, "jose" finds "José" too. \
            Anonymous entries show as (anonymous), erased ones as (erased).

            Examples:
              petitions signatory list dear-corporate-ai-overlords --role author
              petitions signatory list my-petition --status disputed --format csv
              petitions signatory list my-petition --search "müll" --ignore-accents
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Campaign slug.") var campaign: String
    @Option(help: "Only this verification status.") var status: String?
    @Option(help: "Only this role: \(SignatoryRole.helpList).") var role: String?
    @Option(help: ArgumentHelp("Names starting with this text.", valueName: "text")) var search: String?
    @Flag(name: .customLong("ignore-accents"), help: "Match names without regard to accents.") var ignoreAccents = false
    @Option(help: "At most this many entries (default 100).") var limit = 100
    @Option(help: "Skip this many entries first.") var offset = 0
    @Option(help: "table, json, csv or markdown.") var format: DataFormat = .table

    func run() async throws {
        guard limit > 0, offset >= 0 else { throw ValidationError("--limit must be positive and --offset not negative") }
        let status = try Parse.word(status, VerificationStatus.self, option: "--status")
        let role = try Parse.word(role, SignatoryRole.self, option: "--role")
        let slug = campaign
        let (entries, total, exact) = try global.withRepository {
            try $0.signatories.list(campaign: slug, status: status, role: role, search: search, ignoringAccents: ignoreAccents, limit: limit, offset: offset)
        }
        try Render.rows(
            header: SignatoryShapes.header, rows: entries.map(SignatoryShapes.row), format: format, json: entries.map(SignatoryJSON.init),
            empty: total == 0 ? "no signatories match; import a list with `petitions signatory import \(slug) FILE`" : nil)
        if format == .table && total > offset + entries.count {
            let more = exact ? NumberFormatting.grouped(total - offset - entries.count) : "many"
            print(
                "... \(more) more of \(exact ? "" : "more than ")\(NumberFormatting.grouped(total)) (use --offset \(offset + entries.count), or narrow --search)"
            )
        }
    }
}

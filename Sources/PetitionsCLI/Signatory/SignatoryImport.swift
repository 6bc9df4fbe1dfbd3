import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct SignatoryImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a list of signatories from a CSV file with a header, or JSON lines; all or nothing.",
        discussion: """
            Columns are found by their header: name, role (author or signatory), affiliation, country \
            (two letters), signed_at (ISO 8601), source (URL), visibility (public or anonymous, or yes/no), \
            status (unverified, self_asserted, confirmed_by_organiser, confirmed_independently, disputed, \
            removed). Common other names work too (full name, organisation, date, url); map any other \
            header with --column FIELD=HEADER. Other columns are ignored and listed.

            The file streams through COPY, so its size does not matter: a campaign's first list goes \
            straight into its table, a later one through a staging table. Every row is checked; any \
            problem rejects the whole file and names each line. Entries already stored (an \
            earlier import of the same list) are skipped, so importing a file twice adds nothing. An \
            entry that repeats an earlier line of the same file is kept and shows up in \
            `signatory duplicates`. Anonymous entries are counted but their names and affiliations are \
            not stored. Entries whose name is on the watch list are listed for verification.

            Examples:
              petitions signatory import dear-corporate-ai-overlords signers.csv
              petitions signatory import my-petition export.csv \\
                  --column name="Full Name" --column affiliation=Organisation
              petitions signatory import my-letter authors.jsonl --role author \\
                  --status confirmed_by_organiser
              petitions signatory import my-petition export.csv --dry-run
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Campaign slug.") var campaign: String
    @Argument(help: "The list: a .csv or .jsonl file, or - for standard input.") var file: String
    @Option(help: "csv or jsonl. Default: from the file's extension, else csv.") var format: ListFile.Format?
    @Option(help: ArgumentHelp("Map a field to a header: name=\"Full Name\" (repeatable).", valueName: "field=header")) var column: [String] = []
    @Option(help: "Role for entries without one: \(SignatoryRole.helpList). Default: signatory.") var role: String?
    @Option(help: "Visibility for entries without one: \(Visibility.helpList). Default: public.") var visibility: String?
    @Option(help: "Status for entries without one. Default: unverified.") var status: String?
    @Option(help: ArgumentHelp("Source recorded for entries without one. Default: the file's name.", valueName: "text")) var source: String?
    @Flag(name: .customLong("dry-run"), help: "Check and count everything, then store nothing.") var dryRun = false

    func run() async throws {
        var overrides: [String: String] = [:]
        for mapping in column {
            let parts = mapping.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--column \(mapping): write FIELD=HEADER, for example name=\"Full Name\"")
            }
            overrides[parts[0]] = parts[1]
        }
        let defaultRole = try Parse.word(role, SignatoryRole.self, option: "--role") ?? .signatory
        let defaultVisibility = try Parse.word(visibility, Visibility.self, option: "--visibility") ?? .public
        let defaultStatus = try Parse.word(status, VerificationStatus.self, option: "--status") ?? .unverified
        let list = try ListFile.open(file, format: format)
        let columns = try SignatoryColumns(
            header: list.header, overrides: overrides, defaultRole: defaultRole, defaultVisibility: defaultVisibility,
            defaultStatus: defaultStatus)
        let label = source ?? (file == "-" ? "standard input" : URL(fileURLWithPath: file).lastPathComponent)
        let slug = campaign, actor = global.actorName, dryRun = dryRun
        let started = Date()
        let result = try global.withRepository { repository in
            try repository.signatories.importList(campaign: slug, columns: columns, records: list.next, source: label, actor: actor, dryRun: dryRun) { count in
                FileHandle.standardError.write(Data("  \(NumberFormatting.grouped(count)) entries read...\n".utf8))
            }
        }
        let elapsed = Date().timeIntervalSince(started)
        print(
            "\(dryRun ? "dry run: would import" : "imported") \(NumberFormatting.grouped(result.inserted)) of \(NumberFormatting.grouped(result.rows)) entries into \(slug) in \(String(format: "%.1f", elapsed)) s"
        )
        if result.alreadyStored > 0 {
            print(
                "  \(NumberFormatting.grouped(result.alreadyStored)) already stored (skipped), lines \(result.alreadyStoredLines.map(String.init).joined(separator: ", "))\(result.alreadyStored > result.alreadyStoredLines.count ? ", ..." : "")"
            )
        }
        if result.repeatedInFile > 0 {
            print(
                "  \(NumberFormatting.grouped(result.repeatedInFile)) entries repeat an earlier line word for word: kept; see `petitions signatory duplicates \(slug)`"
            )
        }
        if !columns.ignored.isEmpty { print("  ignored columns: \(columns.ignored.joined(separator: ", "))") }
        if !result.watchMatches.isEmpty {
            print("  on the watch list, verify before counting:")
            for match in result.watchMatches { print("    line \(match.line): \(match.name) (watched: \(match.watched))") }
        }
    }
}

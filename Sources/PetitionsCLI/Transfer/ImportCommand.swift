import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore
import Postgres

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import data from files.",
        subcommands: [ImportFigures.self, ImportArchive.self]
    )
}

struct ImportFigures: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "Import figures from CSV (with a header) or JSON lines, all or nothing.",
        discussion: """
            Columns (CSV header names or JSON keys): campaign, outlet and value are required; metric, high, \
            qualifier, as_of, published, url, quote, language, method and note are optional, with the same \
            defaults as `figure add`, except that as_of defaults to published and one of them is required. \
            The columns id, recorded, entered_by and supersedes that `export figures` writes are \
            accepted and ignored, so an export imports as is. A status other than current (a retracted, \
            superseded, rejected or unreviewed figure from `export figures --history`) is refused: it \
            would come back as a current figure, undoing its withdrawal.

            Every line is checked before anything is written; any problem rejects the whole file and is \
            reported with its line number. Figures identical to one already stored are skipped, so \
            importing the same file twice adds nothing.

            Examples:
              petitions import figures reported.csv
              petitions export figures statement-on-ai-training --format jsonl | \\
                  petitions import figures - --format jsonl
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "File to read, or - for standard input.") var file: String
    @Option(help: "csv, jsonl or json (one array). Default: from the file name (.jsonl, .ndjson, .json), else csv.") var format: String?
    @Flag(name: .customLong("dry-run"), help: "Check everything, write nothing.") var dryRun = false

    func run() async throws {
        let format = try FigureFile.format(named: format, path: file)
        let rows = try FigureFile.rows(try FigureFile.read(path: file), format: format)
        guard !rows.isEmpty else {
            throw CommandFailure(
                "\(file == "-" ? "standard input" : file) holds no figures (an empty file, or a header alone); nothing was imported", usage: true)
        }
        var drafts: [FigureDraft] = []
        var lines: [Int] = []
        var problems: [FigureStore.BatchProblem] = []
        for row in rows {
            switch FigureRecord.draft(from: row.fields) {
            case .success(let draft):
                drafts.append(draft)
                lines.append(row.line)
            case .failure(let failure):
                problems.append(FigureStore.BatchProblem(position: row.line, problems: failure.problems))
            }
        }
        let unparsed = Set(problems.map(\.position))
        let references = rows.filter { unparsed.contains($0.line) }.map { row in
            (position: row.line, campaign: row.fields["campaign"].flatMap(Parse.optionalText), outlet: row.fields["outlet"].flatMap(Parse.optionalText))
        }
        let result = try global.withRepository { repository -> FigureStore.AddResult in
            // Slugs are checked on every line, parsed or not, so one run reports every problem.
            for problem in try repository.figures.slugProblems(references) {
                if let index = problems.firstIndex(where: { $0.position == problem.position }) {
                    problems[index].problems += problem.problems
                }
            }
            do {
                let result = try repository.db.withTransaction { db -> FigureStore.AddResult in
                    let added = try Repository(db).figures.add(drafts, actor: global.actorName, positions: lines, action: "figures.import", subject: file)
                    if !problems.isEmpty || dryRun { throw DryRunRollback(result: added) }
                    return added
                }
                return result
            } catch let failure as FigureStore.BatchFailure {
                throw FigureStore.BatchFailure(problems: (failure.problems + problems).sorted { $0.position < $1.position })
            } catch let rollback as DryRunRollback {
                if !problems.isEmpty { throw FigureStore.BatchFailure(problems: problems) }
                return rollback.result
            }
        }
        let verb = dryRun ? "would import" : "imported"
        print(
            "\(verb) \(result.inserted.count) figure\(result.inserted.count == 1 ? "" : "s") from \(file == "-" ? "standard input" : file); \(result.duplicates) already stored and skipped"
        )
    }
}

/// Thrown inside the import transaction to roll it back after a dry run or a parse problem.
private struct DryRunRollback: Error {
    var result: FigureStore.AddResult
}

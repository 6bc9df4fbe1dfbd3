import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export data to files.",
        subcommands: [ExportFigures.self, ExportArchive.self]
    )
}

struct ExportFigures: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "Export a campaign's figures as CSV, JSON lines or a JSON array, in the format `import figures` reads.",
        discussion: """
            Examples:
              petitions export figures statement-on-ai-training > statement.csv
              petitions export figures statement-on-ai-training --history \\
                  --format jsonl --output statement.jsonl
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Campaign slug.") var campaign: String
    @Option(help: "csv, jsonl or json.") var format = "csv"
    @Flag(help: "Include retracted and superseded figures (with their status).") var history = false
    @Option(help: "Write to this file instead of standard output.") var output: String?

    func run() async throws {
        guard let format = FigureFile.Format(rawValue: format.lowercased()) else {
            throw CommandFailure("--format: unknown file format \"\(format)\" (allowed: csv, jsonl, json)", usage: true)
        }
        let figures = try global.withRepository { try $0.figures.list(campaign: campaign, history: history) }
        var text = ""
        switch format {
        case .csv:
            text += CSV.line(FigureRecord.columns) + "\n"
            for figure in figures {
                let fields = FigureRecord.fields(of: figure)
                text += CSV.line(FigureRecord.columns.map { fields[$0] ?? "" }) + "\n"
            }
        case .jsonl:
            for figure in figures {
                text += try JSONOutput.line(FigureJSON(figure)) + "\n"
            }
        case .json:
            text = try JSONOutput.string(figures.map(FigureJSON.init)) + "\n"
        }
        if let output {
            do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("cannot write \(output): \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("exported \(figures.count) figures to \(output)\n".utf8))
        } else {
            print(text, terminator: "")
        }
    }
}

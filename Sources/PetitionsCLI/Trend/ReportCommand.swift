import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsReports
import PetitionsStore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a trend report: charts first, then the comparison, growth, projections, who reported first and every source.",
        discussion: """
            HTML (default) is one self-contained file: inline CSS and SVG, no scripts, nothing fetched \
            from the network; it prints well and reads on a phone. Markdown links its charts as SVG files \
            written beside it (REPORT-SLUG-METRIC.svg) when --output is given, and embeds them as data: URIs \
            otherwise. Several campaigns make one document with a section each.

            Examples:
              petitions report statement-on-ai-training --output statement.html
              petitions report dear-corporate-ai-overlords statement-on-ai-training \\
                  --output sora.html
              petitions report statement-on-ai-training --format markdown \\
                  --output report.md
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, markdown }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Campaign slug(s).") var campaigns: [String]
    @OptionGroup var options: TrendOptions
    @Option(help: "html or markdown.") var format: Format = .html
    @Option(help: ArgumentHelp("Write here (- for standard output, the default; charts of a Markdown report go beside the file).", valueName: "file"))
    var output: String?
    @Option(
        name: .customLong("source-name"),
        help: ArgumentHelp("What the report says its figures come from (readers never see a path or a URL).", valueName: "name"))
    var sourceName = "the petitions database"

    func validate() throws {
        if campaigns.isEmpty { throw ValidationError("name at least one campaign (see: petitions campaign list)") }
    }

    func run() async throws {
        let options = try self.options.resolved()
        let slugs = campaigns
        let now = Date()
        let (reports, names) = try global.withRepository { repository in
            (try slugs.map { try options.campaignReport(repository, campaign: $0, now: now) }, try repository.outlets.names())
        }
        var report = Report(generated: now, source: sourceName, campaigns: reports)
        report.outletNames = names
        try Self.write(report, format: format, output: output == "-" ? nil : output)
    }

    /// Renders and writes a report; returns the paths written.
    @discardableResult
    static func write(_ report: Report, format: Format, output: String?, quiet: Bool = false) throws -> [String] {
        let note = { (text: String) in if !quiet { FileHandle.standardError.write(Data((text + "\n").utf8)) } }
        switch format {
        case .html:
            let html = try report.html()
            guard let output else { print(html, terminator: ""); return [] }
            try OutputFile.write(html, to: output)
            note("wrote \(output) (\(OutputFile.size(html)))")
            return [output]
        case .markdown:
            guard let output else {
                print(report.markdown(chartsBeside: nil).text)
                return []
            }
            let url = URL(fileURLWithPath: output)
            let base = url.deletingPathExtension().lastPathComponent
            let (text, charts) = report.markdown(chartsBeside: base)
            var written: [String] = []
            for chart in charts {
                let path = url.deletingLastPathComponent().appendingPathComponent(chart.name).path
                try OutputFile.write(chart.svg, to: path)
                written.append(path)
            }
            try OutputFile.write(text, to: output)
            written.append(output)
            note("wrote \(output) and \(charts.count) chart\(charts.count == 1 ? "" : "s") beside it")
            return written
        }
    }
}

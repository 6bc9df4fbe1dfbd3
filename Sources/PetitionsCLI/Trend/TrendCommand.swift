import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsReports
import PetitionsStore

struct TrendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "A campaign's figures over time: one series per outlet and the platform's count, growth and projections.",
        discussion: """
            Each outlet's latest figure in each bucket is plotted as the interval it allows; buckets \
            without a figure are gaps. Growth and projections use the platform's count when the campaign \
            has one, else the median of what outlets reported in each bucket. Projections fit a straight \
            line to the counts of the last --window and give a 95% range.

            Formats: table (default), json, csv (one row per plotted figure), markdown, svg (the chart).

            Examples:
              petitions trend statement-on-ai-training
              petitions trend statement-on-ai-training --bucket hour --since 2024-10-22 \\
                  --until 2024-10-24
              petitions trend my-petition --time-zone Europe/London --target 100000 \\
                  --format json
              petitions trend statement-on-ai-training \\
                  --compare-with dear-corporate-ai-overlords --format svg \\
                  --output trend.svg
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, markdown, svg }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Campaign slug.") var campaign: String
    @OptionGroup var options: TrendOptions
    @Option(help: "table, json, csv, markdown or svg.") var format: Format = .table
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

    func run() async throws {
        let options = try self.options.resolved()
        let slug = campaign
        let (analysis, sideBySide, reports) = try global.withRepository { repository in
            let reports = try repository.figures.reports(campaign: slug)
            let analysis = try options.analysis(repository, campaign: slug, reports: reports)
            return (analysis, try options.sideBySide(repository, main: analysis), reports)
        }
        let text: String
        switch format {
        case .table: text = TrendRendering.table(analysis, sideBySide: sideBySide)
        case .markdown: text = TrendRendering.markdown(analysis)
        case .json: text = try JSONOutput.string(TrendJSON(analysis, sideBySide: sideBySide))
        case .csv: text = ([TrendRendering.csvHeader] + TrendRendering.csvRows(analysis.trend)).map(CSV.line).joined(separator: "\n")
        case .svg:
            let chart =
                sideBySide.count > 1
                ? TrendChart.sideBySide(sideBySide, metric: analysis.trend.metric, bucket: analysis.trend.bucketing.size)
                : TrendChart.chart(analysis.trend, published: TrendChart.publishedTimes(reports))
            text = chart.svg()
        }
        if let output {
            try OutputFile.write(text.hasSuffix("\n") ? text : text + "\n", to: output)
            FileHandle.standardError.write(Data("wrote \(output) (\(OutputFile.size(text)))\n".utf8))
        } else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
    }
}

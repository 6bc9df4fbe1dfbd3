import ArgumentParser
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct FigureList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a campaign's figures: the current view, or the full history.",
        discussion: """
            The current view leaves out retracted figures, figures replaced by a correction, and extracted \
            figures not yet accepted in review (see `petitions figure review`); \
            --history shows every figure with its status.

            Examples:
              petitions figure list statement-on-ai-training
              petitions figure list statement-on-ai-training --history --format csv
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Campaign slug.") var campaign: String
    @Flag(help: "Include retracted, superseded, rejected and unreviewed figures.") var history = false
    @Option(help: "Only this metric.") var metric: String?
    @Option(help: "table, json, csv or markdown.") var format: DataFormat = .table

    func run() async throws {
        let metric = try Parse.word(metric, Metric.self, option: "--metric")
        let figures = try global.withRepository { try $0.figures.list(campaign: campaign, history: history, metric: metric) }
        var header = ["id", "outlet", "metric", "figure", "allows", "as of", "published", "method"]
        if history { header += ["status", "supersedes"] }
        let rows = figures.map { figure -> [String] in
            var row = [
                String(figure.id), figure.draft.outlet, figure.draft.metric.words, figure.phrase, figure.interval.description,
                TimeFormatting.short(figure.draft.asOf), figure.draft.published.map(TimeFormatting.short) ?? "-", figure.draft.method.rawValue,
            ]
            if history { row += [figure.status.rawValue, figure.supersedes.map(String.init) ?? ""] }
            return row
        }
        try Render.rows(
            header: header, rows: rows, format: format, json: figures.map(FigureJSON.init),
            empty: "no figures for \(campaign) yet; log one with `petitions figure add \(campaign) --outlet SLUG --value N`")
    }
}

import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsDomain
import PetitionsOptions
import PetitionsStore

struct FigureReview: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List extracted figures awaiting review, and accept or reject them.",
        discussion: """
            Figures recorded with method `extracted` (by the extractor, or imported so) count only once an \
            admin accepts them: comparisons, trends and reports leave them out until then (`compare \
            --include-unreviewed` shows them, marked). Without --accept or --reject this lists what waits, \
            with each figure's quote and URL. A review is all or nothing and cannot be undone; a rejected \
            figure stays in the history (`figure list --history`).

            Examples:
              petitions figure review
              petitions figure review statement-on-ai-training --format json
              petitions figure review --accept 41 --accept 42
              petitions figure review --reject 43 \\
                  --reason "the article counts the authors, not the signatures"
            """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Only this campaign's figures (when listing).") var campaign: String?
    @Option(help: ArgumentHelp("Accept this figure (repeatable).", valueName: "id")) var accept: [Int] = []
    @Option(help: ArgumentHelp("Reject this figure (repeatable; needs --reason).", valueName: "id")) var reject: [Int] = []
    @Option(help: "Why the rejected figures are wrong.") var reason: String?
    @Option(help: "table, json, csv or markdown (when listing).") var format: DataFormat = .table

    func run() async throws {
        if accept.isEmpty && reject.isEmpty {
            let slug = campaign
            let pending = try global.withRepository { try $0.figures.pending(campaign: slug) }
            let rows = pending.map { figure in
                [
                    String(figure.id), figure.draft.campaign, figure.draft.outlet, figure.draft.metric.words, figure.phrase,
                    TimeFormatting.short(figure.draft.asOf), figure.draft.quote ?? "", figure.draft.sourceURL ?? "",
                ]
            }
            try Render.rows(
                header: ["id", "campaign", "outlet", "metric", "figure", "as of", "quote", "url"], rows: rows, format: format,
                json: pending.map(FigureJSON.init), empty: "nothing awaits review")
            if format == .table && !pending.isEmpty {
                print("\naccept with `petitions figure review --accept ID`, reject with `--reject ID --reason R`")
            }
            return
        }
        guard campaign == nil else { throw ValidationError("name figures by id with --accept/--reject; the campaign argument is for listing") }
        let (accept, reject, reason) = (accept, reject, reason)
        try global.withRepository { try $0.figures.review(accept: accept, reject: reject, reason: reason, actor: global.actorName) }
        var parts: [String] = []
        if !accept.isEmpty { parts.append("accepted \(accept.map { "#\($0)" }.joined(separator: ", "))") }
        if !reject.isEmpty { parts.append("rejected \(reject.map { "#\($0)" }.joined(separator: ", "))") }
        print(parts.joined(separator: "; "))
    }
}

import Foundation
import Logging
import LoopbackHTTP
import PetitionsApp
import PetitionsDomain
import PetitionsReports
import PetitionsSources
import PetitionsStore
import Postgres

/// Every route of the service. Each one validates its parameters before it reads anything, and
/// reads through the shared pool. Nothing here reads or writes signatories.
struct Routes: Sendable {
    let settings: ServeSettings
    let reader: Reader
    let metrics: ServeMetrics
    let state: ServeState
    let logger: Logger
    let cache: ResponseCache

    /// Answers one request: the route's reply, a 304, or an error in the route's own format.
    func answer(_ request: HTTPRequestInfo) async -> HTTPResponseInfo {
        let started = ContinuousClock.now
        var name = "unknown"
        var isPage = true
        var response: HTTPResponseInfo
        do {
            var exchange = try Exchange(request)
            isPage = exchange.segments.first != "api" && exchange.segments.first != "healthz" && exchange.segments.first != "metrics"
            if isPage { exchange.keepPageParameters() }
            guard exchange.method == "GET" || exchange.method == "HEAD" else {
                throw Failure(405, "\(exchange.method) is not allowed: the service is read-only (GET and HEAD)", headers: [("Allow", "GET, HEAD")])
            }
            let (route, reply) = try await cached(exchange)
            name = route
            response = reply.response(for: exchange)
        } catch {
            let failure = describe(error)
            if failure.status >= 500 { logger.error("request failed", metadata: ["uri": "\(request.uri)", "error": "\(error)"]) }
            response =
                isPage
                ? HTTPResponseInfo(
                    status: failure.status, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")] + failure.headers,
                    body: Array(Pages.error(failure).utf8))
                : HTTPResponseInfo(
                    status: failure.status, headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store")] + failure.headers,
                    body: Array(failure.json.utf8))
        }
        // API answers depend on Accept (CSV or JSON): a shared cache must key them by it.
        if !isPage { response.headers.append(("Vary", "Accept")) }
        let elapsed = ContinuousClock.now - started
        metrics.answered(
            route: name, status: response.status,
            nanoseconds: elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        return response
    }

    /// Replies to the same request (path, query and wanted format) are reused for a few seconds;
    /// health and metrics are always fresh.
    func cached(_ exchange: Exchange) async throws -> (String, Reply) {
        if exchange.segments == ["healthz"] || exchange.segments == ["metrics"] { return try await dispatch(exchange) }
        let csv = exchange.prefersCSV
        let key =
            exchange.segments.joined(separator: "/") + "|" + (exchange.suffix?.rawValue ?? "") + "|" + (csv ? "csv" : "")
            + "|" + exchange.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        let reply = try await cache.reply(for: key) { [self] in
            let (route, reply) = try await dispatch(exchange)
            var named = reply
            named.route = route
            return named
        }
        return (reply.route ?? "cached", reply)
    }

    /// The route's name (for metrics) and its reply.
    func dispatch(_ exchange: Exchange) async throws -> (String, Reply) {
        let segments = exchange.segments
        let pageSuffix = exchange.suffix == nil
        switch segments.count {
        case 0:
            return ("index", try await index(exchange))
        case 1 where segments[0] == "healthz":
            return ("healthz", try await health())
        case 1 where segments[0] == "metrics":
            return ("metrics", Reply(contentType: "text/plain; version=0.0.4; charset=utf-8", body: Array(metrics.render().utf8), maxAge: nil))
        case 2 where segments[0] == "c" && pageSuffix:
            return ("campaign_page", try await campaignPage(exchange, slug: segments[1]))
        case 4 where segments[0] == "c" && segments[2] == "figures" && pageSuffix:
            return ("figure_page", try await figurePage(exchange, slug: segments[1], id: try figureID(segments[3])))
        default:
            break
        }
        if segments.count >= 2 && segments[0] == "api" && segments[1] == "v1" {
            let rest = Array(segments.dropFirst(2))
            switch rest.count {
            case 1 where rest[0] == "openapi":
                try exchange.allow([])
                return ("openapi", Reply(contentType: "application/json; charset=utf-8", body: Array(OpenAPIDocument.json.utf8), maxAge: 3600))
            case 1 where rest[0] == "campaigns":
                return ("api_campaigns", try await campaigns(exchange))
            case 2 where rest[0] == "campaigns":
                return ("api_campaign", try await campaign(exchange, slug: rest[1]))
            case 3 where rest[0] == "campaigns":
                switch rest[2] {
                case "figures": return ("api_figures", try await figures(exchange, slug: rest[1]))
                case "compare": return ("api_compare", try await compare(exchange, slug: rest[1]))
                case "trend": return ("api_trend", try await trend(exchange, slug: rest[1]))
                case "sources": return ("api_sources", try await sources(exchange, slug: rest[1]))
                default: break
                }
            case 4 where rest[0] == "campaigns" && rest[2] == "figures":
                return ("api_figure", try await figure(exchange, slug: rest[1], id: try figureID(rest[3])))
            default:
                break
            }
            throw Failure(404, "no such API resource; the routes are listed in /api/v1/openapi.json")
        }
        throw Failure(404, "no such page; campaigns are listed at /")
    }

    // MARK: Errors

    func describe(_ error: any Error) -> Failure {
        switch error {
        case let failure as Failure:
            return failure
        case let error as DomainError:
            if case .unknownSlug(let kind, let slug, let suggestion, _) = error {
                return Failure(
                    404,
                    "unknown \(kind) \"\(slug)\"" + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? "")
                        + "; campaigns are listed at /api/v1/campaigns and /")
            }
            return Failure(400, error.description)
        case let error as ValidationFailure:
            return Failure(400, error.description)
        case let error as PGError where error.sqlState == "57014":
            return Failure(
                503, "the query took too long and was stopped; try a narrower request (since/until, a larger bucket), or again later",
                headers: [("Retry-After", "5")])
        case let error as PGError where error.kind == .connection || error.kind == .connectionLost:
            return Failure(503, "the database is not answering; try again shortly", headers: [("Retry-After", "5")])
        default:
            return Failure(500, "the server could not answer; the error is in its log")
        }
    }

    func figureID(_ text: String) throws(Failure) -> Int {
        guard let id = Int(text), id > 0 else { throw Failure(404, "\"\(text)\" is not a figure number") }
        return id
    }

    /// Ages and staleness are read at this time: the current minute, so that a response (and its
    /// ETag) stays the same for a minute while the data does.
    var now: Date { Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60) }

    // MARK: Health

    func health() async throws -> Reply {
        let stopping = await state.stopping
        let answered: Bool
        do {
            _ = try await reader.read { try $0.db.query("SELECT 1") }
            answered = true
        } catch {
            answered = false
        }
        let status = stopping ? "stopping" : answered ? "ok" : "database unreachable"
        var reply = try Reply.json(Health(status: status, database_reachable: answered), maxAge: nil)
        reply.status = (answered && !stopping) ? 200 : 503
        return reply
    }

    // MARK: API

    func campaigns(_ exchange: Exchange) async throws -> Reply {
        try exchange.allow([])
        let format = try exchange.dataFormat(csv: true)
        let summaries = try await reader.read { try $0.campaigns.list() }
        if format == .csv {
            return Reply.csv(
                header: ["slug", "kind", "title", "figures", "outlets", "latest_as_of", "platform_outlet", "platform_value", "platform_as_of"],
                rows: summaries.map {
                    [
                        $0.campaign.slug, $0.campaign.kind.rawValue, $0.campaign.title, String($0.figures), String($0.outlets),
                        $0.latestAsOf.map(TimeFormatting.iso) ?? "", $0.platform?.outlet ?? "", $0.platform.map { String($0.value) } ?? "",
                        $0.platform.map { TimeFormatting.iso($0.asOf) } ?? "",
                    ]
                }, maxAge: settings.maxAge)
        }
        return try Reply.json(CampaignList(campaigns: summaries.map(CampaignSummaryJSON.init)), maxAge: settings.maxAge)
    }

    func campaign(_ exchange: Exchange, slug: String) async throws -> Reply {
        try exchange.allow([])
        _ = try exchange.dataFormat(csv: false)
        let campaign = try await reader.read { repository in
            guard let campaign = try repository.campaigns.find(slug) else { throw try repository.campaigns.unknown(slug) }
            return campaign
        }
        let base = "/api/v1/campaigns/\(Self.pathSegment(slug))"
        let links = CampaignLinks.Links(
            page: "/c/\(Self.pathSegment(slug))", figures: base + "/figures", compare: base + "/compare", trend: base + "/trend", sources: base + "/sources")
        return try Reply.json(Merged(CampaignJSON(campaign), CampaignLinks(links: links)), maxAge: settings.maxAge)
    }

    func figures(_ exchange: Exchange, slug: String) async throws -> Reply {
        try exchange.allow(["cursor", "limit", "history", "metric"])
        let format = try exchange.dataFormat(csv: true)
        let limit = try Parameters.integer(exchange, "limit", in: 1...settings.maxPageSize) ?? settings.pageSize
        let cursor = try Parameters.cursor(exchange)
        let history = try Parameters.flag(exchange, "history")
        let metric = try Parameters.word(exchange, "metric", Metric.self)
        let page = try await reader.read { try $0.figures.page(campaign: slug, after: cursor, limit: limit + 1, history: history, metric: metric) }
        let shown = Array(page.prefix(limit))
        let next = page.count > limit ? shown.last.map { String($0.id) } : nil
        var reply: Reply
        if format == .csv {
            reply = Reply.csv(
                header: FigureRecord.columns,
                rows: shown.map { figure in
                    let fields = FigureRecord.fields(of: figure)
                    return FigureRecord.columns.map { fields[$0] ?? "" }
                }, maxAge: settings.maxAge)
        } else {
            reply = try Reply.json(
                FigurePage(campaign: slug, limit: limit, figures: shown.map(FigureJSON.init), next_cursor: Nullable(next)), maxAge: settings.maxAge)
        }
        if let next {
            var query = exchange.query.filter { $0.name != "cursor" }
            query.append(("cursor", next))
            let path = "/api/v1/campaigns/\(Self.pathSegment(slug))/figures" + (exchange.suffix == .csv ? ".csv" : "")
            reply.headers.append(("Link", "<\(path)?\(Self.queryString(query))>; rel=\"next\""))
        }
        return reply
    }

    func figure(_ exchange: Exchange, slug: String, id: Int) async throws -> Reply {
        try exchange.allow([])
        _ = try exchange.dataFormat(csv: false)
        let history = try await Self.history(reader, slug: slug, id: id)
        return try Reply.json(FigureShapes.HistoryJSON(history), maxAge: settings.maxAge)
    }

    func compare(_ exchange: Exchange, slug: String) async throws -> Reply {
        try exchange.allow(["metric", "stale_after"])
        let format = try exchange.dataFormat(csv: true)
        let metrics = try exchange.values("metric").filter { !$0.isEmpty }.map { text throws(Failure) in try Parameters.parse(text, "metric", Metric.self) }
        let staleAfter = try Parameters.duration(exchange, "stale_after") ?? ComparisonSettings().staleAfter
        let (campaign, figures, readings) = try await reader.read { try $0.figures.comparisonInput(campaign: slug) }
        let comparison = Comparison.compare(
            campaign: campaign, figures: figures, platform: readings, metrics: metrics.isEmpty ? nil : metrics,
            now: now, settings: ComparisonSettings(staleAfter: staleAfter))
        if format == .csv {
            return Reply.csv(header: ComparisonRendering.csvHeader, rows: ComparisonRendering.csvRows(comparison), maxAge: settings.maxAge)
        }
        return try Reply.json(ComparisonJSON(comparison), maxAge: settings.maxAge)
    }

    func trend(_ exchange: Exchange, slug: String) async throws -> Reply {
        try exchange.allow(Parameters.trendNames)
        let format = try exchange.dataFormat(csv: true)
        let query = try Parameters.trend(exchange)
        let (analysis, aligned) = try await reader.read { repository in
            let analysis = try query.analysis(repository, campaign: slug)
            return (analysis, try query.sideBySide(repository, main: analysis))
        }
        if format == .csv {
            return Reply.csv(header: TrendRendering.csvHeader, rows: TrendRendering.csvRows(analysis.trend), maxAge: settings.maxAge)
        }
        return try Reply.json(TrendJSON(analysis, sideBySide: aligned), maxAge: settings.maxAge)
    }

    func sources(_ exchange: Exchange, slug: String) async throws -> Reply {
        try exchange.allow([])
        _ = try exchange.dataFormat(csv: false)
        let sources = try await reader.read { repository in
            guard try repository.campaigns.find(slug) != nil else { throw try repository.campaigns.unknown(slug) }
            return try repository.sources.list(campaign: slug)
        }
        return try Reply.json(SourceList(campaign: slug, sources: sources.map { SourceJSON($0, isPublic: true) }), maxAge: settings.maxAge)
    }

    // MARK: Pages

    func index(_ exchange: Exchange) async throws -> Reply {
        try exchange.allow(["tz"])
        guard exchange.suffix == nil else { throw Failure(404, "no such page; campaigns are listed at /") }
        let zone = try Parameters.zone(exchange)
        let now = self.now
        let (summaries, consensus) = try await reader.read { repository in
            let summaries = try repository.campaigns.list()
            // Without a platform count, the reference is what outlets' figures most agree on.
            var consensus: [String: Pages.Reference] = [:]
            for summary in summaries where summary.platform == nil && summary.figures > 0 {
                let (campaign, figures, readings) = try repository.figures.comparisonInput(campaign: summary.campaign.slug)
                let comparison = Comparison.compare(campaign: campaign, figures: figures, platform: readings, metrics: [.signatures], now: now)
                guard let metric = comparison.metrics.first, let agreed = metric.consensus else { continue }
                let newest = metric.figures.filter { agreed.supporting.contains($0.figure.id) }.map(\.figure.draft.asOf).max()
                consensus[summary.campaign.slug] = Pages.Reference(words: agreed.words, asOf: newest)
            }
            return (summaries, consensus)
        }
        let html = TimeFormatting.$displayZone.withValue(zone) { Pages.index(summaries, consensus: consensus, now: now, source: settings.sourceName) }
        return Reply.html(html, maxAge: settings.maxAge)
    }

    func campaignPage(_ exchange: Exchange, slug: String) async throws -> Reply {
        try exchange.allow(["tz", "metric", "bucket", "since", "until", "window"])
        let query = try Parameters.trend(exchange)
        let zone = try Parameters.zone(exchange)
        let now = self.now
        let (campaignReport, names) = try await reader.read {
            (try query.campaignReport($0, campaign: slug, now: now), try $0.outlets.names())
        }
        var report = Report(generated: now, source: settings.sourceName, campaigns: [campaignReport])
        report.outletNames = names
        let path = Self.pathSegment(slug)
        report.zone = zone
        report.figureBase = "/c/\(path)/figures/"
        report.zoneForm = true
        let api = "/api/v1/campaigns/\(path)"
        report.links = [
            ("All campaigns", "/"), ("Compare (JSON)", api + "/compare"), ("Trend (CSV)", api + "/trend.csv"),
            ("Figures (CSV)", api + "/figures.csv"), ("Sources (JSON)", api + "/sources"),
        ]
        return Reply.html(try report.html(), maxAge: settings.maxAge)
    }

    func figurePage(_ exchange: Exchange, slug: String, id: Int) async throws -> Reply {
        try exchange.allow(["tz"])
        let zone = try Parameters.zone(exchange)
        let history = try await Self.history(reader, slug: slug, id: id)
        let html = TimeFormatting.$displayZone.withValue(zone) { Pages.figure(history, source: settings.sourceName) }
        return Reply.html(html, maxAge: settings.maxAge)
    }

    static func history(_ reader: Reader, slug: String, id: Int) async throws -> FigureHistory {
        let history = try await reader.read { repository -> FigureHistory? in
            guard try repository.campaigns.find(slug) != nil else { throw try repository.campaigns.unknown(slug) }
            return try repository.figures.history(id)
        }
        // Extracted figures awaiting review, or rejected in it, were never published.
        guard let history, history.figure.draft.campaign == slug, history.figure.status != .rejected, history.figure.status != .unreviewed else {
            throw Failure(404, "figure \(id) is not one of \(slug)'s published figures; they are listed at /api/v1/campaigns/\(pathSegment(slug))/figures")
        }
        return history
    }

    // MARK: URLs

    static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? text
    }

    static func queryString(_ pairs: [(name: String, value: String)]) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return pairs.map {
            "\($0.name.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.name)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.value)"
        }
        .joined(separator: "&")
    }
}

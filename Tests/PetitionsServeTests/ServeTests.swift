import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PetitionsDomain
import PetitionsServe
import PetitionsStore
import Postgres
import ServiceLifecycle
import TestSupport
import Testing

/// The web service on a real server and a real database with the demo loaded, asked by a real
/// HTTP client.
@Suite(.ownThread) struct ServeTests {
    static let ferry = "keep-the-island-ferry"

    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var body: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) }
        func header(_ name: String) -> String? { headers.first(name: name) }
    }

    final class Running: Sendable {
        let base: String
        let client: HTTPClient
        let url: String
        init(base: String, client: HTTPClient, url: String) {
            self.base = base
            self.client = client
            self.url = url
        }

        func get(_ path: String, headers: [(String, String)] = [], method: HTTPMethod = .GET) async throws -> Answer {
            var request = HTTPClientRequest(url: base + path)
            request.method = method
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            let response = try await client.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 32 << 20)
            return Answer(status: Int(response.status.code), headers: response.headers, body: String(buffer: body))
        }

        func repository<T>(_ body: (Repository) throws -> T) throws -> T {
            let connection = try PGConnection(url)
            defer { connection.close() }
            return try body(Repository(connection))
        }
    }

    /// A database with the demo loaded, and the service on a free port in front of it.
    static func serving(_ body: (Running) async throws -> Void) async throws {
        try await TestDatabase.with { url in
            let connection = try PGConnection(url)
            _ = try Migrator().migrate(on: connection)
            let repository = Repository(connection)
            _ = try DemoSample.load(into: repository)
            _ = try DemoSignatories.load(into: repository)
            _ = try DemoPetition.load(into: repository)
            connection.close()
            try await running(url: url, body)
        }
    }

    /// The service on a free port in front of the database at `url`, as it is.
    static func running(url: String, _ body: (Running) async throws -> Void) async throws {
        let pool = PGPool(connectionString: url, maximumConnections: 4, statementTimeout: 5)
        var settings = ServeSettings()
        settings.port = 0
        settings.grace = 2
        let port = PortBox()
        var logger = Logger(label: "petitions.serve.test")
        logger.logLevel = .warning
        let service = WebService(settings: settings, pool: pool, logger: logger) { port.set($0) }
        let group = ServiceGroup(services: [service], logger: logger)
        let running = Task { try await group.run() }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            var waited = 0
            while port.value == nil, waited < 500 { try await Task.sleep(for: .milliseconds(20)); waited += 1 }
            let listening = try #require(port.value, "the service never said it was listening")
            try await body(Running(base: "http://127.0.0.1:\(listening)", client: client, url: url))
        } catch {
            try? await client.shutdown()
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            await pool.close()
            throw error
        }
        try await client.shutdown()
        await group.triggerGracefulShutdown()
        try await running.value
        await pool.close()
    }

    final class PortBox: @unchecked Sendable {
        private let lock = NSLock()
        private var port: Int?
        var value: Int? { lock.withLock { port } }
        func set(_ value: Int) { lock.withLock { port = value } }
    }

    // MARK: The OpenAPI document against the responses

    @Test func everyDocumentedRouteAnswersWhatItsSchemaSays() async throws {
        try await Self.serving { service in
            let document = try #require(try await service.get("/api/v1/openapi.json").json as? [String: Any])
            let paths = try #require(document["paths"] as? [String: Any])
            let figure = try #require(try service.repository { try $0.figures.list(campaign: Self.ferry) }.first?.id)
            var checked = 0
            for (template, item) in paths.sorted(by: { $0.key < $1.key }) {
                let operation = try #require((item as? [String: Any])?["get"] as? [String: Any])
                let path = template.replacingOccurrences(of: "{slug}", with: Self.ferry).replacingOccurrences(of: "{id}", with: String(figure))
                let answer = try await service.get(path)
                #expect(answer.status == 200, "\(path): \(answer.status) \(answer.body.prefix(300))")
                #expect(answer.header("Content-Type")?.hasPrefix("application/json") == true, "\(path)")
                let tag = try #require(answer.header("ETag"), "\(path) has no ETag")
                #expect(answer.header("Cache-Control")?.contains("max-age=") == true, "\(path)")
                // The same request with its tag: 304, no body, the same tag.
                let again = try await service.get(path, headers: [("If-None-Match", tag)])
                #expect(again.status == 304 && again.body.isEmpty && again.header("ETag") == tag, "\(path): \(again.status)")
                // The body against the documented schema.
                let responses = try #require(operation["responses"] as? [String: Any])
                let ok = try #require(responses["200"] as? [String: Any])
                let schema = try #require(((ok["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"])
                let problems = SchemaCheck(document: document).problems(answer.json as Any, schema, at: path)
                #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
                checked += 1
            }
            #expect(checked == 8)
            // Errors have the documented shape too.
            let error = try await service.get("/api/v1/campaigns/\(Self.ferry)/trend?bucket=fortnight")
            #expect(SchemaCheck(document: document).problems(error.json as Any, ["$ref": "#/components/schemas/Error"], at: "error").isEmpty)
        }
    }

    @Test func badParametersGetA400ThatNamesThem() async throws {
        try await Self.serving { service in
            let base = "/api/v1/campaigns/\(Self.ferry)"
            let cases: [(String, String)] = [
                ("\(base)/trend?tz=Mars/Olympus", "tz"),
                ("\(base)/trend?bucket=fortnight", "bucket"),
                ("\(base)/trend?metric=likes", "metric"),
                ("\(base)/trend?since=yesterday", "since"),
                ("\(base)/trend?since=0001-01-01", "since"),
                ("\(base)/trend?window=forever", "window"),
                ("\(base)/trend?target=-5", "target"),
                ("\(base)/trend?since=2026-01-02&until=2026-01-01", "since"),
                ("\(base)/figures?limit=0", "limit"),
                ("\(base)/figures?limit=100000", "limit"),
                ("\(base)/figures?cursor=abc", "cursor"),
                ("\(base)/figures?history=maybe", "history"),
                ("\(base)/figures?limt=5", "limt"),
                ("\(base)/figures?limit=5&limit=6", "limit"),
                ("\(base)/compare?stale_after=soon", "stale_after"),
                ("\(base)/compare?metric=votes", "metric"),
                ("\(base)/sources?page=2", "page"),
                ("/c/\(Self.ferry)?tz=Nowhere/Land", "tz"),
            ]
            for (path, parameter) in cases {
                let answer = try await service.get(path)
                #expect(answer.status == 400, "\(path): \(answer.status)")
                let error = (answer.json as? [String: Any])?["error"] as? [String: Any]
                if path.hasPrefix("/api/") {
                    #expect(answer.header("Content-Type")?.hasPrefix("application/json") == true, "\(path)")
                    #expect(error?["parameter"] as? String == parameter, "\(path): \(answer.body)")
                    #expect((error?["message"] as? String)?.isEmpty == false)
                } else {
                    #expect(answer.body.contains("Nowhere/Land"), "\(path): the page names what was wrong")
                }
                #expect(answer.header("Cache-Control") == "no-store")
            }
            // Not found: a campaign (with a suggestion), a figure of another campaign, a route.
            let unknown = try await service.get("/api/v1/campaigns/keep-the-island-fery/compare")
            #expect(unknown.status == 404 && unknown.body.contains("keep-the-island-ferry"), "\(unknown.body)")
            let other = try await service.get("/api/v1/campaigns/statement-on-ai-training/figures")
            let foreign = try #require(((other.json as? [String: Any])?["figures"] as? [[String: Any]])?.first?["id"] as? Int)
            #expect(try await service.get("/api/v1/campaigns/\(Self.ferry)/figures/\(foreign)").status == 404)
            #expect(try await service.get("/c/\(Self.ferry)/figures/\(foreign)").status == 404)
            #expect(try await service.get("/api/v1/nothing").status == 404)
            #expect(try await service.get("/nothing").status == 404)
            // Read-only.
            let post = try await service.get("/api/v1/campaigns", method: .POST)
            #expect(post.status == 405 && post.header("Allow") == "GET, HEAD")
            let head = try await service.get("/api/v1/campaigns", method: .HEAD)
            #expect(head.status == 200 && head.body.isEmpty && head.header("ETag") != nil)
        }
    }

    @Test func csvOnTheSameURLs() async throws {
        try await Self.serving { service in
            let base = "/api/v1/campaigns/\(Self.ferry)"
            for resource in ["figures", "trend", "compare"] {
                let suffixed = try await service.get("\(base)/\(resource).csv")
                let negotiated = try await service.get("\(base)/\(resource)", headers: [("Accept", "text/csv")])
                for answer in [suffixed, negotiated] {
                    #expect(answer.status == 200, "\(resource): \(answer.body.prefix(200))")
                    #expect(answer.header("Content-Type")?.hasPrefix("text/csv") == true, "\(resource)")
                    #expect(answer.body.split(separator: "\r\n").count > 1, "\(resource) has rows")
                    #expect(answer.header("ETag") != nil)
                }
                #expect(suffixed.body == negotiated.body)
            }
            #expect(try await service.get("\(base)/figures.csv").body.hasPrefix("id,campaign,outlet,metric,value"))
            #expect(try await service.get("\(base)/trend.csv").body.hasPrefix("source_kind,source,bucket_start"))
            // A resource without a CSV form says so.
            #expect(try await service.get("\(base)/sources.csv").status == 406)
        }
    }

    @Test func cursorPagingVisitsEveryFigureOnce() async throws {
        try await Self.serving { service in
            let expected = try service.repository { try $0.figures.list(campaign: Self.ferry) }.map(\.id)
            #expect(expected.count > 50)
            var seen: [Int] = []
            var path: String? = "/api/v1/campaigns/\(Self.ferry)/figures?limit=7"
            var pages = 0
            while let next = path, pages < 100 {
                let answer = try await service.get(next)
                #expect(answer.status == 200, "\(next): \(answer.body.prefix(200))")
                let page = try #require(answer.json as? [String: Any])
                let ids = try #require(page["figures"] as? [[String: Any]]).compactMap { $0["id"] as? Int }
                #expect(ids.count <= 7)
                seen += ids
                pages += 1
                if let cursor = page["next_cursor"] as? String {
                    // The Link header names the same next page.
                    let link = try #require(answer.header("Link"))
                    #expect(link.contains("cursor=\(cursor)") && link.contains("rel=\"next\""))
                    path = "/api/v1/campaigns/\(Self.ferry)/figures?limit=7&cursor=\(cursor)"
                } else {
                    #expect(answer.header("Link") == nil)
                    path = nil
                }
            }
            #expect(seen == expected.sorted(), "every figure once, in id order")
            #expect(pages == (expected.count + 6) / 7)
        }
    }

    @Test func aFigurePageShowsItsCorrectionsAndRetraction() async throws {
        try await Self.serving { service in
            let (original, corrected) = try service.repository { repository -> (Int, Int) in
                let figure = try #require(try repository.figures.list(campaign: "statement-on-ai-training").first)
                var draft = figure.draft
                draft.value += 100
                draft.note = "the outlet updated its article"
                let correction = try repository.figures.correct(figure.id, with: draft, actor: "test-editor")
                try repository.figures.retract(correction, reason: "the outlet withdrew the piece", actor: "test-editor")
                return (figure.id, correction)
            }
            let api = try await service.get("/api/v1/campaigns/statement-on-ai-training/figures/\(original)")
            let history = try #require(api.json as? [String: Any])
            let chain = try #require(history["chain"] as? [[String: Any]])
            #expect(chain.compactMap { $0["id"] as? Int } == [original, corrected])
            #expect(chain[0]["status"] as? String == "superseded")
            #expect(chain[1]["supersedes"] as? Int == original)
            #expect((chain[1]["retraction"] as? [String: Any])?["reason"] as? String == "the outlet withdrew the piece")
            // Either figure's page shows the whole chain.
            for id in [original, corrected] {
                let page = try await service.get("/c/statement-on-ai-training/figures/\(id)")
                #expect(page.status == 200)
                #expect(page.body.contains("corrected by #\(corrected)") && page.body.contains("corrects #\(original)"))
                #expect(page.body.contains("the outlet withdrew the piece") && page.body.contains("the outlet updated its article"))
            }
        }
    }

    @Test func pagesShowTimesInTheReadersZoneAndLinkEveryFigure() async throws {
        try await Self.serving { service in
            let index = try await service.get("/")
            #expect(index.status == 200 && index.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(index.body.contains("href=\"/c/\(Self.ferry)\""))
            let utc = try await service.get("/c/\(Self.ferry)")
            let rome = try await service.get("/c/\(Self.ferry)?tz=Europe/Rome")
            #expect(utc.status == 200 && rome.status == 200)
            #expect(rome.body.contains("Times are Europe/Rome"))
            #expect(utc.body.contains("Times are UTC"))
            // The first poll, at 09:00 UTC on a winter day, is 10:00 in Rome.
            let first = try service.repository { try $0.figures.list(campaign: Self.ferry).first! }
            let hour = Calendar(identifier: .gregorian)
            var rome1 = hour
            rome1.timeZone = TimeZone(identifier: "Europe/Rome")!
            let local = rome1.dateComponents([.hour], from: first.draft.asOf).hour!
            var utcCalendar = hour
            utcCalendar.timeZone = TimeZone(identifier: "UTC")!
            #expect(local != utcCalendar.dateComponents([.hour], from: first.draft.asOf).hour!)
            // Every figure of the comparison links to its own page.
            let figures = try service.repository { try $0.figures.list(campaign: Self.ferry) }.filter { $0.outletKind != .platform }
            for figure in figures {
                #expect(utc.body.contains("href=\"/c/\(Self.ferry)/figures/\(figure.id)\""), "figure \(figure.id) is not linked")
            }
        }
    }

    /// Names stay behind the CLI: no route, in any format, returns one.
    @Test func noRouteReturnsASignatorysName() async throws {
        try await Self.serving { service in
            let names = try service.repository { repository in
                try repository.db.query("SELECT display_name FROM signatories WHERE display_name IS NOT NULL").map {
                    try $0.decode("display_name", as: String.self)
                }
            }
            #expect(names.count > 100)
            let document = try #require(try await service.get("/api/v1/openapi.json").json as? [String: Any])
            var paths = try #require(document["paths"] as? [String: Any]).keys.filter { !$0.contains("{id}") }
            paths += [
                "/", "/c/{slug}", "/api/v1/campaigns.csv", "/api/v1/campaigns/{slug}/figures.csv?history=true", "/api/v1/campaigns/{slug}/trend.csv",
                "/api/v1/campaigns/{slug}/compare.csv", "/api/v1/campaigns/{slug}/figures?history=true&limit=1000",
            ]
            var bodies = 0
            for slug in ["dear-corporate-ai-overlords", "statement-on-ai-training", Self.ferry] {
                for path in paths {
                    let answer = try await service.get(path.replacingOccurrences(of: "{slug}", with: slug))
                    #expect(answer.status == 200, "\(path)")
                    for name in names where answer.body.contains(name) {
                        Issue.record("\(path) for \(slug) returns the signatory name \(name)")
                    }
                    bodies += 1
                }
            }
            #expect(bodies > 30)
        }
    }

    @Test func healthAndMetrics() async throws {
        try await Self.serving { service in
            let health = try await service.get("/healthz")
            #expect(health.status == 200 && health.body.contains("\"ok\""), "\(health.body)")
            #expect(health.header("Cache-Control") == "no-store")
            _ = try await service.get("/api/v1/campaigns")
            _ = try await service.get("/api/v1/campaigns/nope")
            let metrics = try await service.get("/metrics")
            #expect(
                metrics.body.contains("petitions_http_requests_total{route=\"api_campaigns\",status=\"200\"}")
                    || metrics.body.contains("petitions_http_requests_total{status=\"200\",route=\"api_campaigns\"}"), "\(metrics.body.prefix(1500))")
            #expect(metrics.body.contains("petitions_http_request_duration_seconds_bucket"))
        }
    }

    /// Headless Chromium loads the campaign page from the service: chart, verdicts, links, no
    /// console errors, and nothing scrolls sideways at 390 px.
    @Test func chromiumLoadsTheCampaignPage() async throws {
        let chromium = try #require(
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) },
            "chromium is missing: apt-get install chromium (Deploy/test.sh installs it)")
        try await Self.serving { service in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-chromium-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            for width in [1280, 390] {
                let common = [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
                    "--enable-logging=stderr", "--v=0", "--user-data-dir=\(folder.appendingPathComponent("profile-\(width)").path)",
                    "--window-size=\(width),1600",
                ]
                let page = "\(service.base)/c/\(Self.ferry)?tz=Europe/London"
                let dump = try await Self.tool(chromium, common + ["--dump-dom", page])
                #expect(dump.stdout.contains("<svg") && dump.stdout.contains("class=\"chart"), "at \(width) px no chart")
                for verdict in ["behind", "ahead", "consistent", "rounded", "contradicts"] {
                    #expect(dump.stdout.contains(verdict), "at \(width) px the verdict \(verdict) is not shown")
                }
                #expect(dump.stdout.contains("/c/\(Self.ferry)/figures/"))
                let consoleErrors = dump.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Failed to load resource") }
                #expect(consoleErrors.isEmpty, "\(consoleErrors.joined(separator: "\n"))")
                let screenshot = folder.appendingPathComponent("page-\(width).png").path
                _ = try await Self.tool(chromium, common + ["--screenshot=\(screenshot)", page])
                let size = (try? FileManager.default.attributesOfItem(atPath: screenshot)[.size] as? Int) ?? 0
                #expect(size > 20_000, "the \(width) px screenshot is \(size) bytes")
            }
        }
    }

    /// `petitions serve` as a process: it says where it listens, answers, and on SIGTERM stops
    /// and exits 0.
    @Test func theCommandServesAndStopsOnSIGTERM() async throws {
        try await TestDatabase.with { url in
            let connection = try PGConnection(url)
            _ = try Migrator().migrate(on: connection)
            _ = try DemoPetition.load(into: Repository(connection))
            connection.close()
            let process = try BackgroundProcess("petitions", ["serve", "--listen", "127.0.0.1:0", "--database-url", url, "--grace", "2s"])
            var base: String?
            for _ in 0..<300 where base == nil {
                base = process.output().stderr.range(of: "http://127.0.0.1:[0-9]+", options: .regularExpression).map { String(process.output().stderr[$0]) }
                if base == nil { try await Task.sleep(for: .milliseconds(50)) }
            }
            let address = try #require(base, "no address in: \(process.output().stderr.suffix(1000))")
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            let running = Running(base: address, client: client, url: url)
            #expect(try await running.get("/healthz").status == 200)
            #expect(try await running.get("/c/\(Self.ferry)").status == 200)
            try await client.shutdown()
            process.signal(SIGTERM)
            let status = await process.wait(timeout: 15)
            #expect(status == 0, "\(process.output().stderr.suffix(2000))")
        }
    }

    /// A tool run off the concurrency pool (the service answers Chromium from the same process).
    static func tool(_ path: String, _ arguments: [String]) async throws -> (stdout: String, stderr: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    let result = try CLIRunner.tool(path, arguments)
                    continuation.resume(returning: (result.stdout, result.stderr))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

/// Checks a decoded JSON value against the subset of JSON Schema the document uses: $ref, type
/// (one or a list, "null" included), properties, required, items, allOf, oneOf and enum.
struct SchemaCheck {
    let document: [String: Any]

    func resolve(_ schema: Any) -> [String: Any] {
        guard var object = schema as? [String: Any] else { return [:] }
        while let ref = object["$ref"] as? String {
            var node: Any = document
            for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] as Any }
            object = node as? [String: Any] ?? [:]
        }
        return object
    }

    func problems(_ value: Any, _ schema: Any, at path: String) -> [String] {
        let schema = resolve(schema)
        var found: [String] = []
        if let all = schema["allOf"] as? [Any] { for part in all { found += problems(value, part, at: path) } }
        if let one = schema["oneOf"] as? [Any] {
            let matching = one.filter { problems(value, $0, at: path).isEmpty }.count
            if matching != 1 { found.append("\(path): matches \(matching) of oneOf") }
        }
        if let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map({ [$0] }) {
            if !types.contains(where: { Self.isType(value, $0) }) { found.append("\(path): \(type(of: value)) is not \(types)") }
        }
        if let allowed = schema["enum"] as? [String], let text = value as? String, !allowed.contains(text) {
            found.append("\(path): \"\(text)\" is not one of \(allowed)")
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { found.append("\(path): \(key) is missing") }
            for (key, property) in schema["properties"] as? [String: Any] ?? [:] {
                if let child = object[key] { found += problems(child, property, at: "\(path).\(key)") }
            }
        }
        if let array = value as? [Any], let items = schema["items"] {
            for (index, item) in array.enumerated() { found += problems(item, items, at: "\(path)[\(index)]") }
        }
        return found
    }

    static func isType(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "string": return value is String
        case "boolean": return String(describing: Swift.type(of: value)).contains("Boolean") || Swift.type(of: value) == Bool.self
        case "integer": return !(isType(value, "boolean")) && (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": return !(isType(value, "boolean")) && value is NSNumber
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        default: return false
        }
    }
}

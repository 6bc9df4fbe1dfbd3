import ArgumentParser
import Foundation
import PetitionsApp
import PetitionsOptions
import Postgres
import ServiceLifecycle
import UnixSignals

public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the tracker read-only on the web: pages to read and link to, and a JSON API.",
        discussion: """
            Pages: / lists campaigns; /c/SLUG is a campaign's report (chart, every figure's verdict \
            against the platform and its reason, growth and ETA, who reported first, provenance); \
            /c/SLUG/figures/ID is one figure with its corrections. Add ?tz=Europe/Rome for times in a zone.

            API under /api/v1/ (described at /api/v1/openapi.json): campaigns, figures (cursor paging), \
            compare, trend (the CLI's parameters) and sources. Figures, compare and trend answer CSV \
            with Accept: text/csv or a .csv suffix. Every response has an ETag and Cache-Control; \
            If-None-Match answers 304. A bad parameter gets 400 with a JSON error that names it. \
            Signatories are never served. /healthz and /metrics (Prometheus) are for operators.

            The database is chosen as for every command (--database-url, $PETITIONS_DATABASE_URL, \
            else the embedded server); it answers at http://127.0.0.1:8080/ unless --listen says otherwise. \
            SIGTERM or SIGINT stops accepting connections and lets requests \
            in flight finish within --grace. The service runs in a child process on a socket this \
            command holds: if the child dies (a crash, the OOM killer), another starts on the same \
            socket and waiting connections are answered.

            Examples:
              petitions serve
              petitions serve --listen 0.0.0.0:8080 --connections 8
              curl -s localhost:8080/api/v1/campaigns/statement-on-ai-training/compare
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Address and port to listen on (port 0 picks a free one).", valueName: "host:port")) var listen = "127.0.0.1:8080"
    @Option(help: ArgumentHelp("Database connections the requests share (1-64).", valueName: "n")) var connections = 4
    @Option(name: .customLong("statement-timeout"), help: ArgumentHelp("The longest one query may run before the request gets 503.", valueName: "duration"))
    var statementTimeout = "5s"
    @Option(help: ArgumentHelp("After SIGTERM/SIGINT, how long requests in flight may take.", valueName: "duration")) var grace = "10s"
    @Option(name: .customLong("max-age"), help: ArgumentHelp("Cache-Control max-age of pages and API responses.", valueName: "duration"))
    var maxAge = "30s"
    @Option(
        help: ArgumentHelp("How long the service reuses a reply to the same request (0s: never); readers see data at most this old.", valueName: "duration"))
    var cache = "5s"
    @Option(
        name: .customLong("cache-memory"),
        help: ArgumentHelp("The most memory reused replies may hold, in MiB (1-4096); the oldest go first.", valueName: "MiB"))
    var cacheMemory = 64
    @Option(
        name: .customLong("header-timeout"),
        help: ArgumentHelp("How long a client may take to send a request's head; an idle kept-alive connection waits as long.", valueName: "duration"))
    var headerTimeout = "10s"
    @Option(
        name: .customLong("max-connections"),
        help: ArgumentHelp(
            "Open connections at most (16-65536), kept below the descriptor limit; at the limit the one idle longest is closed.", valueName: "n"))
    var maxConnections = 4096
    @Option(
        name: .customLong("source-name"),
        help: ArgumentHelp("What pages say their figures come from (readers never see a path or a URL).", valueName: "name"))
    var sourceName = "the petitions database"

    public init() {}

    public func validate() throws {
        _ = try Self.address(listen)
        guard (1...64).contains(connections) else { throw ValidationError("--connections: between 1 and 64") }
        guard (1...4096).contains(cacheMemory) else { throw ValidationError("--cache-memory: between 1 and 4096 (MiB)") }
        guard (16...65536).contains(maxConnections) else { throw ValidationError("--max-connections: between 16 and 65536") }
        for (value, option) in [
            (statementTimeout, "--statement-timeout"), (grace, "--grace"), (maxAge, "--max-age"), (cache, "--cache"), (headerTimeout, "--header-timeout"),
        ] {
            _ = try Parse.duration(value, option: option)
        }
    }

    /// `127.0.0.1:8080`, `[::1]:8080`, `:8080` (all addresses).
    static func address(_ text: String) throws -> (host: String, port: Int) {
        let (host, portText): (String, Substring)
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = text[text.index(after: close)...].dropFirst()
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon].isEmpty ? "0.0.0.0" : String(text[..<colon])
            portText = text[text.index(after: colon)...]
        } else {
            throw ValidationError("--listen: \"\(text)\" is not host:port (such as 127.0.0.1:8080, 0.0.0.0:8080 or [::1]:8080)")
        }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ValidationError("--listen: the port in \"\(text)\" must be 0-65535 (0 picks a free one)")
        }
        return (host, port)
    }

    public func run() async throws {
        guard let inherited = Supervisor.inheritedDescriptor else {
            // The supervising process: bind, then keep a serving process running on the socket.
            let (host, port) = try Self.address(listen)
            let listening: (descriptor: Int32, port: Int)
            do { listening = try Supervisor.listen(host: host, port: port) } catch { throw CommandFailure("\(error)") }
            let status = Supervisor.supervise(descriptor: listening.descriptor)
            if status != 0 { throw ExitCode(status) }
            return
        }
        let logger = global.makeLogger(label: "petitions.serve")
        let timeout = try Parse.duration(statementTimeout, option: "--statement-timeout")
        let control = try global.connect(logger: logger, statementTimeout: timeout)
        try global.requireCurrentSchema(control, logger: logger)
        control.close()
        var settings = ServeSettings()
        (settings.host, settings.port) = try Self.address(listen)
        settings.listeningDescriptor = inherited
        settings.grace = try Parse.duration(grace, option: "--grace")
        settings.maxAge = Int(try Parse.duration(maxAge, option: "--max-age"))
        settings.cacheLifetime = try Parse.duration(cache, option: "--cache")
        settings.cacheBytes = cacheMemory << 20
        settings.headerTimeout = max(0.5, try Parse.duration(headerTimeout, option: "--header-timeout", allowZero: false))
        settings.maximumConnections = maxConnections
        settings.sourceName = sourceName
        let pool = PGPool(
            connectionString: try global.connectionString(logger: logger), maximumConnections: connections, logger: logger,
            statementTimeout: timeout)
        let listening = settings.host
        let service = WebService(settings: settings, pool: pool, logger: logger) { port in
            let host = listening == "0.0.0.0" || listening == "::" ? "127.0.0.1" : listening
            let shown = host.contains(":") ? "[\(host)]" : host
            FileHandle.standardError.write(
                Data(
                    "petitions serve: listening on http://\(shown):\(port)/ (API: /api/v1/openapi.json); Ctrl-C stops; serving process \(getpid()), restarted if it dies\n"
                        .utf8))
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger))
        do {
            try await group.run()
        } catch {
            await pool.close()
            throw CommandFailure("the web service stopped: \(error)")
        }
        await pool.close()
    }
}

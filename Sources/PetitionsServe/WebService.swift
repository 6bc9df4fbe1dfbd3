import Foundation
import Logging
import LoopbackHTTP
import PetitionsStore
import Postgres
import ServiceLifecycle

/// How `petitions serve` listens and answers.
public struct ServeSettings: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// After SIGTERM/SIGINT: how long requests in flight may take before the process exits.
    public var grace: TimeInterval = 10
    /// Cache-Control max-age of pages and API responses, in seconds.
    public var maxAge = 30
    /// Figures per page of `/api/v1/campaigns/SLUG/figures`: the default and the most a client may ask.
    public var pageSize = 100
    public var maxPageSize = 1000
    /// How long a reply is reused for the same request (0: never). See `ResponseCache`.
    public var cacheLifetime: TimeInterval = 5
    /// How long a client may take to send a request head (a kept-alive connection waits as long for
    /// its next one), and how many connections may be open (within the descriptor limit).
    public var headerTimeout: TimeInterval = 10
    public var maximumConnections = 4096
    /// The most memory the reply cache may hold, in bytes.
    public var cacheBytes = 64 << 20
    /// A socket already bound and listening (handed down by the supervising process), used
    /// instead of binding `host:port`.
    public var listeningDescriptor: Int32?
    /// Named in page footers ("from ...").
    public var sourceName = "the petitions database"

    public init() {}
}

/// The read-only web service: pages and a JSON API over the store, run as a ServiceLifecycle
/// service (SIGTERM stops accepting, lets requests in flight finish within the grace period).
public final class WebService: Service, Sendable {
    let settings: ServeSettings
    let reader: Reader
    let metrics: ServeMetrics
    let logger: Logger
    let state = ServeState()
    let onListening: @Sendable (Int) -> Void

    public init(
        settings: ServeSettings, pool: PGPool, metrics: ServeMetrics = ServeMetrics(), logger: Logger,
        onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.settings = settings
        self.reader = Reader(pool: pool)
        self.metrics = metrics
        self.logger = logger
        self.onListening = onListening
    }

    public func run() async throws {
        let routes = Routes(
            settings: settings, reader: reader, metrics: metrics, state: state, logger: logger,
            cache: ResponseCache(lifetime: settings.cacheLifetime, byteBudget: settings.cacheBytes))
        let state = self.state
        let limits = ConnectionLimits(
            headerTimeout: settings.headerTimeout, maximumConnections: ConnectionLimits.connectionsWithinDescriptorLimit(settings.maximumConnections))
        let handler: LoopbackServer.Handler = { request in
            await state.begin()
            let response = await routes.answer(request)
            await state.end()
            return response
        }
        let server: LoopbackServer
        if let descriptor = settings.listeningDescriptor {
            server = try await LoopbackServer(listeningDescriptor: descriptor, limits: limits, handler: handler)
        } else {
            server = try await LoopbackServer(host: settings.host, port: settings.port, limits: limits, handler: handler)
        }
        let shown = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        logger.notice(
            "serving",
            metadata: [
                "url": "http://\(shown):\(server.port)/", "api": "http://\(shown):\(server.port)/api/v1/openapi.json",
                "max_connections": "\(limits.maximumConnections)",
            ])
        onListening(server.port)
        try? await gracefulShutdown()
        await state.stop()
        await server.close()
        let deadline = Date().addingTimeInterval(settings.grace)
        while await state.inFlight > 0, Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        let left = await state.inFlight
        if left > 0 { logger.warning("grace period over with \(left) request(s) unanswered") }
        logger.notice("stopped serving")
    }
}

/// What requests share: how many are in flight, and whether the service is stopping.
actor ServeState {
    private(set) var inFlight = 0
    private(set) var stopping = false
    func begin() { inFlight += 1 }
    func end() { inFlight -= 1 }
    func stop() { stopping = true }
}

/// Runs store reads on pooled connections, each on its connection's own thread (see `PGPool`):
/// a blocking libpq call never occupies the concurrency pool, and requests never queue behind one
/// connection.
struct Reader: Sendable {
    let pool: PGPool

    func read<T>(_ body: (Repository) throws -> T) async throws -> T {
        try await pool.repository(body)
    }
}

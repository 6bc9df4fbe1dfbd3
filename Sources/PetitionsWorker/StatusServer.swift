import Foundation
import Logging
import LoopbackHTTP
import ServiceLifecycle

/// `/healthz` and Prometheus `/metrics` on 127.0.0.1, for as long as the worker runs.
final class StatusServer: Service, Sendable {
    let port: Int
    let worker: Worker
    let metrics: WorkerMetrics
    let logger: Logger
    let onListening: @Sendable (Int) -> Void

    init(port: Int, worker: Worker, metrics: WorkerMetrics, logger: Logger, onListening: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.port = port
        self.worker = worker
        self.metrics = metrics
        self.logger = logger
        self.onListening = onListening
    }

    func run() async throws {
        let worker = self.worker
        let metrics = self.metrics
        let name = worker.jobs.workerName
        let server = try await LoopbackServer(port: port) { request in
            switch request.path {
            case "/healthz":
                let state = worker.health
                let reachable = await state.databaseReachable
                let stopping = await state.stopping
                let running = await state.runningCount
                let finished = await state.completed
                let contact = await state.lastDatabaseContact.map { "\"\(ISO8601DateFormatter().string(from: $0))\"" } ?? "null"
                // A call that hangs (a link that stopped forwarding) never fails, so silence counts too.
                let silent = await state.lastDatabaseContact.map { Date().timeIntervalSince($0) > worker.silenceLimit } ?? false
                let healthy = reachable && !stopping && !silent
                let status = stopping ? "stopping" : !reachable ? "database unreachable" : silent ? "database silent" : "ok"
                let body = """
                    {"status":"\(status)","worker":"\(name)",\
                    "database_reachable":\(reachable),"last_database_contact":\(contact),"running_jobs":\(running),"jobs_finished":\(finished)}
                    """
                return HTTPResponseInfo(status: healthy ? 200 : 503, contentType: "application/json", body + "\n")
            case "/metrics":
                return HTTPResponseInfo(contentType: "text/plain; version=0.0.4; charset=utf-8", metrics.render())
            default:
                return HTTPResponseInfo(status: 404, contentType: "text/plain", "not found: try /healthz or /metrics\n")
            }
        }
        logger.notice("status endpoint listening", metadata: ["url": "http://127.0.0.1:\(server.port)/healthz"])
        onListening(server.port)
        // The group stops services in the reverse order of the list, and this endpoint comes first
        // in it: it is told to stop only after the worker has drained, so through the drain
        // /healthz answers 503 "stopping" (and /metrics answers) instead of refusing connections.
        try? await gracefulShutdown()
        await server.close()
    }
}

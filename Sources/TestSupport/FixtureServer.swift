import Foundation
import LoopbackHTTP
import NIOConcurrencyHelpers

/// A real HTTP server on 127.0.0.1 serving a test's own fixtures, counting requests per path.
public final class FixtureServer: Sendable {
    public struct Route: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        /// Seconds to wait before answering.
        public var delay: TimeInterval
        /// Answer 304 when the request's If-None-Match equals this.
        public var etag: String?

        public init(
            status: Int = 200, contentType: String = "application/json", body: String, delay: TimeInterval = 0, etag: String? = nil,
            headers: [(String, String)] = []
        ) {
            self.init(status: status, contentType: contentType, bytes: Array(body.utf8), delay: delay, etag: etag, headers: headers)
        }

        public init(
            status: Int = 200, contentType: String = "application/json", bytes: [UInt8], delay: TimeInterval = 0, etag: String? = nil,
            headers: [(String, String)] = []
        ) {
            self.status = status
            self.headers = [("Content-Type", contentType)] + (etag.map { [("ETag", $0)] } ?? []) + headers
            self.body = bytes
            self.delay = delay
            self.etag = etag
        }
    }

    /// Locked with pthread mutexes (NIOLockedValueBox), which ThreadSanitizer follows; it reported
    /// the futex-based `Mutex` as racing.
    private final class State: Sendable {
        let routes = NIOLockedValueBox<[String: Route]>([:])
        let counts = NIOLockedValueBox<[String: Int]>([:])
        let lastHeaders = NIOLockedValueBox<[String: [(String, String)]]>([:])
        let bodies = NIOLockedValueBox<[String: [String]]>([:])
        let arrivals = NIOLockedValueBox<[(path: String, at: Date)]>([])
    }
    private let state = State()
    private let server: LoopbackServer
    public let port: Int

    public init() async throws {
        let state = self.state
        // Answered on the event loop: a fixture never waits for a concurrency pool that tests keep busy.
        server = try await LoopbackServer(
            port: 0,
            immediate: { request in
                state.counts.withLockedValue { $0[request.path, default: 0] += 1 }
                state.arrivals.withLockedValue { $0.append((request.path, Date())) }
                state.lastHeaders.withLockedValue { $0[request.path] = request.headers }
                if !request.body.isEmpty {
                    state.bodies.withLockedValue { $0[request.path, default: []].append(String(decoding: request.body, as: UTF8.self)) }
                }
                guard let route = state.routes.withLockedValue({ $0[request.path] }) else {
                    return HTTPResponseInfo(status: 404, contentType: "text/plain", "no fixture at \(request.path)")
                }
                if let etag = route.etag, request.header("If-None-Match") == etag {
                    return HTTPResponseInfo(status: 304, headers: [("ETag", etag)], delay: route.delay)
                }
                return HTTPResponseInfo(status: route.status, headers: route.headers, body: route.body, delay: route.delay)
            })
        port = server.port
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public func set(_ path: String, _ route: Route) { state.routes.withLockedValue { $0[path] = route } }

    public func requests(_ path: String) -> Int { state.counts.withLockedValue { $0[path] ?? 0 } }

    public var allRequests: [String: Int] { state.counts.withLockedValue { $0 } }

    /// Every request's path and arrival time, in arrival order.
    public var arrivals: [(path: String, at: Date)] { state.arrivals.withLockedValue { $0 } }

    /// A header of the last request for `path`.
    public func lastHeader(_ path: String, _ name: String) -> String? {
        state.lastHeaders.withLockedValue { $0[path] }?.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The bodies posted to `path`, in arrival order.
    public func bodies(_ path: String) -> [String] { state.bodies.withLockedValue { $0[path] ?? [] } }

    public func close() async { await server.close() }
}

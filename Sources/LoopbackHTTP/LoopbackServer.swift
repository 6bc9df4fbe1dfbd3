import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// How long a connection may take to send a request, and how many may be open at once.
///
/// A connection waiting for a request (new, or kept alive after an answer) has `headerTimeout` to
/// deliver the whole head, however slowly its bytes trickle in: a client that sends a header line
/// every few seconds is closed, not waited for. With `maximumConnections` open, a new connection
/// closes the one that has waited longest for its head (it holds a descriptor and gives nothing),
/// and only when every connection is busy with a request is the new one refused: an attacker
/// holding slow connections cannot keep `/healthz` from answering.
public struct ConnectionLimits: Sendable {
    public var headerTimeout: Double
    /// How long a request's body may take after its head.
    public var bodyTimeout: Double
    public var maximumConnections: Int

    public init(headerTimeout: Double = 10, bodyTimeout: Double = 30, maximumConnections: Int = 4096) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.maximumConnections = maximumConnections
    }

    /// At most `wanted` connections, and fewer than the process's descriptor limit allows
    /// (64 are kept for database connections, files and the listening socket). The soft limit is
    /// raised to the hard one first.
    public static func connectionsWithinDescriptorLimit(_ wanted: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return min(wanted, 960) }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        let available = limit.rlim_cur >= UInt64(Int32.max) ? UInt64(Int32.max) : UInt64(limit.rlim_cur)
        return max(16, min(wanted, Int(min(available, UInt64(Int32.max))) - 64))
    }
}

/// The open connections, and which of them wait for a request head (and since when).
final class ConnectionTracker: Sendable {
    private struct State {
        var next = 0
        var channels: [Int: any Channel] = [:]
        var waitingSince: [Int: NIODeadline] = [:]
    }
    private let state = NIOLockedValueBox(State())
    let limits: ConnectionLimits

    init(limits: ConnectionLimits) { self.limits = limits }

    /// Registers a new connection; at the limit, closes the connection that has waited longest for
    /// a head, or refuses this one (nil) when none waits.
    func admit(_ channel: any Channel) -> Int? {
        let (id, evicted): (Int?, (any Channel)?) = state.withLockedValue { state in
            var evicted: (any Channel)?
            if state.channels.count >= limits.maximumConnections {
                guard let oldest = state.waitingSince.min(by: { $0.value < $1.value })?.key else { return (nil, nil) }
                evicted = state.channels.removeValue(forKey: oldest)
                state.waitingSince[oldest] = nil
            }
            state.next += 1
            state.channels[state.next] = channel
            state.waitingSince[state.next] = .now()
            return (state.next, evicted)
        }
        evicted?.close(promise: nil)
        return id
    }

    func waiting(_ id: Int) { state.withLockedValue { $0.waitingSince[id] = .now() } }
    func busy(_ id: Int) { state.withLockedValue { _ = $0.waitingSince.removeValue(forKey: id) } }
    func remove(_ id: Int) {
        state.withLockedValue {
            $0.channels[id] = nil
            $0.waitingSince[id] = nil
        }
    }
    var count: Int { state.withLockedValue { $0.channels.count } }
}

/// A request as the handler sees it.
public struct HTTPRequestInfo: Sendable {
    public var method: String
    /// The path with its query, as sent.
    public var uri: String
    public var headers: [(String, String)]
    /// The request's body (a webhook's POST); empty for most.
    public var body: [UInt8] = []
    public var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }

    /// The first value of a header, case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// A response to send.
public struct HTTPResponseInfo: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// Seconds to wait (on the event loop) before sending it.
    public var delay: Double = 0

    public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [], delay: Double = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
    }

    public init(status: Int = 200, contentType: String, _ text: String, headers: [(String, String)] = []) {
        self.init(status: status, headers: [("Content-Type", contentType)] + headers, body: Array(text.utf8))
    }
}

/// A small HTTP/1.1 server, on 127.0.0.1 unless told otherwise: the worker's status endpoint,
/// `petitions serve`, and fixtures in tests.
/// Each request is answered by a handler, async or (for fixtures) synchronous on the event loop, so
/// that answers never wait for the concurrency pool; connections are kept alive.
public final class LoopbackServer: Sendable {
    public typealias Handler = @Sendable (HTTPRequestInfo) async -> HTTPResponseInfo
    public typealias ImmediateHandler = @Sendable (HTTPRequestInfo) -> HTTPResponseInfo

    enum Responder: Sendable {
        case async(Handler)
        case immediate(ImmediateHandler)
    }

    private let channel: any Channel
    private let tracker: ConnectionTracker
    /// The port it listens on (the one asked for, or the one the system chose for port 0).
    public let port: Int

    /// Starts listening on 127.0.0.1:`port` (0 picks a free port).
    /// - Throws: when the port is taken, with the port in the message.
    public convenience init(
        host: String = "127.0.0.1", port: Int, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        limits: ConnectionLimits = ConnectionLimits(), handler: @escaping Handler
    ) async throws {
        try await self.init(listening: .address(host: host, port: port), group: group, limits: limits, responder: .async(handler))
    }

    /// Like `init(port:group:handler:)`, with a handler that answers at once on the event loop
    /// (a response's `delay` is waited there too).
    public convenience init(port: Int, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, immediate: @escaping ImmediateHandler) async throws {
        try await self.init(listening: .address(host: "127.0.0.1", port: port), group: group, limits: ConnectionLimits(), responder: .immediate(immediate))
    }

    /// Serves on a socket that is already bound and listening (one a supervising process made and
    /// handed down), on the same terms as `init(host:port:group:limits:handler:)`.
    public convenience init(
        listeningDescriptor descriptor: Int32, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        limits: ConnectionLimits = ConnectionLimits(), handler: @escaping Handler
    ) async throws {
        try await self.init(listening: .descriptor(descriptor), group: group, limits: limits, responder: .async(handler))
    }

    /// Where to listen: an address to bind, or a socket already bound and listening.
    enum Listening {
        case address(host: String, port: Int)
        case descriptor(Int32)
    }

    init(listening: Listening, group: any EventLoopGroup, limits: ConnectionLimits, responder: Responder) async throws {
        let tracker = ConnectionTracker(limits: limits)
        self.tracker = tracker
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                guard let id = tracker.admit(channel) else {
                    // Every connection is busy with a request: refuse this one rather than run out of descriptors.
                    return channel.close()
                }
                channel.closeFuture.whenComplete { _ in tracker.remove(id) }
                return channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMap {
                    channel.pipeline.addHandler(RequestHandler(responder: responder, tracker: tracker, id: id))
                }
            }
        switch listening {
        case .address(let host, let port):
            do {
                channel = try await bootstrap.bind(host: host, port: port).get()
            } catch {
                throw LoopbackServerError(description: "cannot listen on \(host):\(port): \(error); choose another port (0 picks a free one)")
            }
            self.port = channel.localAddress?.port ?? port
        case .descriptor(let descriptor):
            do {
                channel = try await bootstrap.withBoundSocket(descriptor).get()
            } catch {
                throw LoopbackServerError(description: "cannot serve on the inherited socket \(descriptor): \(error)")
            }
            self.port = channel.localAddress?.port ?? 0
        }
    }

    /// Connections open now.
    public var openConnections: Int { tracker.count }

    /// Stops listening and closes the socket.
    public func close() async {
        try? await channel.close()
    }
}

public struct LoopbackServerError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

private final class RequestHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let responder: LoopbackServer.Responder
    private let tracker: ConnectionTracker
    private let id: Int
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// Closes the connection when the head (or the body) takes too long.
    private var deadline: Scheduled<Void>?

    init(responder: LoopbackServer.Responder, tracker: ConnectionTracker, id: Int) {
        self.responder = responder
        self.tracker = tracker
        self.id = id
    }

    func handlerAdded(context: ChannelHandlerContext) { arm(context, after: tracker.limits.headerTimeout) }

    func handlerRemoved(context: ChannelHandlerContext) { deadline?.cancel() }

    /// Closes the connection unless what it waits for arrives within `seconds`.
    private func arm(_ context: ChannelHandlerContext, after seconds: Double) {
        deadline?.cancel()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) { channel.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
            tracker.busy(id)
            arm(context, after: tracker.limits.bodyTimeout)
        case .body(var buffer):
            // Kept up to 1 MiB; the servers here read nothing larger.
            if body.count < 1 << 20, let bytes = buffer.readBytes(length: min(buffer.readableBytes, (1 << 20) - body.count)) { body += bytes }
        case .end:
            guard let head else { return }
            self.head = nil
            deadline?.cancel()
            deadline = nil
            var request = HTTPRequestInfo(method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) })
            request.body = body
            body = []
            let keepAlive = head.isKeepAlive
            let version = head.version
            let loop = context.eventLoop
            let bound = NIOLoopBound((self, context), eventLoop: loop)
            let send: @Sendable (HTTPResponseInfo) -> Void = { response in
                let write: @Sendable () -> Void = {
                    let (this, context) = bound.value
                    this.write(response, version: version, keepAlive: keepAlive, context: context)
                }
                if response.delay > 0 {
                    loop.scheduleTask(in: .milliseconds(Int64(response.delay * 1000)), write)
                } else {
                    loop.execute(write)
                }
            }
            switch responder {
            case .immediate(let handler): send(handler(request))
            case .async(let handler): Task { send(await handler(request)) }
            }
        }
    }

    private func write(_ response: HTTPResponseInfo, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders(response.headers)
        if !headers.contains(name: "Content-Length") { headers.add(name: "Content-Length", value: String(response.body.count)) }
        headers.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !response.body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if keepAlive {
            // Waiting for the next request: the same time for its head as a new connection gets.
            tracker.waiting(id)
            arm(context, after: tracker.limits.headerTimeout)
        } else {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}

import NIOCore
import NIOHTTP1
import NIOPosix

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
    /// The port it listens on (the one asked for, or the one the system chose for port 0).
    public let port: Int

    /// Starts listening on 127.0.0.1:`port` (0 picks a free port).
    /// - Throws: when the port is taken, with the port in the message.
    public convenience init(
        host: String = "127.0.0.1", port: Int, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, handler: @escaping Handler
    ) async throws {
        try await self.init(host: host, port: port, group: group, responder: .async(handler))
    }

    /// Like `init(port:group:handler:)`, with a handler that answers at once on the event loop
    /// (a response's `delay` is waited there too).
    public convenience init(port: Int, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, immediate: @escaping ImmediateHandler) async throws {
        try await self.init(host: "127.0.0.1", port: port, group: group, responder: .immediate(immediate))
    }

    init(host: String, port: Int, group: any EventLoopGroup, responder: Responder) async throws {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMap {
                    channel.pipeline.addHandler(RequestHandler(responder: responder))
                }
            }
        do {
            channel = try await bootstrap.bind(host: host, port: port).get()
        } catch {
            throw LoopbackServerError(description: "cannot listen on \(host):\(port): \(error); choose another port (0 picks a free one)")
        }
        self.port = channel.localAddress?.port ?? port
    }

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
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(responder: LoopbackServer.Responder) { self.responder = responder }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            // Kept up to 1 MiB; the servers here read nothing larger.
            if body.count < 1 << 20, let bytes = buffer.readBytes(length: min(buffer.readableBytes, (1 << 20) - body.count)) { body += bytes }
        case .end:
            guard let head else { return }
            self.head = nil
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
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}

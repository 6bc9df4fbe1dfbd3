import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import PetitionsDomain
import PetitionsSources

/// How the worker fetches: limits and manners.
public struct FetchSettings: Sendable {
    public var connectTimeout: TimeInterval = 10
    public var readTimeout: TimeInterval = 30
    /// Largest body accepted, after decompression.
    public var maxBytes: Int = 10 << 20
    public var maxRedirects: Int = 5
    /// One deadline for the whole request, from connecting to the body's last byte.
    public var deadline: TimeInterval = 60
    /// Least average speed of a body, in bytes per second, checked once `slowAfter` seconds of it
    /// have passed: a host that trickles a byte at a time is cut off long before the deadline.
    public var minRate: Double = 512
    public var slowAfter: TimeInterval = 5
    /// Least time between the end of one request to a host and the start of the next.
    public var hostGap: TimeInterval = 1
    public var userAgent: String = "petitions-worker/0.2 (petition and signatory tracking; +https://github.com/petitions-tracker)"
    public init() {}
}

/// What a fetch gave.
public enum FetchOutcome: Sendable {
    /// 304: unchanged since the validators sent.
    case notModified
    case body([UInt8], etag: String?, lastModified: String?, contentType: String?)
}

/// Why a fetch failed, in words for the job's record; `retryable` says whether waiting may help.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case url, dns, connection, tls, timeout, status, tooLarge = "too large", redirects, body }
    public var kind: Kind
    public var message: String
    public var retryable: Bool
    public var status: Int?
    public var description: String { message }
}

/// Fetches sources with async-http-client: timeouts, a size limit, a redirect limit, gzip,
/// conditional requests, and at most one request at a time per host with a gap between them.
public final class Fetcher: Sendable {
    public let settings: FetchSettings
    private let client: HTTPClient
    private let turns: any HostTurns

    /// - Parameter turns: who decides when a host may be fetched; by default one request at a time
    ///   per host within this process (`HostGate`). The worker passes `DatabaseHostGate`, which holds
    ///   across every worker on the same database.
    public init(settings: FetchSettings, turns: (any HostTurns)? = nil) {
        self.settings = settings
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .milliseconds(Int64(settings.connectTimeout * 1000)), read: .milliseconds(Int64(settings.readTimeout * 1000)))
        configuration.redirectConfiguration = .follow(max: settings.maxRedirects, allowCycles: false)
        configuration.decompression = .enabled(limit: .size(settings.maxBytes))
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: configuration)
        self.turns = turns ?? HostGate(gap: settings.hostGap)
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Fetches `url`, sending the validators from the previous response.
    public func fetch(_ url: String, etag: String? = nil, lastModified: String? = nil) async throws -> FetchOutcome {
        if let problem = SourceURL.problem(url) { throw FetchError(kind: .url, message: "cannot fetch \(SourceURL.redacted(url)): \(problem)", retryable: false) }
        let host = SourceURL.host(url) ?? url
        let (deadline, shown) = (settings.deadline, SourceURL.redacted(url))
        return try await turns.withTurn(host: host) {
            // The request and its body run in a child task that the deadline cancels.
            try await withThrowingTaskGroup(of: FetchOutcome.self) { group in
                group.addTask { try await self.perform(url, etag: etag, lastModified: lastModified) }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int(deadline * 1000)))
                    throw FetchError(kind: .timeout, message: "\(shown) did not finish within the \(TimeFormatting.duration(deadline)) deadline (--fetch-deadline)",
                                     retryable: true)
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        }
    }

    private func perform(_ url: String, etag: String?, lastModified: String?) async throws -> FetchOutcome {
        let shown = SourceURL.redacted(url)
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: settings.userAgent)
        request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        request.headers.add(name: "Accept", value: "application/json, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
        if let etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let lastModified { request.headers.add(name: "If-Modified-Since", value: lastModified) }
        let deadline = TimeAmount.milliseconds(Int64((settings.connectTimeout + settings.readTimeout) * 1000))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: deadline)
        } catch {
            throw Self.describe(error, url: shown)
        }
        let status = Int(response.status.code)
        if status == 304 { return .notModified }
        guard (200..<300).contains(status) else {
            let retryable = status == 408 || status == 425 || status == 429 || status >= 500
            throw FetchError(kind: .status, message: "\(shown) answered HTTP \(status) \(response.status.reasonPhrase)\(retryable ? "" : "; check the URL")",
                             retryable: retryable, status: status)
        }
        if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > settings.maxBytes {
            throw FetchError(kind: .tooLarge, message: "\(shown) is \(length) bytes, over the \(settings.maxBytes)-byte limit (--max-bytes)", retryable: false)
        }
        var buffer = ByteBuffer()
        let bodyStart = ContinuousClock.now
        do {
            for try await chunk in response.body {
                guard buffer.readableBytes + chunk.readableBytes <= settings.maxBytes else {
                    throw FetchError(kind: .tooLarge, message: "\(shown) sent more than the \(settings.maxBytes)-byte limit (--max-bytes)", retryable: false)
                }
                buffer.writeImmutableBuffer(chunk)
                let elapsed = (ContinuousClock.now - bodyStart) / .milliseconds(1) / 1000
                if elapsed > settings.slowAfter, Double(buffer.readableBytes) / elapsed < settings.minRate {
                    throw FetchError(kind: .timeout, message: String(format: "%@ sent its body too slowly (%d bytes in %.1fs, under the %.0f bytes/s minimum, --min-rate)",
                                                                     shown, buffer.readableBytes, elapsed, settings.minRate), retryable: true)
                }
            }
        } catch let error as FetchError {
            throw error
        } catch {
            let failure = Self.describe(error, url: shown)
            throw FetchError(kind: failure.kind == .url ? .body : failure.kind, message: failure.message, retryable: failure.retryable)
        }
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        return .body(bytes, etag: response.headers.first(name: "ETag"), lastModified: response.headers.first(name: "Last-Modified"),
                     contentType: response.headers.first(name: "Content-Type"))
    }

    /// Turns client errors into messages that say what went wrong and whether to wait.
    static func describe(_ error: any Error, url: String) -> FetchError {
        if let error = error as? FetchError { return error }
        let host = SourceURL.host(url) ?? url
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return FetchError(kind: .timeout, message: "connecting to \(host) timed out (--connect-timeout)", retryable: true)
            case .readTimeout, .deadlineExceeded: return FetchError(kind: .timeout, message: "\(url) did not answer in time (--read-timeout)", retryable: true)
            case .redirectLimitReached: return FetchError(kind: .redirects, message: "\(url) redirected more than the limit (--max-redirects)", retryable: false)
            case .redirectCycleDetected: return FetchError(kind: .redirects, message: "\(url) redirects in a cycle", retryable: false)
            case .invalidURL, .emptyHost, .emptyScheme: return FetchError(kind: .url, message: "\(url) is not a URL that can be fetched", retryable: false)
            case .remoteConnectionClosed: return FetchError(kind: .connection, message: "\(host) closed the connection before answering", retryable: true)
            case .tlsHandshakeTimeout: return FetchError(kind: .tls, message: "the TLS handshake with \(host) timed out", retryable: true)
            default: break
            }
            let text = String(describing: error)
            if text.contains("unsupportedScheme") || text.contains("unsupported scheme") {
                return FetchError(kind: .url, message: "\(url): only http and https URLs are fetched", retryable: false)
            }
            if text.contains("bodyLengthMismatch") || text.contains("Decompression") || text.contains("decompression") {
                return FetchError(kind: .body, message: "the body from \(url) was malformed or cut short (\(text))", retryable: true)
            }
            return FetchError(kind: .connection, message: "fetching \(url) failed: \(text)", retryable: true)
        }
        let text = String(describing: error)
        let typeName = String(reflecting: type(of: error))
        if typeName.contains("NIOSSL") || typeName.contains("BoringSSL") || text.contains("handshakeFailed") || text.contains("certificate") {
            return FetchError(kind: .tls, message: "TLS with \(host) failed: \(text); check the certificate or the URL's scheme", retryable: false)
        }
        if let connection = error as? NIOConnectionError {
            if connection.dnsAError != nil || connection.dnsAAAAError != nil, connection.connectionErrors.isEmpty {
                return FetchError(kind: .dns, message: "cannot resolve \(host) (DNS); check the host name", retryable: true)
            }
            return FetchError(kind: .connection, message: "cannot connect to \(host): \(connection.connectionErrors.map { "\($0.error)" }.joined(separator: "; "))", retryable: true)
        }
        if typeName.contains("SocketAddressError") || text.contains("unknown host") || text.contains("getaddrinfo") {
            return FetchError(kind: .dns, message: "cannot resolve \(host) (DNS): \(text); check the host name", retryable: true)
        }
        if error is CancellationError { return FetchError(kind: .connection, message: "the fetch of \(url) was cancelled", retryable: true) }
        if let io = error as? IOError {
            return FetchError(kind: .connection, message: "cannot connect to \(host): \(io)", retryable: true)
        }
        if typeName.contains("Decompression") || text.contains("limit") {
            return FetchError(kind: .tooLarge, message: "\(url) decompresses to more than the limit (--max-bytes)", retryable: false)
        }
        return FetchError(kind: .connection, message: "fetching \(url) failed: \(text)", retryable: true)
    }
}

/// Decides when a host may be fetched: politeness.
public protocol HostTurns: Sendable {
    /// Runs `body` (one request to `host`) when the host's turn comes.
    func withTurn<T: Sendable>(host: String, _ body: @Sendable () async throws -> T) async throws -> T
}

/// One request at a time per host, with a least gap between them (politeness, within a process).
public actor HostGate: HostTurns {
    private let gap: TimeInterval
    private var busy: Set<String> = []
    private var lastEnd: [String: ContinuousClock.Instant] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    public init(gap: TimeInterval) { self.gap = gap }

    public func withTurn<T: Sendable>(host: String, _ body: @Sendable () async throws -> T) async throws -> T {
        await acquire(host)
        if let last = lastEnd[host] {
            let ready = last.advanced(by: .milliseconds(Int64(gap * 1000)))
            if ready > .now {
                do { try await Task.sleep(until: ready, clock: .continuous) } catch {
                    release(host)
                    throw error
                }
            }
        }
        do {
            let value = try await body()
            release(host)
            return value
        } catch {
            release(host)
            throw error
        }
    }

    private func acquire(_ host: String) async {
        if !busy.contains(host) {
            busy.insert(host)
            return
        }
        await withCheckedContinuation { waiting[host, default: []].append($0) }
    }

    private func release(_ host: String) {
        lastEnd[host] = .now
        if var queue = waiting[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[host] = queue.isEmpty ? nil : queue
            next.resume()  // the host stays busy: the turn passes on
        } else {
            busy.remove(host)
        }
    }
}

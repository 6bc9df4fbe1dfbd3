import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
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
    /// Fetch from loopback and private-network addresses (your own hosts, test fixtures).
    /// Link-local and cloud-metadata addresses are refused whatever this says.
    public var allowPrivateHosts = false
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
    public enum Kind: String, Sendable { case url, dns, connection, tls, timeout, status, tooLarge = "too large", redirects, body, refused }
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
        // Redirects are followed here, hop by hop, each checked against the address policy.
        configuration.redirectConfiguration = .disallow
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
        if let problem = SourceURL.problem(url) {
            throw FetchError(kind: .url, message: "cannot fetch \(SourceURL.redacted(url)): \(problem)", retryable: false)
        }
        let host = SourceURL.host(url) ?? url
        let (deadline, shown) = (settings.deadline, SourceURL.redacted(url))
        return try await turns.withTurn(host: host) {
            // The request and its body run in a child task that the deadline cancels.
            try await withThrowingTaskGroup(of: FetchOutcome.self) { group in
                group.addTask { try await self.follow(url, etag: etag, lastModified: lastModified) }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int(deadline * 1000)))
                    throw FetchError(
                        kind: .timeout, message: "\(shown) did not finish within the \(TimeFormatting.duration(deadline)) deadline (--fetch-deadline)",
                        retryable: true)
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        }
    }

    /// What one request gave: an outcome, or a redirect to follow.
    enum Step {
        case done(FetchOutcome)
        case redirect(String)
    }

    /// Requests `url`, following redirects within the same host (a `www.` prefix aside), each hop's
    /// addresses checked against the policy first.
    private func follow(_ url: String, etag: String?, lastModified: String?) async throws -> FetchOutcome {
        var current = url
        var seen: Set<String> = []
        for _ in 0...settings.maxRedirects {
            let target = try await checkedTarget(current)
            switch try await perform(current, target: target, etag: etag, lastModified: lastModified) {
            case .done(let outcome):
                return outcome
            case .redirect(let location):
                let shown = SourceURL.redacted(current)
                guard let next = URL(string: location, relativeTo: URL(string: current))?.absoluteString, SourceURL.problem(next) == nil else {
                    throw FetchError(kind: .redirects, message: "\(shown) redirects to \"\(location)\", which is not an http or https URL", retryable: false)
                }
                let (from, to) = (Self.origin(current), Self.origin(next))
                guard from == to else {
                    throw FetchError(
                        kind: .refused,
                        message:
                            "\(shown) redirects to another host or port (\(SourceURL.redacted(next))), which is not followed; if that is where the count lives, add it as the source",
                        retryable: false)
                }
                seen.insert(current)
                if seen.contains(next) { throw FetchError(kind: .redirects, message: "\(SourceURL.redacted(url)) redirects in a cycle", retryable: false) }
                current = next
            }
        }
        throw FetchError(kind: .redirects, message: "\(SourceURL.redacted(url)) redirected more than the limit (--max-redirects)", retryable: false)
    }

    /// The host and the port a redirect must keep: a port named in the URL, or nil for the
    /// scheme's own (so `http://x/` to `https://x/` is followed, `http://x:8080/` to
    /// `http://x:9090/` is another origin, refused as another host is).
    static func origin(_ url: String) -> String {
        let parsed = URL(string: url)
        let scheme = parsed?.scheme?.lowercased()
        let port = parsed?.port.flatMap { ($0 == 80 && scheme == "http") || ($0 == 443 && scheme == "https") ? nil : $0 }
        return bareHost(url) + (port.map { ":\($0)" } ?? "")
    }

    static func bareHost(_ url: String) -> String {
        let host = SourceURL.host(url) ?? ""
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    /// Where to connect for `url`: its host's addresses, resolved here and each checked against the
    /// policy. A plain-HTTP request is pinned to the checked address (the connection goes to exactly
    /// what was checked, so a name that resolves differently a moment later cannot slip past); an
    /// HTTPS one keeps the name, for the certificate check, which a re-bound name cannot pass.
    struct Target {
        var requestURL: String
        var hostHeader: String?
    }

    func checkedTarget(_ url: String) async throws -> Target {
        guard let parsed = URL(string: url), let host = parsed.host?.lowercased() else {
            throw FetchError(kind: .url, message: "\(SourceURL.redacted(url)) is not a URL that can be fetched", retryable: false)
        }
        let shown = SourceURL.redacted(url)
        if AddressPolicy.metadataHosts.contains(host) {
            throw FetchError(kind: .refused, message: "refused to fetch \(shown): \(host) is a cloud metadata service", retryable: false)
        }
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let addresses: [String]
        if AddressPolicy.kind(ofAddress: bare) != nil {
            addresses = [bare]
        } else {
            let port = parsed.port ?? (parsed.scheme?.lowercased() == "https" ? 443 : 80)
            addresses = try await NIOThreadPool.singleton.runIfActive { Self.resolve(bare, port: port) }
            guard !addresses.isEmpty else {
                throw FetchError(kind: .dns, message: "cannot resolve \(host) (DNS); check the host name", retryable: true)
            }
        }
        for address in addresses {
            if let reason = AddressPolicy.refusal(AddressPolicy.kind(ofAddress: address) ?? .reserved, allowPrivate: settings.allowPrivateHosts) {
                throw FetchError(
                    kind: .refused, message: "refused to fetch \(shown): \(host) is \(address == bare ? "" : "at \(address), ")\(reason)", retryable: false)
            }
        }
        guard parsed.scheme?.lowercased() == "http", let pinned = addresses.first, pinned != bare,
            let range = url.range(of: parsed.host ?? "", options: .caseInsensitive)
        else {
            return Target(requestURL: url, hostHeader: nil)
        }
        let literal = pinned.contains(":") ? "[\(pinned)]" : pinned
        return Target(requestURL: url.replacingCharacters(in: range, with: literal), hostHeader: parsed.port.map { "\(host):\($0)" } ?? host)
    }

    /// The addresses `host` resolves to, by getaddrinfo (blocking; call it off the event loops).
    static func resolve(_ host: String, port: Int) -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [String] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(current.pointee.ai_addr, current.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !addresses.contains(text) { addresses.append(text) }
            }
            entry = current.pointee.ai_next
        }
        return addresses
    }

    private func perform(_ url: String, target: Target, etag: String?, lastModified: String?) async throws -> Step {
        let shown = SourceURL.redacted(url)
        var request = HTTPClientRequest(url: target.requestURL)
        if let hostHeader = target.hostHeader { request.headers.add(name: "Host", value: hostHeader) }
        request.headers.add(name: "User-Agent", value: settings.userAgent)
        request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        request.headers.add(
            name: "Accept", value: "application/json, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
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
        if status == 304 { return .done(.notModified) }
        if [301, 302, 303, 307, 308].contains(status), let location = response.headers.first(name: "Location") {
            return .redirect(location)
        }
        guard (200..<300).contains(status) else {
            let retryable = status == 408 || status == 425 || status == 429 || status >= 500
            throw FetchError(
                kind: .status, message: "\(shown) answered HTTP \(status) \(response.status.reasonPhrase)\(retryable ? "" : "; check the URL")",
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
                    throw FetchError(
                        kind: .timeout,
                        message: String(
                            format: "%@ sent its body too slowly (%d bytes in %.1fs, under the %.0f bytes/s minimum, --min-rate)",
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
        return .done(
            .body(
                bytes, etag: response.headers.first(name: "ETag"), lastModified: response.headers.first(name: "Last-Modified"),
                contentType: response.headers.first(name: "Content-Type")))
    }

    /// POSTs a JSON body (an alert to its webhook) under the same address policy and deadline as a
    /// fetch; no redirects are followed. Throws unless the answer is 2xx.
    public func post(_ url: String, json body: [UInt8], headers: [(String, String)] = []) async throws {
        let shown = SourceURL.redacted(url)
        let target = try await checkedTarget(url)
        var request = HTTPClientRequest(url: target.requestURL)
        request.method = .POST
        if let hostHeader = target.hostHeader { request.headers.add(name: "Host", value: hostHeader) }
        request.headers.add(name: "User-Agent", value: settings.userAgent)
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(body)
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .milliseconds(Int64(settings.deadline * 1000)))
        } catch {
            throw Self.describe(error, url: shown)
        }
        _ = try? await response.body.collect(upTo: 64 << 10)
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let retryable = status == 408 || status == 425 || status == 429 || status >= 500
            throw FetchError(kind: .status, message: "\(shown) answered HTTP \(status) \(response.status.reasonPhrase)", retryable: retryable, status: status)
        }
    }

    /// What a socket error says, in words: "connection refused" for ECONNREFUSED (NIO's own
    /// description of it read "connection reset (error set): Connection refused) (errno: 111)").
    static func reason(_ error: any Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
        return String(describing: error)
    }

    /// Turns client errors into messages that say what went wrong and whether to wait.
    static func describe(_ error: any Error, url raw: String) -> FetchError {
        if let error = error as? FetchError { return error }
        let url = SourceURL.redacted(raw)
        let host = SourceURL.host(raw) ?? url
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return FetchError(kind: .timeout, message: "connecting to \(host) timed out (--connect-timeout)", retryable: true)
            case .readTimeout, .deadlineExceeded: return FetchError(kind: .timeout, message: "\(url) did not answer in time (--read-timeout)", retryable: true)
            case .redirectLimitReached:
                return FetchError(kind: .redirects, message: "\(url) redirected more than the limit (--max-redirects)", retryable: false)
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
            return FetchError(
                kind: .connection, message: "cannot connect to \(host): \(connection.connectionErrors.map { Self.reason($0.error) }.joined(separator: "; "))",
                retryable: true)
        }
        if typeName.contains("SocketAddressError") || text.contains("unknown host") || text.contains("getaddrinfo") {
            return FetchError(kind: .dns, message: "cannot resolve \(host) (DNS): \(text); check the host name", retryable: true)
        }
        if error is CancellationError { return FetchError(kind: .connection, message: "the fetch of \(url) was cancelled", retryable: true) }
        if let io = error as? IOError {
            return FetchError(kind: .connection, message: "cannot connect to \(host): \(Self.reason(io))", retryable: true)
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

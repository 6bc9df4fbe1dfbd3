import Foundation
import PetitionsDomain

/// What a source is and how its body is read.
public enum SourceKind: String, Sendable, CaseIterable, Codable {
    /// A UK Parliament petition's JSON (`https://petition.parliament.uk/petitions/ID.json`).
    case ukParliament = "uk-parliament"
    /// Any JSON document, with a JSON Pointer to the count.
    case json
    /// A web page, with a regular expression whose first capture group is the count.
    case html
    /// An outlet's RSS or Atom feed; new items are read for figures.
    case feed

    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Whether the source gives the platform's own count (rather than outlets' reports).
    public var isPlatform: Bool { PlatformReaders.reader(for: self) != nil }
}

/// A source as an admin describes it, before it is stored.
public struct SourceSpec: Sendable, Hashable {
    public var campaign: String
    public var kind: SourceKind
    public var url: String
    /// Seconds between due times.
    public var every: TimeInterval
    public var metric: Metric
    public var pointer: String?
    public var pattern: String?
    public var maxAttempts: Int

    public init(
        campaign: String, kind: SourceKind, url: String, every: TimeInterval, metric: Metric = .signatures,
        pointer: String? = nil, pattern: String? = nil, maxAttempts: Int = 5
    ) {
        self.campaign = campaign
        self.kind = kind
        self.url = SourceURL.normalized(url.trimmingCharacters(in: .whitespaces))
        self.every = every
        self.metric = metric
        self.pointer = pointer
        self.pattern = pattern
        self.maxAttempts = maxAttempts
    }

    /// Every problem, each saying what to do; empty when the spec is valid.
    public func problems() -> [String] {
        var problems: [String] = []
        if let reason = SourceURL.problem(url) { problems.append("--url: \(reason)") }
        if let host = SourceURL.host(url) {
            let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
            if AddressPolicy.metadataHosts.contains(bare) {
                problems.append("--url: \(host) is a cloud metadata service; it is never fetched")
            } else if let kind = AddressPolicy.kind(ofAddress: bare), kind == .linkLocal || kind == .reserved,
                let reason = AddressPolicy.refusal(kind, allowPrivate: true)
            {
                problems.append("--url: \(host) is \(reason)")
            }
        }
        if every < 1 { problems.append("--every: must be at least 1s") }
        if every > 366 * 86400 { problems.append("--every: must be at most 366d") }
        if !(1...50).contains(maxAttempts) { problems.append("--max-attempts: must be between 1 and 50") }
        let reader = PlatformReaders.reader(for: kind)
        problems += reader?.problems(self) ?? []
        let options = reader?.options ?? []
        for (option, value) in [(SourceOption.pointer, pointer), (.pattern, pattern)] where value != nil && !options.contains(option) {
            let takers = PlatformReaders.all.filter { $0.options.contains(option) }.map { "--kind \($0.kind.rawValue)" }
            problems.append("--\(option.rawValue) goes with \(takers.joined(separator: " or ")) only")
        }
        if kind == .feed && metric != .signatures { problems.append("--metric does not apply to a feed: the extractor finds each figure's metric") }
        return problems
    }
}

/// Checks on the addresses the worker may fetch.
public enum SourceURL {
    /// Why `text` is not a fetchable address, or nil.
    public static func problem(_ text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            return "\"\(text)\" is not a URL"
        }
        guard scheme == "http" || scheme == "https" else {
            return "only http and https URLs can be fetched (got \(scheme):)"
        }
        guard let host = url.host, !host.isEmpty else { return "\"\(text)\" has no host" }
        if text.count > 2000 { return "longer than 2000 characters" }
        return nil
    }

    /// The URL with its scheme and host in lower case (`HTTP://Example.ORG/x` → `http://example.org/x`),
    /// as stored; the path and query are left as they are.
    public static func normalized(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@") {
            authority = String(authority[...at]) + authority[authority.index(after: at)...].lowercased()
        } else {
            authority = authority.lowercased()
        }
        return scheme + "://" + authority + rest[authorityEnd...]
    }

    /// The URL with its credentials replaced by `***`, for output and logs: a password
    /// (`user:***@host`), a token given as the user (`***@host`), and the value of every
    /// credential-like query or fragment parameter (`?api_key=***`, `#access_token=***`).
    public static func redacted(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            let user = userinfo.firstIndex(of: ":").map { String(userinfo[..<$0]) + ":***" } ?? "***"
            authority = user + authority[at...]
        }
        var tail = String(rest[authorityEnd...])
        for mark in ["#", "?"] {
            guard let start = tail.range(of: mark) else { continue }
            let end = mark == "?" ? (tail[start.upperBound...].firstIndex(of: "#") ?? tail.endIndex) : tail.endIndex
            let parameters = tail[start.upperBound..<end].split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
                guard let equals = pair.firstIndex(of: "="), isCredential(String(pair[..<equals])) else { return String(pair) }
                return String(pair[pair.startIndex...equals]) + "***"
            }
            tail.replaceSubrange(start.upperBound..<end, with: parameters.joined(separator: "&"))
        }
        return String(text[..<schemeEnd.upperBound]) + authority + tail
    }

    /// A parameter name that usually carries a secret: keys, tokens, secrets, passwords,
    /// signatures, sessions, credentials.
    static func isCredential(_ name: String) -> Bool {
        let folded = (name.removingPercentEncoding ?? name).lowercased().filter { $0.isLetter || $0.isNumber }
        if ["sig", "sid", "pass", "pwd", "code", "jwt"].contains(folded) { return true }
        return ["key", "token", "secret", "password", "passwd", "signature", "session", "credential", "auth"].contains { folded.contains($0) }
    }

    /// The host, lowercased, for politeness and default outlet names.
    public static func host(_ text: String) -> String? {
        URL(string: text)?.host?.lowercased()
    }

    /// A slug made from a host: `petition.parliament.uk` → `petition-parliament-uk`.
    public static func slug(forHost host: String) -> String {
        var host = host.lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        let mapped = host.map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII ? $0 : "-" }
        let slug = String(mapped).split(separator: "-").joined(separator: "-")
        return String(slug.prefix(64)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }
}

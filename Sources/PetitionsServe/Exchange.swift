import Foundation
import LoopbackHTTP
import PetitionsApp
import PetitionsDomain

/// A request as the routes read it: the path cut into decoded segments, the query into pairs,
/// and the format asked for by a `.csv`/`.json` suffix or the Accept header.
struct Exchange: Sendable {
    enum Format: String, Sendable { case json, csv, html }

    var method: String
    var segments: [String]
    var query: [(name: String, value: String)]
    var headers: [(String, String)]
    /// `.csv` or `.json` at the end of the path, taken off the last segment.
    var suffix: Format?

    init(_ request: HTTPRequestInfo) throws(Failure) {
        method = request.method
        headers = request.headers
        let parts = request.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var segments: [String] = []
        for raw in (parts.first ?? "").split(separator: "/") {
            guard let segment = String(raw).removingPercentEncoding else { throw Failure(400, "the path is not valid percent-encoded UTF-8") }
            // %00 and other control characters name nothing here (and must not reach the database).
            guard !segment.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw Failure(400, "the path holds a control character (such as %00); no page or resource has one")
            }
            segments.append(segment)
        }
        if let last = segments.last {
            for format in [Format.csv, .json] where last.hasSuffix(".\(format.rawValue)") && last.count > format.rawValue.count + 1 {
                segments[segments.count - 1] = String(last.dropLast(format.rawValue.count + 1))
                suffix = format
            }
        }
        self.segments = segments
        var query: [(String, String)] = []
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") where !pair.isEmpty {
                let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                func decode(_ text: Substring) throws(Failure) -> String {
                    guard let decoded = text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                        throw Failure(400, "the query is not valid percent-encoded UTF-8")
                    }
                    return decoded
                }
                query.append((try decode(halves[0]), halves.count > 1 ? try decode(halves[1]) : ""))
            }
        }
        self.query = query
    }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// Whether the Accept header prefers CSV to JSON, q-values honoured: the most specific range
    /// that matches each (`text/csv`, then `text/*`, then `*/*`; `application/json`, then
    /// `application/*`, then `*/*`) gives its q, and CSV wins only with a q above 0 and above
    /// JSON's. `text/csv;q=0` is a refusal of CSV, not a request for it.
    var prefersCSV: Bool {
        guard let accept = header("Accept"), accept.lowercased().contains("csv") else { return false }
        var csv = (q: 0.0, specificity: -1), json = (q: 0.0, specificity: -1)
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parts.first else { continue }
            var q = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                if let value = Double(parameter.dropFirst(2)), value.isFinite { q = min(max(value, 0), 1) }
            }
            for (exact, family) in [("text/csv", "text/*"), ("application/json", "application/*")] {
                let specificity = type == exact ? 2 : type == family ? 1 : type == "*/*" ? 0 : -1
                if exact == "text/csv", specificity > csv.specificity { csv = (q, specificity) }
                if exact == "application/json", specificity > json.specificity { json = (q, specificity) }
            }
        }
        return csv.q > 0 && csv.q > json.q
    }

    /// The format the client wants of a data route: the suffix, else CSV when Accept prefers
    /// text/csv, else JSON.
    func dataFormat(csv allowed: Bool) throws(Failure) -> Format {
        let format = suffix ?? (prefersCSV ? .csv : .json)
        if format == .csv && !allowed { throw Failure(406, "this resource has no CSV form; ask for JSON (drop .csv, or Accept: application/json)") }
        return format
    }

    // MARK: Parameters

    /// Leaves only the parameters pages read: a shared link carries others (`fbclid`, `utm_source`)
    /// that a page ignores, where the JSON API refuses an unknown one as a likely typo.
    mutating func keepPageParameters() {
        query = query.filter { Self.pageParameters.contains($0.name) }
    }

    static let pageParameters: Set<String> = ["tz", "metric", "bucket", "since", "until", "window"]

    /// Refuses parameters the route does not know, so that a typo is not silently ignored.
    func allow(_ names: Set<String>) throws(Failure) {
        for (name, _) in query where !names.contains(name) {
            let known = names.sorted().joined(separator: ", ")
            throw Failure(400, "unknown parameter \"\(name)\"" + (names.isEmpty ? "; this resource takes none" : " (allowed: \(known))"), parameter: name)
        }
    }

    /// The single value of a parameter; refused when given twice.
    func value(_ name: String) throws(Failure) -> String? {
        let values = query.filter { $0.name == name }
        if values.count > 1 { throw Failure(400, "\(name) is given \(values.count) times; give it once", parameter: name) }
        return values.first?.value
    }

    func values(_ name: String) -> [String] { query.filter { $0.name == name }.map(\.value) }
}

/// A request refused, with a status and a message that says what to do instead.
struct Failure: Error, Sendable {
    var status: Int
    var message: String
    var parameter: String?
    var headers: [(String, String)] = []

    init(_ status: Int, _ message: String, parameter: String? = nil, headers: [(String, String)] = []) {
        self.status = status
        self.message = message
        self.parameter = parameter
        self.headers = headers
    }

    /// `{"error": {"status": 400, "message": "...", "parameter": "tz"}}`; no parameter, no key.
    struct Body: Encodable {
        var error: Detail
        struct Detail: Encodable {
            var status: Int
            var message: String
            var parameter: String?
        }
    }

    var json: String {
        let body = Body(error: .init(status: status, message: message, parameter: parameter))
        return ((try? JSONOutput.line(body)) ?? "{}") + "\n"
    }
}

/// A response before conditional handling: the body and how long it may be cached.
struct Reply: Sendable {
    var status = 200
    var contentType: String
    var body: [UInt8]
    /// Seconds a cache may keep it; nil: never stored.
    var maxAge: Int?
    var headers: [(String, String)] = []
    /// The route that made it (for metrics, when it comes from the cache).
    var route: String?

    static func json(_ value: some Encodable, maxAge: Int?) throws -> Reply {
        Reply(contentType: "application/json; charset=utf-8", body: Array((try JSONOutput.string(value) + "\n").utf8), maxAge: maxAge)
    }

    static func csv(header: [String], rows: [[String]], maxAge: Int?) -> Reply {
        var text = CSV.line(header) + "\r\n"
        for row in rows { text += CSV.line(row) + "\r\n" }
        return Reply(contentType: "text/csv; charset=utf-8; header=present", body: Array(text.utf8), maxAge: maxAge)
    }

    static func html(_ text: String, status: Int = 200, maxAge: Int?) -> Reply {
        Reply(status: status, contentType: "text/html; charset=utf-8", body: Array(text.utf8), maxAge: maxAge)
    }

    /// A weak validator from the body's bytes (64-bit FNV-1a): equal bodies, equal tags.
    var etag: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return "W/\"\(String(hash, radix: 16))-\(body.count)\""
    }

    /// The response, or 304 when the client's `If-None-Match` already names this body.
    func response(for exchange: Exchange) -> HTTPResponseInfo {
        var headers = headers + [("Content-Type", contentType), ("X-Content-Type-Options", "nosniff")]
        headers.append(("Cache-Control", maxAge.map { "public, max-age=\($0)" } ?? "no-store"))
        guard status == 200 else {
            return HTTPResponseInfo(status: status, headers: headers, body: exchange.method == "HEAD" ? [] : body)
        }
        let tag = etag
        headers.append(("ETag", tag))
        if let asked = exchange.header("If-None-Match"),
            asked.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }).contains(where: { $0 == tag || $0 == "*" || "W/" + $0 == tag })
        {
            return HTTPResponseInfo(status: 304, headers: headers.filter { $0.0 != "Content-Type" }, body: [])
        }
        if exchange.method == "HEAD" {
            return HTTPResponseInfo(status: 200, headers: headers + [("Content-Length", String(body.count))], body: [])
        }
        return HTTPResponseInfo(status: 200, headers: headers, body: body)
    }
}

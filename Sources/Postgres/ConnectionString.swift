import CLibPQ
import Foundation

/// Helpers for libpq connection strings: URLs (`postgresql://user:secret@host/db`) and key/value
/// conninfo (`host=/run/db dbname=petitions password=secret`).
public enum ConnectionString {
    /// The string with any password replaced by `***`, safe for errors and logs.
    ///
    /// Works on URLs and key/value strings, and on strings libpq cannot parse (best effort).
    public static func redacted(_ connectionString: String) -> String {
        if connectionString.hasPrefix("postgres://") || connectionString.hasPrefix("postgresql://") {
            return redactURL(connectionString)
        }
        return redactKeyValue(connectionString)
    }

    /// `text` (a message from libpq, which may quote the string it could not parse) with the
    /// connection string and every password in it replaced by their redacted forms.
    public static func scrub(_ text: String, of connectionString: String) -> String {
        var output = text.replacingOccurrences(of: connectionString, with: redacted(connectionString))
        for secret in passwords(in: connectionString) {
            // A short password would match ordinary words: replace it only where it stands as a value.
            if secret.count >= 4 {
                output = output.replacingOccurrences(of: secret, with: "***")
            } else {
                for (before, after) in [(":", "@"), ("=", " "), ("=", "&"), ("='", "'")] {
                    output = output.replacingOccurrences(of: before + secret + after, with: before + "***" + after)
                }
                if output.hasSuffix("=" + secret) { output = String(output.dropLast(secret.count)) + "***" }
            }
        }
        return output
    }

    /// Every password a connection string carries, raw and percent-decoded, found without libpq
    /// (so that strings libpq cannot parse are covered too).
    static func passwords(in connectionString: String) -> [String] {
        var found: [String] = []
        if let schemeEnd = connectionString.range(of: "://") {
            let rest = connectionString[schemeEnd.upperBound...]
            let authority = rest[..<(rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex)]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                found.append(String(authority[authority.index(after: colon)..<at]))
            }
            if let question = rest.firstIndex(of: "?") {
                for pair in rest[rest.index(after: question)...].split(separator: "&") where pair.lowercased().hasPrefix("password=") {
                    found.append(String(pair.dropFirst("password=".count)))
                }
            }
        } else {
            var rest = Substring(connectionString)
            while let range = rest.range(of: "password", options: .caseInsensitive) {
                var value = rest[range.upperBound...].drop { $0 == " " }
                guard value.first == "=" else { rest = rest[range.upperBound...]; continue }
                value = value.dropFirst().drop { $0 == " " }
                if value.first == "'" {
                    value = value.dropFirst()
                    found.append(String(value.prefix { $0 != "'" }))
                } else {
                    found.append(String(value.prefix { !$0.isWhitespace }))
                }
                rest = value
            }
        }
        let decoded = found.compactMap { $0.removingPercentEncoding }
        return Array(Set((found + decoded).filter { !$0.isEmpty })).sorted { $0.count > $1.count }
    }

    /// Checks a connection string with libpq's own parser, without connecting.
    /// - Throws: `PGError` of kind `.connection` naming what libpq could not parse.
    public static func validate(_ connectionString: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &errorMessage) else {
            let message = errorMessage.map { String(cString: $0) } ?? "out of memory"
            if let errorMessage { PQfreemem(errorMessage) }
            throw PGError(
                .connection,
                message:
                    "invalid connection string \"\(redacted(connectionString))\": \(scrub(message.trimmingCharacters(in: .whitespacesAndNewlines), of: connectionString))",
                hint: "use a URL such as postgresql://user@host:5432/dbname or key=value pairs such as \"host=/run/postgresql dbname=petitions\""
            )
        }
        PQconninfoFree(options)
    }

    /// The same connection with another database name, as key/value conninfo (passwords kept).
    /// - Throws: `PGError` when libpq cannot parse the string.
    public static func replacingDatabase(in connectionString: String, with database: String) throws -> String {
        try validate(connectionString)
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &errorMessage) else { return connectionString }
        defer { PQconninfoFree(options) }
        var pairs: [String] = []
        var option = options
        while let keyword = option.pointee.keyword {
            let key = String(cString: keyword)
            if key != "dbname", let value = option.pointee.val {
                pairs.append("\(key)=\(quote(String(cString: value)))")
            }
            option += 1
        }
        pairs.append("dbname=\(quote(database))")
        return pairs.joined(separator: " ")
    }

    /// The connection as libpq environment variables (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`,
    /// `PGDATABASE`, ...), for handing it to a child process (psql, pgbench, petitions) without
    /// putting a password on its command line, where every user can read it.
    /// - Throws: `PGError` when libpq cannot parse the string.
    public static func environment(_ connectionString: String) throws -> [String: String] {
        try validate(connectionString)
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &errorMessage) else { return [:] }
        defer { PQconninfoFree(options) }
        var environment: [String: String] = [:]
        var option = options
        while option.pointee.keyword != nil {
            if let value = option.pointee.val, let variable = option.pointee.envvar {
                environment[String(cString: variable)] = String(cString: value)
            }
            option += 1
        }
        return environment
    }

    /// Quotes a conninfo value: single quotes, with backslash and quote escaped.
    public static func quote(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    private static func redactURL(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var result = String(url[..<schemeEnd.upperBound])
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            if let colon = userInfo.firstIndex(of: ":") {
                result += userInfo[..<colon] + ":***"
            } else {
                result += userInfo
            }
            result += authority[at...]
        } else {
            result += authority
        }
        var tail = String(rest[authorityEnd...])
        // Query parameters may carry password=... as well.
        if let question = tail.firstIndex(of: "?") {
            let query = tail[tail.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
                pair.lowercased().hasPrefix("password=") ? "password=***" : String(pair)
            }
            tail = String(tail[...question]) + query.joined(separator: "&")
        }
        return result + tail
    }

    private static func redactKeyValue(_ conninfo: String) -> String {
        // Walk key = value pairs; values may be single-quoted with backslash escapes.
        var output = ""
        var index = conninfo.startIndex
        func skipSpaces() {
            while index < conninfo.endIndex, conninfo[index].isWhitespace { output.append(conninfo[index]); index = conninfo.index(after: index) }
        }
        while index < conninfo.endIndex {
            skipSpaces()
            let keyStart = index
            while index < conninfo.endIndex, conninfo[index] != "=", !conninfo[index].isWhitespace { index = conninfo.index(after: index) }
            let key = conninfo[keyStart..<index]
            output += key
            while index < conninfo.endIndex, conninfo[index].isWhitespace { output.append(conninfo[index]); index = conninfo.index(after: index) }
            guard index < conninfo.endIndex, conninfo[index] == "=" else { continue }
            output.append("=")
            index = conninfo.index(after: index)
            while index < conninfo.endIndex, conninfo[index].isWhitespace { output.append(conninfo[index]); index = conninfo.index(after: index) }
            var value = ""
            if index < conninfo.endIndex, conninfo[index] == "'" {
                value.append("'")
                index = conninfo.index(after: index)
                while index < conninfo.endIndex, conninfo[index] != "'" {
                    if conninfo[index] == "\\", conninfo.index(after: index) < conninfo.endIndex {
                        value.append(conninfo[index]); index = conninfo.index(after: index)
                    }
                    value.append(conninfo[index]); index = conninfo.index(after: index)
                }
                if index < conninfo.endIndex { value.append("'"); index = conninfo.index(after: index) }
            } else {
                while index < conninfo.endIndex, !conninfo[index].isWhitespace { value.append(conninfo[index]); index = conninfo.index(after: index) }
            }
            output += key.lowercased() == "password" ? "***" : value
        }
        return output
    }
}

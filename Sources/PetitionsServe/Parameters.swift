import Foundation
import PetitionsApp
import PetitionsDomain

/// Query parameters read and checked, each refusal naming the parameter and what it takes.
enum Parameters {
    static let trendNames: Set<String> = ["metric", "bucket", "tz", "since", "until", "outlet", "window", "target", "compare_with"]

    static func parse<W: VocabularyWord>(_ text: String, _ name: String, _ type: W.Type) throws(Failure) -> W {
        do { return try W.parse(text) } catch {
            throw Failure(400, "\(name): \(error.description)", parameter: name)
        }
    }

    static func word<W: VocabularyWord>(_ exchange: Exchange, _ name: String, _ type: W.Type) throws(Failure) -> W? {
        // An empty value is the parameter left out, as the API document allows.
        try exchange.value(name).flatMap { $0.isEmpty ? nil : $0 }.map { text throws(Failure) in try parse(text, name, type) }
    }

    static func integer(_ exchange: Exchange, _ name: String, in range: ClosedRange<Int>) throws(Failure) -> Int? {
        guard let text = try exchange.value(name), !text.isEmpty else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Failure(400, "\(name): \"\(text)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)", parameter: name)
        }
        return value
    }

    static func cursor(_ exchange: Exchange) throws(Failure) -> Int? {
        guard let text = try exchange.value("cursor"), !text.isEmpty else { return nil }
        guard let value = Int(text), value >= 0 else {
            throw Failure(400, "cursor: \"\(text)\" is not a cursor; use the next_cursor (or the Link header) of the previous page", parameter: "cursor")
        }
        return value
    }

    static func flag(_ exchange: Exchange, _ name: String) throws(Failure) -> Bool {
        switch try exchange.value(name)?.lowercased() {
        case nil, "false", "0", "no": return false
        case "", "true", "1", "yes": return true
        case let other?: throw Failure(400, "\(name): \"\(other)\" is not true or false", parameter: name)
        }
    }

    static func zone(_ exchange: Exchange) throws(Failure) -> TimeZone? {
        guard let text = try exchange.value("tz"), !text.isEmpty else { return nil }
        guard text.count <= 64, let zone = TimeZone(identifier: text) else {
            throw Failure(400, "tz: unknown time zone \"\(text.prefix(64))\"; use an IANA name such as UTC, Europe/Rome or America/New_York", parameter: "tz")
        }
        return zone
    }

    static func time(_ exchange: Exchange, _ name: String) throws(Failure) -> Date? {
        guard let text = try exchange.value(name), !text.isEmpty else { return nil }
        guard let date = TimeFormatting.parse(text) else {
            throw Failure(400, "\(name): \"\(text.prefix(64))\" is not a time such as 2024-11-26 or 2024-11-26T14:30:00Z", parameter: name)
        }
        guard date >= Validate.earliestTime, date <= Date().addingTimeInterval(100 * 365 * 86400) else {
            throw Failure(400, "\(name): \(text.prefix(64)) is before 1800 or a century ahead; check the year", parameter: name)
        }
        return date
    }

    static func duration(_ exchange: Exchange, _ name: String) throws(Failure) -> TimeInterval? {
        guard let text = try exchange.value(name), !text.isEmpty else { return nil }
        guard let seconds = TimeFormatting.parseDuration(text), seconds > 0, seconds <= 10 * 365 * 86400 else {
            throw Failure(400, "\(name): \"\(text.prefix(32))\" is not a duration such as 90m, 24h, 7d or 2w", parameter: name)
        }
        return seconds
    }

    /// The trend parameters, the CLI's `trend` options by other names (`tz` for `--time-zone`).
    static func trend(_ exchange: Exchange) throws(Failure) -> TrendQuery {
        let outlets = exchange.values("outlet")
        let others = exchange.values("compare_with")
        guard outlets.count <= 50, others.count <= 10 else {
            throw Failure(400, "at most 50 outlet and 10 compare_with parameters", parameter: outlets.count > 50 ? "outlet" : "compare_with")
        }
        let targets = try exchange.values("target").filter { !$0.isEmpty }.map { text throws(Failure) -> Int in
            switch CountParsing.parse(text) {
            case .success(let value) where value > 0: return value
            case .success: throw Failure(400, "target: \"\(text.prefix(32))\" is not a positive count", parameter: "target")
            case .failure(let problem): throw Failure(400, "target: \(problem.reason.prefix(300))", parameter: "target")
            }
        }
        let since = try time(exchange, "since")
        let until = try time(exchange, "until")
        if let since, let until, since > until { throw Failure(400, "since is after until", parameter: "since") }
        return TrendQuery(
            metric: try word(exchange, "metric", Metric.self) ?? .signatures, bucket: try word(exchange, "bucket", BucketSize.self),
            timeZone: try zone(exchange) ?? TimeZone(identifier: "UTC")!, since: since, until: until, outlets: outlets, compareWith: others,
            window: try duration(exchange, "window") ?? 7 * 86400, targets: targets)
    }
}

import Foundation
import PetitionsDomain
import PetitionsSources
import PetitionsStore

/// Words for sources and jobs.
public enum SourceShapes {
    public static func every(_ seconds: TimeInterval) -> String {
        for (unit, size) in [("d", 86400.0), ("h", 3600.0), ("m", 60.0)] where seconds >= size && seconds.truncatingRemainder(dividingBy: size) == 0 {
            return "\(Int(seconds / size))\(unit)"
        }
        return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }
}

/// A source as JSON: every key present, null when it has no value yet.
public struct SourceJSON: Encodable {
    var id: Int
    var campaign: String
    var outlet: String
    var kind: String
    /// Left out of the public API, which shows the host: a URL may carry a key even redacted.
    var url: String?
    var host: String
    var every_seconds: TimeInterval
    var metric: String
    var max_attempts: Int
    var status: String
    var created_at: String
    var feed_items: Int
    var next_due: String
    var pointer: Nullable<String>
    var pattern: Nullable<String>
    var last_polled_at: Nullable<String>
    var last_changed_at: Nullable<String>
    var last_error: Nullable<String>
    var count: Nullable<Int>
    var count_since: Nullable<String>
    var count_last_seen: Nullable<String>
    var open_job: Nullable<String>
    var removed_at: Nullable<String>

    /// - Parameter isPublic: for the web service: the host instead of the URL, and the last
    ///   error without the addresses a host resolved to.
    public init(_ source: StoredSource, now: Date = Date(), isPublic: Bool = false) {
        id = source.id
        campaign = source.campaign
        outlet = source.outlet
        kind = source.kind.rawValue
        url = isPublic ? nil : SourceURL.redacted(source.url)
        host = SourceURL.host(source.url) ?? ""
        every_seconds = source.every
        metric = source.metric.rawValue
        max_attempts = source.maxAttempts
        status = source.status
        created_at = Timestamps.iso8601(source.createdAt)
        feed_items = source.feedItems
        next_due = Timestamps.iso8601(source.schedule.nextDue(after: now))
        pointer = Nullable(source.pointer)
        pattern = Nullable(source.pattern)
        last_polled_at = Nullable(source.lastPolledAt.map(Timestamps.iso8601))
        last_changed_at = Nullable(source.lastChangedAt.map(Timestamps.iso8601))
        last_error = Nullable(source.lastError.map { isPublic ? PublicText.withoutAddresses($0) : $0 })
        count = Nullable(source.count)
        count_since = Nullable(source.countSince.map(Timestamps.iso8601))
        count_last_seen = Nullable(source.countLastSeen.map(Timestamps.iso8601))
        open_job = Nullable(source.openJob)
        removed_at = Nullable(source.removedAt.map(Timestamps.iso8601))
    }
}

/// One series a source observed: a number, or a text (a state), with its label.
public struct ObservationJSON: Encodable {
    var series: String
    var value: Nullable<Value>
    var label: Nullable<String>
    var first_seen: String
    var last_seen: String
    var figure_id: Nullable<Int>

    enum Value: Encodable {
        case number(Int), text(String)
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            }
        }
    }

    public init(_ observation: StoredObservation) {
        series = observation.series
        value = Nullable(observation.number.map(Value.number) ?? observation.text.map(Value.text))
        label = Nullable(observation.label)
        first_seen = Timestamps.iso8601(observation.firstSeen)
        last_seen = Timestamps.iso8601(observation.lastSeen)
        figure_id = Nullable(observation.figureID)
    }
}

/// A job as JSON: every key present, null when it has no value (yet).
public struct JobJSON: Encodable {
    var id: Int
    var source_id: Int
    var campaign: String
    var kind: String
    var url: String
    var due_at: String
    var state: String
    var run_after: String
    var attempts: Int
    var max_attempts: Int
    var created_at: String
    var worker: Nullable<String>
    var lease_until: Nullable<String>
    var last_error: Nullable<String>
    /// What the job's run recorded, as the JSON it was stored as.
    var result: Nullable<JSONTreeValue>
    var started_at: Nullable<String>
    var finished_at: Nullable<String>

    public init(_ job: StoredJob) {
        id = job.id
        source_id = job.sourceID
        campaign = job.campaign
        kind = job.kind
        url = SourceURL.redacted(job.url)
        due_at = Timestamps.iso8601(job.dueAt)
        state = job.state.rawValue
        run_after = Timestamps.iso8601(job.runAfter)
        attempts = job.attempts
        max_attempts = job.maxAttempts
        created_at = Timestamps.iso8601(job.createdAt)
        worker = Nullable(job.worker)
        lease_until = Nullable(job.leaseUntil.map(Timestamps.iso8601))
        last_error = Nullable(job.lastError)
        result = Nullable(job.result.flatMap { JSONTreeValue(text: $0) })
        started_at = Nullable(job.startedAt.map(Timestamps.iso8601))
        finished_at = Nullable(job.finishedAt.map(Timestamps.iso8601))
    }
}

/// Text shown to anyone on the web.
public enum PublicText {
    /// `text` with IPv4 and IPv6 address literals replaced by "an address": an error message may
    /// name what a host resolved to inside the network the worker runs in.
    public static func withoutAddresses(_ text: String) -> String {
        var result = ""
        var word = ""
        func flush() {
            result += looksLikeAddress(word) ? "an address" : word
            word = ""
        }
        for character in text {
            if character.isHexDigit || character == "." || character == ":" {
                word.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }

    static func looksLikeAddress(_ word: String) -> Bool {
        let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: ".:"))
        // IPv4, with or without a port.
        let host = trimmed.split(separator: ":").count == 2 ? String(trimmed.split(separator: ":")[0]) : trimmed
        let dotted = host.split(separator: ".", omittingEmptySubsequences: false)
        if dotted.count == 4, dotted.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }) { return true }
        // IPv6: a "::" or all eight groups (not a time such as 10:00:00).
        let colons = trimmed.filter { $0 == ":" }.count
        return colons >= 2 && (trimmed.contains("::") || colons == 7) && trimmed.split(separator: ":").allSatisfy { $0.count <= 4 || $0.contains(".") }
    }
}

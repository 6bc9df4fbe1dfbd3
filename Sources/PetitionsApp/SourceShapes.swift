import Foundation
import PetitionsDomain
import PetitionsSources
import PetitionsStore

/// JSON objects and words for sources and jobs.
public enum SourceShapes {
    public static func every(_ seconds: TimeInterval) -> String {
        for (unit, size) in [("d", 86400.0), ("h", 3600.0), ("m", 60.0)] where seconds >= size && seconds.truncatingRemainder(dividingBy: size) == 0 {
            return "\(Int(seconds / size))\(unit)"
        }
        return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }

    public static func source(_ source: StoredSource) -> [String: Any] {
        var object: [String: Any] = [
            "id": source.id, "campaign": source.campaign, "outlet": source.outlet, "kind": source.kind.rawValue, "url": SourceURL.redacted(source.url),
            "every_seconds": source.every, "metric": source.metric.rawValue, "max_attempts": source.maxAttempts, "status": source.status,
            "created_at": Timestamps.iso8601(source.createdAt), "feed_items": source.feedItems,
            "next_due": Timestamps.iso8601(source.schedule.nextDue(after: Date())),
        ]
        let optional: [String: Any?] = [
            "pointer": source.pointer, "pattern": source.pattern, "last_polled_at": source.lastPolledAt.map(Timestamps.iso8601),
            "last_changed_at": source.lastChangedAt.map(Timestamps.iso8601), "last_error": source.lastError, "count": source.count,
            "count_since": source.countSince.map(Timestamps.iso8601), "count_last_seen": source.countLastSeen.map(Timestamps.iso8601),
            "open_job": source.openJob, "removed_at": source.removedAt.map(Timestamps.iso8601),
        ]
        for (key, value) in optional { object[key] = value ?? NSNull() }
        return object
    }

    public static func observation(_ o: StoredObservation) -> [String: Any] {
        [
            "series": o.series, "value": (o.number.map { $0 as Any } ?? o.text) ?? NSNull(), "label": o.label ?? NSNull(),
            "first_seen": Timestamps.iso8601(o.firstSeen), "last_seen": Timestamps.iso8601(o.lastSeen), "figure_id": o.figureID ?? NSNull(),
        ]
    }

    public static func job(_ job: StoredJob) -> [String: Any] {
        var object: [String: Any] = [
            "id": job.id, "source_id": job.sourceID, "campaign": job.campaign, "kind": job.kind, "url": SourceURL.redacted(job.url),
            "due_at": Timestamps.iso8601(job.dueAt), "state": job.state.rawValue, "run_after": Timestamps.iso8601(job.runAfter),
            "attempts": job.attempts, "max_attempts": job.maxAttempts, "created_at": Timestamps.iso8601(job.createdAt),
        ]
        let optional: [String: Any?] = [
            "worker": job.worker, "lease_until": job.leaseUntil.map(Timestamps.iso8601), "last_error": job.lastError,
            "result": job.result.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) },
            "started_at": job.startedAt.map(Timestamps.iso8601), "finished_at": job.finishedAt.map(Timestamps.iso8601),
        ]
        for (key, value) in optional { object[key] = value ?? NSNull() }
        return object
    }
}

import Foundation
import PetitionsDomain
import PetitionsSources
import Postgres

/// A source as stored, with what polling last saw.
public struct StoredSource: Sendable, Hashable, Codable {
    public var id: Int
    public var campaign: String
    public var outlet: String
    public var kind: SourceKind
    public var url: String
    public var every: TimeInterval
    public var metric: Metric
    public var pointer: String?
    public var pattern: String?
    public var maxAttempts: Int
    public var paused: Bool
    public var anchor: Date
    public var createdAt: Date
    public var removedAt: Date?
    public var lastPolledAt: Date?
    public var lastChangedAt: Date?
    public var lastError: String?
    /// The latest count and when it was last seen unchanged (platform sources).
    public var count: Int?
    public var countSince: Date?
    public var countLastSeen: Date?
    /// Feed items processed so far (feeds).
    public var feedItems: Int
    /// The state of the source's unfinished job, if any (`queued`, `running`).
    public var openJob: String?

    public var schedule: Schedule { Schedule(anchor: anchor, every: every) }
    public var status: String { removedAt != nil ? "removed" : paused ? "paused" : "active" }
}

/// One stretch of a series during which its value did not change.
public struct StoredObservation: Sendable, Hashable, Codable {
    public var series: String
    public var number: Int?
    public var text: String?
    public var label: String?
    public var firstSeen: Date
    public var lastSeen: Date
    public var figureID: Int?
}

public struct StoredFlag: Sendable, Hashable, Codable {
    public var kind: String
    public var subject: String
    public var detail: String
    public var raisedAt: Date
}

/// Sources the worker polls: added with their platform reader's checks, paused, resumed and
/// removed (audited), with the observations and flags polling recorded.
public struct SourceStore: StoreArea {
    public let db: PGConnection
    public init(_ db: PGConnection) { self.db = db }

    /// Adds a source. With no `outlet`, the platform's outlet (or, for a feed, the site's) is used,
    /// and created from the URL's host when it does not exist yet.
    /// A second platform source for the same campaign, outlet and metric is refused unless
    /// `allowSecond`: its counts would merge into the first one's series (two petitions read as one).
    /// - Returns: the stored source and the slug of an outlet created on the way, if any.
    public func add(
        _ spec: SourceSpec, outlet: String?, actor: String, now: Date = Date(),
        allowSecond: Bool = false
    ) throws -> (source: StoredSource, createdOutlet: String?) {
        let problems = spec.problems()
        guard problems.isEmpty else { throw StoreError.conflict("the source was not added:\n" + problems.map { "  " + $0 }.joined(separator: "\n")) }
        return try db.withTransaction { db in
            let campaignID = try campaignID(spec.campaign)
            var created: String?
            let outletSlug: String
            if let outlet {
                guard try OutletStore(db).find(outlet) != nil else { throw try unknownOutlet(outlet) }
                outletSlug = outlet
            } else {
                let host = SourceURL.host(spec.url) ?? "source"
                let candidate =
                    PlatformReaders.reader(for: spec.kind)?.outlet
                    ?? Outlet(
                        slug: SourceURL.slug(forHost: host), name: host, kind: spec.kind.isPlatform ? .platform : .news,
                        homeURL: URL(string: spec.url).flatMap { url in url.scheme.map { "\($0)://\(host)" } })
                if try OutletStore(db).find(candidate.slug) == nil {
                    try OutletStore(db).add(candidate, actor: actor)
                    created = candidate.slug
                }
                outletSlug = candidate.slug
            }
            let outletID = try ids(table: "outlets", slugs: [outletSlug])[outletSlug]!
            if spec.kind != .feed && !allowSecond,
                let other = try db.query(
                    """
                    SELECT id, url FROM sources
                    WHERE campaign_id = \(campaignID) AND outlet_id = \(outletID) AND metric = \(spec.metric.rawValue) AND kind <> 'feed'
                      AND url <> \(spec.url) AND removed_at IS NULL
                    ORDER BY id LIMIT 1
                    """
                ).first
            {
                let otherID: Int = try other.decode("id"), otherURL: String = try other.decode("url")
                throw StoreError.conflict(
                    """
                    \(spec.campaign) already counts \(spec.metric.words) from \(outletSlug) with source \(otherID) (\(SourceURL.redacted(otherURL))); \
                    a second source would merge two counts into one series. If this is another petition, add a campaign for it \
                    (petitions campaign add); if it is the same petition at another address, pass --allow-second-petition.
                    """)
            }
            let id: Int
            do {
                // In a savepoint, so that a refused insert leaves the transaction usable for the message below.
                id = try db.withTransaction { db in
                    try db.query(
                        """
                        INSERT INTO sources (campaign_id, outlet_id, kind, url, every, metric, pointer, pattern, max_attempts, anchor, created_by)
                        VALUES (\(campaignID), \(outletID), \(spec.kind.rawValue), \(spec.url), make_interval(secs => \(spec.every)), \(spec.metric.rawValue),
                                \(spec.pointer), \(spec.pattern), \(spec.maxAttempts), \(now), \(actor))
                        RETURNING id
                        """)[0].decode("id")
                }
            } catch let error as PGError where error.isUniqueViolation {
                let existing: Int? = try db.query(
                    """
                    SELECT id FROM sources WHERE campaign_id = \(campaignID) AND kind = \(spec.kind.rawValue) AND url = \(spec.url) AND removed_at IS NULL
                    """
                ).first?.decode("id")
                throw StoreError.duplicate(
                    "\(spec.campaign) already has a \(spec.kind.rawValue) source for \(spec.url) (see: petitions source show \(existing.map(String.init) ?? "?"))"
                )
            }
            try audit(
                db, actor: actor, action: "source.add", type: "source", subject: String(id),
                details: [
                    "campaign": spec.campaign, "kind": spec.kind.rawValue, "url": SourceURL.redacted(spec.url), "outlet": outletSlug,
                    "every_seconds": String(spec.every),
                ])
            return (try find(id)!, created)
        }
    }

    private static let sourceColumns = """
        s.id, c.slug AS campaign, o.slug AS outlet, s.kind, s.url, extract(epoch FROM s.every)::float8 AS every_seconds, s.metric,
        s.pointer, s.pattern, s.max_attempts, s.paused, s.anchor, s.created_at, s.removed_at, s.last_polled_at, s.last_changed_at, s.last_error,
        latest.value_number AS count, latest.first_seen_at AS count_since, latest.last_seen_at AS count_last_seen,
        (SELECT count(*) FROM feed_items f WHERE f.source_id = s.id) AS feed_items,
        (SELECT j.state FROM jobs j WHERE j.source_id = s.id AND j.open LIMIT 1) AS open_job
        FROM sources s
        JOIN campaigns c ON c.id = s.campaign_id
        JOIN outlets o ON o.id = s.outlet_id
        LEFT JOIN LATERAL (
            SELECT value_number, first_seen_at, last_seen_at FROM observations ob
            WHERE ob.source_id = s.id AND ob.series = 'count' ORDER BY first_seen_at DESC, id DESC LIMIT 1
        ) latest ON true
        """

    static func decodeSource(_ row: PGRow) throws -> StoredSource {
        let kindText: String = try row.decode("kind")
        let metricText: String = try row.decode("metric")
        return StoredSource(
            id: try row.decode("id"), campaign: try row.decode("campaign"), outlet: try row.decode("outlet"),
            kind: SourceKind(rawValue: kindText) ?? .json, url: try row.decode("url"), every: try row.decode("every_seconds"),
            metric: Metric(rawValue: metricText) ?? .signatures, pointer: try row.decode("pointer"), pattern: try row.decode("pattern"),
            maxAttempts: try row.decode("max_attempts"), paused: try row.decode("paused"), anchor: try row.decode("anchor"),
            createdAt: try row.decode("created_at"), removedAt: try row.decode("removed_at"), lastPolledAt: try row.decode("last_polled_at"),
            lastChangedAt: try row.decode("last_changed_at"), lastError: try row.decode("last_error"), count: try row.decode("count"),
            countSince: try row.decode("count_since"), countLastSeen: try row.decode("count_last_seen"), feedItems: try row.decode("feed_items"),
            openJob: try row.decode("open_job"))
    }

    /// Sources, newest last; removed ones only with `includeRemoved`.
    public func list(campaign: String? = nil, includeRemoved: Bool = false) throws -> [StoredSource] {
        var campaignFilter: Int?
        if let campaign { campaignFilter = try self.campaignID(campaign) }
        return try db.query(
            """
            SELECT \(unsafeRaw: Self.sourceColumns)
            WHERE (\(includeRemoved) OR s.removed_at IS NULL) AND (\(campaignFilter)::bigint IS NULL OR s.campaign_id = \(campaignFilter))
            ORDER BY s.id
            """
        ).map(Self.decodeSource)
    }

    public func find(_ id: Int) throws -> StoredSource? {
        try db.query("SELECT \(unsafeRaw: Self.sourceColumns) WHERE s.id = \(id)").first.map(Self.decodeSource)
    }

    /// Pauses or resumes a source. Pausing cancels its queued job; a running one finishes.
    @discardableResult
    public func setPaused(_ id: Int, _ paused: Bool, actor: String) throws -> StoredSource {
        try db.withTransaction { db in
            guard let source = try find(id), source.removedAt == nil else {
                throw StoreError.notFound("there is no source \(id) (see: petitions source list)")
            }
            try db.execute("UPDATE sources SET paused = \(paused) WHERE id = \(id)")
            if paused { try cancelQueuedJobs(source: id) }
            try audit(db, actor: actor, action: paused ? "source.pause" : "source.resume", type: "source", subject: String(id), details: [String: String]())
            return try find(id)!
        }
    }

    /// Removes a source from polling; its observations, figures and jobs stay as history.
    public func remove(_ id: Int, actor: String, reason: String?) throws {
        try Validate.bounded((reason, Validate.Limit.reason, "reason"), (actor, Validate.Limit.actor, "actor"))
        try db.withTransaction { db in
            guard let source = try find(id), source.removedAt == nil else {
                throw StoreError.notFound("there is no source \(id) (see: petitions source list)")
            }
            try db.execute("UPDATE sources SET removed_at = now() WHERE id = \(id)")
            try cancelQueuedJobs(source: id)
            try audit(db, actor: actor, action: "source.remove", type: "source", subject: String(id), details: ["reason": reason ?? ""])
        }
    }

    func cancelQueuedJobs(source id: Int) throws {
        try db.execute(
            """
            UPDATE jobs SET state = 'cancelled', finished_at = now(), last_error = coalesce(last_error, 'cancelled: the source was paused or removed')
            WHERE source_id = \(id) AND state = 'queued'
            """)
    }

    /// A source's series, latest stretch first; `series` narrows to one (or a prefix ending in `:`).
    public func observations(source id: Int, series: String? = nil, limit: Int = 200) throws -> [StoredObservation] {
        try db.query(
            """
            SELECT series, value_number, value_text, label, first_seen_at, last_seen_at, figure_id FROM observations
            WHERE source_id = \(id) AND (\(series)::text IS NULL OR series = \(series) OR (right(\(series), 1) = ':' AND starts_with(series, \(series))))
            ORDER BY first_seen_at DESC, id DESC LIMIT \(limit)
            """
        ).map {
            StoredObservation(
                series: try $0.decode("series"), number: try $0.decode("value_number"), text: try $0.decode("value_text"),
                label: try $0.decode("label"), firstSeen: try $0.decode("first_seen_at"), lastSeen: try $0.decode("last_seen_at"),
                figureID: try $0.decode("figure_id"))
        }
    }

    public func flags(source id: Int) throws -> [StoredFlag] {
        try db.query("SELECT kind, subject, detail, raised_at FROM source_flags WHERE source_id = \(id) ORDER BY raised_at, id").map {
            StoredFlag(kind: try $0.decode("kind"), subject: try $0.decode("subject"), detail: try $0.decode("detail"), raisedAt: try $0.decode("raised_at"))
        }
    }
}

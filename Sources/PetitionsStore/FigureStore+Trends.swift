import Foundation
import PetitionsDomain
import Postgres

/// What a trend covers.
public struct TrendRequest: Sendable, Hashable {
    public var campaign: String
    public var metric: Metric
    /// Nil: picked from the span (`BucketSize.automatic`).
    public var bucket: BucketSize?
    public var timeZone: TimeZone
    /// Nil: from the first figure of the metric.
    public var since: Date?
    /// Nil: to the last figure of the metric.
    public var until: Date?
    /// Only these outlets (slugs); empty for all.
    public var outlets: [String]

    public init(
        campaign: String, metric: Metric = .signatures, bucket: BucketSize? = nil, timeZone: TimeZone = TimeZone(identifier: "UTC")!,
        since: Date? = nil, until: Date? = nil, outlets: [String] = []
    ) {
        self.campaign = campaign
        self.metric = metric
        self.bucket = bucket
        self.timeZone = timeZone
        self.since = since
        self.until = until
        self.outlets = outlets
    }

    /// Most buckets one trend may have; more is a request for an unreadable chart.
    public static let maximumBuckets = 5_000
}

extension FigureStore {
    /// A campaign's trend for one metric, bucketed in SQL.
    ///
    /// Reads only what it draws: the range comes from two index lookups (`figures_timeline`), and
    /// each source's point in each bucket from one probe of `figures_latest` for its latest figure
    /// in the bucket, so millions of polled counts cost buckets × sources lookups, not a scan.
    public func trend(_ request: TrendRequest) throws -> Trend {
        guard let campaign = try CampaignStore(db).find(request.campaign) else { throw try unknownCampaign(request.campaign) }
        for slug in request.outlets where try OutletStore(db).find(slug) == nil { throw try unknownOutlet(slug) }
        if let since = request.since, let until = request.until, until < since {
            throw ValidationFailure([.invalid(field: "until", reason: "\(TimeFormatting.iso(until)) is before --since \(TimeFormatting.iso(since))")])
        }
        do {
            _ = try db.withTransaction { db in try db.query("SELECT now() AT TIME ZONE \(request.timeZone.identifier)") }
        } catch let error as PGError where error.sqlState == "22023" {
            throw ValidationFailure([
                .invalid(field: "time zone", reason: "PostgreSQL does not know \(request.timeZone.identifier); use an IANA name such as Europe/London")
            ])
        }
        let campaignID = try campaignID(request.campaign)
        let metric = request.metric.rawValue
        let outletIDs: [Int] = try db.query("SELECT id FROM outlets WHERE slug = ANY(\(request.outlets))").map { try $0.decode("id") }
        // Program-chosen SQL: the filter is left out rather than made a no-op, so the planner keeps
        // the index order (an `OR` over a parameter would hide it).
        let outletFilter: PGQuery = request.outlets.isEmpty ? "" : "AND f.outlet_id = ANY(\(outletIDs))"
        func edge(_ order: String) throws -> Date? {
            try db.query(
                """
                SELECT f.as_of FROM figures f
                WHERE f.campaign_id = \(campaignID) AND f.metric = \(metric) \(outletFilter)
                  AND NOT EXISTS (SELECT 1 FROM figure_retractions r WHERE r.figure_id = f.id)
                  AND NOT EXISTS (SELECT 1 FROM figures n WHERE n.supersedes = f.id)
                ORDER BY f.as_of \(unsafeRaw: order) LIMIT 1
                """
            ).first.map { try $0.decode("as_of", as: Date.self) }
        }
        // A polled count seen unchanged after its last change extends the trend to when it was last seen.
        // Only a platform's latest change can have been seen since (earlier runs ended when the
        // count changed), so this is one probe per platform outlet, not a join over the history.
        func lastSeen() throws -> Date? {
            try db.query(
                """
                SELECT max(ob.last_seen_at) AS seen FROM outlets o
                CROSS JOIN LATERAL (
                    SELECT f.id FROM current_figures f WHERE f.campaign_id = \(campaignID) AND f.metric = \(metric) AND f.outlet_id = o.id
                    ORDER BY f.campaign_id, f.metric, f.outlet_id, f.as_of DESC, f.id DESC LIMIT 1
                ) latest
                JOIN observations ob ON ob.figure_id = latest.id
                WHERE o.kind = 'platform' AND (cardinality(\(request.outlets)::text[]) = 0 OR o.slug = ANY(\(request.outlets)))
                """
            ).first?.decode("seen")
        }
        let latest = try request.until ?? [try edge("DESC"), try lastSeen()].compactMap { $0 }.max()
        guard let from = try request.since ?? edge("ASC"), let through = latest else {
            let size = request.bucket ?? .day
            return Trend(campaign: campaign, metric: request.metric, bucketing: Bucketing(size: size, timeZone: request.timeZone), buckets: [], series: [])
        }
        let bucketing = Bucketing(size: request.bucket ?? .automatic(span: through.timeIntervalSince(from)), timeZone: request.timeZone)
        let count = bucketing.count(from: from, through: through)
        guard count <= TrendRequest.maximumBuckets else {
            throw ValidationFailure([
                .invalid(
                    field: "bucket",
                    reason:
                        "\(TimeFormatting.short(from)) to \(TimeFormatting.short(through)) is \(NumberFormatting.grouped(count)) \(bucketing.size.rawValue) buckets, more than \(NumberFormatting.grouped(TrendRequest.maximumBuckets)); use a wider --bucket or a narrower --since/--until"
                )
            ])
        }
        let zone = request.timeZone.identifier
        // Minutes and hours are absolute (date_bin from local midnight, so half-hour zones cut at :30); days and
        // weeks are local calendar days and ISO weeks, so a daylight-saving day has 23 or 25 hours.
        let buckets: PGQuery =
            switch bucketing.size {
            case .fiveMinutes, .fifteenMinutes, .hour:
                """
                SELECT s AS start, s + make_interval(secs => \(bucketing.size.nominalLength)) AS stop
                FROM generate_series(date_bin(make_interval(secs => \(bucketing.size.nominalLength)), \(from),
                                              \(Bucketing(size: .day, timeZone: request.timeZone).start(of: from))),
                                     \(through), make_interval(secs => \(bucketing.size.nominalLength))) AS s
                """
            case .day, .week:
                """
                SELECT l AT TIME ZONE \(zone) AS start, (l + \(bucketing.size == .day ? "1 day" : "7 days")::interval) AT TIME ZONE \(zone) AS stop
                FROM generate_series(date_trunc(\(bucketing.size.rawValue), \(from) AT TIME ZONE \(zone)), \(through) AT TIME ZONE \(zone),
                                     \(bucketing.size == .day ? "1 day" : "7 days")::interval) AS l
                """
            }
        // The estimates for a nested loop over thousands of probes look expensive to the planner,
        // which would spend more time compiling it (JIT) than running it.
        let rows = try db.withTransaction { db in
            try db.execute("SET LOCAL jit = off")
            return try db.query(
                """
                WITH buckets AS (\(buckets)),
                sources AS (
                    -- One probe of figures_latest per outlet: LIMIT keeps it a probe rather than a join, and
                    -- ordering by the index's own key keeps the planner on that index whatever the statistics say.
                    SELECT o.id, o.slug, o.name, o.kind FROM outlets o
                    JOIN LATERAL (
                        SELECT 1 FROM figures f WHERE f.campaign_id = \(campaignID) AND f.metric = \(metric) AND f.outlet_id = o.id
                        ORDER BY f.campaign_id, f.metric, f.outlet_id, f.as_of DESC, f.id DESC LIMIT 1
                    ) present ON true
                    WHERE (cardinality(\(request.outlets)::text[]) = 0 OR o.slug = ANY(\(request.outlets)))
                )
                SELECT s.slug, s.name, s.kind, b.start AS bucket_start, coalesce(p.id, q.id) AS id, coalesce(p.value, q.value) AS value,
                       coalesce(p.high, q.high) AS high, coalesce(p.qualifier, q.qualifier) AS qualifier,
                       coalesce(p.as_of, least(q.last_seen_at, b.stop)) AS as_of, p.id IS NULL AS unchanged,
                       lag(coalesce(p.value, q.value)) OVER (PARTITION BY s.id ORDER BY b.start) AS previous_value
                FROM sources s
                CROSS JOIN buckets b
                LEFT JOIN LATERAL (
                    SELECT f.id, f.value, f.high, f.qualifier, f.as_of FROM current_figures f
                    WHERE f.campaign_id = \(campaignID) AND f.metric = \(metric) AND f.outlet_id = s.id AND f.as_of >= b.start AND f.as_of < b.stop
                    ORDER BY f.campaign_id, f.metric, f.outlet_id, f.as_of DESC, f.id DESC LIMIT 1
                ) p ON true
                -- A platform bucket without a change: the count is carried into it when a poll saw it
                -- unchanged there (the worker extends a series' last_seen_at instead of adding figures), so
                -- "unchanged" and "not polled" (a gap) read differently.
                LEFT JOIN LATERAL (
                    SELECT f.id, f.value, f.high, f.qualifier, ob.last_seen_at FROM current_figures f
                    JOIN observations ob ON ob.figure_id = f.id
                    WHERE p.id IS NULL AND s.kind = 'platform'
                      AND f.campaign_id = \(campaignID) AND f.metric = \(metric) AND f.outlet_id = s.id AND f.as_of < b.start
                    ORDER BY f.campaign_id, f.metric, f.outlet_id, f.as_of DESC, f.id DESC LIMIT 1
                ) q ON q.last_seen_at >= b.start
                WHERE p.id IS NOT NULL OR q.id IS NOT NULL
                ORDER BY s.slug, b.start
                """)
        }
        var points: [String: (name: String, platform: Bool, points: [TrendPoint])] = [:]
        for row in rows {
            let slug: String = try row.decode("slug")
            let point = TrendPoint(
                bucketStart: try row.decode("bucket_start"), figureID: try row.decode("id"), value: try row.decode("value"),
                qualifier: try Qualifier.parse(try row.decode("qualifier")), high: try row.decode("high"), asOf: try row.decode("as_of"),
                previousValue: try row.decode("previous_value"), unchanged: try row.decode("unchanged"))
            let name: String = try row.decode("name"), kind: String = try row.decode("kind")
            points[slug, default: (name, kind == "platform", [])].points.append(point)
        }
        let series = points.map { slug, entry in
            TrendSeries(source: entry.platform ? .platform(slug) : .outlet(slug), name: entry.name, points: entry.points)
        }
        return Trend(campaign: campaign, metric: request.metric, bucketing: bucketing, buckets: bucketing.starts(from: from, through: through), series: series)
    }

    /// The platform's own count over a trend's range at full resolution, for growth, projections,
    /// lag behind the platform and the chart's line: every polled change with the time it was last
    /// seen unchanged, or, past `limit` changes, the latest change in each of `limit` equal slices
    /// of the range (one index probe each), so that ten million polls cost as much as a thousand.
    /// Empty when the campaign has no platform count of the metric.
    public func platformHistory(_ trend: Trend, limit: Int = 1_000) throws -> [PlatformReading] {
        guard let platform = trend.platformSeries.max(by: { ($0.points.count, $1.source.slug) < ($1.points.count, $0.source.slug) }),
            let first = trend.buckets.first, let last = trend.buckets.last
        else { return [] }
        let campaignID = try campaignID(trend.campaign.slug)
        let outletID: Int = try db.query("SELECT id FROM outlets WHERE slug = \(platform.source.slug)")[0].decode("id")
        let (from, through) = (first, trend.bucketing.next(after: last))
        let metric = trend.metric.rawValue
        let changes: Int = try db.query(
            """
            SELECT count(*) AS n FROM (
                SELECT 1 FROM current_figures f
                WHERE f.campaign_id = \(campaignID) AND f.metric = \(metric) AND f.outlet_id = \(outletID) AND f.as_of >= \(from) AND f.as_of < \(through)
                LIMIT \(limit + 1)) s
            """)[0].decode("n")
        let rows: PGResult
        if changes <= limit {
            rows = try db.query(
                """
                SELECT f.value, f.as_of, (SELECT max(ob.last_seen_at) FROM observations ob WHERE ob.figure_id = f.id) AS seen
                FROM current_figures f
                WHERE f.campaign_id = \(campaignID) AND f.metric = \(metric) AND f.outlet_id = \(outletID) AND f.as_of >= \(from) AND f.as_of < \(through)
                ORDER BY f.campaign_id, f.metric, f.outlet_id, f.as_of, f.id
                """)
        } else {
            let slice = through.timeIntervalSince(from) / Double(limit)
            rows = try db.withTransaction { db in
                try db.execute("SET LOCAL jit = off")
                // At this resolution only the last change's last-seen time shows (the line runs on
                // to the latest poll); the others would cost a probe each for nothing drawn.
                return try db.query(
                    """
                    SELECT p.value, p.as_of,
                           CASE WHEN k = \(limit - 1) THEN (SELECT max(ob.last_seen_at) FROM observations ob WHERE ob.figure_id = p.id) END AS seen
                    FROM generate_series(0, \(limit - 1)) AS k
                    CROSS JOIN LATERAL (
                        SELECT f.id, f.value, f.as_of FROM current_figures f
                        WHERE f.campaign_id = \(campaignID) AND f.metric = \(metric) AND f.outlet_id = \(outletID)
                          AND f.as_of >= \(from) + k * make_interval(secs => \(slice))
                          AND f.as_of < least(\(through), \(from) + (k + 1) * make_interval(secs => \(slice)))
                        ORDER BY f.campaign_id, f.metric, f.outlet_id, f.as_of DESC, f.id DESC LIMIT 1
                    ) p
                    ORDER BY k
                    """)
            }
        }
        var readings: [PlatformReading] = []
        for row in rows {
            let value: Int = try row.decode("value"), asOf: Date = try row.decode("as_of")
            readings.append(PlatformReading(outlet: platform.source.slug, value: value, asOf: asOf))
            // Seen unchanged later: the count held until then (a flat stretch, not a gap).
            if let seen = try row.decode("seen", as: Date?.self), seen > asOf {
                readings.append(PlatformReading(outlet: platform.source.slug, value: value, asOf: min(seen, through)))
            }
        }
        return readings
    }

    /// A campaign's figures from reporters (not the platform's own counts): the current ones for
    /// who reported first, or with `history` every figure with its status, for the provenance list.
    public func reports(campaign slug: String, history: Bool = false) throws -> [ReportedFigure] {
        _ = try campaignID(slug)
        // figures_reported (the figures that are not polled) finds them without reading the
        // platform's polled history, however long.
        return try db.query(
            """
            \(unsafeRaw: Self.figureColumns)
            FROM \(unsafeRaw: history ? "figures" : "current_figures") f
            JOIN campaigns c ON c.id = f.campaign_id JOIN outlets o ON o.id = f.outlet_id
            WHERE c.slug = \(slug) AND o.kind <> 'platform' AND f.method <> 'polled'
            ORDER BY f.metric, coalesce(f.published_at, f.as_of), f.id
            """
        ).map(Self.decodeFigure)
    }
}

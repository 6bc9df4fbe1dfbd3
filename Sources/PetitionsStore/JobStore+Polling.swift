import Foundation
import PetitionsDomain
import PetitionsSources
import Postgres

/// What recording one poll changed.
public struct PollOutcome: Sendable, Equatable {
    /// The figure recorded for a changed count; nil when the count was unchanged.
    public var figureID: Int?
    public var count: Int
    public var previous: Int?
    public var newFlags: [SourceFlag]
    /// This poll recorded the campaign's closed date (the platform closed the petition).
    public var closedNow = false
    /// The source is paused: closed, and unchanged for the quiet period.
    public var stopped = false
    /// Alert deliveries this poll queued.
    public var alertsRaised = 0
}

extension JobStore {
    /// Records a platform poll and completes its job, in one statement (one round trip, atomic by
    /// itself): a changed count becomes a `polled` figure and a new series row; an unchanged one only
    /// moves the series' last-seen time; flags not raised before are raised (with `count-fell` when
    /// the count went down); the source notes the poll and its validators; the job and its attempt
    /// are marked succeeded. Every write is conditioned on the job still being this worker's claim.
    /// - Throws: `LeaseLost` (having written nothing) when the claim was lost.
    ///
    /// A reading of a closed petition also records the campaign's closed date (when it has none),
    /// slows the source to one poll a day, and pauses it once the count has not changed for
    /// `closedQuiet`: late removals of signatures still show, and then polling stops.
    public func completePoll(
        _ job: ClaimedJob, reading: PollReading, at now: Date, worker: String,
        validators: (etag: String?, lastModified: String?), closedQuiet: TimeInterval = 7 * 86400
    ) throws -> PollOutcome {
        let source = job.source
        let closed = reading.closed != nil
        // The day it closed (UTC); today when the platform gives no time.
        let closedDay = reading.closed.map { $0 == .distantPast ? TimeFormatting.day(now) : TimeFormatting.day($0) }
        let values = [ObservedValue.number("count", reading.count)] + reading.observations
        let flags = reading.flags
        let row = try db.query(
            """
            WITH held AS (
                SELECT id FROM jobs WHERE id = \(job.id) AND state = 'running' AND worker = \(worker) AND attempts = \(job.attempt) FOR UPDATE
            ), previous AS (
                SELECT value_number FROM observations WHERE source_id = \(source.id) AND series = 'count'
                ORDER BY first_seen_at DESC, id DESC LIMIT 1
            ), figure AS (
                INSERT INTO figures (campaign_id, outlet_id, metric, value, qualifier, as_of, source_url, method, entered_by, note)
                SELECT campaign_id, outlet_id, metric, \(reading.count), 'exact', \(now), url, 'polled', \(worker), \("polled by source \(source.id), job \(job.id)")
                FROM sources
                WHERE id = \(source.id) AND EXISTS (SELECT 1 FROM held)
                  AND (SELECT value_number FROM previous) IS DISTINCT FROM \(reading.count)::bigint
                RETURNING id
            ), input AS (
                SELECT * FROM unnest(\(values.map(\.series)), \(values.map(\.number)), \(values.map(\.text)), \(values.map(\.label)))
                    AS i(series, value_number, value_text, label)
            ), latest AS (
                SELECT DISTINCT ON (series) id, series, value_number, value_text FROM observations
                WHERE source_id = \(source.id) AND series = ANY(\(values.map(\.series)))
                ORDER BY series, first_seen_at DESC, id DESC
            ), same AS (
                UPDATE observations o SET last_seen_at = \(now)
                FROM latest l JOIN input i ON i.series = l.series
                WHERE o.id = l.id AND l.value_number IS NOT DISTINCT FROM i.value_number AND l.value_text IS NOT DISTINCT FROM i.value_text
                  AND EXISTS (SELECT 1 FROM held)
            ), added AS (
                INSERT INTO observations (source_id, series, value_number, value_text, label, first_seen_at, last_seen_at, job_id, figure_id)
                SELECT \(source.id), i.series, i.value_number, i.value_text, i.label, \(now), \(now), \(job.id),
                       CASE WHEN i.series = 'count' THEN (SELECT id FROM figure) END
                FROM input i
                WHERE EXISTS (SELECT 1 FROM held)
                  AND NOT EXISTS (SELECT 1 FROM latest l WHERE l.series = i.series
                                  AND l.value_number IS NOT DISTINCT FROM i.value_number AND l.value_text IS NOT DISTINCT FROM i.value_text)
            ), noticed AS (
                SELECT * FROM unnest(\(flags.map(\.kind)), \(flags.map(\.subject)), \(flags.map(\.detail))) AS f(kind, subject, detail)
                UNION ALL
                SELECT 'count-fell', p.value_number || '->' || \(reading.count)::bigint,
                       'the count fell from ' || p.value_number || ' to ' || \(reading.count)::bigint || ' (signatures removed by the platform?)'
                FROM previous p WHERE p.value_number > \(reading.count)::bigint
            ), raised AS (
                INSERT INTO source_flags (source_id, kind, subject, detail, raised_at, job_id)
                SELECT \(source.id), kind, subject, detail, \(now), \(job.id) FROM noticed WHERE EXISTS (SELECT 1 FROM held)
                ON CONFLICT (source_id, kind, subject) DO NOTHING
                RETURNING kind, subject, detail
            ), alerting AS (
                -- Alerts on this campaign that the change sets off, once per event (the key).
                INSERT INTO alert_deliveries (alert_id, event_key, payload, next_attempt_at)
                SELECT a.id, e.key,
                       jsonb_build_object('alert_id', a.id, 'event', a.event, 'campaign', c.slug, 'title', c.title, 'message', e.message,
                                          'count', \(reading.count)::bigint, 'previous', p.value_number, 'threshold', e.mark,
                                          'at', to_char(\(now)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                          'figure_id', (SELECT id FROM figure), 'source_id', \(source.id)),
                       \(now)
                FROM alerts a
                JOIN campaigns c ON c.id = a.campaign_id
                CROSS JOIN previous p
                CROSS JOIN LATERAL (
                    SELECT 'threshold:' || a.threshold AS key, a.threshold AS mark, 'the count passed ' || a.threshold AS message
                    WHERE a.event = 'threshold' AND p.value_number < a.threshold AND \(reading.count)::bigint >= a.threshold
                    UNION ALL
                    SELECT 'goal:' || c.goal, c.goal::bigint, 'the count reached the goal of ' || c.goal
                    WHERE a.event = 'goal' AND c.goal IS NOT NULL AND p.value_number < c.goal AND \(reading.count)::bigint >= c.goal
                    UNION ALL
                    SELECT 'count-fell:' || (SELECT id FROM figure), NULL::bigint, 'the count fell from ' || p.value_number || ' to ' || \(reading.count)::bigint
                    WHERE a.event = 'count-fell' AND p.value_number > \(reading.count)::bigint
                    UNION ALL
                    SELECT 'anomaly:' || (SELECT id FROM figure), coalesce(a.threshold, greatest(500, p.value_number / 10)),
                           'the count moved by ' || (\(reading.count)::bigint - p.value_number) || ' in one poll'
                    WHERE a.event = 'anomaly' AND abs(\(reading.count)::bigint - p.value_number) >= coalesce(a.threshold, greatest(500, p.value_number / 10))
                ) e
                WHERE a.removed_at IS NULL AND a.campaign_id = (SELECT campaign_id FROM sources WHERE id = \(source.id))
                  AND EXISTS (SELECT 1 FROM figure) AND EXISTS (SELECT 1 FROM held)
                ON CONFLICT (alert_id, event_key) DO NOTHING
                RETURNING id
            ), polled AS (
                UPDATE sources SET last_polled_at = \(now), etag = \(validators.etag), last_modified = \(validators.lastModified), last_error = NULL,
                       last_changed_at = CASE WHEN EXISTS (SELECT 1 FROM figure) THEN \(now) ELSE last_changed_at END,
                       every = CASE WHEN \(closed) THEN greatest(every, interval '1 day') ELSE every END,
                       paused = paused OR (\(closed) AND NOT EXISTS (SELECT 1 FROM figure)
                                           AND coalesce(last_changed_at, created_at) < \(now) - make_interval(secs => \(closedQuiet)))
                WHERE id = \(source.id) AND EXISTS (SELECT 1 FROM held)
                RETURNING paused
            ), closing AS (
                UPDATE campaigns SET closed_on = \(closedDay)::date
                WHERE \(closed) AND closed_on IS NULL AND id = (SELECT campaign_id FROM sources WHERE id = \(source.id)) AND EXISTS (SELECT 1 FROM held)
                RETURNING id
            ), attempt AS (
                UPDATE job_attempts SET finished_at = \(now), outcome = 'succeeded'
                WHERE job_id = \(job.id) AND attempt = \(job.attempt) AND EXISTS (SELECT 1 FROM held)
            ), done AS (
                UPDATE jobs SET state = 'succeeded', lease_until = NULL, finished_at = \(now), last_error = NULL,
                       result = jsonb_build_object('count', \(reading.count)::bigint::text, 'changed', (EXISTS (SELECT 1 FROM figure))::text,
                                                   'figure_id', coalesce((SELECT id FROM figure)::text, ''))
                WHERE id = \(job.id) AND EXISTS (SELECT 1 FROM held)
            )
            SELECT EXISTS (SELECT 1 FROM held) AS held, (SELECT value_number FROM previous) AS previous, (SELECT id FROM figure) AS figure_id,
                   coalesce((SELECT paused FROM polled), false) AS stopped, EXISTS (SELECT 1 FROM closing) AS closed_now,
                   (SELECT count(*) FROM alerting) AS alerts_raised,
                   coalesce((SELECT array_agg(kind ORDER BY kind, subject) FROM raised), '{}') AS flag_kinds,
                   coalesce((SELECT array_agg(subject ORDER BY kind, subject) FROM raised), '{}') AS flag_subjects,
                   coalesce((SELECT array_agg(detail ORDER BY kind, subject) FROM raised), '{}') AS flag_details
            """)[0]
        guard try row.decode("held", as: Bool.self) else { throw LeaseLost(job: job.id) }
        let kinds: [String] = try row.decode("flag_kinds")
        let subjects: [String] = try row.decode("flag_subjects")
        let details: [String] = try row.decode("flag_details")
        return PollOutcome(
            figureID: try row.decode("figure_id"), count: reading.count, previous: try row.decode("previous"),
            newFlags: kinds.indices.map { SourceFlag(kind: kinds[$0], subject: subjects[$0], detail: details[$0]) },
            closedNow: try row.decode("closed_now"), stopped: try row.decode("stopped"), alertsRaised: try row.decode("alerts_raised"))
    }

    /// The source was polled now: the validators of its answer, and whether anything changed.
    func markPolled(source id: Int, at now: Date, validators: (etag: String?, lastModified: String?), changed: Bool) throws {
        try db.execute(
            """
            UPDATE sources SET last_polled_at = \(now), etag = \(validators.etag), last_modified = \(validators.lastModified),
                   last_changed_at = CASE WHEN \(changed) THEN \(now) ELSE last_changed_at END
            WHERE id = \(id)
            """)
    }

    /// Nothing changed (a 304 answer): every series of the source was seen again now.
    public func recordUnchanged(_ job: ClaimedJob, at now: Date) throws {
        try db.execute(
            """
            UPDATE observations o SET last_seen_at = \(now)
            FROM (SELECT DISTINCT ON (series) id FROM observations WHERE source_id = \(job.source.id) ORDER BY series, first_seen_at DESC, id DESC) latest
            WHERE o.id = latest.id AND o.last_seen_at < \(now)
            """)
        try db.execute("UPDATE sources SET last_polled_at = \(now) WHERE id = \(job.source.id)")
    }

    // MARK: Feeds

    /// Which of `keys` the feed source has not processed yet, in the given order.
    public func unprocessedFeedItems(source: Int, keys: [String]) throws -> [String] {
        guard !keys.isEmpty else { return [] }
        let seen = Set(
            try db.query("SELECT item_key FROM feed_items WHERE source_id = \(source) AND item_key = ANY(\(keys))").map {
                try $0.decode("item_key", as: String.self)
            })
        return keys.filter { !seen.contains($0) }
    }

    /// One processed feed item and the figures found in it.
    public struct ProcessedItem: Sendable {
        public var item: FeedItem
        public var figures: [FigureDraft]
        /// Why the item could not be read (a missing article); it is still marked processed.
        public var error: String?
        public init(item: FeedItem, figures: [FigureDraft], error: String? = nil) {
            self.item = item
            self.figures = figures
            self.error = error
        }
    }

    /// Marks items processed and stores their figures as unreviewed `extracted` ones. An item
    /// already processed (by an earlier run) is skipped with its figures.
    /// - Returns: items newly processed and figures added.
    public func recordFeedItems(
        _ job: ClaimedJob, items: [ProcessedItem], at now: Date, worker: String,
        validators: (etag: String?, lastModified: String?)
    ) throws -> (items: Int, figures: Int) {
        var itemsAdded = 0
        var figuresAdded = 0
        for processed in items {
            let item = processed.item
            let inserted = try db.execute(
                """
                INSERT INTO feed_items (source_id, item_key, url, title, published_at, processed_at, job_id, figures, error)
                VALUES (\(job.source.id), \(item.key), \(item.url), \(item.title.map { String($0.prefix(500)) }), \(item.published), \(now), \(job.id),
                        \(processed.figures.count), \(processed.error))
                ON CONFLICT (source_id, item_key) DO NOTHING
                """)
            guard inserted == 1 else { continue }
            itemsAdded += 1
            if !processed.figures.isEmpty {
                let result = try FigureStore(db).add(
                    processed.figures, actor: worker, skipDuplicates: true, action: "figure.extract", subject: item.url ?? item.key)
                figuresAdded += result.inserted.count
            }
        }
        try markPolled(source: job.source.id, at: now, validators: validators, changed: itemsAdded > 0)
        return (itemsAdded, figuresAdded)
    }

}

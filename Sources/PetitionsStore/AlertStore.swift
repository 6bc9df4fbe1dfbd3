import Foundation
import PetitionsDomain
import PetitionsSources
import Postgres

/// An alert as stored, with how its deliveries went.
public struct StoredAlert: Sendable {
    public var id: Int
    public var campaign: String
    public var event: AlertEvent
    public var threshold: Int?
    public var webhookURL: String?
    public var command: String?
    public var createdBy: String
    public var createdAt: Date
    public var sent: Int
    public var waiting: Int
    public var failed: Int
    public var lastError: String?
}

/// A delivery claimed for sending.
public struct AlertDelivery: Sendable {
    public var id: Int
    public var alertID: Int
    public var eventKey: String
    public var attempt: Int
    public var maxAttempts: Int
    /// The JSON document sent.
    public var payload: String
    public var webhookURL: String?
    public var command: String?
}

/// Alerts on a campaign's events, and the queue of their deliveries.
public struct AlertStore: StoreArea {
    public let db: PGConnection
    public init(_ db: PGConnection) { self.db = db }

    /// Adds an alert, checked first: the event word, a threshold where one is needed, a webhook URL
    /// that is http(s) or a command, and the campaign.
    public func add(campaign slug: String, event: AlertEvent, threshold: Int?, webhookURL: String?, command: String?, actor: String) throws -> StoredAlert {
        var problems: [DomainError] = []
        if event == .threshold && threshold == nil {
            problems.append(.invalid(field: "threshold", reason: "a threshold alert needs the count to watch for (--threshold N)"))
        }
        if let threshold, threshold <= 0 { problems.append(.invalid(field: "threshold", reason: "must be a positive count")) }
        if event == .goal || event == .countFell || event == .outdatedReport, threshold != nil {
            problems.append(.invalid(field: "threshold", reason: "only threshold and anomaly alerts take one"))
        }
        if webhookURL == nil && command == nil {
            problems.append(.invalid(field: "delivery", reason: "say where the alert goes: --webhook URL or --command PATH"))
        }
        if let webhookURL {
            // The sources' URL check, on the redacted form so that a password never shows in the error.
            if let problem = SourceURL.problem(SourceURL.redacted(webhookURL)) { problems.append(.invalid(field: "webhook", reason: problem)) }
            if let problem = Validate.length(webhookURL, Validate.Limit.url, field: "webhook") { problems.append(problem) }
        }
        if let command, let problem = Validate.length(command, Validate.Limit.url, field: "command") { problems.append(problem) }
        if !problems.isEmpty { throw ValidationFailure(problems) }
        return try db.withTransaction { db in
            let campaignID = try campaignID(slug)
            let id: Int = try db.query(
                """
                INSERT INTO alerts (campaign_id, event, threshold, webhook_url, command, created_by)
                VALUES (\(campaignID), \(event.rawValue), \(threshold), \(webhookURL), \(command), \(actor))
                RETURNING id
                """)[0].decode("id")
            try audit(
                db, actor: actor, action: "alert.add", type: "alert", subject: String(id),
                details: ["campaign": slug, "event": event.rawValue, "webhook": webhookURL.map(SourceURL.redacted) ?? "", "command": command ?? ""])
            return try find(id)!
        }
    }

    /// Alerts (all campaigns when `campaign` is nil), with their deliveries counted.
    public func list(campaign slug: String? = nil) throws -> [StoredAlert] {
        if let slug { _ = try campaignID(slug) }
        return try alertRows(slug: slug, id: nil)
    }

    func find(_ id: Int) throws -> StoredAlert? { try alertRows(slug: nil, id: id).first }

    private func alertRows(slug: String?, id: Int?) throws -> [StoredAlert] {
        try db.query(
            """
            SELECT a.id, c.slug, a.event, a.threshold, a.webhook_url, a.command, a.created_by, a.created_at,
                   count(d.id) FILTER (WHERE d.state = 'sent') AS sent,
                   count(d.id) FILTER (WHERE d.state IN ('queued', 'sending')) AS waiting,
                   count(d.id) FILTER (WHERE d.state = 'failed') AS failed,
                   (SELECT last_error FROM alert_deliveries e WHERE e.alert_id = a.id AND e.last_error IS NOT NULL ORDER BY e.id DESC LIMIT 1) AS last_error
            FROM alerts a JOIN campaigns c ON c.id = a.campaign_id LEFT JOIN alert_deliveries d ON d.alert_id = a.id
            WHERE (\(id)::bigint IS NOT NULL AND a.id = \(id))
               OR (\(id)::bigint IS NULL AND a.removed_at IS NULL AND (\(slug)::text IS NULL OR c.slug = \(slug)))
            GROUP BY a.id, c.slug
            ORDER BY a.id
            """
        ).map { row in
            StoredAlert(
                id: try row.decode("id"), campaign: try row.decode("slug"), event: try AlertEvent.parse(try row.decode("event")),
                threshold: try row.decode("threshold"), webhookURL: try row.decode("webhook_url"), command: try row.decode("command"),
                createdBy: try row.decode("created_by"), createdAt: try row.decode("created_at"), sent: try row.decode("sent"),
                waiting: try row.decode("waiting"), failed: try row.decode("failed"), lastError: try row.decode("last_error"))
        }
    }

    /// Stops an alert; what it already sent stays on record.
    public func remove(_ id: Int, actor: String) throws {
        try db.withTransaction { db in
            let removed = try db.execute("UPDATE alerts SET removed_at = now() WHERE id = \(id) AND removed_at IS NULL")
            guard removed == 1 else { throw ValidationFailure([.invalid(field: "alert \(id)", reason: "no such alert (see: petitions alert list)")]) }
            // Deliveries not sent yet are dropped with it.
            try db.execute("UPDATE alert_deliveries SET state = 'failed', last_error = 'the alert was removed' WHERE alert_id = \(id) AND state = 'queued'")
            try audit(db, actor: actor, action: "alert.remove", type: "alert", subject: String(id), details: ["removed": "yes"])
        }
    }

    /// Queues a test delivery of an alert (a sample of its payload, marked `"test": true`).
    public func queueTest(_ id: Int, now: Date = Date()) throws -> Int {
        guard let alert = try find(id), try db.query("SELECT 1 FROM alerts WHERE id = \(id) AND removed_at IS NULL").count == 1 else {
            throw ValidationFailure([.invalid(field: "alert \(id)", reason: "no such alert (see: petitions alert list)")])
        }
        let payload = try PGJSON(
            encoding: AlertPayload(
                alertID: alert.id, event: alert.event.rawValue, campaign: alert.campaign, title: try CampaignStore(db).find(alert.campaign)?.title ?? "",
                message: "a test of this alert: nothing happened", at: TimeFormatting.iso(now), test: true))
        return try db.query(
            """
            INSERT INTO alert_deliveries (alert_id, event_key, payload, next_attempt_at)
            VALUES (\(id), \("test:" + TimeFormatting.iso(now) + ":" + UUID().uuidString.prefix(8)), \(payload), \(now))
            RETURNING id
            """)[0].decode("id")
    }

    /// Outdated-report alerts for figures just recorded: each one below the platform's count at its
    /// published time (a count the outlet could have seen) raises once.
    @discardableResult
    public func raiseReportAlerts(campaign slug: String, figures ids: [Int], now: Date) throws -> Int {
        guard !ids.isEmpty,
            try db.query(
                """
                SELECT 1 FROM alerts a JOIN campaigns c ON c.id = a.campaign_id WHERE c.slug = \(slug) AND a.event = 'outdated-report' AND a.removed_at IS NULL
                """
            ).count > 0
        else { return 0 }
        let (campaign, figures, readings) = try FigureStore(db).comparisonInput(campaign: slug)
        var raised = 0
        for figure in figures where ids.contains(figure.id) && figure.outletKind != .platform {
            guard let published = figure.draft.published, let platform = readings[figure.id]?.atPublished,
                let high = PlatformVerdict.judged(figure.interval).high, high < platform.value
            else { continue }
            let message =
                "\(figure.draft.outlet) published \(figure.phrase) \(figure.draft.metric.words) at \(TimeFormatting.iso(published)); the platform already showed \(NumberFormatting.grouped(platform.value)) (as of \(TimeFormatting.iso(platform.asOf)))"
            let payload = try PGJSON(
                encoding: AlertPayload(
                    alertID: 0, event: AlertEvent.outdatedReport.rawValue, campaign: slug, title: campaign.title,
                    message: message, at: TimeFormatting.iso(now), figureID: figure.id, outlet: figure.draft.outlet,
                    reported: figure.draft.value, platform: platform.value))
            raised += try db.execute(
                """
                INSERT INTO alert_deliveries (alert_id, event_key, payload, next_attempt_at)
                SELECT a.id, \("outdated-report:\(figure.id)"), jsonb_set(\(payload)::jsonb, '{alert_id}', to_jsonb(a.id)), \(now)
                FROM alerts a JOIN campaigns c ON c.id = a.campaign_id
                WHERE c.slug = \(slug) AND a.event = 'outdated-report' AND a.removed_at IS NULL
                ON CONFLICT (alert_id, event_key) DO NOTHING
                """)
        }
        return raised
    }

    /// Claims deliveries that are due (and rescues ones whose sender's lease ran out), under SKIP
    /// LOCKED: two workers never send the same one at once.
    public func claimDeliveries(worker: String, now: Date, lease: TimeInterval, limit: Int) throws -> [AlertDelivery] {
        try db.query(
            """
            WITH due AS (
                SELECT id FROM alert_deliveries
                WHERE (state = 'queued' AND next_attempt_at <= \(now)) OR (state = 'sending' AND lease_until < \(now))
                ORDER BY next_attempt_at, id
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            )
            UPDATE alert_deliveries d SET state = 'sending', attempts = d.attempts + 1, worker = \(worker),
                   lease_until = \(now) + make_interval(secs => \(lease))
            FROM due, alerts a
            WHERE d.id = due.id AND a.id = d.alert_id
            RETURNING d.id, d.alert_id, d.event_key, d.attempts, d.max_attempts, d.payload::text AS payload, a.webhook_url, a.command
            """
        ).map { row in
            AlertDelivery(
                id: try row.decode("id"), alertID: try row.decode("alert_id"), eventKey: try row.decode("event_key"), attempt: try row.decode("attempts"),
                maxAttempts: try row.decode("max_attempts"), payload: try row.decode("payload"), webhookURL: try row.decode("webhook_url"),
                command: try row.decode("command"))
        }
    }

    /// Marks a claimed delivery sent (`error` nil), queued again at `retryAt`, or failed for good.
    /// - Returns: false when this worker no longer held it (its lease ran out and another took it).
    @discardableResult
    public func finishDelivery(_ delivery: AlertDelivery, worker: String, now: Date, error: String?, retryAt: Date?) throws -> Bool {
        let state = (error == nil ? DeliveryState.sent : retryAt == nil ? .failed : .queued).rawValue
        return try db.execute(
            """
            UPDATE alert_deliveries SET state = \(state), lease_until = NULL, last_error = \(error.map { String($0.prefix(1000)) }),
                   sent_at = CASE WHEN \(state) = 'sent' THEN \(now) END, next_attempt_at = coalesce(\(retryAt), next_attempt_at)
            WHERE id = \(delivery.id) AND state = 'sending' AND worker = \(worker) AND attempts = \(delivery.attempt)
            """) == 1
    }

    /// Deliveries of an alert, newest first.
    public func deliveries(_ id: Int, limit: Int = 50) throws -> [(
        id: Int, eventKey: String, state: String, attempts: Int, lastError: String?, createdAt: Date, sentAt: Date?
    )] {
        try db.query(
            """
            SELECT id, event_key, state, attempts, last_error, created_at, sent_at FROM alert_deliveries
            WHERE alert_id = \(id) ORDER BY id DESC LIMIT \(limit)
            """
        ).map {
            (
                try $0.decode("id"), try $0.decode("event_key"), try $0.decode("state"), try $0.decode("attempts"), try $0.decode("last_error"),
                try $0.decode("created_at"), try $0.decode("sent_at")
            )
        }
    }
}

/// The JSON an alert sends (documented in the README, "Alerts").
struct AlertPayload: Encodable {
    var alertID: Int
    var event: String
    var campaign: String
    var title: String
    var message: String
    var at: String
    var test: Bool? = nil
    var figureID: Int? = nil
    var outlet: String? = nil
    var reported: Int? = nil
    var platform: Int? = nil

    enum CodingKeys: String, CodingKey {
        case alertID = "alert_id", event, campaign, title, message, at, test, figureID = "figure_id", outlet, reported, platform
    }
}

import Foundation
import PetitionsDomain
import Postgres

/// Reported figures: added in batches all-or-nothing, retracted and corrected (never edited in
/// place), read for listings and comparisons.
public struct FigureStore: StoreArea {
    public let db: PGConnection
    public init(_ db: PGConnection) { self.db = db }

    /// What `add` did.
    public struct AddResult: Sendable, Equatable {
        /// Ids of the new figures, in input order (duplicates skipped).
        public var inserted: [Int]
        /// Inputs identical to a figure already stored (or earlier in the same batch), not added again.
        public var duplicates: Int
    }

    /// One input that could not be stored, with its position (a line number for imports).
    public struct BatchProblem: Error, Sendable, CustomStringConvertible {
        public var position: Int
        public var problems: [DomainError]
        public init(position: Int, problems: [DomainError]) {
            self.position = position
            self.problems = problems
        }
        public var description: String { problems.map { "line \(position): \($0)" }.joined(separator: "\n") }
    }

    /// The problems of a rejected batch; nothing of it was written.
    public struct BatchFailure: Error, Sendable, CustomStringConvertible {
        public var problems: [BatchProblem]
        public init(problems: [BatchProblem]) { self.problems = problems }
        public var description: String {
            let shown = problems.prefix(20).map(\.description).joined(separator: "\n")
            let more = problems.count > 20 ? "\n... and \(problems.count - 20) more lines with problems" : ""
            return "nothing was imported; fix these and run it again:\n" + shown + more
        }
    }

    /// Adds figures all-or-nothing in one statement. Every input is validated first (slugs
    /// included, with suggestions); with `skipDuplicates`, inputs identical to a stored figure are
    /// skipped, so re-running the same import adds nothing.
    /// - Parameter positions: how to name each input in errors (line numbers); default 1, 2, 3...
    public func add(
        _ drafts: [FigureDraft], actor: String, positions: [Int]? = nil, skipDuplicates: Bool = true, action: String = "figure.add", subject: String? = nil
    ) throws -> AddResult {
        let positions = positions ?? Array(1...max(drafts.count, 1))
        var failures: [BatchProblem] = []
        for (index, draft) in drafts.enumerated() {
            let problems = draft.problems()
            if !problems.isEmpty { failures.append(BatchProblem(position: positions[index], problems: problems)) }
        }
        return try db.withTransaction { db in
            let campaignIDs = try ids(table: "campaigns", slugs: Set(drafts.map(\.campaign)))
            let outletIDs = try ids(table: "outlets", slugs: Set(drafts.map(\.outlet)))
            for (index, draft) in drafts.enumerated() {
                var problems: [DomainError] = []
                if campaignIDs[draft.campaign] == nil { problems.append(try unknownCampaign(draft.campaign)) }
                if outletIDs[draft.outlet] == nil { problems.append(try unknownOutlet(draft.outlet)) }
                if !problems.isEmpty {
                    if let existing = failures.firstIndex(where: { $0.position == positions[index] }) {
                        failures[existing].problems += problems
                    } else {
                        failures.append(BatchProblem(position: positions[index], problems: problems))
                    }
                }
            }
            guard failures.isEmpty else { throw BatchFailure(problems: failures.sorted { $0.position < $1.position }) }
            guard !drafts.isEmpty else { return AddResult(inserted: [], duplicates: 0) }

            var seen = Set<FigureDraft>()
            let unique = drafts.filter { seen.insert($0).inserted }
            let rows = try db.query(
                """
                WITH input AS (
                    SELECT * FROM unnest(
                        \(unique.map { campaignIDs[$0.campaign]! }), \(unique.map { outletIDs[$0.outlet]! }), \(unique.map(\.metric.rawValue)),
                        \(unique.map(\.value)), \(unique.map(\.high)), \(unique.map(\.qualifier.rawValue)), \(unique.map(\.asOf)),
                        \(unique.map(\.published)), \(unique.map(\.sourceURL)), \(unique.map(\.quote)), \(unique.map(\.language)),
                        \(unique.map(\.method.rawValue)), \(unique.map(\.note))
                    ) WITH ORDINALITY AS i(campaign_id, outlet_id, metric, value, high, qualifier, as_of, published_at, source_url, quote, language, method, note, position)
                )
                INSERT INTO figures (campaign_id, outlet_id, metric, value, high, qualifier, as_of, published_at, source_url, quote, language, method, entered_by, note)
                SELECT campaign_id, outlet_id, metric, value, high, qualifier, as_of, published_at, source_url, quote, language, method, \(actor), note
                FROM input i
                WHERE NOT \(skipDuplicates) OR NOT EXISTS (
                    -- Against every figure still standing or awaiting or refused in review: an article
                    -- recorded again, or a rejected figure extracted again, adds nothing.
                    SELECT 1 FROM figures f
                    WHERE NOT EXISTS (SELECT 1 FROM figure_retractions r WHERE r.figure_id = f.id)
                      AND NOT EXISTS (SELECT 1 FROM figures c WHERE c.supersedes = f.id)
                      AND f.campaign_id = i.campaign_id AND f.outlet_id = i.outlet_id AND f.metric = i.metric AND f.value = i.value
                      AND f.high IS NOT DISTINCT FROM i.high AND f.qualifier = i.qualifier AND f.as_of = i.as_of
                      AND f.published_at IS NOT DISTINCT FROM i.published_at AND f.source_url IS NOT DISTINCT FROM i.source_url)
                ORDER BY position
                RETURNING id
                """)
            let inserted = try rows.map { try $0.decode("id", as: Int.self) }
            let result = AddResult(inserted: inserted, duplicates: drafts.count - inserted.count)
            if !inserted.isEmpty {
                try audit(
                    db, actor: actor, action: action, type: "figure", subject: subject ?? inserted.map(String.init).joined(separator: ","),
                    details: ["inserted": inserted.count, "duplicates": result.duplicates, "first_id": inserted.first ?? 0, "last_id": inserted.last ?? 0])
                // Outdated-report alerts, in the same transaction as the figures they report.
                for campaign in Set(unique.map(\.campaign)).sorted() {
                    try AlertStore(db).raiseReportAlerts(campaign: campaign, figures: inserted, now: Date())
                }
            }
            return result
        }
    }

    /// Figures of a campaign: the current view, or with `history` every figure with its status.
    public func list(campaign slug: String, history: Bool = false, metric: Metric? = nil) throws -> [ReportedFigure] {
        _ = try campaignID(slug)
        return try db.query(
            """
            \(unsafeRaw: Self.figureColumns)
            FROM \(unsafeRaw: history ? "figures" : "current_figures") f
            JOIN campaigns c ON c.id = f.campaign_id JOIN outlets o ON o.id = f.outlet_id
            WHERE c.slug = \(slug) AND (\(metric?.rawValue) IS NULL OR f.metric = \(metric?.rawValue))
            ORDER BY f.metric, f.as_of, f.id
            """
        ).map(Self.decodeFigure)
    }

    public func find(_ id: Int) throws -> ReportedFigure? {
        try db.query(
            """
            \(unsafeRaw: Self.figureColumns)
            FROM figures f JOIN campaigns c ON c.id = f.campaign_id JOIN outlets o ON o.id = f.outlet_id
            WHERE f.id = \(id)
            """
        ).first.map(Self.decodeFigure)
    }

    /// The select list `decodeFigure` reads, for a query over `figures f`, `campaigns c`, `outlets o`.
    static let figureColumns = """
        SELECT f.*, c.slug AS campaign, o.slug AS outlet, o.kind AS outlet_kind,
               (SELECT s.status FROM figure_status s WHERE s.id = f.id) AS status
        """

    static func decodeFigure(_ row: PGRow) throws -> ReportedFigure {
        let draft = FigureDraft(
            campaign: try row.decode("campaign"), outlet: try row.decode("outlet"), metric: try Metric.parse(try row.decode("metric")),
            value: try row.decode("value"), high: try row.decode("high"), qualifier: try Qualifier.parse(try row.decode("qualifier")),
            asOf: try row.decode("as_of"), published: try row.decode("published_at"), sourceURL: try row.decode("source_url"),
            quote: try row.decode("quote"), language: try row.decode("language"), method: try EntryMethod.parse(try row.decode("method")),
            note: try row.decode("note"))
        return ReportedFigure(
            id: try row.decode("id"), draft: draft, outletKind: try OutletKind.parse(try row.decode("outlet_kind")),
            recorded: try row.decode("recorded_at"), enteredBy: try row.decode("entered_by"), supersedes: try row.decode("supersedes"),
            status: try ReportedFigure.Status.parse(try row.decode("status")))
    }

    /// Records that a figure is withdrawn. The figure stays in the history.
    public func retract(_ id: Int, reason: String, actor: String) throws {
        try Validate.bounded((reason, Validate.Limit.reason, "reason"), (actor, Validate.Limit.actor, "actor"))
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationFailure([.invalid(field: "reason", reason: "say why the figure is retracted")])
        }
        try db.withTransaction { db in
            let figure = try lockedCurrentFigure(id)
            try db.execute("INSERT INTO figure_retractions (figure_id, reason, retracted_by) VALUES (\(id), \(reason), \(actor))")
            try audit(
                db, actor: actor, action: "figure.retract", type: "figure", subject: String(id), details: ["reason": reason, "campaign": figure.draft.campaign])
        }
    }

    /// Records a new figure that supersedes `id`. - Returns: the new figure's id.
    public func correct(_ id: Int, with draft: FigureDraft, actor: String) throws -> Int {
        let problems = draft.problems()
        guard problems.isEmpty else { throw ValidationFailure(problems) }
        return try db.withTransaction { db in
            let original = try lockedCurrentFigure(id)
            guard original.draft.campaign == draft.campaign else {
                throw ValidationFailure([
                    .invalid(field: "campaign", reason: "a correction stays with the campaign of figure \(id) (\(original.draft.campaign))")
                ])
            }
            guard let outletID = try ids(table: "outlets", slugs: [draft.outlet])[draft.outlet] else {
                throw try unknownOutlet(draft.outlet)
            }
            let newID: Int
            do {
                newID = try db.query(
                    """
                    INSERT INTO figures (campaign_id, outlet_id, metric, value, high, qualifier, as_of, published_at, source_url, quote, language, method, entered_by, note, supersedes)
                    SELECT campaign_id, \(outletID), \(draft.metric.rawValue), \(draft.value), \(draft.high), \(draft.qualifier.rawValue), \(draft.asOf),
                           \(draft.published), \(draft.sourceURL), \(draft.quote), \(draft.language), \(draft.method.rawValue), \(actor), \(draft.note), id
                    FROM figures WHERE id = \(id)
                    RETURNING id
                    """)[0].decode("id")
            } catch let error as PGError where error.isUniqueViolation {
                throw StoreError.conflict("figure \(id) was corrected meanwhile; see: petitions figure list \(original.draft.campaign) --history")
            }
            try audit(
                db, actor: actor, action: "figure.correct", type: "figure", subject: String(id),
                details: ["replaced_by": AnyEncodable(newID), "after": AnyEncodable(draft)])
            return newID
        }
    }

    private func lockedCurrentFigure(_ id: Int) throws -> ReportedFigure {
        guard try !db.query("SELECT id FROM figures WHERE id = \(id) FOR KEY SHARE").isEmpty, let figure = try find(id) else {
            throw StoreError.notFound("there is no figure \(id) (see: petitions figure list CAMPAIGN)")
        }
        switch figure.status {
        case .current, .unreviewed: return figure
        case .rejected: throw StoreError.conflict("figure \(id) was rejected in review; it stays in the history and cannot change")
        case .retracted: throw StoreError.conflict("figure \(id) is already retracted; retracted figures stay in the history and cannot change")
        case .superseded:
            let replacement = try db.query("SELECT id FROM figures WHERE supersedes = \(id)").first?.decode("id", as: Int.self)
            throw StoreError.conflict("figure \(id) was already corrected by figure \(replacement.map(String.init) ?? "?"); act on that one instead")
        }
    }

    // MARK: Comparison

    /// The campaign, each outlet's latest current figure per metric, and for each of those the
    /// platform's count at or before its as-of time. Reads only those rows, not the history.
    /// - Parameter includeUnreviewed: also compare extracted figures still waiting for review.
    public func comparisonInput(campaign slug: String, includeUnreviewed: Bool = false) throws -> (Campaign, [ReportedFigure], [Int: PlatformContext]) {
        guard let campaign = try CampaignStore(db).find(slug) else { throw try unknownCampaign(slug) }
        let campaignID = try campaignID(slug)
        let figures = try db.query(
            """
            SELECT l.*, c.slug AS campaign, o.slug AS outlet, o.kind AS outlet_kind,
                   (SELECT s.status FROM figure_status s WHERE s.id = l.id) AS status
            FROM campaigns c
            CROSS JOIN outlets o
            CROSS JOIN unnest(\(Metric.allCases.map(\.rawValue))) AS m(metric)
            JOIN LATERAL (
                SELECT f.* FROM \(unsafeRaw: includeUnreviewed ? "live_figures" : "current_figures") f
                WHERE f.campaign_id = c.id AND f.metric = m.metric AND f.outlet_id = o.id
                ORDER BY f.as_of DESC, f.id DESC LIMIT 1
            ) l ON true
            WHERE c.id = \(campaignID)
            """
        ).map(Self.decodeFigure)
        return (campaign, figures, try platformContexts(campaignID: campaignID, figures: figures.filter { $0.outletKind != .platform }))
    }

    /// What the platform's own count showed around each figure: index probes of `figures_latest` on
    /// the platform's series (the platform outlet with the latest count of the figure's metric).
    func platformContexts(campaignID: Int, figures: [ReportedFigure]) throws -> [Int: PlatformContext] {
        guard !figures.isEmpty else { return [:] }
        let ids = figures.map(\.id), metrics = figures.map(\.draft.metric.rawValue), asOf = figures.map(\.draft.asOf)
        let published: [Date?] = figures.map(\.draft.published), lows = figures.map(\.interval.low)
        let highs: [Int?] = figures.map { PlatformVerdict.judged($0.interval).high }
        func probe(_ condition: String, descending: Bool) -> String {
            let order = descending ? "DESC" : "ASC"
            return """
                SELECT f.value, f.as_of FROM current_figures f
                WHERE f.campaign_id = $1 AND f.metric = x.metric AND f.outlet_id = p.id \(condition)
                ORDER BY f.campaign_id, f.metric, f.outlet_id, f.as_of \(order), f.id \(order) LIMIT 1
                """
        }
        // In this order: later probes read earlier ones. `passed` walks back from the as-of time to
        // the last count the figure allowed (only for a figure behind the count) and takes the next;
        // `reached` walks forward (only for a figure above the count, and only when the latest count
        // is at or above it), so no probe reads the whole history.
        let readings: [(String, String)] = [
            ("at_as_of", probe("AND f.as_of <= x.as_of", descending: true)),
            ("at_published", probe("AND x.published IS NOT NULL AND f.as_of <= x.published", descending: true)),
            ("first", probe("", descending: false)),
            ("latest", probe("", descending: true)),
            ("below", probe("AND at_as_of.value > x.high AND f.as_of <= x.as_of AND f.value <= x.high", descending: true)),
            ("passed", probe("AND below.as_of IS NOT NULL AND f.as_of > below.as_of", descending: false)),
            (
                "reached",
                probe(
                    "AND (at_as_of.value IS NULL OR at_as_of.value < x.low) AND latest.value >= x.low AND f.as_of > x.as_of AND f.value >= x.low",
                    descending: false)
            ),
        ]
        let names = readings.map(\.0).filter { $0 != "below" }
        // Program-chosen SQL text; every value is a bound parameter ($1 the campaign, $2... the arrays).
        let sql = """
            SELECT x.id, p.slug, \(names.map { "\($0).value AS \($0)_value, \($0).as_of AS \($0)_as_of" }.joined(separator: ", "))
            FROM unnest($2::bigint[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::bigint[], $7::bigint[])
                 AS x(id, metric, as_of, published, low, high)
            JOIN LATERAL (
                SELECT o.id, o.slug FROM outlets o
                JOIN LATERAL (
                    SELECT f.as_of FROM current_figures f WHERE f.campaign_id = $1 AND f.metric = x.metric AND f.outlet_id = o.id
                    ORDER BY f.campaign_id, f.metric, f.outlet_id, f.as_of DESC, f.id DESC LIMIT 1
                ) newest ON true
                WHERE o.kind = 'platform' ORDER BY newest.as_of DESC, o.id LIMIT 1
            ) p ON true
            \(readings.map { "LEFT JOIN LATERAL (\($0.1)) \($0.0) ON true" }.joined(separator: "\n"))
            """
        let rows = try db.query(PGQuery(unsafeSQL: sql, bindings: [campaignID, ids, metrics, asOf, published, lows, highs]))
        var contexts: [Int: PlatformContext] = [:]
        for row in rows {
            func reading(_ name: String, outlet: String) throws -> PlatformReading? {
                guard let value = try row.decode("\(name)_value", as: Int?.self) else { return nil }
                return PlatformReading(outlet: outlet, value: value, asOf: try row.decode("\(name)_as_of"))
            }
            let outlet: String = try row.decode("slug")
            contexts[try row.decode("id")] = PlatformContext(
                outlet: outlet, atAsOf: try reading("at_as_of", outlet: outlet), atPublished: try reading("at_published", outlet: outlet),
                passed: try reading("passed", outlet: outlet), reached: try reading("reached", outlet: outlet),
                first: try reading("first", outlet: outlet), latest: try reading("latest", outlet: outlet))
        }
        return contexts
    }

    /// Unknown campaign and outlet slugs among `references` (position, campaign, outlet), with suggestions.
    public func slugProblems(_ references: [(position: Int, campaign: String?, outlet: String?)]) throws -> [BatchProblem] {
        let campaignIDs = try ids(table: "campaigns", slugs: Set(references.compactMap(\.campaign)))
        let outletIDs = try ids(table: "outlets", slugs: Set(references.compactMap(\.outlet)))
        var problems: [BatchProblem] = []
        for reference in references {
            var found: [DomainError] = []
            if let campaign = reference.campaign, campaignIDs[campaign] == nil { found.append(try unknownCampaign(campaign)) }
            if let outlet = reference.outlet, outletIDs[outlet] == nil { found.append(try unknownOutlet(outlet)) }
            if !found.isEmpty { problems.append(BatchProblem(position: reference.position, problems: found)) }
        }
        return problems
    }
}

import Foundation
import PetitionsDomain
import Postgres

extension SignatoryStore {
    // MARK: Import

    /// Imports a list into a campaign, all or nothing.
    ///
    /// Swift reads and checks every entry (each problem with its line), computes the name keys and
    /// the fingerprint (on every core), and streams the entries through `COPY`, so memory stays
    /// flat whatever the size. An entry's fingerprint is a digest of its content and of its
    /// occurrence in the file, so re-importing a file adds nothing, while a list that names someone
    /// twice keeps both entries (reported by `duplicates`, never merged).
    ///
    /// - A campaign's first list is copied straight into `signatories`, the way a bulk load would
    ///   be. Entries that may repeat an earlier one (a fixed-size filter says so) get a stand-in key
    ///   that SQL replaces once it has counted the earlier ones.
    /// - A list added to stored entries goes through a temporary staging table, and one
    ///   `INSERT ... SELECT` moves what is not stored yet.
    ///
    /// Any problem rejects the whole list: nothing more is sent once one is found, and the
    /// transaction rolls back.
    ///
    /// - Parameters:
    ///   - records: the entries after the header, in order; nil at the end.
    ///   - source: where the list comes from (a file name or URL), for entries without a source.
    ///   - progress: called with the number of entries read, every 100,000.
    public func importList(
        campaign slug: String, columns: SignatoryColumns, records: @escaping () throws -> SignatoryRecord?, source: String, actor: String,
        dryRun: Bool = false, progress: @escaping (Int) -> Void = { _ in }
    ) throws -> SignatoryImportResult {
        let campaignID = try campaignID(slug)
        do {
            return try importInTransaction(
                campaignID: campaignID, slug: slug, columns: columns, records: records, source: source, actor: actor,
                dryRun: dryRun, progress: progress)
        } catch let rollback as DryRunRollback {
            return rollback.result
        }
    }

    private func importInTransaction(
        campaignID: Int, slug: String, columns: SignatoryColumns, records: @escaping () throws -> SignatoryRecord?, source: String, actor: String,
        dryRun: Bool, progress: @escaping (Int) -> Void
    ) throws -> SignatoryImportResult {
        var mark = Date()
        func phase(_ name: String) {
            if ProcessInfo.processInfo.environment["PETITIONS_TIMING"] != nil {
                FileHandle.standardError.write(Data("\(name): \(String(format: "%.2f", Date().timeIntervalSince(mark))) s\n".utf8))
            }
            mark = Date()
        }
        return try db.withTransaction { db in
            // Room to sort a large staged list in memory. temp_buffers can only change before the
            // session's first temporary table; a long-lived session keeps what it has.
            try db.execute("SET LOCAL jit = off")
            try db.execute("SET LOCAL work_mem = '256MB'")
            _ = try? db.withTransaction { db in try db.execute("SET LOCAL temp_buffers = '512MB'") }
            // One import per campaign at a time: the first-list path and the skip-what-is-stored
            // check below rely on it.
            try db.execute("SELECT pg_advisory_xact_lock(hashtext('signatory-import'), \(campaignID)::int)")
            let firstList = try db.query("SELECT NOT EXISTS (SELECT 1 FROM signatories WHERE campaign_id = \(campaignID)) AS empty")[0]
                .decode("empty", as: Bool.self)
            // Watched names by their accent-free key (a short list): matched as entries are read.
            var watched: [String: [String]] = [:]
            for row in try db.query("SELECT loose_key, name FROM watch_list ORDER BY name") {
                watched[try row.decode("loose_key"), default: []].append(try row.decode("name"))
            }
            if !firstList {
                try db.execute(
                    """
                    CREATE TEMPORARY TABLE signatory_staging (
                        line int, name text, name_key text, loose_key text, skeleton text, role text, affiliation text, affiliation_key text,
                        country text, signed_at timestamptz, source text, visibility text, status text, content text
                    ) ON COMMIT DROP
                    """)
            }
            var result = SignatoryImportResult(dryRun: dryRun)
            let copyStatement =
                firstList
                ? """
                COPY signatories (campaign_id, display_name, name_key, loose_key, skeleton, role, affiliation, affiliation_key, country, signed_at,
                                  source, visibility, status, row_key) FROM STDIN
                """
                : "COPY signatory_staging FROM STDIN"
            let reader = SignatoryListReader(
                columns: columns, source: source, target: firstList ? .signatories(campaignID: campaignID) : .staging,
                watched: watched, records: records, progress: progress)
            result.inserted = try stream(reader, through: copyStatement, on: db)
            result.rows = reader.rows
            result.watchMatches = reader.watchMatches
            phase("copy")
            if firstList {
                result.repeatedInFile = try settleRepeats(db, campaignID: campaignID, reader.maybeRepeats, listSize: result.inserted)
                phase("repeats")
            } else {
                try moveStaged(db, campaignID: campaignID, into: &result)
                phase("insert")
            }
            try audit(
                db, actor: actor, action: "signatory.import", type: "campaign", subject: slug,
                details: ["source": source, "rows": String(result.rows), "inserted": String(result.inserted), "already_stored": String(result.alreadyStored)])
            if dryRun { throw DryRunRollback(result: result) }
            return result
        }
    }

    /// Sends a list through `COPY`: it is read, checked and encoded on its own thread while this
    /// one sends what is ready. Returns the rows copied.
    private func stream(_ reader: SignatoryListReader, through copyStatement: String, on db: PGConnection) throws -> Int {
        let chunks = ChunkQueue()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            reader.run(into: chunks)
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        defer {
            // On a failed COPY the reader stops at its next chunk.
            chunks.cancel()
            done.wait()
        }
        return try db.copyFrom(copyStatement) { writer in
            while let chunk = try chunks.take() { try writer.send(chunk) }
        }
    }

    /// Gives the entries of a first list that may repeat an earlier one their real keys, and
    /// returns how many named entries do repeat an earlier line.
    ///
    /// The `n`-th entry with content `c` that the filter flagged holds `md5('p:' || c || ':' || n)`
    /// (`SignatoryFingerprint.provisionalKey`).
    /// It is occurrence `n + 1` if the content's first entry went in unflagged (it holds the key of
    /// occurrence 1), else occurrence `n` (the filter's rare false alarm on a first entry).
    private func settleRepeats(_ db: PGConnection, campaignID: Int, _ repeats: [SignatoryFingerprint: (count: Int, named: Bool)], listSize: Int) throws -> Int {
        guard !repeats.isEmpty else { return 0 }
        try db.execute("CREATE TEMPORARY TABLE signatory_repeats (content text, n int, provisional uuid, named boolean) ON COMMIT DROP")
        try db.copyFrom("COPY signatory_repeats FROM STDIN") { writer in
            for (fingerprint, flagged) in repeats {
                let content = fingerprint.hex
                for index in 1...flagged.count {
                    try writer.field(content)
                    try writer.field(String(index))
                    try writer.field(fingerprint.provisionalKey(index: index))
                    try writer.field(flagged.named ? "t" : "f", last: true)
                }
            }
        }
        // Its real size: a few false alarms probe the key index, a list of repeats joins in bulk.
        try db.execute("ANALYZE signatory_repeats")
        // The table's statistics must know a large list (its own rows count as live here):
        // otherwise the planner takes the campaign for empty and may scan all of it for each key
        // (86 s for a million rows). ANALYZE costs about a second on a large table, so a small
        // list, whose worst plan reads fewer entries than that, goes without.
        let flaggedCount = repeats.values.reduce(0) { $0 + $1.count }
        if listSize * flaggedCount > 1_000_000 { try db.execute("ANALYZE signatories") }
        let settled = try db.query(
            """
            WITH resolved AS (
                SELECT r.content, r.named, stand_in.id, r.n + (first.id IS NOT NULL)::int AS occurrence
                FROM signatory_repeats r
                JOIN LATERAL (SELECT t.id FROM signatories t WHERE t.campaign_id = \(campaignID) AND t.row_key = r.provisional LIMIT 1) stand_in ON true
                LEFT JOIN LATERAL (SELECT t.id FROM signatories t WHERE t.campaign_id = \(campaignID)
                                                AND t.row_key = md5(r.content || ':1')::uuid LIMIT 1) first ON true
            ), updated AS (
                UPDATE signatories t SET row_key = md5(v.content || ':' || v.occurrence)::uuid
                FROM resolved v
                WHERE t.id = v.id
                RETURNING v.named, v.occurrence
            )
            SELECT count(*) AS updated, count(*) FILTER (WHERE named AND occurrence > 1) AS repeated FROM updated
            """)[0]
        let updated: Int = try settled.decode("updated")
        guard updated == flaggedCount else {
            throw StoreError.conflict("the import found \(flaggedCount) possible repeats but could settle only \(updated); nothing was imported")
        }
        return try settled.decode("repeated")
    }

    /// Moves a staged list into `signatories`, skipping the entries already stored.
    private func moveStaged(_ db: PGConnection, campaignID: Int, into result: inout SignatoryImportResult) throws {
        // Real row counts for the planner: a ten-line list probes the index, a million-line one hashes.
        try db.execute("ANALYZE signatory_staging")
        let numbered = """
            WITH occurrences AS (
                SELECT s.*, row_number() OVER (PARTITION BY s.content ORDER BY s.line) AS occurrence FROM signatory_staging s
            ), numbered AS (
                SELECT o.*, md5(o.content || ':' || o.occurrence)::uuid AS row_key FROM occurrences o
            )
            """
        let moved = try db.query(
            """
            \(unsafeRaw: numbered), inserted AS (
                INSERT INTO signatories (campaign_id, display_name, name_key, loose_key, skeleton, role, affiliation, affiliation_key,
                                         country, signed_at, source, visibility, status, row_key)
                SELECT \(campaignID), n.name, n.name_key, n.loose_key, n.skeleton, n.role, n.affiliation, n.affiliation_key,
                       n.country, n.signed_at, n.source, n.visibility, n.status, n.row_key
                FROM numbered n
                WHERE NOT EXISTS (SELECT 1 FROM signatories t WHERE t.campaign_id = \(campaignID) AND t.row_key = n.row_key)
                ORDER BY n.line
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM inserted) AS inserted,
                   (SELECT count(*) FROM numbered WHERE occurrence > 1 AND name_key IS NOT NULL) AS repeated
            """)
        result.inserted = try moved[0].decode("inserted")
        result.repeatedInFile = try moved[0].decode("repeated")
        result.alreadyStored = result.rows - result.inserted
        if result.alreadyStored > 0 {
            result.alreadyStoredLines = try db.query(
                """
                \(unsafeRaw: numbered)
                SELECT n.line FROM numbered n
                JOIN signatories s ON s.campaign_id = \(campaignID) AND s.row_key = n.row_key AND s.added_at < now()
                ORDER BY n.line LIMIT 20
                """
            ).map { try $0.decode("line") }
        }
    }
}

/// Rolls a dry run back after it has done (and counted) everything.
struct DryRunRollback: Error {
    var result: SignatoryImportResult
}

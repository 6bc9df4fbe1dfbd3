import Foundation
import PetitionsDomain
import Postgres

/// A lossless archive of the database, or of one campaign: every row of every table that holds
/// its history, as the database stores it (ids, the three times, statuses, corrections,
/// retractions, reviews, sources and their observations, jobs, alerts, the audit trail), in JSON
/// Lines. `import archive` restores it with the same ids, so that every page, report and audit
/// entry reads the same on both sides, or refuses it whole.
///
/// The format (version 1):
/// - line 1, the header: `{"archive": "petitions", "version": 1, "schema": 12, "exported_at": …,
///   "campaign": slug or null, "signatories": bool, "columns": {table: [column, …]}}`;
/// - one line per row, tables in the order of `ArchiveStore.tables` and rows by key:
///   `{"table": "figures", "row": {column: value, …}}`, values as PostgreSQL's `to_jsonb` writes
///   them (times in UTC with microseconds, intervals in ISO 8601);
/// - the last line, the trailer: `{"end": {"rows": {table: count, …}}}`. An archive without it is
///   truncated and is refused.
public struct ArchiveStore: StoreArea {
    public let db: PGConnection
    public init(_ db: PGConnection) { self.db = db }

    public static let format = "petitions"
    public static let version = 1

    /// One archived table: its key (to tell a row already stored from a clash) and which rows
    /// belong to one campaign (`$c` stands for the campaign's id, `$s` for its slug).
    struct Table {
        var name: String
        var key: [String]
        var scope: String
        var personal = false
        var wholeDatabaseOnly = false
    }

    /// Tables in dependency order: a row's references are restored before it.
    static let tables: [Table] = {
        let sources = "SELECT id FROM sources WHERE campaign_id = $c"
        let figures = "SELECT id FROM figures WHERE campaign_id = $c"
        return [
            Table(
                name: "outlets", key: ["id"],
                scope: "id IN (SELECT outlet_id FROM figures WHERE campaign_id = $c UNION SELECT outlet_id FROM sources WHERE campaign_id = $c)"),
            Table(name: "campaigns", key: ["id"], scope: "id = $c"),
            Table(name: "figures", key: ["id"], scope: "campaign_id = $c"),
            Table(name: "figure_retractions", key: ["figure_id"], scope: "figure_id IN (\(figures))"),
            Table(name: "figure_reviews", key: ["figure_id"], scope: "figure_id IN (\(figures))"),
            Table(name: "sources", key: ["id"], scope: "campaign_id = $c"),
            Table(name: "jobs", key: ["id"], scope: "source_id IN (\(sources))"),
            Table(name: "job_attempts", key: ["job_id", "attempt"], scope: "job_id IN (SELECT id FROM jobs WHERE source_id IN (\(sources)))"),
            Table(name: "observations", key: ["id"], scope: "source_id IN (\(sources))"),
            Table(name: "feed_items", key: ["source_id", "item_key"], scope: "source_id IN (\(sources))"),
            Table(name: "source_flags", key: ["id"], scope: "source_id IN (\(sources))"),
            Table(name: "alerts", key: ["id"], scope: "campaign_id = $c"),
            Table(name: "alert_deliveries", key: ["id"], scope: "alert_id IN (SELECT id FROM alerts WHERE campaign_id = $c)"),
            Table(name: "signatories", key: ["id"], scope: "campaign_id = $c", personal: true),
            Table(
                name: "signatory_status_changes", key: ["id"], scope: "signatory_id IN (SELECT id FROM signatories WHERE campaign_id = $c)",
                personal: true),
            Table(name: "watch_list", key: ["id"], scope: "false", personal: true, wholeDatabaseOnly: true),
            Table(name: "audit_log", key: ["id"], scope: Self.campaignAudit),
        ]
    }()

    static let tablesByName = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })

    /// The audit entries about one campaign: the campaign itself, its outlets, and every action on
    /// its figures, sources, alerts and signatories (by the subject's id, or the campaign named in
    /// the details, or a batch of figure ids).
    static let campaignAudit = """
        (subject_type = 'campaign' AND subject = $s)
        OR details->>'campaign' = $s
        OR (subject_type = 'outlet' AND subject IN (SELECT slug FROM outlets WHERE id IN (
               SELECT outlet_id FROM figures WHERE campaign_id = $c UNION SELECT outlet_id FROM sources WHERE campaign_id = $c)))
        OR (subject_type = 'figure' AND details ? 'first_id' AND EXISTS (
               SELECT 1 FROM figures f WHERE f.campaign_id = $c
                 AND f.id BETWEEN (details->>'first_id')::bigint AND (details->>'last_id')::bigint))
        OR (subject_type = 'figure' AND subject ~ '^[0-9]{1,18}$'
            AND EXISTS (SELECT 1 FROM figures f WHERE f.id = subject::bigint AND f.campaign_id = $c))
        OR (subject_type = 'source' AND subject ~ '^[0-9]{1,18}$'
            AND EXISTS (SELECT 1 FROM sources s WHERE s.id = subject::bigint AND s.campaign_id = $c))
        OR (subject_type = 'job' AND subject ~ '^[0-9]{1,18}$'
            AND EXISTS (SELECT 1 FROM jobs j JOIN sources s ON s.id = j.source_id WHERE j.id = subject::bigint AND s.campaign_id = $c))
        OR (subject_type = 'alert' AND subject ~ '^[0-9]{1,18}$'
            AND EXISTS (SELECT 1 FROM alerts l WHERE l.id = subject::bigint AND l.campaign_id = $c))
        OR (subject_type = 'signatory' AND subject ~ '^[0-9]{1,18}$'
            AND EXISTS (SELECT 1 FROM signatories g WHERE g.id = subject::bigint AND g.campaign_id = $c))
        """

    // MARK: Export

    /// What an export wrote: rows per table, in order.
    public struct Summary: Sendable, Equatable {
        public var rows: [(table: String, count: Int)]
        public var total: Int { rows.reduce(0) { $0 + $1.count } }
        public static func == (a: Summary, b: Summary) -> Bool {
            a.rows.map(\.table) == b.rows.map(\.table) && a.rows.map(\.count) == b.rows.map(\.count)
        }
    }

    /// Writes the archive of one campaign (or of everything, when `campaign` is nil) line by line,
    /// from one consistent snapshot, in constant memory. Signatories and the watch list are
    /// personal data and are written only when `signatories` is true.
    /// - Parameter progress: called after each table with its name and row count.
    public func export(
        campaign: String?, signatories: Bool, now: Date = Date(), write: (String) throws -> Void, progress: (String, Int) -> Void = { _, _ in }
    ) throws -> Summary {
        try db.withTransaction { db -> Summary in
            try db.executeScript(
                unsafeSQL: "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET LOCAL TimeZone = 'UTC'; SET LOCAL IntervalStyle = 'iso_8601'")
            let scopeID = try campaign.map { try self.campaignID($0) }
            let chosen = Self.tables.filter { (signatories || !$0.personal) && (campaign == nil || !$0.wholeDatabaseOnly) }
            var columns: [String: [String]] = [:]
            var generatedColumns: [String: [String]] = [:]
            for table in chosen { (columns[table.name], generatedColumns[table.name]) = try self.columns(of: table.name) }
            let header = Header(
                archive: Self.format, version: Self.version, schema: try schemaVersion(), exported_at: Self.stamp(now), campaign: campaign,
                signatories: signatories, tables: chosen.map(\.name), columns: columns)
            try write(try Self.json(header))
            var summary = Summary(rows: [])
            for table in chosen {
                let generated = generatedColumns[table.name] ?? []
                var filter = "true"
                var bindings: [any PGEncodable] = [generated]
                if let scopeID, let campaign {
                    filter = table.scope.replacingOccurrences(of: "$c", with: "$2").replacingOccurrences(of: "$s", with: "$3")
                    bindings += [scopeID, campaign]
                }
                let prefix = "{\"table\": \"\(table.name)\", \"row\": "
                var count = 0
                try db.forEachRow(
                    PGQuery(
                        unsafeSQL:
                            "SELECT (to_jsonb(t) - $1::text[])::text AS row FROM \(table.name) t WHERE \(filter) ORDER BY \(table.key.joined(separator: ", "))",
                        bindings: bindings)
                ) { row in
                    try write(prefix + (try row.decode("row", as: String.self)) + "}")
                    count += 1
                }
                summary.rows.append((table: table.name, count: count))
                progress(table.name, count)
            }
            var counts: [String: Int] = [:]
            for (table, count) in summary.rows { counts[table] = count }
            try write(try Self.json(Trailer(end: .init(rows: counts))))
            return summary
        }
    }

    struct Header: Codable {
        var archive: String
        var version: Int
        var schema: Int
        var exported_at: String
        var campaign: String?
        var signatories: Bool
        var tables: [String]
        var columns: [String: [String]]
    }

    struct Trailer: Codable {
        struct End: Codable { var rows: [String: Int] }
        var end: End
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func stamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// A table's columns in order: those that are stored, and those generated from them.
    private func columns(of table: String) throws -> (stored: [String], generated: [String]) {
        var columns: (stored: [String], generated: [String]) = ([], [])
        for row in try db.query(
            """
            SELECT attname::text AS name, attgenerated <> '' AS generated FROM pg_attribute
            WHERE attrelid = \(table)::regclass AND attnum > 0 AND NOT attisdropped
            ORDER BY attnum
            """)
        {
            if try row.decode("generated", as: Bool.self) {
                columns.generated.append(try row.decode("name"))
            } else {
                columns.stored.append(try row.decode("name"))
            }
        }
        return columns
    }

    private func schemaVersion() throws -> Int {
        try db.query("SELECT coalesce(max(version), 0)::bigint AS version FROM schema_migrations")[0].decode("version")
    }

    // MARK: Import

    /// Why an archive was refused; nothing was written.
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public var problems: [String]
        public init(problems: [String]) { self.problems = problems }
        public var description: String {
            let shown = problems.prefix(20)
            let more = problems.count > shown.count ? "\n  … and \(problems.count - shown.count) more" : ""
            return "the archive was refused, nothing was imported:\n  " + shown.joined(separator: "\n  ") + more
        }
    }

    /// What an import did (or, in a dry run, would do): per table, rows added and rows that were
    /// already stored exactly as archived.
    public struct Restored: Sendable {
        public struct Table: Sendable {
            public var name: String
            public var added = 0
            public var alreadyStored = 0
        }
        public var campaign: String?
        /// The tables that had rows, in the archive's order.
        public var tables: [Table] = []
        public var totalAdded: Int { tables.reduce(0) { $0 + $1.added } }
        public var totalAlreadyStored: Int { tables.reduce(0) { $0 + $1.alreadyStored } }
    }

    /// Restores an archive read line by line from `nextLine` (nil at the end), in one transaction:
    /// every row with its own id. A row whose key is already stored with the same content is
    /// skipped (importing an archive twice adds nothing); one stored with different content, a
    /// clash with a stored slug, a reference to a row that is neither stored nor archived, a line
    /// that is not the format, or a missing trailer refuses the whole archive.
    /// - Parameter dryRun: check everything and roll back.
    public func restore(
        nextLine: () throws -> String?, actor: String, file: String, dryRun: Bool, progress: (String, Int) -> Void = { _, _ in }
    ) throws -> Restored {
        guard let first = try nextLine() else { throw Refusal(problems: ["the file is empty"]) }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(first.utf8)) } catch {
            throw Refusal(problems: ["line 1: not an archive header (write archives with `petitions export archive`)"])
        }
        guard header.archive == Self.format else { throw Refusal(problems: ["line 1: not a petitions archive (\"archive\": \"\(header.archive)\")"]) }
        guard header.version == Self.version else {
            throw Refusal(problems: ["line 1: archive format version \(header.version); this petitions reads version \(Self.version)"])
        }
        for name in header.tables where Self.tablesByName[name] == nil {
            throw Refusal(problems: ["line 1: unknown table \"\(name)\" (an archive from a newer petitions? upgrade this one)"])
        }
        do {
            return try restoreRows(header: header, nextLine: nextLine, actor: actor, file: file, dryRun: dryRun, progress: progress)
        } catch let dry as DryRun {
            return dry.restored
        }
    }

    private func restoreRows(
        header: Header, nextLine: () throws -> String?, actor: String, file: String, dryRun: Bool, progress: (String, Int) -> Void
    ) throws -> Restored {
        let known = Self.tablesByName
        return try db.withTransaction { db -> Restored in
            let schema = try schemaVersion()
            guard header.schema <= schema else {
                throw Refusal(problems: [
                    "the archive was written at schema version \(header.schema) and this database is at \(schema): run `petitions db migrate` (with a petitions as new as the one that exported it) first"
                ])
            }
            // Look-ups of stored rows probe the keys' indexes: the planner's statistics do not see
            // the rows this transaction adds, and a hash join would read the whole table per batch.
            try db.executeScript(
                unsafeSQL: "SET LOCAL TimeZone = 'UTC'; SET LOCAL IntervalStyle = 'iso_8601'; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off"
            )
            var restored = Restored(campaign: header.campaign)
            var problems: [String] = []
            var columns: [String: (insert: [String], ignored: [String])] = [:]
            for name in header.tables {
                let archived = header.columns[name] ?? []
                let (stored, generated) = try self.columns(of: name)
                let missing = archived.filter { !stored.contains($0) }
                if !missing.isEmpty {
                    problems.append("table \(name): columns \(missing.joined(separator: ", ")) are not in this database's schema")
                }
                columns[name] = (archived.filter { stored.contains($0) }, stored.filter { !archived.contains($0) } + generated)
            }
            if !problems.isEmpty { throw Refusal(problems: problems) }

            var batch: [(line: Int, text: String)] = []
            var batchBytes = 0
            var batchTable: String?
            var counts: [String: Int] = [:]
            var order = header.tables.makeIterator()
            var lineNumber = 1
            var trailer: Trailer?

            // Tables that held no rows before this import: nothing can clash there but the
            // archive's own duplicates (which the primary key refuses), so their batches skip the
            // look-up of stored rows.
            var emptyBefore: [String: Bool] = [:]
            func flush() throws {
                guard let name = batchTable, !batch.isEmpty, let table = known[name], let cols = columns[name] else { return }
                if emptyBefore[name] == nil {
                    emptyBefore[name] = try db.query(PGQuery(unsafeSQL: "SELECT NOT EXISTS (SELECT 1 FROM \(name)) AS empty"))[0].decode("empty")
                }
                let (added, skipped, clashes) = try insert(
                    table: table, columns: cols.insert, ignored: cols.ignored, rows: batch, storedRowsPossible: emptyBefore[name] != true)
                problems += clashes
                if restored.tables.last?.name != name { restored.tables.append(Restored.Table(name: name)) }
                restored.tables[restored.tables.count - 1].added += added
                restored.tables[restored.tables.count - 1].alreadyStored += skipped
                batch.removeAll(keepingCapacity: true)
                batchBytes = 0
            }

            while let line = try nextLine() {
                lineNumber += 1
                if line.isEmpty { continue }
                if trailer != nil { throw Refusal(problems: ["line \(lineNumber): a line after the archive's last line"]) }
                guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                    throw Refusal(problems: ["line \(lineNumber): not a JSON object"])
                }
                if object["end"] != nil {
                    guard let end = try? JSONDecoder().decode(Trailer.self, from: Data(line.utf8)) else {
                        throw Refusal(problems: ["line \(lineNumber): a malformed last line"])
                    }
                    trailer = end
                    continue
                }
                guard let name = object["table"] as? String, object["row"] is [String: Any] else {
                    throw Refusal(problems: ["line \(lineNumber): expected {\"table\": …, \"row\": {…}}"])
                }
                if name != batchTable {
                    // Tables come in the header's order, each once.
                    var next = order.next()
                    while let candidate = next, candidate != name { next = order.next() }
                    guard next != nil else {
                        throw Refusal(problems: ["line \(lineNumber): table \"\(name)\" is not in the header's list, or out of order"])
                    }
                    try flush()
                    batchTable = name
                }
                counts[name, default: 0] += 1
                batch.append((lineNumber, line))
                batchBytes += line.utf8.count
                if batch.count >= 2000 || batchBytes >= 8 << 20 {
                    try flush()
                    progress(name, counts[name] ?? 0)
                }
            }
            try flush()
            guard let trailer else {
                throw Refusal(problems: ["the archive ends at line \(lineNumber) without its last line: it was cut short (copy it again)"])
            }
            for name in header.tables where (trailer.end.rows[name] ?? 0) != (counts[name] ?? 0) {
                problems.append("table \(name): the archive's last line counts \(trailer.end.rows[name] ?? 0) rows, the file holds \(counts[name] ?? 0)")
            }
            if !problems.isEmpty { throw Refusal(problems: problems) }
            for name in header.tables where known[name]?.key == ["id"] {
                try db.execute(
                    PGQuery(
                        unsafeSQL: "SELECT setval(pg_get_serial_sequence($1, 'id'), m) FROM (SELECT max(id) AS m FROM \(name)) s WHERE m IS NOT NULL",
                        bindings: [name]))
            }
            if restored.totalAdded > 0 {
                var details: [String: String] = ["file": file, "rows": String(restored.totalAdded), "exported_at": header.exported_at]
                if let campaign = header.campaign { details["campaign"] = campaign }
                try audit(
                    db, actor: actor, action: "archive.import", type: header.campaign == nil ? "database" : "campaign", subject: header.campaign ?? "all",
                    details: details)
            }
            if dryRun { throw DryRun(restored: restored) }
            return restored
        }
    }

    struct DryRun: Error { var restored: Restored }

    /// Inserts one batch of a table's rows with their own keys. Rows already stored identically
    /// are skipped; rows whose key is stored with other content are returned as clashes.
    private func insert(table: Table, columns: [String], ignored: [String], rows: [(line: Int, text: String)], storedRowsPossible: Bool) throws -> (
        Int, Int, [String]
    ) {
        let array = "[" + rows.map(\.text).joined(separator: ",") + "]"
        let keyMatch = table.key.map { "s.\($0) = p.\($0)" }.joined(separator: " AND ")
        // The record is built once per row, in FROM: `(f(x)).column` in a select list would call
        // f again for every column.
        let incoming = """
            FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(x, n)
                 CROSS JOIN LATERAL jsonb_populate_record(NULL::\(table.name), a.x->'row') AS p
            """
        let compared: [PGRow] =
            !storedRowsPossible
            ? []
            : Array(
                try db.query(
                    PGQuery(
                        unsafeSQL: """
                            SELECT a.n, concat_ws('/', \(table.key.map { "s.\($0)" }.joined(separator: ", "))) AS key,
                                   (SELECT string_agg(e.key, ', ' ORDER BY e.key) FROM jsonb_each(to_jsonb(p) - $2::text[]) e
                                    WHERE e.value IS DISTINCT FROM to_jsonb(s) -> e.key) AS differing
                            \(incoming)
                            JOIN \(table.name) s ON \(keyMatch) ORDER BY a.n
                            """,
                        bindings: [PGJSON(text: array), ignored])))
        var clashes: [String] = []
        var skipped = 0
        for row in compared {
            let index: Int = try row.decode("n")
            guard let differing: String = try row.decode("differing") else {
                skipped += 1
                continue
            }
            let key: String = try row.decode("key")
            clashes.append(
                "line \(rows[index - 1].line): \(table.name) \(table.key.joined(separator: "/")) \(key) is stored here with another \(differing); an archive restores rows with their own ids, into an empty database or one holding the same rows"
            )
        }
        let list = columns.joined(separator: ", ")
        let added: Int
        do {
            added = try db.execute(
                PGQuery(
                    unsafeSQL: """
                        INSERT INTO \(table.name) (\(list)) OVERRIDING SYSTEM VALUE
                        SELECT \(columns.map { "p.\($0)" }.joined(separator: ", "))
                        \(incoming)
                        \(storedRowsPossible ? "WHERE NOT EXISTS (SELECT 1 FROM \(table.name) s WHERE \(keyMatch))" : "")
                        ORDER BY a.n
                        """,
                    bindings: [PGJSON(text: array)]))
        } catch let error as PGError where error.kind == .server {
            let lines = "lines \(rows.first?.line ?? 0)–\(rows.last?.line ?? 0)"
            throw Refusal(problems: ["\(lines) (\(table.name)): \(error.message)\(error.detail.map { " (\($0))" } ?? "")"])
        }
        return (added, skipped, clashes)
    }
}

import Foundation
import Logging
import Postgres

/// One `Schema/NNNN_name.sql` file as embedded into the binary at build time.
struct EmbeddedMigration {
    var version: Int
    var name: String
    var file: String
    var base64: String
}

/// A schema migration: a numbered SQL file applied once, in order, in its own transaction.
public struct Migration: Sendable, Hashable {
    public var version: Int
    public var name: String
    /// File name in `Schema/`, such as `0001_core.sql`.
    public var file: String
    public var sql: String

    public init(version: Int, name: String, file: String, sql: String) {
        self.version = version
        self.name = name
        self.file = file
        self.sql = sql
    }

    /// The migrations embedded in this binary, in version order.
    public static let bundled: [Migration] = embeddedMigrations.map {
        Migration(version: $0.version, name: $0.name, file: $0.file, sql: String(decoding: Data(base64Encoded: $0.base64) ?? Data(), as: UTF8.self))
    }.sorted { $0.version < $1.version }
}

/// Why migrating was refused.
public struct MigrationError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// The state of one migration in one database.
public struct MigrationState: Sendable, Equatable {
    public enum State: String, Sendable {
        case applied
        case pending
        /// Applied, but the file in this binary differs from what was applied.
        case changed
        /// Applied by a newer binary: this one does not know it.
        case unknown
    }
    public var version: Int
    public var name: String
    public var state: State
    public var checksum: String?
    public var appliedAt: Date?
}

/// Applies `Schema/` migrations under an advisory lock and records them in `schema_migrations`.
public struct Migrator: Sendable {
    public let migrations: [Migration]
    /// Key of the session advisory lock that serialises concurrent `migrate` runs.
    public static let lockKey = 7_316_140_001

    public init(migrations: [Migration] = Migration.bundled) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applied, pending, changed and unknown migrations, in version order. Reads only.
    public func status(on connection: PGConnection) throws -> [MigrationState] {
        let applied = try appliedMigrations(on: connection)
        let checksums = try checksumsOfBundled(on: connection)
        var states: [MigrationState] = []
        for migration in migrations {
            if let row = applied[migration.version] {
                let state: MigrationState.State = row.checksum == checksums[migration.version] ? .applied : .changed
                states.append(MigrationState(version: migration.version, name: migration.name, state: state, checksum: row.checksum, appliedAt: row.appliedAt))
            } else {
                states.append(
                    MigrationState(version: migration.version, name: migration.name, state: .pending, checksum: checksums[migration.version], appliedAt: nil))
            }
        }
        let known = Set(migrations.map(\.version))
        for (version, row) in applied.sorted(by: { $0.key < $1.key }) where !known.contains(version) {
            states.append(MigrationState(version: version, name: row.name, state: .unknown, checksum: row.checksum, appliedAt: row.appliedAt))
        }
        return states
    }

    /// Applies every pending migration in order, each in its own transaction.
    ///
    /// Refuses (before applying anything) when an applied file was changed or the database holds
    /// migrations this binary does not know. Two concurrent runs apply each file exactly once.
    /// - Parameter willApply: called before each migration is applied, for progress output.
    /// - Returns: the migrations applied by this run.
    @discardableResult
    public func migrate(on connection: PGConnection, logger: Logger = Logger(label: "petitions.migrate"), willApply: (Migration) -> Void = { _ in }) throws
        -> [Migration]
    {
        try connection.execute("SELECT pg_advisory_lock(\(Self.lockKey))")
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock(\(Self.lockKey))") }
        try connection.executeScript(
            unsafeSQL: """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     integer PRIMARY KEY CHECK (version > 0),
                    name        text NOT NULL,
                    checksum    text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now(),
                    applied_by  text NOT NULL DEFAULT current_user,
                    duration_ms integer NOT NULL DEFAULT 0
                )
                """)
        let states = try status(on: connection)
        try Self.refuseInconsistencies(states, migrations: migrations)
        var applied: [Migration] = []
        for migration in migrations where states.first(where: { $0.version == migration.version })?.state == .pending {
            willApply(migration)
            let started = Date()
            try connection.withTransaction { connection in
                do {
                    try connection.executeScript(unsafeSQL: migration.sql)
                } catch var error as PGError {
                    error.message = "migration \(migration.file) failed: \(error.message)"
                    throw error
                }
                let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
                try connection.execute(
                    """
                    INSERT INTO schema_migrations (version, name, checksum, duration_ms)
                    VALUES (\(migration.version), \(migration.name), encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex'), \(milliseconds))
                    """)
            }
            logger.info("applied migration", metadata: ["migration.file": "\(migration.file)"])
            applied.append(migration)
        }
        return applied
    }

    /// Throws when the database and this binary disagree about migrations already applied.
    static func refuseInconsistencies(_ states: [MigrationState], migrations: [Migration]) throws {
        if let changed = states.first(where: { $0.state == .changed }), let file = migrations.first(where: { $0.version == changed.version })?.file {
            throw MigrationError(
                description: """
                    migration \(file) was changed after it was applied to this database (applied checksum \(changed.checksum?.prefix(12) ?? "?")…); \
                    an applied migration must never be edited: restore the file as it was and put the change in a new migration
                    """)
        }
        let unknown = states.filter { $0.state == .unknown }
        if let newest = unknown.last {
            let known = migrations.last?.version ?? 0
            throw MigrationError(
                description: """
                    the database is at schema version \(newest.version) (\(newest.name)), newer than this binary, which knows versions up to \(known); \
                    use a newer petitions binary with this database
                    """)
        }
    }

    private struct AppliedRow { var name: String; var checksum: String; var appliedAt: Date }

    private func appliedMigrations(on connection: PGConnection) throws -> [Int: AppliedRow] {
        let exists = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")[0].decode("present", as: Bool.self)
        guard exists else { return [:] }
        var rows: [Int: AppliedRow] = [:]
        for row in try connection.query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version") {
            rows[try row.decode("version", as: Int.self)] = AppliedRow(
                name: try row.decode("name"), checksum: try row.decode("checksum"), appliedAt: try row.decode("applied_at"))
        }
        return rows
    }

    /// SHA-256 of each bundled file, computed by the server (one round trip).
    private func checksumsOfBundled(on connection: PGConnection) throws -> [Int: String] {
        guard !migrations.isEmpty else { return [:] }
        let result = try connection.query(
            """
            SELECT version, encode(sha256(convert_to(sql, 'UTF8')), 'hex') AS checksum
            FROM unnest(\(migrations.map(\.version)), \(migrations.map(\.sql))) AS m(version, sql)
            """)
        var checksums: [Int: String] = [:]
        for row in result { checksums[try row.decode("version", as: Int.self)] = try row.decode("checksum") }
        return checksums
    }
}

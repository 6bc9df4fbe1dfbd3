import Foundation
import PetitionsStore
import Postgres
import TestSupport
import Testing

/// Synthetic migrations that fail loudly if applied twice (CREATE TABLE without IF NOT EXISTS),
/// and sleep to widen any race between concurrent runs.
private func synthetic(_ count: Int) -> [Migration] {
    (1...count).map { version in
        Migration(
            version: version, name: "step\(version)", file: String(format: "%04d_step%d.sql", version, version),
            sql: "SELECT pg_sleep(0.05);\nCREATE TABLE step\(version) (id int PRIMARY KEY);\n")
    }
}

private func recordedVersions(_ db: PGConnection) throws -> [Int] {
    try db.query("SELECT coalesce(array_agg(version ORDER BY version), '{}') AS v FROM schema_migrations")[0].decode("v", as: [Int].self)
}

@Suite(.ownThread) struct MigratorTests {
    @Test func appliesPendingInOrderThenNothing() async throws {
        try await TestDatabase.withConnection { db, _ in
            let migrator = Migrator(migrations: synthetic(3))
            #expect(try migrator.status(on: db).map(\.state) == [.pending, .pending, .pending])
            var seen: [Int] = []
            let applied = try migrator.migrate(on: db) { seen.append($0.version) }
            #expect(applied.map(\.version) == [1, 2, 3])
            #expect(seen == [1, 2, 3])
            #expect(try migrator.status(on: db).map(\.state) == [.applied, .applied, .applied])
            #expect(try migrator.migrate(on: db).isEmpty)
            let row = try db.query("SELECT name, checksum, applied_at FROM schema_migrations WHERE version = 2")[0]
            #expect(try row.decode("name", as: String.self) == "step2")
            #expect(try row.decode("checksum", as: String.self).count == 64)
        }
    }

    @Test func concurrentRunsApplyEachFileExactlyOnce() async throws {
        try await TestDatabase.with { url in
            let migrator = Migrator(migrations: synthetic(5))
            let appliedCounts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let connection = try PGConnection(url)
                        defer { connection.close() }
                        return try migrator.migrate(on: connection).count
                    }
                }
                var counts: [Int] = []
                for try await count in group { counts.append(count) }
                return counts
            }
            #expect(appliedCounts.reduce(0, +) == 5)
            let db = try PGConnection(url)
            defer { db.close() }
            #expect(try recordedVersions(db) == [1, 2, 3, 4, 5])
        }
    }

    @Test func refusesAnEditedAppliedMigrationBeforeApplyingAnything() async throws {
        try await TestDatabase.withConnection { db, _ in
            try Migrator(migrations: synthetic(2)).migrate(on: db)
            var edited = synthetic(3)
            edited[1].sql += "-- a later edit\n"
            let error = #expect(throws: MigrationError.self) { try Migrator(migrations: edited).migrate(on: db) }
            #expect(error?.description.contains("0002_step2.sql was changed after it was applied") == true)
            #expect(error?.description.contains("new migration") == true)
            #expect(try recordedVersions(db) == [1, 2])  // 3 was not applied
            #expect(try Migrator(migrations: edited).status(on: db).map(\.state) == [.applied, .changed, .pending])
        }
    }

    @Test func refusesADatabaseNewerThanTheBinary() async throws {
        try await TestDatabase.withConnection { db, _ in
            try Migrator(migrations: synthetic(3)).migrate(on: db)
            let older = Migrator(migrations: Array(synthetic(3).prefix(2)))
            let error = #expect(throws: MigrationError.self) { try older.migrate(on: db) }
            #expect(error?.description.contains("schema version 3") == true)
            #expect(error?.description.contains("newer than this binary") == true)
            #expect(try older.status(on: db).map(\.state) == [.applied, .applied, .unknown])
        }
    }

    @Test func aFailingMigrationLeavesNoTraceAndKeepsEarlierOnes() async throws {
        try await TestDatabase.withConnection { db, _ in
            var migrations = synthetic(3)
            migrations[1].sql = "CREATE TABLE half_done (id int);\nSELECT no_such_function();\n"
            let error = #expect(throws: PGError.self) { try Migrator(migrations: migrations).migrate(on: db) }
            #expect(error?.message.contains("migration 0002_step2.sql failed") == true)
            #expect(try recordedVersions(db) == [1])
            let leftover = try db.query("SELECT to_regclass('half_done') IS NOT NULL AS present")[0].decode("present", as: Bool.self)
            #expect(!leftover)
            // The advisory lock was released: another session can take it at once.
            let other = try PGConnection(
                try ConnectionString.replacingDatabase(
                    in: db.redactedConnectionString, with: try db.query("SELECT current_database() AS d")[0].decode("d", as: String.self)))
            defer { other.close() }
            #expect(try other.query("SELECT pg_try_advisory_lock(\(Migrator.lockKey)) AS got")[0].decode("got", as: Bool.self))
        }
    }

    @Test func bundledSchemaAppliesToAnEmptyDatabase() async throws {
        try await TestDatabase.withConnection { db, _ in
            let migrator = Migrator()
            #expect(!migrator.migrations.isEmpty)
            #expect(migrator.migrations.map(\.version) == Array(1...migrator.migrations.count))
            try migrator.migrate(on: db)
            #expect(try migrator.status(on: db).allSatisfy { $0.state == .applied })
        }
    }
}

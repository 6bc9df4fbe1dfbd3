import Foundation
import LocalPostgres
import Postgres

/// Real PostgreSQL for tests: `PETITIONS_TEST_DATABASE_URL` when set (its role needs CREATEDB),
/// else a throwaway cluster started once per test process in a temporary folder and stopped and
/// removed at exit. Each test gets a database of its own, so tests run in parallel.
public enum TestDatabase {
    /// Connection string of the maintenance database used to create and drop test databases.
    private static let admin: Result<String, any Error> = {
        if let url = ProcessInfo.processInfo.environment["PETITIONS_TEST_DATABASE_URL"], !url.isEmpty {
            return Result { try ConnectionString.replacingDatabase(in: url, with: "postgres") }
        }
        return Result {
            let home = URL(fileURLWithPath: "/tmp/petitions-test-\(getpid())")
            try? FileManager.default.removeItem(at: home)
            let cluster = LocalCluster(
                home: home,
                extraSettings: [
                    "fsync = off", "synchronous_commit = off", "full_page_writes = off", "max_connections = 300",
                ])
            try cluster.ensureRunning()
            TestClusterCleanup.cluster = cluster
            atexit {
                if let cluster = TestClusterCleanup.cluster {
                    _ = try? cluster.stop()
                    try? FileManager.default.removeItem(at: cluster.home)
                }
            }
            return cluster.adminConnectionString(database: "postgres")
        }
    }()

    /// A fresh, empty database; dropped when `body` finishes.
    ///
    /// `body` runs on a thread of its own (`withOwnThread`): a test's blocking database calls
    /// block that thread, never the concurrency pool that every other test shares.
    /// - Parameter body: receives the database's connection string.
    public static func with<T>(_ body: (String) async throws -> T) async throws -> T {
        try await withOwnThread(name: "petitions.test") {
            let adminURL = try admin.get()
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            let connection = try PGConnection(adminURL)
            try connection.executeScript(unsafeSQL: "CREATE DATABASE \(name)")
            defer {
                _ = try? connection.executeScript(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                connection.close()
            }
            return try await body(try ConnectionString.replacingDatabase(in: adminURL, with: name))
        }
    }

    /// A fresh database and an open connection to it.
    public static func withConnection<T>(_ body: (PGConnection, String) async throws -> T) async throws -> T {
        try await with { url in
            let connection = try PGConnection(url)
            defer { connection.close() }
            return try await body(connection, url)
        }
    }
}

private enum TestClusterCleanup {
    nonisolated(unsafe) static var cluster: LocalCluster?
}

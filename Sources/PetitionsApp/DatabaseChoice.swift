import Foundation
import LocalPostgres
import Logging
import PetitionsStore
import Postgres

/// Which database a command, the worker or the web service uses, by configuration order:
/// an explicit URL (`--database-url`), then `PETITIONS_DATABASE_URL`, then the embedded server
/// under `$PETITIONS_HOME`. Every front end makes its choice here, so the rules are written once.
public enum DatabaseTarget: Sendable {
    /// Given by `--database-url` or `PETITIONS_DATABASE_URL` (named in `source`).
    case configured(String, source: String)
    case embedded(LocalCluster)

    public static func choose(url: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseTarget {
        if let url { return .configured(url, source: "--database-url") }
        if let url = environment["PETITIONS_DATABASE_URL"], !url.isEmpty { return .configured(url, source: "PETITIONS_DATABASE_URL") }
        return .embedded(LocalCluster(home: LocalCluster.defaultHome(environment: environment)))
    }

    /// A description safe to print: passwords redacted.
    public var displayName: String {
        switch self {
        case .configured(let url, let source): "\(ConnectionString.redacted(url)) (from \(source))"
        case .embedded(let cluster): "embedded server in \(cluster.home.path)"
        }
    }

    /// A connection string for pools and listeners: the configured one, or the embedded server's
    /// (started, and created if need be).
    public func connectionString(logger: Logger) throws -> String {
        switch self {
        case .configured(let url, _): return url
        case .embedded(let cluster):
            do { return try cluster.ensureRunning(logger: logger) } catch let error as LocalClusterError { throw CommandFailure(error.description) }
        }
    }

    /// Connects, starting (and if need be creating) the embedded server first.
    /// - Parameter statementTimeout: see `PGConnection.init` (long-running services set one).
    public func connect(logger: Logger, statementTimeout: TimeInterval? = nil) throws -> PGConnection {
        try PGConnection(try connectionString(logger: logger), logger: logger, statementTimeout: statementTimeout)
    }

    /// The migrate-or-refuse rule: the embedded database is migrated; a configured one must already
    /// be current, so that schema changes on shared servers stay deliberate (`petitions db migrate`).
    public func requireCurrentSchema(_ connection: PGConnection, logger: Logger) throws {
        switch self {
        case .embedded:
            try Self.migrate(connection, logger: logger)
        case .configured:
            let waiting = try Migrator().status(on: connection).filter { $0.state != .applied }
            if !waiting.isEmpty {
                throw CommandFailure(
                    "the database schema is not current (\(waiting.count) migration(s) \(Set(waiting.map(\.state.rawValue)).sorted().joined(separator: "/"))); run `petitions db migrate` first"
                )
            }
        }
    }

    /// Connects, makes sure the schema is current, and hands a repository to `body`.
    public func withRepository<T>(logger: Logger, _ body: (Repository) throws -> T) throws -> T {
        let connection = try connect(logger: logger)
        defer { connection.close() }
        try requireCurrentSchema(connection, logger: logger)
        return try body(Repository(connection))
    }

    /// Applies pending migrations; a refusal (edited file, newer database) becomes a plain message.
    @discardableResult
    public static func migrate(_ connection: PGConnection, logger: Logger, willApply: (Migration) -> Void = { _ in }) throws -> [Migration] {
        do {
            return try Migrator().migrate(on: connection, logger: logger, willApply: willApply)
        } catch let error as MigrationError {
            throw CommandFailure(error.description)
        }
    }
}

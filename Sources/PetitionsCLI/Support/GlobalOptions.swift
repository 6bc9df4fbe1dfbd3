import ArgumentParser
import Foundation
import LocalPostgres
import Logging
import PetitionsStore
import Postgres

/// Options every command takes.
public struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "PostgreSQL URL or key=value conninfo. Default: $PETITIONS_DATABASE_URL, else the embedded server under $PETITIONS_HOME.",
            discussion: "libpq fills in anything the string leaves out from PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSFILE, PGSERVICE and PGSSLMODE.",
            valueName: "url"))
    public var databaseURL: String?

    @Option(name: .customLong("log-level"), help: "Log detail on standard error: trace, debug, info, notice, warning, error, critical.")
    public var logLevel: LogLevel = .warning

    @Option(help: "Who is acting, for the audit trail. Default: $PETITIONS_ACTOR, else $USER.")
    public var actor: String?

    /// `--actor`, else `$PETITIONS_ACTOR`, else `$USER`, else "unknown".
    public var actorName: String {
        let environment = ProcessInfo.processInfo.environment
        for candidate in [actor, environment["PETITIONS_ACTOR"], environment["USER"], environment["LOGNAME"]] {
            if let candidate, !candidate.trimmingCharacters(in: .whitespaces).isEmpty { return candidate }
        }
        return "unknown"
    }

    public init() {}

    /// Where the database is, by configuration order: `--database-url`, `PETITIONS_DATABASE_URL`, embedded.
    public func target(environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseTarget {
        if let databaseURL { return .configured(databaseURL, source: "--database-url") }
        if let url = environment["PETITIONS_DATABASE_URL"], !url.isEmpty { return .configured(url, source: "PETITIONS_DATABASE_URL") }
        return .embedded(LocalCluster(home: LocalCluster.defaultHome(environment: environment)))
    }

    /// A logger writing to standard error at the chosen level.
    public func makeLogger(label: String = "petitions") -> Logger {
        LoggingSetup.bootstrapOnce()
        var logger = Logger(label: label)
        logger.logLevel = logLevel.level
        return logger
    }

    /// Connects to the target, starting (and if need be creating) the embedded server first.
    /// - Parameter statementTimeout: see `PGConnection.init` (long-running services set one).
    public func connect(logger: Logger, statementTimeout: TimeInterval? = nil) throws -> PGConnection {
        let target = target()
        switch target {
        case .configured(let url, _):
            return try PGConnection(url, logger: logger, statementTimeout: statementTimeout)
        case .embedded(let cluster):
            do {
                return try PGConnection(try cluster.ensureRunning(logger: logger), logger: logger, statementTimeout: statementTimeout)
            } catch let error as LocalClusterError {
                throw CommandFailure(error.description)
            }
        }
    }
}

extension GlobalOptions {
    /// Connects, makes sure the schema is current, and hands a repository to `body`.
    ///
    /// The embedded database is migrated automatically; a configured one must be migrated with
    /// `petitions db migrate`, so that schema changes on shared servers stay deliberate.
    func withRepository<T>(_ body: (Repository) throws -> T) throws -> T {
        let logger = makeLogger()
        let connection = try connect(logger: logger)
        defer { connection.close() }
        try requireCurrentSchema(connection, logger: logger)
        return try body(Repository(connection))
    }
}

extension GlobalOptions {
    /// The embedded database is migrated; a configured one must already be current, so that
    /// schema changes on shared servers stay deliberate (`petitions db migrate`).
    public func requireCurrentSchema(_ connection: PGConnection, logger: Logger) throws {
        switch target() {
        case .embedded:
            try Self.migrate(connection, logger: logger)
        case .configured:
            let waiting = try Migrator().status(on: connection).filter { $0.state != .applied }
            if !waiting.isEmpty {
                throw CommandFailure("the database schema is not current (\(waiting.count) migration(s) \(Set(waiting.map(\.state.rawValue)).sorted().joined(separator: "/"))); run `petitions db migrate` first")
            }
        }
    }

    /// A connection string for pools and listeners: the configured one, or the embedded server's
    /// (started, and created if need be).
    public func connectionString(logger: Logger) throws -> String {
        switch target() {
        case .configured(let url, _): return url
        case .embedded(let cluster): return try cluster.ensureRunning(logger: logger)
        }
    }

    /// Applies pending migrations; a refusal (edited file, newer database) becomes a plain message.
    @discardableResult
    static func migrate(_ connection: PGConnection, logger: Logger, willApply: (Migration) -> Void = { _ in }) throws -> [Migration] {
        do {
            return try Migrator().migrate(on: connection, logger: logger, willApply: willApply)
        } catch let error as MigrationError {
            throw CommandFailure(error.description)
        }
    }
}

/// Which database a command uses.
public enum DatabaseTarget: Sendable {
    /// Given by `--database-url` or `PETITIONS_DATABASE_URL` (named in `source`).
    case configured(String, source: String)
    case embedded(LocalCluster)

    /// A description safe to print: passwords redacted.
    public var displayName: String {
        switch self {
        case .configured(let url, let source): "\(ConnectionString.redacted(url)) (from \(source))"
        case .embedded(let cluster): "embedded server in \(cluster.home.path)"
        }
    }
}

public enum LogLevel: String, ExpressibleByArgument, CaseIterable, Sendable {
    case trace, debug, info, notice, warning, error, critical
    var level: Logger.Level { Logger.Level(rawValue: rawValue) ?? .warning }
}

enum LoggingSetup {
    private static let once: Void = {
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
    }()
    static func bootstrapOnce() { _ = once }
}

/// Output formats for commands that print data.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json
}

/// Output formats for listings and comparisons.
public enum DataFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv, markdown
}

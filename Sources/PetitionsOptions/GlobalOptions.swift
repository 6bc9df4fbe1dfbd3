import ArgumentParser
import Foundation
import Logging
import PetitionsApp
import PetitionsDomain
import PetitionsStore
import Postgres

/// Options every command of every executable takes. The rules behind them (which database, the
/// migrate-or-refuse rule, who is acting) are PetitionsApp's; this is only their spelling.
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
    public var actorName: String { ActorName.resolve(actor) }

    public init() {}

    /// The actor is stored with every action and shown publicly: bounded like other short text.
    public func validate() throws {
        if let problem = Validate.length(actorName, Validate.Limit.actor, field: "actor") {
            throw ValidationError("--actor (or $PETITIONS_ACTOR): \(problem)")
        }
    }

    /// Where the database is, by configuration order: `--database-url`, `PETITIONS_DATABASE_URL`, embedded.
    public func target(environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseTarget {
        DatabaseTarget.choose(url: databaseURL, environment: environment)
    }

    /// A logger writing to standard error at the chosen level.
    public func makeLogger(label: String = "petitions") -> Logger {
        LoggingSetup.bootstrapOnce()
        var logger = Logger(label: label)
        logger.logLevel = logLevel.level
        return logger
    }

    /// Connects to the target, starting (and if need be creating) the embedded server first.
    public func connect(logger: Logger, statementTimeout: TimeInterval? = nil) throws -> PGConnection {
        try target().connect(logger: logger, statementTimeout: statementTimeout)
    }

    /// See `DatabaseTarget.requireCurrentSchema`.
    public func requireCurrentSchema(_ connection: PGConnection, logger: Logger) throws {
        try target().requireCurrentSchema(connection, logger: logger)
    }

    /// A connection string for pools and listeners.
    public func connectionString(logger: Logger) throws -> String {
        try target().connectionString(logger: logger)
    }

    /// Connects, makes sure the schema is current, and hands a repository to `body`.
    public func withRepository<T>(_ body: (Repository) throws -> T) throws -> T {
        try target().withRepository(logger: makeLogger(), body)
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

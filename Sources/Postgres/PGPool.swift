import Foundation
import Logging

/// A small pool of connections for concurrent callers.
///
/// Each caller gets a connection of its own for the duration of `withConnection`; at most
/// `maximumConnections` are open at once and further callers wait their turn. A connection that
/// broke is kept and re-established on its next use.
public actor PGPool {
    public nonisolated let connectionString: String
    public nonisolated let maximumConnections: Int
    private let logger: Logger
    private var idle: [PGConnection] = []
    private var openCount = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var closed = false

    /// `statement_timeout` (and the matching client-side wait) for every connection; see `PGConnection.init`.
    public nonisolated let statementTimeout: TimeInterval?

    public init(
        connectionString: String, maximumConnections: Int = 4, logger: Logger = Logger(label: "petitions.postgres"),
        statementTimeout: TimeInterval? = nil
    ) {
        precondition(maximumConnections > 0, "a pool needs at least one connection")
        self.statementTimeout = statementTimeout
        self.connectionString = connectionString
        self.maximumConnections = maximumConnections
        self.logger = logger
    }

    /// Lends a connection to `body` and takes it back afterwards, whatever happens.
    public nonisolated func withConnection<T>(_ body: (PGConnection) async throws -> T) async throws -> T {
        let connection = try await acquire()
        do {
            let value = try await body(connection)
            await release(connection)
            return value
        } catch {
            await release(connection)
            throw error
        }
    }

    /// Shorthand for a transaction on a pooled connection.
    @discardableResult
    public nonisolated func withTransaction<T>(_ body: (PGConnection) throws -> T) async throws -> T {
        try await withConnection { connection in try connection.withTransaction(body) }
    }

    /// Connections currently open (idle or lent).
    public var openConnections: Int { openCount }

    /// Closes idle connections and refuses new work.
    public func close() {
        closed = true
        for connection in idle { connection.close() }
        openCount -= idle.count
        idle.removeAll()
    }

    private func acquire() async throws -> PGConnection {
        while true {
            if closed { throw PGError(.usage, message: "the connection pool is closed") }
            if let connection = idle.popLast() { return connection }
            if openCount < maximumConnections {
                openCount += 1
                do {
                    return try PGConnection(connectionString, logger: logger, statementTimeout: statementTimeout)
                } catch {
                    openCount -= 1
                    wakeOne()
                    throw error
                }
            }
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    private func release(_ connection: PGConnection) {
        if closed {
            connection.close()
            openCount -= 1
        } else {
            idle.append(connection)
        }
        wakeOne()
    }

    private func wakeOne() {
        if !waiters.isEmpty { waiters.removeFirst().resume() }
    }
}

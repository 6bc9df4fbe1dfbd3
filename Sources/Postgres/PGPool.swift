import Foundation
import Logging

/// A small pool of connections for concurrent callers.
///
/// Each caller gets a connection of its own for the duration of `withConnection`; at most
/// `maximumConnections` are open at once and further callers wait their turn. A connection that
/// broke is kept and re-established on its next use.
///
/// Every connection has a thread of its own (`PGThread`), opened there and used there: the body
/// of `withConnection` runs with that thread as its task executor, so callers write plain blocking
/// store calls and never occupy Swift's concurrency pool with them.
public actor PGPool {
    public nonisolated let connectionString: String
    public nonisolated let maximumConnections: Int
    private let logger: Logger
    private var idle: [Pooled] = []
    private var openCount = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var closed = false

    /// A connection and the thread it is used on.
    private struct Pooled: Sendable {
        let connection: PGConnection
        let thread: PGThread
        func close() {
            connection.close()
            thread.shutdown()
        }
    }

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

    /// Lends a connection to `body`, on the connection's own thread, and takes it back afterwards,
    /// whatever happens.
    public nonisolated func withConnection<T>(_ body: (PGConnection) async throws -> T) async throws -> T {
        let pooled = try await acquire()
        return try await withTaskExecutorPreference(pooled.thread) {
            do {
                let value = try await body(pooled.connection)
                await release(pooled)
                return value
            } catch {
                await release(pooled)
                throw error
            }
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
        for pooled in idle { pooled.close() }
        openCount -= idle.count
        idle.removeAll()
    }

    private func acquire() async throws -> Pooled {
        while true {
            if closed { throw PGError(.usage, message: "the connection pool is closed") }
            if let pooled = idle.popLast() { return pooled }
            if openCount < maximumConnections {
                openCount += 1
                do {
                    return try await open()
                } catch {
                    openCount -= 1
                    wakeOne()
                    throw error
                }
            }
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    /// Opens a connection on a new thread of its own (connecting blocks, too).
    private nonisolated func open() async throws -> Pooled {
        let thread = PGThread(name: "petitions.pool")
        do {
            let connection = try await withTaskExecutorPreference(thread) {
                try PGConnection(connectionString, logger: logger, statementTimeout: statementTimeout)
            }
            return Pooled(connection: connection, thread: thread)
        } catch {
            thread.shutdown()
            throw error
        }
    }

    private func release(_ pooled: Pooled) {
        if closed {
            pooled.close()
            openCount -= 1
        } else {
            idle.append(pooled)
        }
        wakeOne()
    }

    private func wakeOne() {
        if !waiters.isEmpty { waiters.removeFirst().resume() }
    }
}
